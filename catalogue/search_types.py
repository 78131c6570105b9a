"""Providers and solutions in the site search (search.registry)."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from search.registry import MatchedTexts, SearchType, field_label, own_fields, register

from . import taxonomy
from .directory import ProviderListing, SolutionListing
from .models import (
    ProviderIndexPage,
    ProviderPage,
    Region,
    SolutionIndexPage,
    SolutionPage,
    Status,
)


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


def load_term_keys(objects, fields) -> None:
    """Read the taxonomy terms each of ``objects`` (of one model) points at through ``fields``
    (foreign keys or many-to-many fields to a taxonomy model), as their translation keys in
    the terms' own order: ``obj.term_keys[field]``. One query for the foreign keys and one per
    many-to-many field: the ORM's prefetch makes each related term (and, for a page's
    many-to-many field, a cluster of them) an object, 10 ms for a page of results."""
    if not objects:
        return
    model = type(objects[0])
    found = {obj.pk: {} for obj in objects}
    fields = [model._meta.get_field(name) for name in fields]
    singles = [field.name for field in fields if not field.many_to_many]
    if singles:
        keys = [f"{name}__translation_key" for name in singles]
        for pk, *values in model.objects.filter(pk__in=list(found)).values_list("pk", *keys):
            found[pk].update((name, [v]) for name, v in zip(singles, values, strict=True) if v)
    for field in fields:
        if field.many_to_many:
            # From the terms' side, in their default order, as ``obj.field.all()`` lists them.
            reverse = field.related_query_name()
            rows = field.related_model.objects.filter(**{f"{reverse}__in": list(found)})
            for pk, key in rows.values_list(reverse, "translation_key"):
                found[pk].setdefault(field.name, []).append(key)
    for obj in objects:
        loaded = obj.__dict__.setdefault("term_keys", {})
        loaded.update({field.name: found[obj.pk].get(field.name, []) for field in fields})


def term_names(obj, name: str) -> str:
    """The names of the terms ``obj`` points at through its field ``name`` (read by
    :func:`load_term_keys`, or here for this object alone)."""
    if name not in obj.__dict__.get("term_keys", {}):
        load_term_keys([obj], [name])
    terms = type(obj)._meta.get_field(name).related_model
    return names_of(terms, obj.term_keys[name])


def names_of(terms, keys) -> str:
    """The names of terms of the model ``terms`` by their translation keys, in the active
    language, each followed by the Chinese name the index holds where they differ (Qingdao
    (青岛市)): what a Chinese query found."""
    chinese = taxonomy.localized_names(terms, settings.LANGUAGE_CODE)
    shown = taxonomy.localized_names(terms)
    names = []
    for key in keys:
        name_zh = chinese.get(str(key), "")
        local = shown.get(str(key), "") or name_zh
        if local and name_zh and local != name_zh:
            local = f"{local} ({name_zh})"
        if local:
            names.append(local)
    return gettext("、").join(names)


PROVIDER_TERMS = ("region", "subtypes", "categories", "industries")


def _provider_label(name):
    return field_label(ProviderPage, name)


def _solution_label(name):
    return field_label(SolutionPage, name)


def _load_provider_terms(providers) -> None:
    load_term_keys(providers, PROVIDER_TERMS)
    prefetch_related_objects(providers, "batch")


PROVIDER_MATCHED = (
    # Its own fields first (the introduction beyond the snippet too): no query.
    own_fields(ProviderPage, ("address", "uscc", "introduction")),
    MatchedTexts(
        lambda provider: [
            *((_provider_label(name), term_names(provider, name)) for name in PROVIDER_TERMS),
            (_("评级与入选批次"), provider.badges()),
        ],
        load=_load_provider_terms,
    ),
)


def _load_solution_providers(solutions) -> None:
    """The solutions' providers' names and cities, read as values (a page of provider pages
    costs more to make than the rest of the search together)."""
    steplen = SolutionPage.steplen
    providers = ProviderPage.objects.filter(
        path__in={solution.path[:-steplen] for solution in solutions}
    ).values_list("path", "title", "region__translation_key")
    found = {path: (title, region) for path, title, region in providers}
    for solution in solutions:
        solution.matched_provider = found.get(solution.path[:-steplen], ("", None))


def _solution_provider_texts(solution) -> list[tuple]:
    if "matched_provider" not in solution.__dict__:
        _load_solution_providers([solution])
    name, region = solution.matched_provider
    return [(_("服务商"), name), (_provider_label("region"), names_of(Region, [region]))]


SOLUTION_MATCHED = (
    own_fields(SolutionPage, ("scenarios", "features", "description")),
    # Mostly where a solution is found by a place or a company's name.
    MatchedTexts(_solution_provider_texts, load=_load_solution_providers),
    MatchedTexts(
        lambda solution: [
            (_solution_label(name), term_names(solution, name))
            for name in ("category", "industries")
        ],
        load=lambda solutions: load_term_keys(solutions, ("category", "industries")),
    ),
)


def removed_provider_paths() -> list[str]:
    """The tree paths of the removed providers: they and their solutions are left out of the
    listings until the visitor asks for them."""
    return list(ProviderPage.objects.filter(status=Status.REMOVED).values_list("path", flat=True))


def register_search_types() -> None:
    register(
        SearchType(
            key="provider",
            # A tab of many, where 服务商 alone is one provider (服务商：…).
            label=pgettext_lazy("search result type", "服务商"),
            listing_class=ProviderListing,
            index_page=_index_page(ProviderIndexPage),
            snippet_text=lambda provider: provider.introduction,
            order=10,
            api_fields=lambda provider: {"uscc": provider.uscc},
            natural_key=lambda provider: provider.uscc,
            visible_text=provider_text,
            matched=PROVIDER_MATCHED,
            unlisted_paths=removed_provider_paths,
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
            matched=SOLUTION_MATCHED,
            unlisted_paths=removed_provider_paths,
        )
    )
