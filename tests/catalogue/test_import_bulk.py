"""The bulk path of the workbook import (catalogue/bulk.py: create_pages) stores exactly what
the per-page Wagtail path stores. Each test imports the same workbook both ways (ImportJob.bulk)
and compares the rows: pages, specific rows, grades, status timeline, M2M, revisions' content,
audit log, and the English aliases made afterwards (in bulk by portal.translation.
create_english_aliases vs one by one by Wagtail's copy_for_translation / create_alias)."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, PageLogEntry, Revision

from catalogue import workbook as workbook_module
from catalogue.models import Batch, ProviderGrade, ProviderPage, SolutionPage, StatusChange
from catalogue.workbook import import_workbook
from portal import page_cache
from tests.catalogue import test_import as helpers

provider, solution = helpers.provider, helpers.solution
xlsx, index = helpers.xlsx, helpers.index  # fixtures

pytestmark = pytest.mark.django_db

VOLATILE = {
    "object_id",
    "id",
    "created_at",
    "timestamp",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "uuid",
    "translation_key",
}


def _rows():
    return [
        provider(1, 入选批次="2025年第3批", 年度评级="优秀", 评级年度=2025),
        provider(2, 服务行业="装备制造;化工", 细分类型=None),
        provider(3, 服务商名称="青岛海川工业互联网有限公司", 所在地区="青岛"),
        # Several terms, listed against their order.
        provider(
            4,
            服务商类别="数字化生产服务商;数字化咨询服务商",
            细分类型="能源管理服务商;咨询规划服务商",
            服务行业="化工;装备制造",
        ),
    ]


def _solutions():
    from portal.identifiers import make_uscc

    return [
        solution(make_uscc(70_001), 1),
        solution(make_uscc(70_001), 2, 适用行业="装备制造;化工"),
        solution(make_uscc(70_003), 3, **{"参考价格（万元）": None}),
    ]


def snapshot() -> dict:
    """Every row the import writes, with ids replaced by (locale, url_path) and volatile
    values (timestamps, uuids) left out."""
    pages = {p.pk: (p.locale.language_code, p.url_path) for p in Page.objects.all()}
    revisions = {r.pk: ("revision", pages.get(int(r.object_id))) for r in Revision.objects.all()}
    translation_keys = {}
    for page in Page.objects.order_by("path"):
        translation_keys.setdefault(page.translation_key, len(translation_keys))

    def clean(values: dict, refs=()) -> tuple:
        out = {}
        for key, value in values.items():
            if key in VOLATILE:
                continue
            if key in refs and value is not None:
                value = refs[key].get(value, value) if isinstance(refs[key], dict) else value
            out[key] = value
        first = ("page_ptr_id", "page_id", "provider_id", "locale_id", "url_path", "action")
        return tuple(
            sorted(((k, repr(v)) for k, v in out.items()), key=lambda kv: (kv[0] not in first, kv))
        )

    # Terms the import creates (a new batch) get other ids on PostgreSQL after a rollback.
    batches = {b.pk: b.name for b in Batch.objects.all()}

    def content(data: dict) -> dict:
        data = dict(data)
        data["batch"] = batches.get(data.get("batch"), data.get("batch"))
        for key in ("pk", "page_ptr", "latest_revision", "live_revision"):
            if key in data:
                data[key] = pages.get(data[key], revisions.get(data[key]))
        data["translation_key"] = translation_keys.get(uuid.UUID(data["translation_key"]))
        for name in ("grades", "status_changes"):
            for child in data.get(name, []):
                child.pop("pk", None)
                child["provider"] = pages.get(child["provider"])
        for key in VOLATILE:
            data.pop(key, None)
        return data

    refs = {
        "page_id": pages,
        "page_ptr_id": pages,
        "batch_id": batches,
        "alias_of_id": pages,
        "provider_id": pages,
        "providerpage_id": pages,
        "solutionpage_id": pages,
        "latest_revision_id": revisions,
        "live_revision_id": revisions,
        "revision_id": revisions,
    }
    result = {
        "pages": sorted(
            clean({**p, "tk": translation_keys[p["translation_key"]]}, refs)
            for p in Page.objects.values()
        ),
        "providers": sorted(
            clean(p, refs) for p in ProviderPage.objects.values(*_own(ProviderPage))
        ),
        "solutions": sorted(
            clean(p, refs) for p in SolutionPage.objects.values(*_own(SolutionPage))
        ),
        "grades": sorted(clean(g, refs) for g in ProviderGrade.objects.values()),
        "status": sorted(clean(s, refs) for s in StatusChange.objects.values()),
        "revisions": sorted(
            (
                pages.get(int(r.object_id)),
                r.content_type_id,
                r.base_content_type_id,
                r.user_id,
                r.object_str,
                repr(sorted(content(r.content).items())),
            )
            for r in Revision.objects.all()
        ),
        "log": sorted(
            clean({**e, "data": _page_ids(e["data"], pages)}, refs)
            for e in PageLogEntry.objects.values()
        ),
    }
    for model, names in (
        (ProviderPage, ("categories", "subtypes", "industries")),
        (SolutionPage, ("industries",)),
    ):
        for name in names:
            through = model._meta.get_field(name).remote_field.through
            result[f"{model.__name__}.{name}"] = sorted(
                clean(row, refs) for row in through.objects.values()
            )
    return result


def _page_ids(data, pages: dict):
    """A log entry's data ({"page": {"id": …}, "source": …}) with page ids as paths."""
    if not isinstance(data, dict):
        return data
    return {
        key: {**value, "id": pages.get(value.get("id"))} if isinstance(value, dict) else value
        for key, value in data.items()
    }


