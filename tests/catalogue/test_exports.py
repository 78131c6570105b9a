"""Downloads of the filtered lists: CSV (with BOM), XLSX and JSON in the import template's
columns, published content only."""

import csv
import datetime
import io
import json
from decimal import Decimal
from urllib.parse import quote

import openpyxl
import pytest
from django.utils import timezone
from wagtail.models import Page

from catalogue.exports import PROVIDER_COLUMNS, SOLUTION_COLUMNS
from catalogue.models import Status
from tests.catalogue.catalogue_helpers import (
    make_provider,
    make_solution,
    sync_english_aliases,
)

pytestmark = pytest.mark.django_db

# DESIGN.md §3, the editors' import template.
TEMPLATE_PROVIDER_COLUMNS = [
    "服务商名称",
    "统一社会信用代码",
    "所在地区",
    "服务商类别",
    "细分类型",
    "服务行业",
    "服务商简介",
    "联系人",
    "联系电话",
    "网址",
    "入选批次",
    "年度评级",
    "评级年度",
    "解决方案设计师人数",
]
TEMPLATE_SOLUTION_COLUMNS = [
    "解决方案名称",
    "服务商统一社会信用代码",
    "服务商类别",
    "适用行业",
    "部署方式",
    "参考价格（万元）",
    "小快轻准",
    "方案简介",
]


@pytest.fixture
def listed(provider_index, solution_index):
    first = make_provider(
        provider_index,
        title="潍坊智造咨询有限公司",
        categories=["consulting", "production"],
        subtypes=["planning", "quality-management"],
        industries=["chemicals", "equipment-manufacturing"],
        region="weifang",
        batch=(2025, 3),
        grades=[(2025, "excellent")],
        contact_name="李工",
        contact_phone="+86 536 1234 5678",
        website="https://zz.example.cn",
        designer_count=4,
        introduction="=提供咨询规划服务",
    )
    second = make_provider(provider_index, title="济南数研科技有限公司", categories=["rnd"])
    removed = make_provider(
        provider_index,
        title="清退科技有限公司",
        changes=[(datetime.date(2026, 2, 1), Status.REMOVED, "清退")],
    )
    draft = make_provider(provider_index, title="草稿科技有限公司")
    solutions = [
        make_solution(
            first,
            title="质量追溯系统",
            category="production",
            deployment_mode="private",
            reference_price=Decimal("12.50"),
            is_xkqz=True,
            industries=["chemicals"],
            description="覆盖来料到成品的质量追溯。",
        ),
        make_solution(
            second, title="研发协同云", category="rnd", deployment_mode="saas", reference_price=None
        ),
        make_solution(removed, title="清退方的方案"),
    ]
    sync_english_aliases([first, second, removed, draft, *solutions])
    Page.objects.get(pk=draft.pk).specific.unpublish()
    return {"first": first, "second": second}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_provider_csv_has_the_template_columns_and_the_filtered_rows(client, listed):
    response = client.get("/providers/export/csv/?category=consulting&region=weifang")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == TEMPLATE_PROVIDER_COLUMNS == PROVIDER_COLUMNS
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row == {
        "服务商名称": "潍坊智造咨询有限公司",
        "统一社会信用代码": listed["first"].uscc,
        "所在地区": "潍坊市",
        "服务商类别": "数字化咨询服务商；数字化生产服务商",
        "细分类型": "咨询规划服务商；质量管理服务商",
        "服务行业": "装备制造；化工",  # taxonomy order
        "服务商简介": "'=提供咨询规划服务",  # never a spreadsheet formula
        "联系人": "李工",
        "联系电话": "+86 536 1234 5678",
        "网址": "https://zz.example.cn",
        "入选批次": "2025年第3批",
        "年度评级": "优秀",
        "评级年度": "2025",
        "解决方案设计师人数": "4",
    }


def test_the_filename_is_dated_and_rfc5987_encoded(client, listed):
    response = client.get("/providers/export/csv/")
    today = timezone.localdate().isoformat()
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(f'服务商名录-{today}.csv')}" in disposition
    assert f'filename="providers-{today}.csv"' in disposition


