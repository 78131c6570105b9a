"""The request's Wagtail site comes from the shared cache (portal/sites.py): no site query once
a host has been seen, and a site added or changed takes effect on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def site_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, **headers).status_code == 200
    return [q["sql"] for q in captured.captured_queries if '"wagtailcore_site"' in q["sql"]]


def test_a_known_host_costs_no_site_query(client, home):
    assert site_queries(client, "/search/?q=咨询")
    assert site_queries(client, "/search/?q=数字化") == []


def test_a_site_added_for_a_host_takes_effect_at_once(client, home, publish_page):
    section = publish_page(title="第二站点首页", slug="second")
    publish_page(title="第二站点栏目", slug="column", parent=section, show_in_menus=True)
    host = {"HTTP_HOST": "second.example"}
    # Until it has a site of its own, the host is served by the default site.
    assert "第二站点栏目" not in client.get("/", **host).content.decode()

    Site.objects.create(hostname="second.example", port=80, root_page=section)
    page = client.get("/", **host).content.decode()
    assert "第二站点首页" in page
    assert "第二站点栏目" in page  # the menu of the new site's root
