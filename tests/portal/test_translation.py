"""English aliases of new pages, made page by page (sync_english_aliases) and in bulk
(create_english_aliases): portal/translation.py."""

import pytest
from wagtail.models import Page

from portal.factories import StandardPageFactory
from portal.translation import create_english_aliases, sync_english_aliases

pytestmark = pytest.mark.django_db


def test_the_number_of_aliases_counts_the_parents_aliased_first_and_nothing_else(
    home, publish_page, english
):
    # An alias that exists already, elsewhere in the tree, is not counted.
    publish_page(title="申报指南")
    sync_english_aliases()
    guide = StandardPageFactory(parent=home, title="服务商手册", slug="handbook")
    chapters = [
        StandardPageFactory(parent=guide, title=f"第{n}章", slug=f"chapter-{n}") for n in (1, 2)
    ]

    # The two chapters, and their parent first (it had no English alias yet).
    assert create_english_aliases(chapters) == 3
    assert Page.objects.filter(locale=english, alias_of=guide).exists()
    assert create_english_aliases(chapters) == 0


def test_an_alias_has_its_source_s_values_even_where_they_differ_from_the_defaults(home, english):
    default = StandardPageFactory._meta.model.show_in_menus_default
    page = StandardPageFactory(
        parent=home, title="申报流程", seo_title="服务商申报流程", show_in_menus=not default
    )
    sync_english_aliases([home])

    assert create_english_aliases([page]) == 1
    alias = Page.objects.get(locale=english, alias_of=page).specific
    assert (alias.title, alias.seo_title, alias.show_in_menus, alias.intro) == (
        "申报流程",
        "服务商申报流程",
        not default,
        page.intro,
    )
    assert alias.translation_key == page.translation_key


def test_aliases_are_made_without_counting_them_when_asked(home, english):
    pages = [StandardPageFactory(parent=home) for _ in range(2)]
    sync_english_aliases([home])

    assert create_english_aliases(pages, count=False) is None
    assert Page.objects.filter(locale=english, alias_of__in=pages).count() == 2


@pytest.mark.parametrize("pages", ["these", "every page"])
def test_an_aliased_page_is_found_by_its_terms_on_the_english_site(client, home, pages):
    """Wagtail indexes an alias before it copies the page's many-to-many relations: the
    English search must still find a provider by its category and industries."""
    from catalogue import taxonomy
    from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory
    from catalogue.models import Category, Industry

    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    provider = ProviderPageFactory(
        parent=index,
        title="鲁信科技有限公司",
        introduction="软件开发。",
        categories=[taxonomy.canonical(Category).get(slug="operations")],
        industries=[taxonomy.canonical(Industry).get(slug="medical-devices")],
    )
    provider.save_revision().publish()
    sync_english_aliases([index, provider] if pages == "these" else None)

    for query in ("数字化运营服务商", "医疗器械", "medical devices"):
        english = client.get("/en/search/provider/", {"q": query})
        assert [r.title for r in english.context["results"]] == ["鲁信科技有限公司"], query
