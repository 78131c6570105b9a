"""Public applications: validation, refusals, abuse protection and the review path."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue import taxonomy
from catalogue.factories import BlacklistEntryFactory, ProviderPageFactory
from catalogue.models import Application, Category, Region, Status, Subtype
from portal.editorial import APPROVERS, REVIEWERS
from portal.identifiers import make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


@pytest.fixture
def form_data(provider_index):
    consulting = taxonomy.canonical(Category).get(slug="consulting")
    planning = taxonomy.canonical(Subtype).get(slug="planning")
    return {
        "name": "德州云帆数字科技有限公司",
        "uscc": make_uscc(777_001).lower(),
        "region": taxonomy.canonical(Region).get(slug="dezhou").pk,
        "contact_name": "王经理",
        "contact_phone": "0534-8123456",
        "categories": [consulting.pk],
        "subtypes": [planning.pk],
        "introduction": "为中小制造企业提供数字化转型咨询规划。",
        "pledge": "on",
    }


def test_an_application_becomes_a_draft_in_review_with_a_reference(client, form_data):
    response = client.post("/application/", form_data)
    assert response.status_code == 302

    application = Application.objects.get()
    provider = application.provider
    assert provider.uscc == form_data["uscc"].upper()
    assert provider.status == Status.APPLIED and not provider.live
    assert provider.current_workflow_state is not None  # submitted to 专家评审
    status_page = client.get(response["Location"]).content.decode()
    assert application.reference in status_page
    assert "专家评审" in status_page
    # The public never sees the draft.
    assert client.get("/api/v1/providers/" + provider.uscc).status_code == 404
    assert provider.title not in client.get("/providers/").content.decode()


def test_both_approvals_publish_the_provider_as_selected(client, form_data):
    client.post("/application/", form_data)
    provider = Application.objects.get().provider
    for group in (REVIEWERS, APPROVERS):
        user = User.objects.create_user(f"u-{group}", password="pw")
        user.groups.add(Group.objects.get(name=group))
        state = provider.current_workflow_state.current_task_state
        state.task.specific.on_action(state, user, "approve")
        provider.refresh_from_db()
    assert provider.live
    assert provider.status == Status.SELECTED
    assert client.get(provider.url).status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"uscc": make_uscc(5)[:17] + ("0" if make_uscc(5)[17] != "0" else "1")}, "校验位"),
        ({"pledge": ""}, "必需"),
        ({"categories": []}, "必需"),
        ({"name": "x" * 101}, "100"),
        ({"introduction": "<script>alert(1)</script>" * 300}, "5000"),
        ({"subtypes": ["__other_category__"]}, "细分类型须属于所选类别"),
    ],
)
def test_bad_applications_are_refused_with_a_message_and_write_nothing(
    client, form_data, change, message
):
    if change.get("subtypes") == ["__other_category__"]:
        change = {"subtypes": [taxonomy.canonical(Subtype).get(slug="digital-twin").pk]}
    response = client.post("/application/", {**form_data, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_blacklisted_code_is_refused_until_the_end_date(client, form_data):
    entry = BlacklistEntryFactory(
        uscc=form_data["uscc"].upper(), start_date=datetime.date.today().replace(month=1, day=1)
    )
    html = client.post("/application/", form_data).content.decode()
    assert "失信黑名单" in html and entry.end_date.isoformat() in html
    assert not Application.objects.exists()


def test_a_code_already_in_the_pool_is_pointed_to_the_annual_update(
    client, form_data, provider_index
):
    existing = ProviderPageFactory(parent=provider_index, uscc=form_data["uscc"].upper())
    existing.save_revision().publish()
    html = client.post("/application/", form_data).content.decode()
    assert "年度信息更新" in html


def test_a_duplicate_application_in_review_is_refused(client, form_data):
    client.post("/application/", form_data)
    html = client.post("/application/", {**form_data, "name": "另一个名称"}).content.decode()
    assert "正在审核中" in html
    assert Application.objects.count() == 1


def test_honeypot_and_rate_limit_stop_robots(client, form_data):
    response = client.post("/application/", {**form_data, "homepage": "http://spam.example"})
    assert response.status_code == 200 and not Application.objects.exists()
    for n in range(5):
        client.post("/application/", {**form_data, "uscc": make_uscc(778_000 + n)})
    response = client.post("/application/", {**form_data, "uscc": make_uscc(779_000)})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("材料.pdf", b"%PDF-1.7 test", True),
        ("材料.exe", b"MZ\x90\x00", False),
        ("伪装.pdf", b"MZ\x90\x00", False),
    ],
)
def test_attachments_are_checked_by_type(client, form_data, name, content, ok):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    client.post("/application/", {**form_data, "attachment": upload})
    assert Application.objects.exists() is ok


def test_csrf_is_required(form_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/application/", form_data).status_code == 403


def test_unknown_status_token_is_404(client):
    assert client.get("/application/not-a-token/").status_code == 404
