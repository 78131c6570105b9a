"""The portal's demo pages. The whole `load_demo_data` command, all generators together, is
exercised by tests/catalogue/test_demo.py."""

import io
import random

import pytest
from wagtail.models import Page, Revision

from portal import demo
from portal.translation import sync_english_aliases

pytestmark = pytest.mark.django_db


def load():
    demo.generate(rng=random.Random(2025), stdout=io.StringIO())
    sync_english_aliases()
    return {"pages": Page.objects.count(), "revisions": Revision.objects.count()}


def test_demo_pages_are_created_once_and_then_left_alone(client):
    first = load()
    assert load() == first
    for path in ("/apply/", "/criteria/", "/about/", "/en/apply/", "/en/about/"):
        assert client.get(path).status_code == 200, path


def test_home_page_carries_real_introductory_content(client):
    load()
    html = client.get("/").content.decode()
    assert "服务商" in html
    assert "申报指南" in html  # the menu links the guide pages
