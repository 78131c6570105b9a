"""Changing a provider's standing in the admin: reason, dates, timeline, audit log, who may."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import PageLogEntry

from catalogue.factories import ProviderPageFactory
from catalogue.models import Status
from portal.editorial import APPROVERS, EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(provider_index):
    page = ProviderPageFactory(parent=provider_index, title="滨州恒信数字科技有限公司")
    page.save_revision().publish()
    return page


def user_in(group_name):
    user = User.objects.create_user(f"u-{group_name}", password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def url(provider):
    return f"/admin/catalogue/providers/{provider.pk}/status/"


def test_approver_orders_rectification_and_the_public_sees_it(client, provider):
    client.force_login(user_in(APPROVERS))
    response = client.post(
        url(provider),
        {
            "status": "rectifying",
            "reason": "年度评价不合格，限期整改。",
            "date": "2026-04-10",
            "deadline": "2026-07-10",
        },
    )
    assert response.status_code == 302

    provider.refresh_from_db()
    assert provider.status == Status.RECTIFYING
    client.logout()
    html = client.get(provider.url).content.decode()
    assert "年度评价不合格，限期整改。" in html
    assert "2026-07-10" in html or "2026年7月10日" in html
    entry = PageLogEntry.objects.get(page=provider, action="catalogue.status_change")
    assert entry.data["reason"] == "年度评价不合格，限期整改。"


def test_removal_answers_410_on_the_public_page(client, provider):
    client.force_login(user_in(APPROVERS))
    client.post(
        url(provider),
        {"status": "removed", "reason": "整改期满仍不合格。", "date": "2026-08-01"},
    )
    client.logout()
    assert client.get(provider.url).status_code == 410


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "removed", "reason": "  ", "date": "2026-08-01"}, "reason"),
        ({"status": "rectifying", "reason": "不合格", "date": "2026-08-01"}, "deadline"),
        (
            {
                "status": "rectifying",
                "reason": "不合格",
                "date": "2026-08-01",
                "deadline": "2026-07-01",
            },
            "deadline",
        ),
        ({"status": "deleted", "reason": "x", "date": "2026-08-01"}, "status"),
        ({"status": "removed", "reason": "x" * 501, "date": "2026-08-01"}, "reason"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, provider, data, field):
    client.force_login(user_in(APPROVERS))
    response = client.post(url(provider), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    provider.refresh_from_db()
    assert provider.status == Status.SELECTED
    assert not provider.status_changes.exists()


def test_editors_and_anonymous_visitors_cannot_change_status(client, provider):
    client.force_login(user_in(EDITORS))
    assert client.get(url(provider)).status_code in {302, 403}
    client.logout()
    assert client.get(url(provider)).status_code == 302  # to the login page


def test_the_timeline_keeps_every_change_with_its_date(provider):
    from catalogue import services

    services.change_status(
        provider,
        status=Status.RECTIFYING,
        reason="材料不全",
        date=datetime.date(2026, 3, 1),
        deadline=datetime.date(2026, 5, 1),
    )
    services.change_status(
        provider, status=Status.SELECTED, reason="整改完成", date=datetime.date(2026, 4, 20)
    )
    provider.refresh_from_db()
    assert provider.status == Status.SELECTED
    assert [(c.date.isoformat(), c.status) for c in provider.status_changes.order_by("date")] == [
        ("2026-03-01", "rectifying"),
        ("2026-04-20", "selected"),
    ]
