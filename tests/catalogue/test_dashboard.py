"""The editors' dashboard: monthly review due dates, annual update, overdue rectification."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from catalogue import dashboards, services
from catalogue.factories import ProviderPageFactory
from catalogue.models import Status
from portal.editorial import EDITORS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("applied", "due"),
    [
        (datetime.date(2026, 1, 3), datetime.date(2026, 2, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 15)),
        (datetime.date(2026, 12, 20), datetime.date(2027, 1, 15)),
    ],
)
def test_applications_are_due_for_review_on_the_15th_of_the_next_month(applied, due):
    assert dashboards.review_due_date(applied) == due


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def test_dashboard_lists_what_needs_action(client, editor, provider_index):
    today = timezone.localdate()
    applicant = ProviderPageFactory(parent=provider_index, title="申报中的企业")
    services.change_status(
        applicant,
        status=Status.APPLIED,
        reason="提交申报",
        date=today - datetime.timedelta(days=60),
    )
    late = ProviderPageFactory(parent=provider_index, title="未更新的企业")
    late.save_revision().publish()
    updated = ProviderPageFactory(
        parent=provider_index, title="已更新的企业", last_updated_on=today.replace(month=1, day=2)
    )
    updated.save_revision().publish()
    rectifying = ProviderPageFactory(parent=provider_index, title="整改逾期的企业")
    services.change_status(
        rectifying,
        status=Status.RECTIFYING,
        reason="年度评价不合格",
        date=today - datetime.timedelta(days=100),
        deadline=today - datetime.timedelta(days=10),
    )

    html = client.get("/admin/catalogue/dashboard/").content.decode()

    assert "申报中的企业" in html and "已逾期" in html
    assert "未更新的企业" in html
    assert "已更新的企业" not in html
    assert "整改逾期的企业" in html

    export = client.get("/admin/catalogue/dashboard/", {"export": "annual-update"})
    body = export.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("服务商名称,统一社会信用代码")
    assert late.uscc in body and updated.uscc not in body


def test_dashboard_needs_an_admin_login(client):
    assert client.get("/admin/catalogue/dashboard/").status_code == 302
