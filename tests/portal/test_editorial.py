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
