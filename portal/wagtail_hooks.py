"""Admin hooks of the editorial model (portal/editorial.py).

- A reviewer who approves or returns a page at their step may no longer open its editor
  afterwards (the page has moved on to the next step, or back to the editor). Wagtail would
  send them to that editor and then refuse it with "you do not have permission"; they land on
  the admin dashboard (their "awaiting your review" list) with a confirmation instead.
- A page's public change note (a ``change_note`` field, as on a provider page) describes one
  published update: the editor starts a new update with an empty note.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page, TaskState, WorkflowState

from .models import user_may_edit_page


def review_done(request, page_id):
    """Where a reviewer lands after acting on a page they can no longer edit."""
    page = get_object_or_404(Page, pk=page_id)
    title = page.get_admin_display_title()
    task_state = (
        TaskState.objects.for_instance(page)
        .filter(finished_by=request.user)
        .exclude(finished_at=None)
        .select_related("task", "workflow_state")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if task_state is not None:
        workflow_state = task_state.workflow_state
        if task_state.status == TaskState.STATUS_REJECTED:
            messages.success(
                request,
                _("已将“%(title)s”退回修改，编辑会看到您写的原因。") % {"title": title},
            )
        elif workflow_state.status == WorkflowState.STATUS_APPROVED:
            messages.success(request, _("“%(title)s”已审核通过并发布。") % {"title": title})
        elif task_state.status == TaskState.STATUS_APPROVED:
            next_task = workflow_state.current_task_state
            messages.success(
                request,
                _("“%(title)s”已通过“%(task)s”，已转交“%(next)s”。")
                % {
                    "title": title,
                    "task": task_state.task.name,
                    "next": next_task.task.name if next_task else "",
                },
            )
        elif task_state.status == TaskState.STATUS_CANCELLED:
            messages.success(request, _("“%(title)s”已撤回审核。") % {"title": title})
    else:
        messages.success(request, _("“%(title)s”已处理。") % {"title": title})
    return redirect("wagtailadmin_home")


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/<int:page_id>/done/", review_done, name="portal_review_done")]


@hooks.register("after_edit_page")
def leave_a_page_no_longer_yours(request, page):
    """After a workflow action from the page's editor, if the reviewer may no longer edit the
    page, go to the dashboard rather than to a refusal."""
    if request.method != "POST":
        return None
    acted = request.POST.get("action-workflow-action") or request.POST.get("action-cancel-workflow")
    if acted and not user_may_edit_page(request.user, page):
        return redirect("portal_review_done", page.pk)
    return None


@hooks.register("before_edit_page")
def start_a_new_change_note(request, page):
    """The change note belongs to the update it was published with. When the page has no
    pending draft, the editor opens it for a new update: the note field starts empty instead of
    repeating the last published note."""
    if getattr(page, "change_note", "") and page.live and not page.has_unpublished_changes:
        page.change_note = ""
    return None
