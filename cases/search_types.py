"""Cases in the site search (search.registry)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.models import ProviderPage, SolutionPage
from catalogue.search_types import load_term_keys, term_names
from search.registry import MatchedTexts, SearchType, field_label, own_fields, register

from .listing import CaseListing
from .models import CaseIndexPage, CasePage


def _index_page(locale):
    return CaseIndexPage.objects.live().filter(locale=locale).first()


def case_text(case) -> str:
    """What a visitor reads on a case page: the story, the client, the year, scenario and
    category badges, and the providers and solutions it links."""
    terms = (case.client_industry, case.client_region, case.scenario, case.category)
    names = [term.name for term in terms if term]
    story = [case.title, case.client_name, case.challenge, case.approach, case.outcome]
    return " ".join([*story, case.year_badge, *names, case.provider_search_text()])


def _label(name):
    return field_label(CasePage, name)


CASE_TERMS = ("client_region", "client_industry", "scenario", "category")


def _load_partners(cases) -> None:
    """The names of the live providers and solutions each case links, in two queries (what
    ``CasePage.provider_search_text`` indexes: a draft's name is never shown)."""
    pks = [case.pk for case in cases]
    names = {case.pk: {"providers": [], "solutions": []} for case in cases}
    for relation, model in (("providers", ProviderPage), ("solutions", SolutionPage)):
        rows = model.objects.live().filter(cases__in=pks).values_list("cases", "title")
        for case, title in rows.order_by("path"):
            names[case][relation].append(title)
    for case in cases:
        case.partner_names = names[case.pk]


def _partner_texts(case) -> list[tuple]:
    if "partner_names" not in case.__dict__:
        _load_partners([case])
    return [
        (_label(relation), gettext("、").join(case.partner_names[relation]))
        for relation in ("providers", "solutions")
    ]


CASE_MATCHED = (
    own_fields(CasePage, ("client_name", "challenge", "approach", "outcome")),
    MatchedTexts(lambda case: [(_label("year"), case.year_badge)]),
    MatchedTexts(
        lambda case: [(_label(name), term_names(case, name)) for name in CASE_TERMS],
        load=lambda cases: load_term_keys(cases, CASE_TERMS),
    ),
    MatchedTexts(_partner_texts, load=_load_partners),
)


def register_search_types() -> None:
    register(
        SearchType(
            key="case",
            label=_("典型案例"),
            listing_class=CaseListing,
            index_page=_index_page,
            snippet_text=lambda case: case.outcome or case.approach,
            order=30,
            api_fields=lambda case: {"year": case.year, "client_name": case.client_name},
            natural_key=lambda case: f"{case.year}/{case.title}",
            visible_text=case_text,
            matched=CASE_MATCHED,
        )
    )
