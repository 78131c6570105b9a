"""The 典型案例 sheet of the workbook import: validation, nothing written on error, idempotency,
links to providers in the workbook or on the site."""

import pytest
from wagtail.models import Revision

from cases.models import CasePage
from cases.workbook import NO_CASE_INDEX
from catalogue.models import Subtype
from catalogue.workbook import import_workbook
from portal.identifiers import make_uscc
from tests.catalogue.catalogue_helpers import term
from tests.catalogue.test_import import provider as provider_row

pytestmark = pytest.mark.django_db

HEADERS = [
    "案例名称",
    "年度",
    "服务商统一社会信用代码",
    "应用企业",
    "所属行业",
    "所在地区",
    "应用场景",
    "实施内容",
    "实施成效",
]


def case_row(code: str, n: int = 1, **values) -> dict:
    row = {
        "案例名称": f"德州东岳钢铁售后服务管理典型场景{n}",
        "年度": 2025,
        "服务商统一社会信用代码": code,
        "应用企业": "德州东岳钢铁有限公司",
        "所属行业": "钢铁",
        "所在地区": "德州市",
        "应用场景": "售后管理服务商",
        "实施内容": "引入售后服务管理系统，打通报修、派工、备件各环节数据。",
        "实施成效": "平均响应时间由8小时缩短至2小时。",
    }
    row.update(values)
    return row


def cases(*rows: dict) -> list[list]:
    return [HEADERS, *[[row.get(h) for h in HEADERS] for row in rows]]


def test_cases_link_providers_from_the_same_workbook(provider_index, case_index, xlsx):
    supplier = provider_row(1)
    result = import_workbook(
        xlsx(providers=[supplier], 典型案例=cases(case_row(supplier["统一社会信用代码"])))
    )

    assert result.ok, result.summary_lines()
    assert result.counts["典型案例"].created == 1
    case = CasePage.objects.get(locale__language_code="zh-hans")
    assert not case.live  # a draft, for review
    assert case.client_region.name == "德州市"
    assert case.scenario == term(Subtype, "after-sales-management")
    assert case.category.slug == "operations"
    assert [p.uscc for p in case.providers.all()] == [supplier["统一社会信用代码"]]
    assert case.get_parent().pk == case_index.pk


def test_reimporting_the_same_file_changes_nothing_and_a_change_updates_in_place(
    provider, case_index, xlsx
):
    path = xlsx(典型案例=cases(case_row(provider.uscc)))
    assert import_workbook(path).ok
    revisions = Revision.objects.count()

    again = import_workbook(path)
    assert again.counts["典型案例"].unchanged == 1
    assert Revision.objects.count() == revisions

    changed = import_workbook(
        xlsx(典型案例=cases(case_row(provider.uscc, 实施成效="响应提速75%。")))
    )
    assert (changed.counts["典型案例"].updated, changed.counts["典型案例"].created) == (1, 0)
    case = CasePage.objects.get(locale__language_code="zh-hans")
    assert case.get_latest_revision_as_object().outcome == "响应提速75%。"


def test_every_problem_is_reported_and_nothing_is_written(provider, case_index, xlsx):
    unknown = make_uscc(99_999)
    rows = [
        case_row(provider.uscc, 1, 年度="去年"),
        case_row(provider.uscc, 2, 服务商统一社会信用代码="91370000ABC"),
        case_row(provider.uscc, 3, 服务商统一社会信用代码=unknown),
        case_row(provider.uscc, 4, 应用场景="不存在的场景"),
        case_row(provider.uscc, 5, 所在地区="火星"),
        case_row(provider.uscc, 6, 应用企业=""),
        case_row(provider.uscc, 7),
        case_row(provider.uscc, 7),
        case_row(provider.uscc, 9, 案例名称="长" * 300),
    ]
    result = import_workbook(xlsx(典型案例=cases(*rows)))

    assert not result.ok
    problems = {(p.row, p.column) for p in result.errors}
    assert {
        (2, "年度"),
        (3, "服务商统一社会信用代码"),
        (4, "服务商统一社会信用代码"),
        (5, "应用场景"),
        (6, "所在地区"),
        (7, "应用企业"),
        (9, "案例名称"),
        (10, "案例名称"),
    } <= problems
    assert any(unknown in p.reason for p in result.errors)
    assert CasePage.objects.count() == 0


def test_a_sheet_without_required_columns_or_without_a_case_listing(provider, home, xlsx):
    result = import_workbook(xlsx(典型案例=[["案例名称"], ["某案例"]]))
    reasons = [p.reason for p in result.errors]
    assert NO_CASE_INDEX in reasons
    assert "缺少必填列“年度”" in reasons
    assert CasePage.objects.count() == 0


def test_publish_and_dry_run(provider, case_index, xlsx):
    path = xlsx(典型案例=cases(case_row(provider.uscc)))
    dry = import_workbook(path, dry_run=True)
    assert dry.counts["典型案例"].created == 1
    assert CasePage.objects.count() == 0

    assert import_workbook(path, publish=True).ok
    assert CasePage.objects.get(locale__language_code="zh-hans").live
