"""The list endpoints carry the directory's facets: the same options and counts as the HTML
page for the same query string."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers(make_provider, terms):
    return [
        make_provider(region=terms.region("jinan"), categories=[terms.category("consulting")]),
        make_provider(region=terms.region("jinan"), categories=[terms.category("rnd")]),
        make_provider(region=terms.region("qingdao"), categories=[terms.category("consulting")]),
    ]


@pytest.mark.parametrize(
    "params",
    [{}, {"region": "jinan"}, {"category": "consulting", "region": "qingdao"}],
)
def test_provider_facets_match_the_directory_page(client, directory, providers, params):
    api = client.get("/api/v1/providers", params).json()
    page = client.get(directory.url, params).context
    html_facets = {
        facet.param: {o.value: (o.count, o.selected) for o in facet.options}
        for facet in page["facets"]
    }
    api_facets = {
        param: {o["value"]: (o["count"], o["selected"]) for o in options}
        for param, options in api["facets"].items()
    }
    assert api_facets == html_facets
    assert api["count"] == page["result_count"]


def test_facet_labels_follow_lang(client, directory, providers):
    english = client.get("/api/v1/providers", {"lang": "en"}).json()
    regions = {o["value"]: o["label"] for o in english["facets"]["region"]}
    assert regions["jinan"] == "Jinan"
    chinese = client.get("/api/v1/providers").json()
    assert {o["value"]: o["label"] for o in chinese["facets"]["region"]}["jinan"] == "济南市"
