"""The cases' demo data (cases/demo.py, run by ``manage.py load_demo_data`` after the
catalogue's).

The catalogue's demo takes about a minute (tests/catalogue/test_demo.py runs the whole command),
so this module gives the generator a small pool of its own: two providers in each of the ten
categories, covering every subtype, with solutions; a removed provider that it must never use;
and the 2025 annual list. The generator runs twice inside one transaction that is rolled back
when the module is done; the tests read what the runs left.
"""

import datetime
import io
import random
import re
import time
from collections import Counter

import pytest
from django.apps import apps
from django.db import transaction
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision

from cases import demo
from cases.models import (
    CaseIndexPage,
    CasePage,
    ConferenceIndexPage,
    ConferencePage,
    PilotKind,
    PilotZone,
    Promotion,
    PromotionCatalogPage,
)
from catalogue import demo_text as catalogue_text
from catalogue.factories import (
    AnnualListIndexPageFactory,
    AnnualListPageFactory,
    ProviderIndexPageFactory,
    SolutionIndexPageFactory,
)
from catalogue.models import Category, ProviderPage, Status, Subtype
from portal.factories import chinese_home
from portal.translation import sync_english_aliases
from tests.catalogue.catalogue_helpers import make_provider, make_solution, publish

pytestmark = pytest.mark.django_db

SEED = "2025:cases"  # what load_demo_data gives the cases generator by default
CITIES = list(catalogue_text.SHANDONG_CITIES)
INDUSTRIES = list(catalogue_text.INDUSTRY_TEXT)
SCENARIO_TERMS = {
    "equipment-management": ("点检", "预测性维护"),
    "quality-management": ("SPC", "视觉"),
    "energy-management": ("分项", "计量"),
    "warehousing-logistics": ("WMS", "AGV"),
    "marketing-management": ("CRM", "私域", "经销商"),
    "finance-management": ("业财一体化", "费控"),
    "production-management": ("MES",),
    "planning-scheduling": ("APS",),
    "digital-twin": ("数字孪生",),
    "artificial-intelligence": ("模型",),
    "supply-chain-management": ("SRM",),
    "iot-integration": ("网关",),
}


def make_pool() -> dict:
    home = chinese_home()
    provider_index = publish(ProviderIndexPageFactory(parent=home))
    publish(SolutionIndexPageFactory(parent=home))
    annual_index = publish(AnnualListIndexPageFactory(parent=home))
    annual_list = publish(AnnualListPageFactory(parent=annual_index, year=2025))

    n = 0
    zh = Locale.get_default()
    for category in Category.objects.filter(locale=zh).order_by("number"):
        subtypes = list(Subtype.objects.filter(category=category).values_list("slug", flat=True))
        keys = subtypes or [category.slug]  # SUBTYPE_TEXT keys a category without subtypes
        for k in range(2):
            n += 1
            provider = make_provider(
                provider_index,
                title=f"山东演示{category.number}{k}数字科技有限公司",
                categories=(category.slug,),
                subtypes=subtypes,
                industries=(INDUSTRIES[n % len(INDUSTRIES)], INDUSTRIES[(n * 7) % len(INDUSTRIES)]),
                region=CITIES[n % len(CITIES)],
            )
            products = {catalogue_text.SUBTYPE_TEXT[key].products[0] for key in keys}
            for product in sorted(products) if k == 0 else sorted(products)[:1]:
                make_solution(
                    provider,
                    title=f"演示{category.number}{k}{product}方案",
                    slug=product,
                    category=category.slug,
                    is_xkqz=k == 0,
                )
    removed = make_provider(
        provider_index,
        title="已清退演示科技有限公司",
        categories=list(Category.objects.filter(locale=zh).values_list("slug", flat=True)),
        subtypes=list(Subtype.objects.filter(locale=zh).values_list("slug", flat=True)),
        changes=[
            (datetime.date(2025, 3, 20), Status.SELECTED, "经评审入选"),
            (datetime.date(2026, 5, 20), Status.REMOVED, "整改期满复核仍不合格，清退出资源池"),
        ],
    )
    make_solution(
        removed, title="已清退服务商的方案", slug="mes", category="production", is_xkqz=True
    )
    sync_english_aliases()
    return {"removed": removed, "annual_list": annual_list}


