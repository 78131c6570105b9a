"""The admin dashboard's warning of a search index built with another analysis
(search/wagtail_hooks.py), as the people who log in see it."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from wagtail.users.models import UserProfile

from portal.editorial import EDITORS
from search.models import IndexBuild

pytestmark = pytest.mark.django_db

WARNING = "搜索索引需要重建"


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("admin", password="x")


def test_an_administrator_is_told_to_rebuild_until_the_index_is_rebuilt(
    client, administrator, publish_page
):
    publish_page(title="淄博重工集团有限公司")
    IndexBuild.objects.create(analysis="an older analysis")

    page = dashboard(client, administrator)
    assert WARNING in page
    assert "manage.py update_index" in page

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert WARNING not in dashboard(client, administrator)


def test_an_editor_is_not_told_what_only_the_server_can_do(client):
    IndexBuild.objects.create(analysis="an older analysis")
    editor = User.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))

    assert WARNING not in dashboard(client, editor)


def test_no_warning_on_a_database_indexed_as_pages_are_published(client, administrator):
    assert WARNING not in dashboard(client, administrator)


def test_the_warning_is_in_english_on_the_english_admin(client, administrator):
    IndexBuild.objects.create(analysis="an older analysis")
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()

    page = dashboard(client, administrator)
    assert "The search index must be rebuilt" in page
    assert WARNING not in page


def test_an_index_older_than_the_record_is_not_given_a_build_date(client, administrator):
    """The migration that made the record marks an existing index "unknown", when it ran,
    not when the index was built."""
    IndexBuild.objects.create(analysis="unknown")

    page = dashboard(client, administrator)
    assert WARNING in page
    assert "没有记录所用的中文分词版本" in page
    assert "建立）" not in page
