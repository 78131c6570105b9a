"""Providers and solutions in the site search (search.registry)."""

from django.utils.translation import gettext_lazy as _

from search.registry import SearchType, register

from .directory import ProviderListing, SolutionListing
from .models import ProviderIndexPage, SolutionIndexPage


def _index_page(model):
    def find(locale):
        return model.objects.live().filter(locale=locale).first()

    return find


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
        )
    )
