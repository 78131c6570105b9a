"""The catalogue's demo data (catalogue/demo.py through ``manage.py load_demo_data``).

Generating the pool takes about a minute, so it is done once for the module: the fixture runs
the command twice inside one transaction that is rolled back when the module is done, and the
tests read what the runs left.
"""

import datetime
import io
import re
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision

from catalogue.demo_text import SHANDONG_CITIES
from catalogue.models import (
    AnnualListIndexPage,
    AnnualListPage,
    Batch,
    BlacklistEntry,
    Category,
    Grade,
    ProviderIndexPage,
    ProviderPage,
    Region,
    SolutionIndexPage,
    SolutionPage,
    Status,
)
from portal.identifiers import uscc_problem
from portal.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Counts of everything a run could add, plus each page's latest revision."""
    catalogue_models = apps.get_app_config("catalogue").get_models()
    counts = {model._meta.label: model.objects.count() for model in catalogue_models}
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
        result = {}
        for run in ("first", "second"):
            out = io.StringIO()
            call_command("load_demo_data", stdout=out)
            result[run] = {"output": out.getvalue(), **snapshot()}
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def zh(runs):
    return Locale.get_default()


@pytest.fixture
def providers(zh):
    return ProviderPage.objects.filter(locale=zh, alias_of__isnull=True)


@pytest.fixture
def solutions(zh):
    return SolutionPage.objects.filter(locale=zh, alias_of__isnull=True)


def test_the_pool_covers_every_category_city_and_other_provinces(providers):
    assert providers.count() >= 300
    categories = set(
        Category.objects.filter(providers__in=providers).values_list("slug", flat=True)
    )
    assert len(categories) == 10
    regions = Counter(providers.values_list("region__slug", flat=True))
    assert set(SHANDONG_CITIES) <= set(regions)
    outside = set(
        Region.objects.filter(slug__in=regions, locale__language_code="zh-hans")
        .exclude(province="山东省")
        .values_list("slug", flat=True)
    )
    assert len(outside) >= 3
    share = sum(regions[slug] for slug in outside) / providers.count()
    assert 0.05 <= share <= 0.12


def test_other_provinces_have_english_twins():
    for twin in Region.objects.exclude(province__in=["山东省", "Shandong"]).filter(
        locale__language_code="zh-hans"
    ):
        english = Region.objects.get(
            translation_key=twin.translation_key, locale__language_code="en"
        )
        assert english.slug == twin.slug and english.name.isascii()


def test_many_providers_have_two_categories_and_subtypes_belong_to_them(providers):
    several = 0
    for provider in providers.prefetch_related("categories", "subtypes"):
        categories = {c.pk for c in provider.categories.all()}
        several += len(categories) > 1
        assert all(s.category_id in categories for s in provider.subtypes.all()), provider.title
        assert provider.industries.exists()
    assert several >= providers.count() * 0.3


def test_solutions_belong_to_their_providers_categories(solutions):
    assert solutions.count() >= 600
    parents = {
        p.path: {c.pk for c in p.categories.all()}
        for p in ProviderPage.objects.prefetch_related("categories")
    }
    for solution in solutions:
        assert solution.category_id in parents[solution.path[: -Page.steplen]], solution.title
        assert solution.description and len(solution.feature_list) >= 3
        assert solution.industries.exists()
    xkqz = solutions.filter(is_xkqz=True).count() / solutions.count()
    assert 0.3 <= xkqz <= 0.5
    assert solutions.filter(reference_price__isnull=True).exists()  # 面议
    assert solutions.filter(is_standardised=True).exists()
    modes = set(solutions.values_list("deployment_mode", flat=True))
    assert {"saas", "private", "hybrid"} <= modes


