"""The statistics page (数据概览) in both languages: SVG charts with their tables, the counting
rules, escaping, an empty site, a constant number of queries, and the demo page."""

import random
import re
from io import StringIO

import pytest
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Revision

from catalogue import taxonomy
from catalogue.models import Category
from overview import demo
from overview.models import OverviewPage
from tests.catalogue.catalogue_helpers import make_provider
from tests.overview.overview_helpers import build_content, overview_page_under

pytestmark = pytest.mark.django_db

CHARTS = ("categories", "regions", "years", "grades", "deployment", "cases", "certificates")


@pytest.fixture
def content(provider_index, case_index, training_index):
    return build_content(provider_index, case_index, training_index)


def tables(html: str) -> list[str]:
    return re.findall(r"<table>.*?</table>", html, re.S)


def test_the_chinese_page_has_a_chart_and_a_table_for_every_figure(client, content, overview_page):
    response = client.get("/overview/")
    assert response.status_code == 200
    html = response.content.decode()

    for slug in CHARTS:
        svg = re.search(rf'<svg class="overview-chart__svg"[^>]*chart-{slug}-title[^>]*>', html)
        assert svg, slug
        assert 'role="img"' in svg.group(0)
        assert f'aria-labelledby="chart-{slug}-title chart-{slug}-desc"' in svg.group(0)
        assert 'viewBox="0 0 360 ' in svg.group(0) and 'width="100%"' in svg.group(0)
        assert f'<title id="chart-{slug}-title">' in html
        assert f'<desc id="chart-{slug}-desc">' in html
        assert f'<caption id="chart-{slug}-caption">' in html
    assert len(tables(html)) == len(CHARTS)
    assert html.count("<figure") == html.count("<figcaption") == len(CHARTS)
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]

    category_table = tables(html)[0]
    assert '<th scope="col">服务商类别</th>' in category_table
    for name, count in (("数字化咨询服务商", 2), ("数字化评测服务商", 1)):
        row = rf'<th scope="row">{name}</th>\s*<td class="num">{count}</td>'
        assert re.search(row, category_table)
    # Years, stacked by status, with a total column and row.
    years = tables(html)[2]
    assert '<th scope="col" class="num">入选</th>' in years
    assert '<th scope="col" class="num">整改中</th>' in years
    assert re.search(r'<th scope="row">未注明批次</th>', years)
    assert "<tfoot>" in years
    certificates = tables(html)[6]
    assert "解决方案设计" in certificates and "数据分析" in certificates
    assert "未发布项目" not in html

    summary = re.search(r'<dl class="overview-summary">.*?</dl>', html, re.S).group(0)
    assert re.search(r"<dt>在库服务商</dt><dd>3</dd>", summary)
    assert re.search(r"<dt>已清退服务商</dt><dd>1</dd>", summary)
    assert re.search(r"<dt>有效证书</dt><dd>4</dd>", summary)
    assert "统计口径" in html and "已清退的服务商不计入" in html
    assert "overview/overview.css" in html


def test_the_english_page_is_the_alias_with_english_names(client, content, overview_page):
    alias = Page.objects.get(alias_of=overview_page)
    assert alias.locale.language_code == "en"
    response = client.get("/en/overview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'lang="en"' in html.split('<dl class="overview-summary">')[0].rsplit("<div", 2)[-1]
    assert "Digital consulting providers" in html
    assert "Jinan" in html
    assert "数字化咨询服务商" not in html
    # Interface labels from the English catalogue (portal/locale/en).
    for text in ("Providers by category", "Providers in the pool", "Data table", "What is counted"):
        assert text in html
    assert re.search(r'<th scope="col" class="num">Selected</th>', html)
    for slug in CHARTS:
        assert f'<title id="chart-{slug}-title">' in html
    assert len(tables(html)) == len(CHARTS)


def test_labels_are_escaped(client, content, overview_page):
    category = taxonomy.canonical(Category).get(slug="consulting")
    category.name = "<script>alert(1)</script>咨询"
    category.save()
    html = client.get("/overview/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;咨询" in html
    # In the SVG label, the segment's tooltip and the table.
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;咨询") >= 3


def test_an_empty_site_says_there_is_no_data(client, overview_page):
    html = client.get("/overview/").content.decode()
    assert html.count("暂无数据") == len(CHARTS)
    assert 'class="overview-chart__svg"' not in html
    assert "<table>" not in html
    assert re.search(r"<dt>在库服务商</dt><dd>0</dd>", html)
    assert client.get("/en/overview/").content.decode().count("No data yet") == len(CHARTS)


def _grow(provider_index, start, count):
    pages = []
    for n in range(start, start + count):
        pages.append(
            make_provider(
                provider_index,
                title=f"增长服务商{n}",
                slug=f"grow-{n}",
                categories=("consulting", "rnd"),
                region=("jinan", "zibo", "linyi", "heze")[n % 4],
                batch=(2019 + n % 6, 1),
            )
        )
    return pages


def _page_queries(client, url):
    assert client.get(url).status_code == 200  # warm: figures, taxonomy names, site root
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_page_view_costs_the_same_queries_however_much_content(
    client, content, overview_page, provider_index, publish_page
):
    publish_page(slug="plain", title="普通页面")
    urls = ("/overview/", "/en/overview/")
    before = {url: _page_queries(client, url) for url in urls}
    _grow(provider_index, 0, 30)
    after = {url: _page_queries(client, url) for url in urls}
    assert after == before
    # With warm caches the figures cost nothing: as many queries as a plain page.
    assert before["/overview/"] == _page_queries(client, "/plain/")
    assert before["/en/overview/"] == _page_queries(client, "/en/plain/")
    html = client.get("/overview/").content.decode()
    assert re.search(r"<dt>在库服务商</dt><dd>33</dd>", html)


def test_one_page_per_parent_under_the_home_page(home, overview_page):
    assert not OverviewPage.can_create_at(home)
    assert OverviewPage.parent_page_types == ["portal.HomePage"]


def test_demo_creates_the_page_once(home):
    def run():
        return demo.generate(rng=random.Random(1), stdout=OutputWrapper(StringIO()))

    first = run()
    assert first["pages created"] == 1
    assert first["english aliases"] == 1
    page = OverviewPage.objects.get(locale__language_code="zh-hans")
    assert (page.slug, page.title, page.live, page.show_in_menus) == (
        "overview",
        "数据概览",
        True,
        True,
    )
    assert page.get_parent().pk == home.pk
    revisions = Revision.objects.count()

    second = run()
    assert second == {
        "pages created": 0,
        "pages updated": 0,
        "pages unchanged": 1,
        "english aliases": 0,
    }
    assert Revision.objects.count() == revisions
    assert OverviewPage.objects.count() == 2  # the page and its English alias
    assert demo.ORDER == 40


def test_the_demo_page_is_in_the_main_menu(client, home):
    demo.generate(rng=random.Random(1), stdout=OutputWrapper(StringIO()))
    html = client.get("/").content.decode()
    assert 'href="/overview/"' in html
    assert client.get("/en/overview/").status_code == 200


def test_overview_page_helper_is_reusable(home):
    page = overview_page_under(home)
    assert page.live and page.url == "/overview/"
