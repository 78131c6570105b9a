"""The 典型案例 sheet of the editors' workbook (DESIGN.md §3), imported by
``catalogue.workbook.import_workbook`` with the same rules as the catalogue's sheets.

Columns: 案例名称*, 年度*, 服务商统一社会信用代码* (one or more, each a provider in the workbook or
already on the site), 应用企业*, 所属行业, 所在地区, 应用场景 (an existing 细分类型), 实施内容,
实施成效. The natural key is 年度 + 案例名称. A column that is absent leaves its field alone; an
empty cell clears it.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from catalogue.models import ProviderPage
from catalogue.workbook import (
    Column,
    DiscardProblems,
    ImportJob,
    RowParser,
    SheetCounts,
    cell_text,
    chunks,
    parse_region,
    slug_for,
    split_cell,
    term_key,
)
from portal.identifiers import normalise, uscc_problem

from .models import CaseIndexPage, CasePage

CASES = "典型案例"
COLUMNS = (
    Column("案例名称", required=True),
    Column("年度", required=True),
    Column("服务商统一社会信用代码", required=True),
    Column("应用企业", required=True),
    Column("所属行业"),
    Column("所在地区"),
    Column("应用场景"),
    Column("实施内容"),
    Column("实施成效"),
)
NO_CASE_INDEX = "站点尚无典型案例目录页面"
FIRST_YEAR = 2000
_YEAR = re.compile(r"^(\d{4})(?:年|年度)?$")
SCALARS = (
    "title",
    "year",
    "client_name",
    "client_industry_id",
    "client_region_id",
    "scenario_id",
    "approach",
    "outcome",
)


class _CaseParser(RowParser):
    sheet = CASES

    def parse(self, number: int, cells: dict[str, Any]) -> dict[str, Any] | None:
        self.ok = True
        present = self.present
        fields: dict[str, Any] = {
            "title": self.name(number, cells, "案例名称", 200),
            "year": self.year(number, cells),
            "codes": self.codes(number, cells),
            "client_name": self.name(number, cells, "应用企业", 200),
        }
        if "所属行业" in present:
            industries = self.industries(number, cells, "所属行业")
            if len(industries) > 1:
                self.bad(number, "所属行业", cells["所属行业"], "只能填写一个行业")
            fields["client_industry"] = industries[0] if industries else None
        if "所在地区" in present:
            fields["client_region"] = self.region(number, cells)
        if "应用场景" in present:
            fields["scenario"] = self.scenario(number, cells)
        if "实施内容" in present:
            fields["approach"] = self.text(number, cells, "实施内容")
        if "实施成效" in present:
            fields["outcome"] = self.text(number, cells, "实施成效")
        return fields if self.ok else None

    def year(self, number, cells) -> int | None:
        raw = cells["年度"]
        text = cell_text(raw)
        if isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        match = _YEAR.match(text)
        latest = datetime.date.today().year + 1
        if not text:
            self.bad(number, "年度", raw, "必填项不能为空")
        elif not match or not FIRST_YEAR <= int(match.group(1)) <= latest:
            self.bad(number, "年度", raw, f"年度应为 {FIRST_YEAR}–{latest} 之间的四位年份，如 2025")
        else:
            return int(match.group(1))
        return None

    def codes(self, number, cells) -> list[str]:
        raw = cells["服务商统一社会信用代码"]
        codes = []
        for part in split_cell(raw):
            code = normalise(part)
            problem = uscc_problem(code)
            if problem:
                self.bad(number, "服务商统一社会信用代码", raw, f"{code}：{problem}")
            elif code not in codes:
                codes.append(code)
        if not split_cell(raw):
            self.bad(number, "服务商统一社会信用代码", raw, "必填项不能为空")
        return codes

    def region(self, number, cells):
        raw = cells["所在地区"]
        if not cell_text(raw):
            return None
        place = parse_region(raw)
        region = place if isinstance(place, str) else self.vocabulary.region(*place)
        if isinstance(region, str):
            self.bad(number, "所在地区", raw, region)
            return None
        return region

    def scenario(self, number, cells):
        raw = cells["应用场景"]
        name = cell_text(raw)
        if not name:
            return None
        candidates = self.vocabulary.subtypes.get(term_key(name))
        if not candidates:
            self.bad(
                number,
                "应用场景",
                raw,
                f"未知的应用场景“{name}”：须为已有的细分类型（导入不会新建），"
                "请核对名称，或先在“分类体系 › 细分类型”中添加",
            )
            return None
        return candidates[0]


class CaseSheet:
    """Imports the 典型案例 sheet (see the module docstring)."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.locale = job.locale
        self.index = CaseIndexPage.objects.filter(locale=self.locale).order_by("path").first()

    # The first pass ----------------------------------------------------------------------

    def validate(self, worksheet) -> None:
        job = self.job
        if self.index is None:
            job.problems.add(CASES, None, "", "", NO_CASE_INDEX)
        reader = job.reader(worksheet, CASES, COLUMNS)
        if reader is None:
            return
        parser = _CaseParser(job.vocabulary, job.problems, reader.present)
        seen: dict[tuple[int, str], int] = {}
        elsewhere: dict[str, list[int]] = {}  # codes not in the 服务商 sheet → rows
        in_workbook = getattr(job, "workbook_codes", {})
        for done, (number, cells) in enumerate(reader.rows(), start=1):
            fields = parser.parse(number, cells)
            job.tick("校验", CASES, done, reader.estimated_rows)
            if fields is None:
                continue
            key = (fields["year"], term_key(fields["title"]))
            if key in seen:
                job.problems.add(
                    CASES,
                    number,
                    "案例名称",
                    fields["title"],
                    f"同一年度的案例重复：第{seen[key]}行和第{number}行名称相同",
                )
            else:
                seen[key] = number
            for code in fields["codes"]:
                if code not in in_workbook:
                    elsewhere.setdefault(code, []).append(number)
        reader.finish()
        on_site = set()
        for chunk in chunks(list(elsewhere), 500):
            on_site.update(
                ProviderPage.objects.filter(locale=self.locale, uscc__in=chunk).values_list(
                    "uscc", flat=True
                )
            )
        for code, numbers in elsewhere.items():
            if code in on_site:
                continue
            for number in numbers:
                job.problems.add(
                    CASES,
                    number,
                    "服务商统一社会信用代码",
                    code,
                    f"找不到统一社会信用代码为 {code} 的服务商：它既不在本工作簿的“服务商”表中，"
                    "也不在网站上",
                )

    # The second pass ---------------------------------------------------------------------

    def apply(self, worksheet) -> None:
        job = self.job
        counts = job.result.counts[CASES] = SheetCounts()
        rows = self._rows(worksheet)
        slugs: set[str] | None = None
        for chunk in chunks(rows, 200):
            existing = self._existing(chunk)
            providers = {
                p.uscc: p
                for p in ProviderPage.objects.filter(
                    locale=self.locale, uscc__in={c for _, f in chunk for c in f["codes"]}
                ).order_by("-id")
            }
            for number, fields in chunk:
                fields["providers"] = [providers[c] for c in fields["codes"] if c in providers]
                page = existing.get((fields["year"], fields["title"]))
                if page is None:
                    counts.created += 1
                    if job.dry_run:
                        continue
                    if slugs is None:
                        slugs = set(self.index.get_children().values_list("slug", flat=True))
                    case = CasePage(
                        slug=slug_for(
                            f"{fields['year']}-{fields['title']}", slugs, fallback="case"
                        ),
                        locale=self.locale,
                        live=False,
                        owner=job.user,
                    )
                    _set(case, fields)
                    job.add_page(self.index, case, sheet=CASES, row_number=number)
                    continue
                current = page.get_latest_revision_as_object()
                if _state(current) == _wanted(current, fields):
                    counts.unchanged += 1
                    job.publish_unchanged(page, counts)
                    continue
                counts.updated += 1
                if not job.dry_run:
                    _set(current, fields)
                    job.save_update(current, sheet=CASES, row_number=number)

    def _rows(self, worksheet):
        parser = None
        for number, cells, present in self.job.rows_again(worksheet, CASES, COLUMNS):
            if parser is None:
                parser = _CaseParser(self.job.vocabulary, DiscardProblems(), present)
            fields = parser.parse(number, cells)
            if fields is not None:  # validated before: always
                yield number, fields

    def _existing(self, chunk) -> dict[tuple[int, str], CasePage]:
        titles = {fields["title"] for _, fields in chunk}
        found = {}
        for page in (
            CasePage.objects.filter(locale=self.locale, draft_title__in=titles)
            .descendant_of(self.index)
            .order_by("-id")
        ):
            found[page.year, page.draft_title] = page
        # A year changed in a draft: the key is the draft's year, looked up by the draft title.
        return found


def _set(page: CasePage, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "codes":
            continue
        if name == "providers":
            page.providers = value
        else:
            setattr(page, name, value)


def _state(page: CasePage) -> tuple:
    values = tuple(getattr(page, name) for name in SCALARS)
    return (*values, frozenset(p.pk for p in page.providers.all()))


def _wanted(page: CasePage, fields: dict[str, Any]) -> tuple:
    """What the page would be with the row applied (absent columns keep the page's values)."""
    values = []
    for name in SCALARS:
        field = name.removesuffix("_id")
        if field in fields:
            value = fields[field]
            values.append(value.pk if name.endswith("_id") and value is not None else value)
        else:
            values.append(getattr(page, name))
    return (*values, frozenset(p.pk for p in fields["providers"]))