def snapshot() -> dict:
    cases_models = apps.get_app_config("cases").get_models()
    counts = {model._meta.label: model.objects.count() for model in cases_models}
    counts.update(
        pages=Page.objects.count(),
        revisions=Revision.objects.count(),
        log_entries=PageLogEntry.objects.count(),
        references=ReferenceIndex.objects.count(),
    )
    return {
        "counts": counts,
        "latest_revisions": dict(Page.objects.values_list("pk", "latest_revision_id")),
    }


@pytest.fixture(scope="module")
def runs(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        result = {"pool": make_pool()}
        for run in ("first", "second"):
            out = io.StringIO()
            started = time.perf_counter()
            summary = demo.generate(rng=random.Random(SEED), stdout=out)
            summary["aliases afterwards"] = sync_english_aliases()  # as the command does
            result[run] = {
                "seconds": time.perf_counter() - started,
                "summary": summary,
                "output": out.getvalue(),
                **snapshot(),
            }
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def cases(runs):
    return CasePage.objects.filter(locale=Locale.get_default(), alias_of__isnull=True)


def test_two_years_of_cases_spread_over_industries_cities_and_scenarios(cases):
    assert cases.count() >= 80
    years = Counter(cases.values_list("year", flat=True))
    assert set(years) == {2024, 2025} and min(years.values()) >= 30
    industries = set(cases.values_list("client_industry__slug", flat=True))
    assert len(industries) >= 10
    assert set(cases.values_list("client_region__slug", flat=True)) == set(CITIES)
    assert cases.exclude(scenario=None).values("scenario").distinct().count() >= 20
    assert cases.values("category").distinct().count() == 10
    assert len(set(cases.values_list("client_size", flat=True))) == 4
    assert not cases.filter(live=False).exists()
    assert not cases.filter(has_unpublished_changes=True).exists()


def test_every_case_links_live_providers_of_its_category_and_their_solutions(runs, cases):
    removed = runs["pool"]["removed"]
    two = 0
    for case in cases.prefetch_related("providers__categories", "solutions"):
        providers = list(case.providers.all())
        assert providers, case.title
        two += len(providers) == 2
        assert len(providers) <= 2
        for provider in providers:
            assert provider.live and provider.status != Status.REMOVED, case.title
            assert provider.pk != removed.pk
            assert case.category_id in {c.pk for c in provider.categories.all()}, case.title
        if case.scenario_id:
            assert case.scenario.category_id == case.category_id
        parents = {provider.pk for provider in providers}
        for solution in case.solutions.all():
            assert solution.get_parent().pk in parents, case.title
    assert two >= 5  # sometimes two providers
    assert cases.filter(solutions__isnull=False).distinct().count() >= cases.count() * 0.7


def test_texts_are_concrete_varied_and_consistent_with_the_results(cases):
    titles = list(cases.values_list("year", "title"))
    assert len(set(titles)) == len(titles)
    assert len(set(cases.values_list("client_name", flat=True))) == cases.count()
    for field in ("challenge", "approach", "outcome"):
        values = list(cases.values_list(field, flat=True))
        assert len(set(values)) == len(values), field
        assert all(len(value) >= 60 for value in values), field
    openings = Counter(case.approach[:6] for case in cases)
    assert len(openings) >= 4
    for case in cases.prefetch_related("results"):
        results = list(case.results.all())
        assert 2 <= len(results) <= 4, case.title
        for result in results:
            assert result.before is not None and result.before != result.after
            assert result.indicator in case.outcome, (case.title, result.indicator)
            assert f"{result.after.normalize():f}{result.unit}" in case.outcome
    # What was done is specific to the scenario.
    seen = set()
    for case in cases.select_related("scenario"):
        terms = SCENARIO_TERMS.get(case.scenario.slug if case.scenario else "")
        if terms:
            seen.add(case.scenario.slug)
            assert any(term in case.approach for term in terms), (case.title, terms)
    assert len(seen) >= 8


def test_referee_contacts_are_fictional_and_never_public(client, cases):
    for case in cases:
        assert re.fullmatch(
            r"[\u4e00-\u9fff]{1,2}(经理|主任|部长|总监|科长|副总经理)", case.referee_name
        )
        assert re.fullmatch(r"0\d{2,3}-[5-9]\d{6,7}", case.referee_phone)
    phones = set(cases.values_list("referee_phone", flat=True))
    # Every Chinese case page, some of their English aliases (the same content), the listings
    # and the conference pages.
    pages = [*cases, *CasePage.objects.filter(alias_of__in=cases).order_by("pk")[:10]]
    pages += [*ConferencePage.objects.all(), *CaseIndexPage.objects.all()]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert not any(phone in html for phone in phones), page.url
        if isinstance(page, CasePage):
            assert page.client_name in html
            assert page.specific.referee_name not in html


def test_section_pages_and_conferences(runs):
    zh = Locale.get_default()
    home = chinese_home()
    sections = {page.slug: page.specific for page in home.get_children().live()}
    assert (
        isinstance(sections["cases"], CaseIndexPage) and sections["cases"].title == "典型场景案例"
    )
    assert isinstance(sections["conferences"], ConferenceIndexPage)
    assert isinstance(sections["promotion"], PromotionCatalogPage)
    assert sections["cases"].intro.startswith("<p>")
    conferences = {c.year: c for c in ConferencePage.objects.filter(locale=zh, live=True)}
    assert set(conferences) == {2024, 2025}
    assert conferences[2025].annual_list_id == runs["pool"]["annual_list"].pk
    for conference in conferences.values():
        assert conference.place.startswith("济南") and conference.date
        assert "<h3>" in conference.agenda and "<li>" in conference.agenda
        assert conference.get_parent().specific == sections["conferences"]
    english = Locale.objects.get(language_code="en")
    keys = [page.translation_key for page in (*sections.values(), *conferences.values())]
    assert Page.objects.filter(locale=english, translation_key__in=keys).count() == len(keys)


def test_three_pilots_with_english_twins_and_promotions_for_two_years(runs):
    removed = runs["pool"]["removed"]
    pilots = PilotZone.objects.filter(locale=Locale.get_default())
    assert sorted(pilots.values_list("kind", flat=True)) == sorted(PilotKind.values)
    for pilot in pilots:
        twin = PilotZone.objects.get(
            translation_key=pilot.translation_key, locale__language_code="en"
        )
        assert twin.slug == pilot.slug and twin.name.isascii() and twin.kind == pilot.kind
        for year in (2024, 2025):
            promotions = Promotion.objects.filter(pilot=pilot, year=year)
            assert 8 <= promotions.count() <= 15, (pilot.slug, year)
            assert all(p.note for p in promotions)
            assert not promotions.filter(solution__path__startswith=removed.path).exists()
            assert promotions.filter(solution__is_xkqz=True).exists()


def test_a_second_run_changes_nothing(runs):
    first, second = runs["first"], runs["second"]
    assert first["summary"]["cases created"] >= 80
    assert second["counts"] == first["counts"]
    assert second["latest_revisions"] == first["latest_revisions"]
    summary = second["summary"]
    for key, value in summary.items():
        if key not in ("cases", "promotions"):
            assert value == 0, key


def test_a_run_puts_back_an_edited_case(runs, cases):
    case = cases.order_by("pk").first()
    title, approach = case.title, case.approach
    case.approach = "编辑改写的实施内容。"
    case.providers = []
    case.save_revision().publish()
    revisions = Revision.objects.count()

    demo.generate(rng=random.Random(SEED), stdout=io.StringIO())

    case = CasePage.objects.get(pk=case.pk)
    assert case.title == title and case.approach == approach and case.providers.exists()
    assert Revision.objects.count() == revisions + 1
    assert not ProviderPage.objects.filter(cases=case, status=Status.REMOVED).exists()
