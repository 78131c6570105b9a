"""Writes that change a provider's standing. Each is dated, carries a reason and ends up on the
public timeline.

A status change or a grade is published at once from the live page. An update of the provider
may be waiting at that moment (saved as a draft, in review, or returned to the editor); Wagtail
would publish over it, cancel its review and leave it behind. Every route (the admin's status
view, the grade, code and signals) goes through :func:`_publish_from_live`, which carries the
waiting update forward instead: the same change is made to it, it is saved again on top of the
published page, an update that was in review goes back to 专家评审 (the page it was reviewed
against has changed), and one returned to the editor stays returned.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from .models import BlacklistEntry, Grade, ProviderGrade, ProviderPage, Status, StatusChange

T = TypeVar("T")


def blacklist_entry_for(uscc: str, *, on_date: datetime.date | None = None):
    """The active blacklist entry for this code on the date, if any."""
    on_date = on_date or timezone.localdate()
    return (
        BlacklistEntry.objects.filter(uscc=uscc, start_date__lte=on_date, end_date__gte=on_date)
        .order_by("-end_date")
        .first()
    )


def may_apply(uscc: str, *, on_date: datetime.date | None = None) -> bool:
    """May this code apply today? Not while it is on the blacklist."""
    return blacklist_entry_for(uscc, on_date=on_date) is None


@transaction.atomic
def change_status(
    provider: ProviderPage,
    *,
    status: Status,
    reason: str,
    date: datetime.date | None = None,
    deadline: datetime.date | None = None,
    user=None,
    publish: bool = True,
) -> StatusChange:
    """Add a dated change with its reason to the provider's timeline and (unless ``publish`` is
    false) publish it; an update waiting for review is kept (see the module docstring)."""
    if not reason or not reason.strip():
        raise ValueError("A status change needs a reason.")
    values = {
        "status": status,
        "reason": reason.strip(),
        "date": date or timezone.localdate(),
        "deadline": deadline if status == Status.RECTIFYING else None,
    }

    def add_change(page: ProviderPage) -> StatusChange:
        change = StatusChange(**values)
        page.status_changes.add(change)
        return change

    change = _publish_from_live(provider, add_change, user=user, publish=publish)
    log(
        instance=provider,
        action="catalogue.status_change",
        user=user,
        data={
            "status": str(status),
            "reason": change.reason,
            "date": change.date.isoformat(),
            "deadline": change.deadline.isoformat() if change.deadline else None,
        },
    )
    return change


class NotEligibleForGrading(ValueError):
    """The provider missed the annual update; the message says why, in Chinese."""


@transaction.atomic
def record_grade(
    provider: ProviderPage,
    *,
    year: int,
    grade: Grade,
    score=None,
    note: str = "",
    user=None,
    publish: bool = True,
) -> ProviderGrade:
    """Add or replace the provider's grade of the year and (unless ``publish`` is false)
    publish it; an update waiting for review is kept (see the module docstring)."""
    reason = provider.grading_ineligibility(year)
    if reason:
        raise NotEligibleForGrading(reason)

    def set_grade(page: ProviderPage) -> ProviderGrade:
        existing = next((g for g in page.grades.all() if g.year == year), None)
        if existing is None:
            existing = ProviderGrade(year=year)
            page.grades.add(existing)
        existing.grade, existing.score, existing.note = grade, score, note
        return existing

    return _publish_from_live(provider, set_grade, user=user, publish=publish)


# --- Publishing from the live page without losing a waiting update -------------------------------


@dataclass(frozen=True)
class PendingUpdate:
    """An update of a provider that is not published yet."""

    page: ProviderPage  # the provider as its latest revision has it
    review: WorkflowState | None  # in progress or returned (needs changes), if submitted

    @property
    def in_review(self) -> bool:
        return self.review is not None and self.review.status == WorkflowState.STATUS_IN_PROGRESS

    @property
    def returned(self) -> bool:
        return self.review is not None and self.review.status == WorkflowState.STATUS_NEEDS_CHANGES


def pending_update(provider: ProviderPage) -> PendingUpdate | None:
    """The provider's update waiting to be published (a draft newer than the live page, or a
    submitted one), or None."""
    review = provider.current_workflow_state
    if not provider.latest_revision_id or not (provider.has_unpublished_changes or review):
        return None
    return PendingUpdate(page=provider.get_latest_revision_as_object(), review=review)


def _publish_from_live(
    provider: ProviderPage,
    change: Callable[[ProviderPage], T],
    *,
    user=None,
    publish: bool = True,
) -> T:
    """Make ``change`` to the provider (its live content) and publish it; make it as well to a
    waiting update and keep that update where it was (see the module docstring)."""
    if not publish:
        result = change(provider)
        provider.save()
        return result
    pending = pending_update(provider)
    returned = pending.review if pending and pending.returned else None
    result = change(provider)
    provider.save()
    revision = provider.save_revision(user=user, log_action=True)
    if returned is not None:
        # Publishing cancels the page's current review. One returned to the editor is not
        # being reviewed: step it aside while publishing, so that it stays returned (with the
        # reviewer's comment) and the editor resubmits it as usual.
        _set_status(returned, WorkflowState.STATUS_CANCELLED)
        revision.publish(user=user)
        _set_status(returned, WorkflowState.STATUS_NEEDS_CHANGES)
    else:
        revision.publish(user=user)  # cancels a review in progress; it is restarted below
    if pending is not None:
        change(pending.page)
        pending.page.sync_denormalised_fields()  # the revision's status and latest grade
        pending.page.save_revision(user=user, log_action=True)
        workflow = pending.page.get_workflow() if pending.in_review else None
        if workflow is not None:
            workflow.start(pending.page, pending.review.requested_by)
    return result


def _set_status(state: WorkflowState, status: str) -> None:
    WorkflowState.objects.filter(pk=state.pk).update(status=status)
    state.status = status
