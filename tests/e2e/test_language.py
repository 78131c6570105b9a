import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_reads_a_page_in_chinese_and_switches_to_english(page, publish_page, screenshot):
    publish_page(title="申报指南", slug="apply", intro="服务商申报全年开放。", show_in_menus=True)

    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("link", name="申报指南").first.click()
    page.wait_for_url("**/apply/")
    expect(page.get_by_text("服务商申报全年开放。")).to_be_visible()
    screenshot("standard-page-zh")

    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_url("**/en/apply/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_text("has not been translated into English yet")).to_be_visible()
    screenshot("standard-page-en")
