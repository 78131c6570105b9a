"""The admin's listings search through the Chinese backend, in the fields their viewsets
name (``search_fields``), and answer whatever is typed."""

import pytest
from django.urls import reverse
from wagtail.search import index
from wagtail.snippets.models import get_snippet_models

from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory
from catalogue.models import ProviderPage, Region, Subtype

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["孪生", "數字孿生", "MES", '" OR (', "ab"])
def test_every_snippet_listing_answers_a_search(admin_client, query):
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        listing = reverse(viewset.get_url_name("list"))
        chooser = reverse(viewset.chooser_viewset.get_url_name("choose_results"))
        for url in (listing, chooser):
            response = admin_client.get(url, {"q": query})
            assert response.status_code == 200, (url, response.status_code)


def test_a_search_is_listed_in_any_column_s_order(admin_client):
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        url = reverse(viewset.get_url_name("list"))
        for column in viewset.list_display:
            if not isinstance(column, str) or column == "__str__":
                continue
            for ordering in (column, f"-{column}"):
                response = admin_client.get(url, {"q": "数字", "ordering": ordering})
                assert response.status_code == 200, (model, ordering)


def test_a_search_sorted_by_name_lists_its_hits_in_that_order(admin_client, indexed_taxonomy):
    url = reverse(Subtype.snippet_viewset.get_url_name("list"))
    hits = {s.name for s in Subtype.objects.all() if "管理" in s.name}
    assert len(hits) > 3
    for ordering, reverse_order in (("name", False), ("-name", True)):
        names = listed_names(admin_client.get(url, {"q": "管理", "ordering": ordering}))
        assert set(names) == hits
        assert names == sorted(names, reverse=reverse_order)


def test_a_search_is_narrowed_by_the_listing_s_filters(admin_client, indexed_taxonomy):
    url = reverse(Subtype.snippet_viewset.get_url_name("list"))
    twin = Subtype.objects.get(name="数字孪生服务商")
    names = listed_names(admin_client.get(url, {"q": "服务商", "category": twin.category_id}))
    assert "数字孪生服务商" in names
    assert set(names) == {
        s.name for s in Subtype.objects.filter(category=twin.category_id) if "服务商" in s.name
    }
    response = admin_client.get(url, {"q": "孪生", "locale": "zh-hans"})
    assert listed_names(response) == ["数字孪生服务商"]


@pytest.fixture
def indexed_taxonomy():
    """The subtypes and regions in the search index, as ``update_index`` puts them: the
    migration that makes them indexes nothing."""
    for model in (Subtype, Region):
        for term in model.objects.all():
            index.insert_or_update_object(term)


def listed_names(response) -> list[str]:
    return [str(term) for term in response.context["object_list"]]


@pytest.mark.parametrize("query", ["孪生", "數字孿生", "数字孪"])
def test_the_subtypes_are_found_by_part_of_their_name(admin_client, indexed_taxonomy, query):
    url = reverse(Subtype.snippet_viewset.get_url_name("list"))
    assert listed_names(admin_client.get(url, {"q": query})) == ["数字孪生服务商"]
    # In the listing's own order, which searches without ranking, too.
    ordered = admin_client.get(url, {"q": query, "ordering": "name"})
    assert listed_names(ordered) == ["数字孪生服务商"]


def test_a_city_is_found_without_its_shi(admin_client, indexed_taxonomy):
    url = reverse(Region.snippet_viewset.get_url_name("list"))
    assert "烟台市" in listed_names(admin_client.get(url, {"q": "烟台"}))


def test_a_search_in_the_title_field_is_made_in_the_titles_alone(home):
    index_page = ProviderIndexPageFactory(parent=home)
    for title, introduction in (
        ("青岛智恒数字科技有限公司", "提供仓储管理系统。"),
        ("烟台海纳软件有限公司", "智恒的长期合作伙伴。"),
    ):
        page = ProviderPageFactory(parent=index_page, title=title, introduction=introduction)
        page.save_revision().publish()

    def found(query, **kwargs):
        return {page.title for page in ProviderPage.objects.live().search(query, **kwargs)}

    assert found("智恒") == {"青岛智恒数字科技有限公司", "烟台海纳软件有限公司"}
    assert found("智恒", fields=["title"]) == {"青岛智恒数字科技有限公司"}
    assert found("仓储", fields=["introduction"]) == {"青岛智恒数字科技有限公司"}
    assert found("智恒", fields=["title"], order_by_relevance=False) == {"青岛智恒数字科技有限公司"}


@pytest.mark.parametrize(
    ("url", "ordering"),
    [
        ("/admin/images/", "file_size"),
        ("/admin/images/", "-created_at"),
        ("/admin/documents/", "-created_at"),
        ("/admin/pages/search/", "-latest_revision_created_at"),
    ],
)
def test_wagtail_s_own_listings_sort_a_search_by_their_columns(admin_client, url, ordering):
    assert admin_client.get(url, {"q": "数字", "ordering": ordering}).status_code == 200
