import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_chinese_by_default(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html
    assert home.title in html


def test_home_page_renders_in_english_under_en_prefix(client, home):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_standard_page_renders_in_both_languages(client, publish_page):
    page = publish_page(title="申报指南", slug="apply", intro="全年开放申报。")

    chinese = client.get("/apply/")
    english = client.get("/en/apply/")

    assert chinese.status_code == 200
    assert "全年开放申报。" in chinese.content.decode()
    assert english.status_code == 200
    # Untranslated: the Chinese content is shown with a notice, never a 404.
    english_html = english.content.decode()
    assert "全年开放申报。" in english_html
    assert "has not been translated into English yet" in english_html
    assert Page.objects.filter(alias_of=page).exists()


def test_translated_english_page_shows_no_untranslated_notice(client, publish_page, english):
    page = publish_page(title="关于我们", slug="about", intro="协会简介。")
    alias = Page.objects.get(alias_of=page).specific
    # Turning the alias into a real translation is what an editor does in wagtail-localize.
    alias.alias_of = None
    alias.title = "About us"
    alias.intro = "About the association."
    alias.save_revision().publish()

    html = client.get("/en/about/").content.decode()

    assert "About the association." in html
    assert "has not been translated into English yet" not in html


def test_every_page_links_to_the_other_language(client, publish_page):
    publish_page(title="遴选条件", slug="criteria")

    chinese = client.get("/criteria/").content.decode()
    english = client.get("/en/criteria/").content.decode()

    assert 'href="/en/criteria/"' in chinese
    assert 'href="/criteria/"' in english


def test_interface_strings_are_translated_into_english(client, home):
    chinese = client.get("/").content.decode()
    english = client.get("/en/").content.decode()

    assert "跳到主要内容" in chinese
    assert "Skip to main content" in english
    assert "跳到主要内容" not in english


def test_unknown_page_is_a_helpful_404_in_both_languages(client, home):
    chinese = client.get("/no-such-page/")
    english = client.get("/en/no-such-page/")

    assert chinese.status_code == 404
    assert english.status_code == 404
    assert 'href="/search/' in chinese.content.decode() or "/search/" in chinese.content.decode()


def test_unpublished_page_is_not_served(client, publish_page):
    page = publish_page(title="草稿页面", slug="draft")
    page.unpublish()

    assert client.get("/draft/").status_code == 404
