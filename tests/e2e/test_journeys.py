"""A journey per kind of visitor, in a real browser: search and filter the directory and open a
provider; browse solutions and cases; look up a certificate; switch language. (The editor's
journey through review is in test_review.py.) Each also runs with JavaScript off: the site
must work without it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.site_content import CERTIFICATE_HOLDER, CERTIFICATE_NUMBER, build_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(params=["js", "no-js"])
def visitor(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        java_script_enabled=request.param == "js",
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    yield page
    context.close()


def test_search_and_filter_the_directory_then_open_a_provider(visitor):
    site = build_site()
    page = visitor
    page.goto("/")
    page.get_by_role("link", name="服务商名录").first.click()
    page.wait_for_url(f"**{site['directory'].url}")
    expect(page.locator("#listing-count")).to_contain_text("共 3 家服务商")

    page.get_by_label("数字化生产服务商").check()
    page.get_by_role("button", name="应用筛选").click()
    page.wait_for_url(re.compile(r"category=production"))
    expect(page.locator("#listing-count")).to_contain_text("共 1 家服务商")

    page.get_by_label("搜索服务商名称").fill("海智")
    page.get_by_label("搜索服务商名称").press("Enter")
    page.wait_for_url(re.compile(r"q=%E6%B5%B7%E6%99%BA|q=海智"))
    page.get_by_role("link", name="青岛海智工业互联网有限公司").click()
    page.wait_for_url(f"**{site['provider'].url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("青岛海智工业互联网有限公司")
    expect(page.get_by_role("link", name="设备联网与预测性维护平台")).to_be_visible()


def test_browse_solutions_and_cases(visitor):
    site = build_site()
    page = visitor
    page.goto(site["catalogue"].url)
    page.get_by_label("小快轻准方案").check()
    page.get_by_role("button", name="应用筛选").click()
    page.wait_for_url(re.compile(r"xkqz="))
    page.get_by_role("link", name="设备联网与预测性维护平台").click()
    page.wait_for_url(f"**{site['solution'].url}")
    # The solution page lists the case that used it; the case links back.
    page.get_by_role("link", name="精工机械设备预测性维护典型案例").click()
    page.wait_for_url(f"**{site['case'].url}")
    expect(page.get_by_role("cell", name="+25.8%")).to_be_visible()
    page.get_by_role("link", name="设备联网与预测性维护平台").click()
    page.wait_for_url(f"**{site['solution'].url}")


def test_look_up_a_certificate(visitor):
    build_site()
    page = visitor
    page.goto("/certificates/")
    page.get_by_label("证书编号").fill(CERTIFICATE_NUMBER)
    page.get_by_label("姓名").fill("欧阳某某")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("未找到匹配的证书")).to_be_visible()

    page.get_by_label("证书编号").fill(CERTIFICATE_NUMBER)
    page.get_by_label("姓名").fill(CERTIFICATE_HOLDER)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("证书有效")).to_be_visible()
    assert CERTIFICATE_HOLDER not in page.locator("main").inner_text()  # the name is masked
    page.locator("main a[href*='/certificates/v/']").first.click()
    page.wait_for_url(re.compile(r"/certificates/v/"))
    assert CERTIFICATE_NUMBER in page.locator("main").inner_text()


def test_switch_language_on_a_listing_keeps_the_filters(visitor):
    site = build_site()
    page = visitor
    page.goto(f"{site['directory'].url}?region=qingdao")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/.*region=qingdao"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Qingdao" in page.locator("main").inner_text()
    page.get_by_role("link", name="简体中文").click()
    page.wait_for_url(re.compile(r"^(?!.*/en/).*region=qingdao"))
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
