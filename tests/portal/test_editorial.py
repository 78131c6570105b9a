"""Groups, permissions and the two-step review exist on a new database (DESIGN.md §5)."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import Page, Workflow, WorkflowPage

from portal.editorial import APPROVERS, EDITORS, REVIEWERS, WORKFLOW
from portal.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def member(name: str) -> User:
    user = User.objects.create_user(f"user-{name}", password="x")
    user.groups.add(Group.objects.get(name=name))
    return user


def test_groups_and_the_two_step_workflow_exist_after_migrate():
    assert {EDITORS, REVIEWERS, APPROVERS, "证书管理"} <= set(
        Group.objects.values_list("name", flat=True)
    )
    workflow = Workflow.objects.get(name=WORKFLOW)
    assert [task.name for task in workflow.tasks] == ["专家评审", "协会审批"]
    homes = Page.objects.filter(depth=2)
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page", flat=True)) == {
        home.pk for home in homes
    }
    # Wagtail's stock Moderators could publish without review: not on this site.
    assert not Group.objects.filter(name="Moderators").exists()


def test_editors_edit_but_cannot_publish(home):
    page = StandardPageFactory(parent=home)
    editor, reviewer, approver = member(EDITORS), member(REVIEWERS), member(APPROVERS)

    editor_perms = page.permissions_for_user(editor)
    assert editor_perms.can_edit()
    assert home.permissions_for_user(editor).can_add_subpage()
    assert not editor_perms.can_publish()
    assert not page.permissions_for_user(reviewer).can_edit()
    assert not page.permissions_for_user(reviewer).can_publish()
    # The association's approvers are the last step and publish when they approve.
    assert page.permissions_for_user(approver).can_publish()


def test_a_change_goes_live_only_after_both_approvals(client, home):
    page = StandardPageFactory(parent=home, slug="news", title="草稿", live=False)
    editor, reviewer, approver = member(EDITORS), member(REVIEWERS), member(APPROVERS)

    page.title = "遴选结果公示"
    revision = page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    assert client.get("/news/").status_code == 404

    first = workflow_state.current_task_state
    assert first.task.specific.user_can_access_editor(page, reviewer) is not None
    first.task.specific.on_action(first, reviewer, "approve")
    workflow_state.refresh_from_db()
    assert client.get("/news/").status_code == 404  # expert review alone does not publish

    second = workflow_state.current_task_state
    assert second.task.name == "协会审批"
    assert second.task.specific.get_actions(page, reviewer) == []  # not the reviewers' step
    second.task.specific.on_action(second, approver, "approve")

    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    assert "遴选结果公示" in client.get("/news/").content.decode()


def test_requesting_changes_needs_a_reason_that_the_editor_sees(home):
    page = StandardPageFactory(parent=home, slug="draft-guide", live=False)
    editor, reviewer = member(EDITORS), member(REVIEWERS)
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    form_class = task.get_form_for_action("reject")
    assert not form_class({"comment": ""}).is_valid()
    form = form_class({"comment": "请补充诚信申报承诺书。"})
    assert form.is_valid()

    task.on_action(task_state, reviewer, "reject", comment=form.cleaned_data["comment"])
    task_state.refresh_from_db()
    workflow_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "请补充诚信申报承诺书。"
    assert workflow_state.status == "needs_changes"


# --- The public change note -------------------------------------------------------------------


@pytest.fixture
def provider(home):
    from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory

    index = ProviderIndexPageFactory(parent=home)
    index.save_revision().publish()
    page = ProviderPageFactory(parent=index)
    page.save_revision().publish()
    return page


def notes(page):
    return [note for _, note in type(page).objects.get(pk=page.pk).update_notes()]


def test_a_change_note_travels_with_its_update_through_review(client, provider):
    """The note the editor writes is shown to the reviewers and published with the approval."""
    editor, reviewer, approver = member(EDITORS), member(REVIEWERS), member(APPROVERS)
    draft = provider.get_latest_revision_as_object()
    draft.contact_phone = "0531-88886666"
    draft.change_note = "更新联系电话"
    draft.save_revision(user=editor)
    state = provider.get_workflow().start(provider, editor)

    client.force_login(reviewer)
    assert "更新联系电话" in client.get(f"/admin/pages/{provider.pk}/edit/").content.decode()
    for user in (reviewer, approver):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        state.refresh_from_db()

    assert notes(provider) == ["更新联系电话"]


def test_the_next_update_starts_without_the_last_note(client, provider):
    """Once published, a note is spent: the editor's form starts empty, and an update published
    without a new note (or a status change) does not repeat the old one publicly."""
    provider.change_note = "新增两项解决方案"
    provider.save_revision().publish()
    assert notes(provider) == ["新增两项解决方案"]

    client.force_login(member(EDITORS))
    form = client.get(f"/admin/pages/{provider.pk}/edit/").context["form"]
    assert form["change_note"].value() == ""

    # A status change publishes the page again: its timeline entry is the news, not the old note.
    from catalogue.models import Status
    from catalogue.services import change_status

    page = type(provider).objects.get(pk=provider.pk)
    change_status(page, status=Status.RECTIFYING, reason="限期整改", deadline=_days(30))
    assert notes(provider) == ["新增两项解决方案"]


def test_a_note_in_a_pending_draft_is_kept(client, provider):
    """While a change waits (saved, in review or returned), its note stays in the form."""
    draft = provider.get_latest_revision_as_object()
    draft.change_note = "更新企业简介"
    draft.save_revision(user=None)
    client.force_login(member(EDITORS))
    form = client.get(f"/admin/pages/{provider.pk}/edit/").context["form"]
    assert form["change_note"].value() == "更新企业简介"


def _days(n):
    import datetime

    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=n)


# --- Scheduled publishing: a 公示 window -------------------------------------------------------


def test_a_reviewed_notice_goes_live_and_expires_on_schedule(client, home):
    """The editor gives the notice a window (go-live and expiry) and submits it; approval
    schedules it instead of publishing it; `publish_scheduled` (run every minute by `make run`
    and in production) publishes it when the window opens and unpublishes it when it closes."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Revision

    page = StandardPageFactory(parent=home, slug="notice", title="遴选结果公示", live=False)
    editor, reviewer, approver = member(EDITORS), member(REVIEWERS), member(APPROVERS)
    now = timezone.now()
    page.go_live_at = now + datetime.timedelta(hours=1)
    page.expire_at = now + datetime.timedelta(days=7)
    revision = page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    for user in (reviewer, approver):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        state.refresh_from_db()

    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live and revision.approved_go_live_at is not None  # scheduled
    call_command("publish_scheduled")
    assert client.get("/notice/").status_code == 404  # not yet

    # The window opens: as if an hour had passed, the go-live time is now in the past.
    opened = now - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = opened.isoformat()
    revision.approved_go_live_at = opened
    revision.save(update_fields=["content", "approved_go_live_at"])
    assert Revision.objects.filter(approved_go_live_at__isnull=False).count() == 1
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk
    assert client.get("/notice/").status_code == 200

    # The window closes.
    type(page).objects.filter(pk=page.pk).update(expire_at=now - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/notice/").status_code == 404


# --- A status change while an update waits in review ------------------------------------------


def test_a_status_change_keeps_the_update_waiting_in_review(client, provider):
    """The approver orders rectification while the editor's annual update is in review: the
    status is public at once, and the update is neither lost nor published unreviewed; it
    stays in review and, once approved, is published together with the status change."""
    from catalogue.models import ProviderPage, Status

    editor, reviewer, approver = member(EDITORS), member(REVIEWERS), member(APPROVERS)
    draft = provider.get_latest_revision_as_object()
    draft.introduction = "年度更新后的简介。"
    draft.save_revision(user=editor)
    provider.get_workflow().start(provider, editor)

    client.force_login(approver)
    response = client.post(
        f"/admin/catalogue/providers/{provider.pk}/status/",
        {
            "status": "rectifying",
            "reason": "限期整改",
            "date": "2026-04-10",
            "deadline": "2026-07-10",
        },
    )
    assert response.status_code == 302

    page = ProviderPage.objects.get(pk=provider.pk)
    assert page.status == Status.RECTIFYING  # public at once
    assert page.introduction != "年度更新后的简介。"  # the update is not published unreviewed
    pending = page.get_latest_revision_as_object()
    assert pending.introduction == "年度更新后的简介。"  # nor lost
    assert [c.reason for c in pending.status_changes.all()] == ["限期整改"]
    state = page.current_workflow_state
    assert state is not None and state.current_task_state.task.name == "专家评审"

    for user in (reviewer, approver):
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        state.refresh_from_db()
    page = ProviderPage.objects.get(pk=provider.pk)
    assert page.introduction == "年度更新后的简介。"
    assert page.status == Status.RECTIFYING
    assert [c.reason for c in page.status_changes.all()] == ["限期整改"]
