"""What editors must act on: applications awaiting their monthly review, providers behind on
their annual update, and rectification deadlines that have passed."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from wagtail.models import Locale

from .models import ProviderPage, Status, StatusChange


def review_due_date(applied_on: datetime.date) -> datetime.date:
    """Applications of month M are reviewed before the 15th of month M+1."""
    year, month = (
        (applied_on.year + 1, 1)
        if applied_on.month == 12
        else (applied_on.year, applied_on.month + 1)
    )
    return datetime.date(year, month, 15)


def _canonical():
    return ProviderPage.objects.filter(locale=Locale.get_default(), alias_of__isnull=True)


def _latest_change(field_name: str):
    return Subquery(
        StatusChange.objects.filter(provider=OuterRef("pk"))
        .order_by("-date", "-id")
        .values(field_name)[:1]
    )


@dataclass
class ReviewMonth:
    month: datetime.date  # first day of the month the applications came in
    due: datetime.date
    providers: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"


def applications_by_month(*, today: datetime.date) -> list[ReviewMonth]:
    """Providers still 申报中, grouped by the month they applied, oldest first."""
    applied = _canonical().filter(status=Status.APPLIED).annotate(applied_on=_latest_change("date"))
    months: dict[datetime.date, ReviewMonth] = {}
    for provider in applied.order_by("pk"):
        applied_on = provider.applied_on or (
            provider.first_published_at or provider.latest_revision_created_at
        )
        if isinstance(applied_on, datetime.datetime):
            applied_on = applied_on.date()
        applied_on = applied_on or today
        start = applied_on.replace(day=1)
        month = months.setdefault(start, ReviewMonth(start, review_due_date(applied_on)))
        month.providers.append(provider)
    return [months[key] for key in sorted(months)]


def annual_update_due(*, today: datetime.date):
    """Providers in the pool whose information has not been updated this year. Before the 31
    March deadline they are reminders; after it they have lost this year's grading."""
    start_of_year = datetime.date(today.year, 1, 1)
    return (
        _canonical()
        .filter(status__in=[Status.SELECTED, Status.RECTIFYING], live=True)
        .exclude(last_updated_on__gte=start_of_year)
        .exclude(batch__published_on__gte=start_of_year)
        .select_related("region")
        .order_by("last_updated_on", "fair_key")
    )


def rectification_overdue(*, today: datetime.date):
    """Providers under rectification whose deadline has passed."""
    return (
        _canonical()
        .filter(status=Status.RECTIFYING)
        .annotate(deadline=_latest_change("deadline"), reason=_latest_change("reason"))
        .filter(deadline__lt=today)
        .order_by("deadline", "fair_key")
    )


def annual_deadline(today: datetime.date) -> datetime.date:
    return datetime.date(today.year, 3, 31)