def test_descriptions_name_acronyms_with_their_chinese_names(solutions):
    descriptions = " ".join(solutions.values_list("description", flat=True))
    for term in (
        "MES（制造执行系统）",
        "WMS（仓储管理系统）",
        "CRM（客户关系管理）",
        "ERP（企业资源计划）",
    ):
        assert term in descriptions
    assert re.search(r"[济青烟威潍淄][南岛台海坊博]、", descriptions)  # 服务烟台、威海地区…


def test_two_years_of_monthly_batches():
    batches = {(b.year, b.number): b for b in Batch.objects.all()}
    assert {key for key in batches if key[0] == 2025} == {(2025, n) for n in range(1, 13)}
    assert {key for key in batches if key[0] == 2026} == {(2026, n) for n in range(1, 11)}
    for (year, number), batch in batches.items():
        # Applications of month M are reviewed before the 15th of month M+1.
        next_month = datetime.date(year + (number == 12), number % 12 + 1, 15)
        assert batch.review_date < next_month
        assert batch.published_on > batch.review_date
        assert batch.providers.exists()


def test_status_timelines(providers):
    rectifying = providers.filter(status=Status.RECTIFYING)
    removed = providers.filter(status=Status.REMOVED)
    assert 3 <= rectifying.count() <= 8
    assert 2 <= removed.count() <= 5
    for provider in rectifying:
        latest = provider.status_changes.order_by("-date").first()
        assert latest.deadline and latest.deadline > latest.date and latest.reason
    for provider in removed:
        timeline = list(provider.status_changes.order_by("date"))
        statuses = [change.status for change in timeline]
        assert statuses[-3:] == [Status.SELECTED, Status.RECTIFYING, Status.REMOVED]
        assert all(change.reason for change in timeline)
        assert provider.live  # the page stays reachable (served with 410)


def test_grades(providers):
    graded_2025 = providers.filter(grades__year=2025).distinct()
    assert graded_2025.count() >= providers.count() * 0.4
    assert providers.filter(grades__year=2026).exists()
    assert providers.filter(latest_grade=Grade.EXCELLENT).exists()
    assert not providers.filter(grades__year=2025, grades__score__isnull=True).exists()


def test_blacklist_entry_is_not_in_the_pool(providers):
    entry = BlacklistEntry.objects.get()
    assert uscc_problem(entry.uscc) is None
    assert not ProviderPage.objects.filter(uscc=entry.uscc).exists()
    assert not providers.filter(title=entry.name).exists()
    assert entry.end_date == datetime.date(entry.start_date.year + 3, 12, 31)


def test_annual_list(providers):
    annual = AnnualListPage.objects.get(locale__language_code="zh-hans", year=2025)
    assert annual.title == "2025年度优质服务商名单"
    assert isinstance(annual.get_parent().specific, AnnualListIndexPage)
    entries = list(annual.entries.select_related("provider"))
    listed = {e.provider_id for e in entries}
    excellent = set(
        providers.filter(grades__year=2025, grades__grade=Grade.EXCELLENT).values_list(
            "pk", flat=True
        )
    )
    assert excellent and excellent <= listed
    assert any(e.grade == Grade.QUALIFIED for e in entries)
    for entry in entries:
        assert entry.provider.categories.filter(pk=entry.category_id).exists()


def test_section_pages_and_list_explanation(zh):
    home = HomePage.objects.get(locale=zh)
    sections = {page.slug: page.specific for page in home.get_children().live()}
    for slug, model, title in (
        ("providers", ProviderIndexPage, "服务商名录"),
        ("solutions", SolutionIndexPage, "解决方案"),
        ("annual-lists", AnnualListIndexPage, "年度名单"),
        ("about-the-list", StandardPage, "名单说明"),
    ):
        page = sections[slug]
        assert isinstance(page, model) and page.title == title and page.show_in_menus
    about = sections["about-the-list"]
    assert "heading" in [block.block_type for block in about.body]
    text = str(about.body)
    for term in ("申报中", "入选", "整改中", "已清退", "优秀", "合格", "不合格", "限期整改", "清退",
                 "取消当年评级评价资格"):  # fmt: skip
        assert term in text
    assert sections["providers"].intro.startswith("<p>")