def _diff(bulk: list, legacy: list) -> list:
    """The differing fields of the rows that differ (bulk vs per-page), for a readable failure."""
    out = []
    for b, w in zip(bulk, legacy, strict=False):
        if b != w:
            b, w = dict(b), dict(w)
            out.append({k: (b.get(k), w.get(k)) for k in {*b, *w} if b.get(k) != w.get(k)})
    if len(bulk) != len(legacy):
        out.append(("rows", len(bulk), len(legacy)))
    return out


def _own(model):
    return [f.attname for f in model._meta.local_concrete_fields]


def _import(xlsx, *, bulk: bool, publish: bool, user=None):
    original = workbook_module.ImportJob.__init__

    def init(self, **kwargs):
        original(self, **kwargs)
        self.bulk = bulk

    workbook_module.ImportJob.__init__ = init
    try:
        result = import_workbook(
            xlsx(providers=_rows(), solutions=_solutions()), publish=publish, user=user
        )
    finally:
        workbook_module.ImportJob.__init__ = original
    assert result.ok, result.errors
    return result


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bulk-admin", "a@example.cn", "pw")


def _both_ways(xlsx, django_db_blocker, *, publish, user):
    """The snapshot after the per-page import, then after the bulk import of the same file."""
    from django.db import transaction

    snapshots = []
    for bulk in (False, True):
        with transaction.atomic():
            sid = transaction.savepoint()
            _import(xlsx, bulk=bulk, publish=publish, user=user)
            snapshots.append(snapshot())
            transaction.savepoint_rollback(sid)
    return snapshots


@pytest.mark.parametrize("publish", [False, True])
def test_bulk_import_stores_what_the_wagtail_path_stores(
    xlsx, index, editor, publish, django_db_blocker, monkeypatch
):
    from portal import translation

    original = translation._alias_into_synced_locales
    per_page = []

    def one_by_one(page, syncs):
        if page.locale.language_code == "zh-hans":
            per_page.append(page.pk)
        original(page, syncs)

    monkeypatch.setattr(translation, "_alias_into_synced_locales", one_by_one)
    legacy, bulk = _both_ways(xlsx, django_db_blocker, publish=publish, user=editor)
    assert len(per_page) == 7  # the per-page import only: the bulk one made its aliases in bulk
    assert len(bulk["revisions"]) == 7
    aliases = [p for p in bulk["pages"] if dict(p)["alias_of_id"] != "None"]
    assert len(aliases) == 2 + 7  # /home-en/, its providers index, the 7 new pages
    for key in legacy:
        assert _diff(bulk[key], legacy[key]) == [], key
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_alias_whose_slug_is_taken_gets_the_next_free_one_as_with_wagtail(
    xlsx, index, django_db_blocker
):
    """The alias writer reads only the wanted slugs under each English parent, and all of a
    parent's slugs only when one of them is taken; the result is Wagtail's."""
    from portal.factories import StandardPageFactory
    from portal.translation import sync_english_aliases

    sync_english_aliases()
    english_index = index.get_translation(Locale.objects.get(language_code="en"))
    slug = workbook_module.slug_for(provider(1)["服务商名称"], set(), fallback="provider")
    for taken in (slug, f"{slug}-1"):
        StandardPageFactory(parent=english_index, title="English only", slug=taken)
    legacy, bulk = _both_ways(xlsx, django_db_blocker, publish=False, user=None)
    for key in legacy:
        assert _diff(bulk[key], legacy[key]) == [], key
    _import(xlsx, bulk=True, publish=False)
    alias = ProviderPage.objects.get(
        locale__language_code="en", uscc=provider(1)["统一社会信用代码"]
    )
    assert alias.slug == f"{slug}-2"
    assert Page.find_problems() == ([], [], [], [], [])


def test_bulk_imported_tree_is_valid(xlsx, index):
    _import(xlsx, bulk=True, publish=False)
    assert Page.find_problems() == ([], [], [], [], [])
    index.refresh_from_db()
    assert index.numchild == index.get_children().count() == len(_rows())


