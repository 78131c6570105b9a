"""Template helpers for the catalogue pages. Load with ``{% load catalogue_tags %}``."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import translation

from catalogue import taxonomy
from catalogue.directory import price_band
from catalogue.models import Grade, Status

register = template.Library()

STATUS_BADGE = {
    Status.APPLIED: "muted",
    Status.SELECTED: "success",
    Status.RECTIFYING: "warning",
    Status.REMOVED: "danger",
}
GRADE_BADGE = {Grade.EXCELLENT: "success", Grade.QUALIFIED: "", Grade.UNQUALIFIED: "danger"}
TIMELINE_ITEM = {
    Status.APPLIED: "muted",
    Status.SELECTED: "success",
    Status.RECTIFYING: "warning",
    Status.REMOVED: "danger",
}


@register.filter
def term_name(term) -> str:
    """A taxonomy term's name in the active language."""
    return taxonomy.display_name(term)


@register.filter
def term_names(terms) -> list[str]:
    """Names of several terms (a related manager or an iterable) in the active language."""
    if hasattr(terms, "all"):
        terms = terms.all()
    return [taxonomy.display_name(term) for term in terms]


@register.filter
def status_badge(status: str) -> str:
    """The badge modifier for a provider status: ``badge--warning`` etc."""
    modifier = STATUS_BADGE.get(status, "")
    return f"badge--{modifier}" if modifier else ""


@register.filter
def grade_badge(grade: str) -> str:
    modifier = GRADE_BADGE.get(grade, "")
    return f"badge--{modifier}" if modifier else ""


@register.filter
def timeline_modifier(status: str) -> str:
    modifier = TIMELINE_ITEM.get(status, "")
    return f"timeline__item--{modifier}" if modifier else ""


@register.simple_tag
def latest_change(timeline, status: str):
    """The newest timeline entry with this status (the timeline is newest first)."""
    for change in timeline:
        if change.status == status:
            return change
    return None


@register.filter
def price(value) -> str:
    """A price in 万元 without trailing zeros: 12.5, 30; empty for None."""
    if value is None or value == "":
        return ""
    value = Decimal(value).normalize()
    return f"{value:f}"


@register.filter
def price_band_label(value) -> str:
    return str(price_band(value).label)


@register.filter
def batch_name(batch) -> str:
    """``2025年第3批`` in Chinese, ``2025 batch 3`` in English."""
    if batch is None:
        return ""
    language = translation.get_language() or ""
    return batch.name_en if language.startswith("en") else batch.name