def test_texts_are_varied_and_contacts_are_business_contacts(providers, solutions):
    titles = list(providers.values_list("title", flat=True))
    assert len(set(titles)) == len(titles)
    introductions = list(providers.values_list("introduction", flat=True))
    assert len(introductions) - len(set(introductions)) < 0.05 * len(introductions)
    # Not one template: the openings vary too.
    openings = Counter(
        re.sub(r"\d+", "#", introduction.replace(title, "X"))[:8]
        for title, introduction in providers.values_list("title", "introduction")
    )
    assert len(openings) >= 5
    assert openings.most_common(1)[0][1] < 0.5 * len(introductions)
    descriptions = list(solutions.values_list("description", flat=True))
    assert len(set(descriptions)) > 0.95 * len(descriptions)
    id_number = re.compile(r"(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])")
    for provider in providers:
        assert re.fullmatch(
            r"[\u4e00-\u9fff]{1,2}(经理|女士|先生|总监|主任|工)", provider.contact_name
        )
        assert re.fullmatch(r"0\d{2,3}-[5-9]\d{6,7}", provider.contact_phone)
        assert provider.website == "" or provider.website.endswith(".example.cn")
        assert not id_number.search(provider.introduction + provider.address)
    assert not any(id_number.search(d) for d in descriptions)


def test_pages_are_published_with_english_aliases(zh, providers, solutions):
    assert not providers.filter(live=False).exists()
    assert not solutions.filter(has_unpublished_changes=True).exists()
    english = Locale.objects.get(language_code="en")
    keys = set(providers.values_list("translation_key", flat=True))
    keys |= set(solutions.values_list("translation_key", flat=True))
    aliases = Page.objects.filter(locale=english, alias_of__isnull=False, translation_key__in=keys)
    assert aliases.count() == len(keys)


def test_search_and_reference_indexes_are_up_to_date(providers):
    provider = providers.order_by("pk").first()
    found = ProviderPage.objects.live().filter(locale=provider.locale).search(provider.title)
    assert provider.pk in {page.pk for page in found}
    category = provider.categories.first()
    assert ReferenceIndex.get_references_to(category).exists()


def test_a_second_run_changes_nothing(runs):
    first, second = runs["first"], runs["second"]
    assert second["counts"] == first["counts"]
    assert second["latest_revisions"] == first["latest_revisions"]
    assert "providers updated" in second["output"]
    assert re.search(r"providers created\s+0\b", second["output"])
    assert re.search(r"providers updated\s+0\b", second["output"])
    assert re.search(r"solutions updated\s+0\b", second["output"])


def test_a_run_puts_back_demo_content_that_was_edited(providers):
    provider = providers.filter(status=Status.SELECTED).order_by("pk").first()
    solution = SolutionPage.objects.child_of(provider).first().specific
    title, description = provider.title, solution.description
    industries = {industry.pk for industry in solution.industries.all()}
    provider.title = "改名后的服务商有限公司"
    provider.save_revision().publish()
    solution.description = "编辑改写的简介。"
    solution.industries = []
    solution.save_revision().publish()
    revisions = Revision.objects.count()

    call_command("load_demo_data", stdout=io.StringIO())

    # Fresh instances: refresh_from_db() keeps modelcluster's in-memory relations.
    provider = ProviderPage.objects.get(pk=provider.pk)
    solution = SolutionPage.objects.get(pk=solution.pk)
    assert provider.title == title and provider.live and not provider.has_unpublished_changes
    assert solution.description == description
    assert {industry.pk for industry in solution.industries.all()} == industries
    assert Revision.objects.count() == revisions + 2  # one per restored page, nothing else
    assert Page.objects.get(alias_of=provider).title == title  # the English alias follows
