"""Writes that change a provider's standing. Each is dated, carries a reason and ends up on the
public timeline."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import BlacklistEntry, Grade, ProviderGrade, ProviderPage, Status, StatusChange


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
    if not reason or not reason.strip():
        raise ValueError("A status change needs a reason.")
    change = StatusChange(
        provider=provider,
        status=status,
        reason=reason.strip(),
        date=date or timezone.localdate(),
        deadline=deadline if status == Status.RECTIFYING else None,
    )
    provider.status_changes.add(change)
    provider.save()
    if publish:
        provider.save_revision(user=user, log_action=True).publish(user=user)
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
    reason = provider.grading_ineligibility(year)
    if reason:
        raise NotEligibleForGrading(reason)
    existing = next((g for g in provider.grades.all() if g.year == year), None)
    if existing is None:
        existing = ProviderGrade(provider=provider, year=year)
        provider.grades.add(existing)
    existing.grade, existing.score, existing.note = grade, score, note
    provider.save()
    if publish:
        provider.save_revision(user=user, log_action=True).publish(user=user)
    return existing
