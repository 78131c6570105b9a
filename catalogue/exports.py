"""Downloads of the public lists: the filtered provider directory, the solution catalogue and
each annual list, as CSV (UTF-8 with BOM, for Excel), XLSX and JSON.

Provider and solution exports use the column names of the editors' import template
(DESIGN.md §3) with canonical (Chinese) vocabulary and several values joined with ``；`` so a
downloaded file re-imports cleanly. Only published content is exported. Large lists are
streamed: rows are read in chunks with their relations prefetched per chunk.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from urllib.parse import quote

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from . import taxonomy
from .directory import (
    EXPORT_CHUNK_SIZE,
    ProviderListing,
    SolutionListing,
    annual_list_entries,
)
from .models import Category, DeploymentMode, Grade, Industry, ProviderPage, Region, Subtype

SEPARATOR = "；"
CANONICAL_LANGUAGE = "zh-hans"

PROVIDER_COLUMNS = [
    "服务商名称",
    "统一社会信用代码",
    "所在地区",
    "服务商类别",
    "细分类型",
    "服务行业",
    "服务商简介",
    "联系人",
    "联系电话",
    "网址",
    "入选批次",
    "年度评级",
    "评级年度",
    "解决方案设计师人数",
]
SOLUTION_COLUMNS = [
    "解决方案名称",
    "服务商统一社会信用代码",
    "服务商类别",
    "适用行业",
    "部署方式",
    "参考价格（万元）",
    "小快轻准",
    "方案简介",
]
ANNUAL_LIST_COLUMNS = [
    "年度",
    "评级",
    "服务商类别",
    "服务商名称",
    "统一社会信用代码",
    "所在地区",
    "备注",
]
# Sheet names of the import workbook.
PROVIDER_SHEET = "服务商"
SOLUTION_SHEET = "解决方案"

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


# --- Values ---------------------------------------------------------------------------------


def _names(terms: Iterable, model) -> str:
    """Canonical (Chinese) names of the terms, whichever locale they are in."""
    names = taxonomy.localized_names(model, CANONICAL_LANGUAGE)
    return SEPARATOR.join(names.get(str(t.translation_key), t.name) for t in terms)


def region_name(region: Region | None) -> str:
    """``济南市`` for a Shandong city; ``江苏省南京市`` for a city elsewhere."""
    if region is None:
        return ""
    name = taxonomy.localized_names(Region, CANONICAL_LANGUAGE).get(
        str(region.translation_key), region.name
    )
    if region.is_shandong or not region.province or name.startswith(region.province):
        return name
    return f"{region.province}{name}"


def price_value(price: Decimal | None):
    """A price as a plain number (12.5, 30) or None."""
    if price is None:
        return None
    normalized = price.normalize()
    return int(normalized) if normalized == normalized.to_integral() else float(normalized)


def provider_row(provider: ProviderPage) -> list:
    with translation.override(CANONICAL_LANGUAGE):
        grade = str(Grade(provider.latest_grade).label) if provider.latest_grade else ""
    return [
        provider.title,
        provider.uscc,
        region_name(provider.region),
        _names(provider.categories.all(), Category),
        _names(provider.subtypes.all(), Subtype),
        _names(provider.industries.all(), Industry),
        provider.introduction,
        provider.contact_name,
        provider.contact_phone,
        provider.website,
        provider.batch.name if provider.batch else "",
        grade,
        provider.latest_grade_year,
        provider.designer_count,
    ]


def solution_row(solution) -> list:
    provider = getattr(solution, "listed_provider", None)
    with translation.override(CANONICAL_LANGUAGE):
        mode = (
            str(DeploymentMode(solution.deployment_mode).label) if solution.deployment_mode else ""
        )
    return [
        solution.title,
        provider.uscc if provider else "",
        _names([solution.category], Category),
        _names(solution.industries.all(), Industry),
        mode,
        price_value(solution.reference_price),
        "是" if solution.is_xkqz else "否",
        solution.description,
    ]


# --- Reading in chunks ----------------------------------------------------------------------


def _chunked(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def listing_objects(listing, *, prefetch: Callable, after_chunk: Callable | None = None):
    """Every entry of the listing in its order, fetched in chunks with relations prefetched.

    A keyword search keeps its relevance order by reading the ranked ids in chunks; any other
    order streams the queryset with ``.iterator(chunk_size=…)``.
    """
    if listing.sort == "relevance" and listing.search_hits is not None:
        for chunk in _chunked(listing.ordered_ids(), EXPORT_CHUNK_SIZE):
            objects = listing.objects_in_order(chunk, prefetch=prefetch)
            if after_chunk:
                after_chunk(objects)
            yield from objects
        return
    iterator = prefetch(listing.ordered()).iterator(chunk_size=EXPORT_CHUNK_SIZE)
    if after_chunk is None:
        yield from iterator
        return
    buffer = []
    for obj in iterator:
        buffer.append(obj)
        if len(buffer) >= EXPORT_CHUNK_SIZE:
            after_chunk(buffer)
            yield from buffer
            buffer = []
    if buffer:
        after_chunk(buffer)
        yield from buffer


def provider_rows(listing: ProviderListing) -> Iterator[list]:
    def prefetch(queryset):
        return queryset.select_related("region", "batch").prefetch_related(
            "categories", "subtypes", "industries"
        )

    for provider in listing_objects(listing, prefetch=prefetch):
        yield provider_row(provider)


def solution_rows(listing: SolutionListing) -> Iterator[list]:
    from .directory import attach_providers

    def prefetch(queryset):
        return queryset.select_related("category").prefetch_related("industries")

    for solution in listing_objects(listing, prefetch=prefetch, after_chunk=attach_providers):
        yield solution_row(solution)


# --- Responses ------------------------------------------------------------------------------


def content_disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII fallback and the real name in RFC 5987 form."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


# A cell starting like a formula is data, not a formula (CSV/formula injection). Phone numbers
# such as "+86 531 8888 0000" are left alone.
_FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s()-]*$))")


def _csv_safe(value):
    if isinstance(value, str) and _FORMULA_START.match(value):
        return "'" + value
    return "" if value is None else value


class _Echo:
    def write(self, value):
        return value


def _csv_stream(columns: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_csv_safe(v) for v in row])


def _json_stream(columns: list[str], rows: Iterable[list]) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(columns, ensure_ascii=False) + ', "results": ['
    first = True
    for row in rows:
        item = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
        yield ("\n" if first else ",\n") + item
        first = False
    yield "\n]}\n"


def _xlsx_cell(worksheet, value):
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(worksheet, value)
        cell.data_type = "s"  # text, never a formula
        return cell
    return value


def _xlsx_file(columns: list[str], rows: Iterable[list], sheet: str):
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet)
    worksheet.append(columns)
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, v) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_response(
    *,
    fmt: str,
    columns: list[str],
    rows: Iterable[list],
    basename: str,
    fallback: str,
    sheet: str,
):
    """A download of ``rows`` as ``fmt``; CSV and JSON stream, XLSX is built in a temp file."""
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    today = timezone.localdate().isoformat()
    filename = f"{basename}-{today}.{fmt}"
    ascii_name = f"{fallback}-{today}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_stream(columns, rows), content_type=FORMATS[fmt])
    elif fmt == "json":
        response = StreamingHttpResponse(_json_stream(columns, rows), content_type=FORMATS[fmt])
    else:
        response = FileResponse(_xlsx_file(columns, rows, sheet), content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition(filename, ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _listing_base_url(request, page) -> str:
    return page.get_url(request) or ""


def provider_export(request, *, index_page, fmt: str):
    """The provider directory as filtered by the query string (same filters as the page)."""
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    listing = ProviderListing(
        request.GET, index_page=index_page, base_url=_listing_base_url(request, index_page)
    )
    return export_response(
        fmt=fmt,
        columns=PROVIDER_COLUMNS,
        rows=provider_rows(listing),
        basename="服务商名录",
        fallback="providers",
        sheet=PROVIDER_SHEET,
    )


def solution_export(request, *, index_page, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    listing = SolutionListing(
        request.GET, index_page=index_page, base_url=_listing_base_url(request, index_page)
    )
    return export_response(
        fmt=fmt,
        columns=SOLUTION_COLUMNS,
        rows=solution_rows(listing),
        basename="解决方案清单",
        fallback="solutions",
        sheet=SOLUTION_SHEET,
    )


def annual_list_rows(page) -> Iterator[list]:
    for entry in annual_list_entries(page):
        provider = entry.linked_provider
        with translation.override(CANONICAL_LANGUAGE):
            grade = str(Grade(entry.grade).label) if entry.grade in Grade.values else entry.grade
        yield [
            page.year,
            grade,
            _names([entry.category], Category),
            provider.title if provider else entry.provider.title,
            provider.uscc if provider else "",
            region_name(provider.region) if provider else "",
            entry.note,
        ]


def annual_list_export(request, *, page, fmt: str):
    """One annual list as CSV or XLSX (grade, then category order, as on the page)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    with translation.override(CANONICAL_LANGUAGE):
        rows = list(annual_list_rows(page))
    return export_response(
        fmt=fmt,
        columns=ANNUAL_LIST_COLUMNS,
        rows=rows,
        basename=f"{page.year}年度服务商名单",
        fallback=f"annual-list-{page.year}",
        sheet=f"{page.year}年度名单",
    )


__all__ = [
    "ANNUAL_LIST_COLUMNS",
    "PROVIDER_COLUMNS",
    "SOLUTION_COLUMNS",
    "annual_list_export",
    "content_disposition",
    "export_response",
    "provider_export",
    "solution_export",
]