def test_admin_edits_and_publishes_a_bulk_imported_draft(xlsx, index, client, editor):
    _import(xlsx, bulk=True, publish=False, user=editor)
    page = ProviderPage.objects.get(uscc=helpers.make_uscc(70_001), locale__language_code="zh-hans")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
    alias = page.get_translation(Locale.objects.get(language_code="en"))
    assert alias.alias_of_id == page.pk and not alias.live
    page.get_latest_revision().publish(user=editor)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert client.get(page.url).status_code == 200
    alias.refresh_from_db()
    assert alias.live and not alias.has_unpublished_changes  # Wagtail syncs aliases on publish

    # An edit published later reaches the alias too, child rows included.
    draft = page.get_latest_revision_as_object()
    draft.title = "青岛海川数智科技有限公司"
    draft.grades = [ProviderGrade(year=2025, grade="excellent")]
    draft.save_revision(user=editor).publish(user=editor)
    alias = ProviderPage.objects.get(pk=alias.pk)
    assert alias.title == "青岛海川数智科技有限公司"
    assert [(g.year, g.grade) for g in alias.grades.all()] == [(2025, "excellent")]
    assert alias.latest_grade == "excellent"
    assert client.get(alias.url).status_code == 200


def _found(title: str) -> set[int]:
    return {page.pk for page in ProviderPage.objects.search(title)}


def test_indexing_is_a_background_task_after_the_commit(
    xlsx, index, settings, django_capture_on_commit_callbacks
):
    """With a task backend that has workers (production: the database backend), the import
    returns once the pages are written; the search index follows in background tasks."""
    from catalogue.bulk import index_pages
    from catalogue.workbook import INDEXING_QUEUED

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = _import(xlsx, bulk=True, publish=True)
    assert any(getattr(c, "__qualname__", "").startswith("DeferredIndexing") for c in callbacks)
    assert result.indexing_queued and INDEXING_QUEUED in result.notes
    [queued] = index_pages.get_backend().results
    title = "青岛海川工业互联网有限公司"
    pages = set(ProviderPage.objects.filter(title=title).values_list("pk", flat=True))
    assert len(pages) == 2  # the Chinese page and its English alias
    assert _found(title) == set()  # not indexed yet
    version = page_cache.version()

    assert queued.task.call(*queued.args) >= 2 * 6  # what the worker runs (+ new parents)
    assert _found(title) == pages
    assert page_cache.version() != version  # no cached search page stays without them


def test_indexing_is_inline_with_the_immediate_backend(xlsx, index):
    result = _import(xlsx, bulk=True, publish=True)
    assert not result.indexing_queued and result.notes == []
    assert len(_found("青岛海川工业互联网有限公司")) == 2


@pytest.mark.parametrize("publish", [False, True])
def test_bulk_import_queries_do_not_grow_with_the_rows(xlsx, index, settings, publish):
    """Writing 4 or 16 providers (each with two solutions, grades and several industries) takes
    about the same number of queries: nothing is read or written once per page. The indexing is left
    to its background task here (its own test counts it: tests/search/test_bulk_indexing.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.identifiers import make_uscc

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def queries(first: int, count: int) -> int:
        numbers = range(first, first + count)
        providers = [
            provider(n, 服务行业="装备制造;化工", 年度评级="优秀", 评级年度=2025) for n in numbers
        ]
        solutions = [solution(make_uscc(70_000 + n), 2 * n + i) for n in numbers for i in (0, 1)]
        path = xlsx(providers=providers, solutions=solutions)
        before = Page.objects.count()
        with CaptureQueriesContext(connection) as captured:
            result = import_workbook(path, publish=publish)
        assert result.ok
        assert Page.objects.count() - before >= 2 * 3 * count  # the pages and their aliases
        return len(captured)

    queries(300, 1)  # the first import also makes the English home and directory aliases
    # 12 more providers (36 more pages, 36 more aliases): at most a few more statements, where
    # a multi-row INSERT splits into batches (SQLite allows 999 parameters per statement).
    assert queries(100, 16) - queries(200, 4) <= 3


def test_a_renamed_provider_reindexes_its_solutions_and_cases_once_at_the_end(xlsx, index, home):
    """Solutions and cases are found by their provider's name. An import that renames a
    provider re-indexes them (in bulk, with the rest of the import's pages)."""
    from cases.factories import CaseIndexPageFactory, CasePageFactory
    from cases.models import CasePage

    code = helpers.make_uscc(70_001)
    first = xlsx(providers=[provider(1)], solutions=[solution(code, 1)])
    assert import_workbook(first, publish=True).ok
    chinese = ProviderPage.objects.get(uscc=code, locale__language_code="zh-hans")
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home), providers=[chinese])
    case.save_revision().publish()

    renamed = xlsx(providers=[provider(1, 服务商名称="烟台明德工业软件有限公司")])
    assert import_workbook(renamed, publish=True).ok

    solutions = SolutionPage.objects.live().search("明德工业软件")
    assert [s.title for s in solutions if s.locale.language_code == "zh-hans"] == [
        "数字化车间规划服务1"
    ]
    assert [c.pk for c in CasePage.objects.live().search("明德工业软件")] == [case.pk]
