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


# --- Status changes from code while an update waits (catalogue/services.py) --------------------


def fresh(provider):
    from catalogue.models import ProviderPage

    return ProviderPage.objects.get(pk=provider.pk)


def submit_update(provider, editor, introduction="年度更新后的简介。"):
    draft = provider.get_latest_revision_as_object()
    draft.introduction = introduction
    draft.save_revision(user=editor)
    return provider.get_workflow().start(provider, editor)


def act(state, user, action, **kwargs):
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, **kwargs)
    state.refresh_from_db()


def test_a_status_change_from_code_keeps_the_update_in_review(provider):
    from catalogue import services
    from portal.editorial import REVIEWERS

    editor = user_in(EDITORS)
    first = submit_update(provider, editor)
    act(first, user_in(REVIEWERS), "approve")  # now at 协会审批

    services.change_status(
        fresh(provider), status=Status.REMOVED, reason="整改期满仍不合格。", user=None
    )

    page = fresh(provider)
    assert page.status == Status.REMOVED
    assert page.introduction != "年度更新后的简介。"
    pending = page.get_latest_revision_as_object()
    assert pending.introduction == "年度更新后的简介。"
    assert pending.status == Status.REMOVED
    assert [c.reason for c in pending.status_changes.all()] == ["整改期满仍不合格。"]
    # The page it was reviewed against changed: the review starts again at 专家评审, for the
    # editor who submitted it.
    first.refresh_from_db()
    assert first.status == "cancelled"
    state = page.current_workflow_state
    assert state.pk != first.pk and state.requested_by == editor
    assert state.current_task_state.task.name == "专家评审"
    assert state.current_task_state.revision_id == page.latest_revision_id


def test_a_returned_update_stays_returned_with_the_reason(client, provider):
    """An update the reviewer sent back is not resubmitted by a status change: it keeps the
    status change and waits for the editor, who still sees why it was returned."""
    from portal.editorial import REVIEWERS

    editor, reviewer, approver = user_in(EDITORS), user_in(REVIEWERS), user_in(APPROVERS)
    state = submit_update(provider, editor)
    act(state, reviewer, "reject", comment="请补充年度经营数据。")
    assert state.status == "needs_changes"

    client.force_login(approver)
    response = client.post(
        url(provider),
        {
            "status": "rectifying",
            "reason": "限期整改",
            "date": "2026-04-10",
            "deadline": "2026-07-10",
        },
        follow=True,
    )
    assert "已退回修改" in response.content.decode()

    page = fresh(provider)
    assert page.status == Status.RECTIFYING
    pending = page.get_latest_revision_as_object()
    assert pending.introduction == "年度更新后的简介。"
    assert [c.reason for c in pending.status_changes.all()] == ["限期整改"]
    state.refresh_from_db()
    assert page.current_workflow_state == state and state.status == "needs_changes"
    assert state.current_task_state.comment == "请补充年度经营数据。"
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.workflow.cancel").exists()

    # The editor fixes it and resubmits; approved, it goes out with the status change.
    client.force_login(editor)
    assert "请补充年度经营数据。" in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    fixed = page.get_latest_revision_as_object()
    fixed.introduction = "补充了年度经营数据的简介。"
    fixed.save_revision(user=editor)
    state.resume(user=editor)
    for user in (reviewer, approver):
        act(state, user, "approve")
    page = fresh(provider)
    assert page.introduction == "补充了年度经营数据的简介。"
    assert page.status == Status.RECTIFYING
    assert [c.reason for c in page.status_changes.all()] == ["限期整改"]


def test_approving_an_application_selects_it_once_without_resubmitting(provider_index):
    """The applicant signal (workflow_approved) changes the status of a page that was just
    published: nothing is pending, so nothing is resubmitted and no review starts again."""
    from wagtail.models import WorkflowState

    from portal.editorial import REVIEWERS

    applicant = ProviderPageFactory(
        parent=provider_index, title="临沂智造数字科技有限公司", status=Status.APPLIED, live=False
    )
    applicant.save_revision()
    state = applicant.get_workflow().start(applicant, user_in(EDITORS))
    act(state, user_in(REVIEWERS), "approve")
    act(state, user_in(APPROVERS), "approve")

    page = fresh(applicant)
    assert page.live and not page.has_unpublished_changes
    assert page.status == Status.SELECTED
    assert [c.reason for c in page.status_changes.all()] == ["评审通过，入选资源池"]
    assert page.current_workflow_state is None
    assert list(WorkflowState.objects.for_instance(page).values_list("status", flat=True)) == [
        "approved"
    ]