def test_exports_hold_published_providers_in_the_pool_only(client, listed):
    names = [row[0] for row in csv_rows(client.get("/providers/export/csv/"))[1:]]
    assert sorted(names) == sorted(["潍坊智造咨询有限公司", "济南数研科技有限公司"])
    removed = [row[0] for row in csv_rows(client.get("/providers/export/csv/?status=removed"))[1:]]
    assert removed == ["清退科技有限公司"]


def test_the_export_follows_the_page_order(client, listed):
    page = client.get("/providers/?sort=name")
    exported = [row[0] for row in csv_rows(client.get("/providers/export/csv/?sort=name"))[1:]]
    assert exported == [p.title for p in page.context["results"]]


def test_provider_xlsx_opens_in_openpyxl(client, listed):
    response = client.get("/providers/export/xlsx/?grade=excellent")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    sheet = workbook["服务商"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == TEMPLATE_PROVIDER_COLUMNS
    assert rows[1][0] == "潍坊智造咨询有限公司"
    assert rows[1][6] == "=提供咨询规划服务"  # stored as text, not as a formula
    assert rows[1][12] == 2025 and rows[1][13] == 4
    assert len(rows) == 2


def test_provider_json_parses(client, listed):
    response = client.get("/providers/export/json/?q=&category=rnd")
    data = json.loads(body(response))
    assert data["columns"] == TEMPLATE_PROVIDER_COLUMNS
    assert [item["服务商名称"] for item in data["results"]] == ["济南数研科技有限公司"]
    assert data["results"][0]["服务商类别"] == "数字化研发服务商"


def test_solution_exports(client, listed):
    rows = csv_rows(client.get("/solutions/export/csv/"))
    assert rows[0] == TEMPLATE_SOLUTION_COLUMNS == SOLUTION_COLUMNS
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"质量追溯系统", "研发协同云"}  # not the removed provider's
    assert by_name["质量追溯系统"] == {
        "解决方案名称": "质量追溯系统",
        "服务商统一社会信用代码": listed["first"].uscc,
        "服务商类别": "数字化生产服务商",
        "适用行业": "化工",
        "部署方式": "私有化部署",
        "参考价格（万元）": "12.5",
        "小快轻准": "是",
        "方案简介": "覆盖来料到成品的质量追溯。",
    }
    assert (
        by_name["研发协同云"]["参考价格（万元）"] == ""
        and by_name["研发协同云"]["小快轻准"] == "否"
    )

    workbook = openpyxl.load_workbook(
        io.BytesIO(body(client.get("/solutions/export/xlsx/?xkqz=yes"))), read_only=True
    )
    xlsx_rows = list(workbook["解决方案"].iter_rows(values_only=True))
    assert [r[0] for r in xlsx_rows[1:]] == ["质量追溯系统"] and xlsx_rows[1][5] == 12.5

    data = json.loads(body(client.get("/en/solutions/export/json/?deployment=saas")))
    assert [(r["解决方案名称"], r["部署方式"]) for r in data["results"]] == [("研发协同云", "SaaS")]


def test_english_exports_use_the_canonical_chinese_vocabulary(client, listed):
    rows = csv_rows(client.get("/en/providers/export/csv/?region=weifang"))
    assert rows[1][2:4] == ["潍坊市", "数字化咨询服务商；数字化生产服务商"]
    assert rows[1][11] == "优秀"


def test_the_directory_links_its_downloads_with_the_current_filters(client, listed):
    html = client.get("/providers/?category=consulting&page=1").content.decode()
    assert "下载当前列表：" in html
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/providers/export/{fmt}/?category=consulting"' in html
    html = client.get("/solutions/?xkqz=yes").content.decode()
    assert 'href="/solutions/export/xlsx/?xkqz=yes"' in html


def test_an_unknown_format_is_not_found(client, listed):
    assert client.get("/providers/export/pdf/").status_code == 404
    assert client.get("/solutions/export/exe/").status_code == 404
