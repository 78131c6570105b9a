"""Annual lists (年度优质服务商名单): grouping, links, the index by year, downloads."""

import csv
import io

import openpyxl
import pytest
from wagtail.models import Page

from catalogue import taxonomy
from catalogue.factories import (
    AnnualListEntryFactory,
    AnnualListIndexPageFactory,
    AnnualListPageFactory,
)
from catalogue.models import Category
from tests.catalogue.catalogue_helpers import (
    make_provider,
    publish,
    sync_english_aliases,
    visible_text,
)

pytestmark = pytest.mark.django_db


def category(slug):
    return taxonomy.canonical(Category).get(slug=slug)


@pytest.fixture
def list_index(home):
    return publish(AnnualListIndexPageFactory(parent=home))


@pytest.fixture
def annual_list(list_index, provider_index):
    names = ["研发优秀甲", "咨询合格乙", "咨询优秀丙", "生产优秀丁", "下线优秀戊", "咨询优秀己"]
    providers = {name: make_provider(provider_index, title=name) for name in names}
    sync_english_aliases(list(providers.values()))
    page = AnnualListPageFactory(parent=list_index, year=2025)
    # Entered out of order on purpose.
    for name, slug, grade in [
        ("研发优秀甲", "rnd", "excellent"),
        ("咨询合格乙", "consulting", "qualified"),
        ("咨询优秀丙", "consulting", "excellent"),
        ("生产优秀丁", "production", "excellent"),
        ("下线优秀戊", "production", "excellent"),
        ("咨询优秀己", "consulting", "excellent"),
    ]:
        AnnualListEntryFactory(
            annual_list=page, provider=providers[name], category=category(slug), grade=grade
        )
    publish(page)
    Page.objects.get(pk=providers["下线优秀戊"].pk).specific.unpublish()
    return page


def test_entries_are_grouped_by_grade_then_category(client, annual_list):
    response = client.get("/annual-lists/2025/")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g["label"] for g in groups] == ["优秀", "合格"]
    assert [[c["name"] for c in g["categories"]] for g in groups] == [
        ["数字化咨询服务商", "数字化研发服务商", "数字化生产服务商"],
        ["数字化咨询服务商"],
    ]
    assert [e["name"] for e in groups[0]["categories"][0]["entries"]] == [
        "咨询优秀丙",
        "咨询优秀己",
    ]
    html = response.content.decode()
    headings = ['<h2 id="grade-excellent">优秀（5 家）', '<h2 id="grade-qualified">合格（1 家）']
    order = [
        html.index(s)
        for s in [headings[0], "咨询优秀丙", "研发优秀甲", "生产优秀丁", headings[1], "咨询合格乙"]
    ]
    assert order == sorted(order)


def test_entries_link_to_live_providers_only(client, annual_list):
    html = client.get("/annual-lists/2025/").content.decode()
    assert '">研发优秀甲</a>' in html
    assert "<span>下线优秀戊</span>" in html
    assert ">下线优秀戊</a>" not in html


def test_the_english_list_links_to_the_english_provider_pages(client, annual_list):
    response = client.get("/en/annual-lists/2025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/en/providers/' in html and "Digital consulting providers" in html
    assert 'href="/providers/' not in html.split('id="main"')[1]


def test_the_index_lists_the_lists_newest_first(client, list_index, annual_list):
    older = AnnualListPageFactory(parent=list_index, year=2024)
    publish(older)
    response = client.get("/annual-lists/")
    assert [p.year for p in response.context["lists"]] == [2025, 2024]
    text = visible_text(response.content.decode())
    assert text.index("2025年度优质服务商名单") < text.index("2024年度优质服务商名单")


def test_each_list_downloads_as_csv_and_xlsx(client, annual_list):
    html = client.get("/annual-lists/2025/").content.decode()
    assert 'href="/annual-lists/2025/export/csv/"' in html
    assert 'href="/annual-lists/2025/export/xlsx/"' in html

    response = client.get("/annual-lists/2025/export/csv/")
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "年度",
        "评级",
        "服务商类别",
        "服务商名称",
        "统一社会信用代码",
        "所在地区",
        "备注",
    ]
    assert [(r[1], r[2], r[3]) for r in rows[1:3]] == [
        ("优秀", "数字化咨询服务商", "咨询优秀丙"),
        ("优秀", "数字化咨询服务商", "咨询优秀己"),
    ]
    offline = next(r for r in rows if r[3] == "下线优秀戊")
    assert offline[4] == ""  # no details of an unpublished provider
    assert "filename*=UTF-8''" in response["Content-Disposition"]

    xlsx = client.get("/annual-lists/2025/export/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 7 and sheet["D2"].value == "咨询优秀丙"
    assert client.get("/annual-lists/2025/export/json/").status_code == 404
