"""Downloads of the case listing, in the 典型案例 sheet's columns (re-importable) plus the
measured results. The referee contact is never exported."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import Http404

from catalogue.exports import (
    CANONICAL_LANGUAGE,
    FORMATS,
    SEPARATOR,
    export_response,
    listing_objects,
    region_name,
)
from catalogue.taxonomy import display_name

from .listing import CaseListing, attach_links
from .workbook import CASES, COLUMNS

CASE_COLUMNS = [column.name for column in COLUMNS] + ["量化成效"]


def result_text(result) -> str:
    """生产效率：60 → 75 %（+25%）"""
    unit = f" {result.unit}" if result.unit else ""
    after = f"{result.after.normalize():f}"
    if result.before is None:
        return f"{result.indicator}：{after}{unit}"
    text = f"{result.indicator}：{result.before.normalize():f} → {after}{unit}"
    if result.change_percent is not None:
        text += f"（{result.change_percent:+g}%）"
    return text


def case_row(case) -> list:
    return [
        case.title,
        case.year,
        SEPARATOR.join(p.uscc for p in case.linked_providers),
        case.client_name,
        display_name(case.client_industry, CANONICAL_LANGUAGE),
        region_name(case.client_region),
        display_name(case.scenario, CANONICAL_LANGUAGE),
        case.approach,
        case.outcome,
        SEPARATOR.join(result_text(r) for r in case.results.all()),
    ]


def case_rows(listing: CaseListing) -> Iterator[list]:
    def prefetch(queryset):
        return queryset.select_related(
            "client_industry", "client_region", "scenario"
        ).prefetch_related("results")

    for case in listing_objects(listing, prefetch=prefetch, after_chunk=attach_links):
        yield case_row(case)


def case_export(request, *, index_page, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    listing = CaseListing(request.GET, index_page=index_page, base_url=index_page.get_url(request))
    return export_response(
        fmt=fmt,
        columns=CASE_COLUMNS,
        rows=case_rows(listing),
        basename="典型案例",
        fallback="cases",
        sheet=CASES,
    )
