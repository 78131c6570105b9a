"""Providers and solutions in the site search (search.registry)."""

from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, register

from .directory import ProviderListing, SolutionListing
from .models import ProviderIndexPage, SolutionIndexPage


def _index_page(model):
    def find(locale):
        return model.objects.live().filter(locale=locale).first()

    return find


def _terms(*groups) -> str:
    return " ".join(term.name for group in groups for term in group)


def provider_text(provider) -> str:
    """What a visitor reads on a provider page: the name, code, introduction and address, the
    grade and batch badges, the city and the taxonomy's terms."""
    return " ".join(
        [
            provider.title,
            provider.uscc,
            provider.introduction,
            provider.address,
            provider.badges(),
            provider.region.name,
            _terms(provider.categories.all(), provider.subtypes.all(), provider.industries.all()),
        ]
    )


def solution_text(solution) -> str:
    provider = solution.get_parent().specific
    return " ".join(
        [
            solution.title,
            solution.description,
            solution.scenarios,
            solution.features,
            solution.category.name,
            _terms(solution.industries.all()),
            provider.title,
            provider.region.name,
        ]
    )


def register_search_types() -> None:
    register(
        SearchType(
            key="provider",
            label=_("服务商"),
            listing_class=ProviderListing,
            index_page=_index_page(ProviderIndexPage),
            snippet_text=lambda provider: provider.introduction,
            order=10,
            api_fields=lambda provider: {"uscc": provider.uscc},
            natural_key=lambda provider: provider.uscc,
            visible_text=provider_text,
        )
    )
    register(
        SearchType(
            key="solution",
            label=_("解决方案"),
            listing_class=SolutionListing,
            index_page=_index_page(SolutionIndexPage),
            snippet_text=lambda solution: solution.description,
            order=20,
            natural_key=lambda solution: f"{solution.get_parent().specific.uscc}/{solution.title}",
            visible_text=solution_text,
        )
    )
