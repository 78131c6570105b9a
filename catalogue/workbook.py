"""The editors' workbook import (DESIGN.md §3): the 服务商 and 解决方案 sheets here, and the sheets
other apps register with :func:`register_sheet` (典型案例 in ``cases``, 证书 in ``training``).

    result = import_workbook("名单.xlsx", publish=False, dry_run=False, user=None)

How it works:

1. **Validate** — a first streaming pass over each sheet (openpyxl, read-only). Every row is parsed
   into typed values and every problem is recorded as a :class:`Problem` (sheet, row, column,
   value, reason in Chinese). Only what later checks need is kept in memory: the codes seen (for
   duplicates and for the solutions' providers) and the vocabulary that would be created.
2. If anything is wrong, stop: nothing is written.
3. **Compare and write** — a second streaming pass, in chunks of :data:`CHUNK_SIZE` rows. The rows
   are parsed again, the chunk's existing pages are loaded with a few bulk queries and each row is
   compared with the page's current content (its latest revision, exactly what
   ``page.get_latest_revision_as_object()`` returns, read in bulk). Equal → unchanged, nothing is
   saved. Otherwise a new page or a new revision is saved; imported content stays a draft unless
   ``publish``. The whole write runs in one transaction; a dry run makes the same comparison and
   writes nothing.

Rules worth knowing (also in the editor guide):

- The natural keys are the USCC (providers) and provider + solution name (solutions).
- A column that is absent from a sheet leaves that field alone; an empty cell in a column that is
  present clears the field (the row describes the entry as it should be). The grade columns add or
  update the grade of the given year and never delete other years.
- 网址: ``http://`` / ``https://`` only; a value without a scheme such as ``www.example.com`` is
  read as ``http://www.example.com``.
- 所在地区: a Shandong city (``济南`` = ``济南市`` = ``山东省济南市``), a municipality
  (``北京市``) or ``省份 + 城市`` (``江苏省南京市``); a region the site does not know yet is
  created (Chinese row + English twin) and named in the result.
- New providers on the active 申报失信黑名单 are refused.
- Cells are capped at :data:`MAX_CELL_CHARS` characters; at most :data:`MAX_LISTED_PROBLEMS`
  problems are listed (the total is always given).
"""

from __future__ import annotations

import datetime
import io
import pickle
import re
import tempfile
import unicodedata
import uuid
import warnings
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import openpyxl
from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from openpyxl.utils import get_column_letter
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Revision

from portal import page_cache
from portal.heap import old_objects_set_aside
from portal.identifiers import normalise, uscc_problem
from portal.translation import create_english_aliases, sync_english_aliases
from search.analysis import simplified

from .bulk import DeferredIndexing, compute_derived_fields, create_pages
from .models import (
    Batch,
    BlacklistEntry,
    Category,
    DeploymentMode,
    Grade,
    Industry,
    ProviderGrade,
    ProviderIndexPage,
    ProviderPage,
    Region,
    SolutionPage,
    Status,
    StatusChange,
    Subtype,
)

PROVIDERS = "服务商"
SOLUTIONS = "解决方案"
CATALOGUE_SHEETS = (PROVIDERS, SOLUTIONS)

MAX_CELL_CHARS = 10_000
MAX_LISTED_PROBLEMS = 1_000
# openpyxl keeps the shared-strings table in memory even in read-only mode: refuse a workbook
# whose text would not fit comfortably (a "zip bomb" or a runaway export).
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024
CHUNK_SIZE = 500
#: The validation keeps a sheet's parsed rows for the import when it has at most this many: a
#: batch's workbook (hundreds of rows) is read and parsed once. A bigger sheet's rows are parsed
#: again from the cells the validation read, spooled to a temporary file (_SpooledRows), so that
#: a 100,000-row workbook does not hold every row in memory.
KEPT_ROWS = 10_000
SLUG_MAX_LENGTH = 80

NOT_XLSX = "文件不是有效的 xlsx 工作簿"
NO_PROVIDER_INDEX = "站点尚无服务商名录页面"
SHANDONG = "山东省"

# After NFKC folding, ；→; and ，→, so these cover the full-width separators too.
_SEPARATORS = re.compile(r"[;,、\n]+")
_BATCH = re.compile(r"^(\d{4})年第(\d{1,3})批$")
_YEAR = re.compile(r"^(\d{4})(?:年|年度)?$")
_CITY_SUFFIX = re.compile(r"^(.+?(?:市|自治州|地区|盟))")

GRADES = {"优秀": Grade.EXCELLENT, "合格": Grade.QUALIFIED, "不合格": Grade.UNQUALIFIED}
DEPLOYMENT_MODES = {
    "saas": DeploymentMode.SAAS,
    "私有化部署": DeploymentMode.PRIVATE,
    "混合部署": DeploymentMode.HYBRID,
}
YES_NO = {"是": True, "否": False}

MUNICIPALITIES = {"北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市"}
_PROVINCE_NAMES = [
    *("河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省"),
    *("江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省"),
    *("云南省", "陕西省", "甘肃省", "青海省", "台湾省"),
]
_REGION_NAMES = {
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
# Every way a province-level name may be written (full or short) → its full name; longest first
# so that 黑龙江省 is tried before 黑龙江.
PROVINCES = dict(
    sorted(
        {
            **{name: name for name in _PROVINCE_NAMES},
            **{name[:-1]: name for name in _PROVINCE_NAMES},
            **{name: name for name in _REGION_NAMES.values()},
            **_REGION_NAMES,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)


class Column(NamedTuple):
    name: str
    required: bool = False


PROVIDER_COLUMNS = (
    Column("服务商名称", required=True),
    Column("统一社会信用代码", required=True),
    Column("所在地区", required=True),
    Column("服务商类别", required=True),
    Column("细分类型"),
    Column("服务行业"),
    Column("服务商简介"),
    Column("联系人"),
    Column("联系电话"),
    Column("网址"),
    Column("入选批次"),
    Column("年度评级"),
    Column("评级年度"),
    Column("解决方案设计师人数"),
)
SOLUTION_COLUMNS = (
    Column("解决方案名称", required=True),
    Column("服务商统一社会信用代码", required=True),
    Column("服务商类别", required=True),
    Column("适用行业"),
    Column("部署方式"),
    Column("参考价格（万元）"),
    Column("小快轻准"),
    Column("方案简介"),
)

PROVIDER_M2M = ("categories", "subtypes", "industries")
SOLUTION_M2M = ("industries",)


# --- Result ----------------------------------------------------------------------------------


class Problem(NamedTuple):
    """One problem in the workbook. ``row`` is the spreadsheet row number (1 = the header row),
    None for a problem with the file or a whole sheet."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"工作表“{self.sheet}”")
        if self.row:
            where.append(f"第{self.row}行")
        if self.column:
            where.append(f"“{self.column}”列")
        text = " ".join(where)
        if self.value:
            text += f"（值：{self.value}）"
        return f"{text}：{self.reason}" if text else self.reason


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Of the unchanged: drafts whose latest revision an import with ``publish`` published.
    published: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


INDEXING_QUEUED = "站内搜索索引正在后台更新：新建和修改的页面稍后即可被搜索到。"


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a rejected file, would do)."""

    dry_run: bool = False
    publish: bool = False
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    new_industries: list[str] = field(default_factory=list)
    new_batches: list[str] = field(default_factory=list)
    new_regions: list[str] = field(default_factory=list)
    # Open-list terms other sheets created (e.g. 培训项目), by column name.
    extra_vocabulary: dict[str, list[str]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    error_count: int = 0  # all problems found; ``errors`` lists the first MAX_LISTED_PROBLEMS
    notes: list[str] = field(default_factory=list)
    # The search index of the written pages is being updated by background tasks.
    indexing_queued: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    @property
    def unlisted_error_count(self) -> int:
        return max(0, self.error_count - len(self.errors))

    @property
    def created_vocabulary(self) -> dict[str, list[str]]:
        return {
            "服务行业": self.new_industries,
            "入选批次": self.new_batches,
            "所在地区": self.new_regions,
            **self.extra_vocabulary,
        }

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def summary_lines(self) -> list[str]:
        """The result in plain Chinese, one line each (the command prints these)."""
        lines = []
        if self.errors:
            lines.append(f"发现 {self.error_count} 个问题，未导入任何数据：")
            lines.extend(f"  {problem}" for problem in self.errors)
            if self.unlisted_error_count:
                lines.append(f"  ……另有 {self.unlisted_error_count} 个问题未列出。")
        else:
            if self.dry_run:
                lines.append("试运行：以下是导入将产生的结果，未写入任何数据。")
            elif self.publish:
                lines.append("导入完成，内容已直接发布。")
            else:
                lines.append("导入完成，新建和修改的内容为草稿，待审核后发布。")
            for sheet, counts in self.counts.items():
                line = (
                    f"{sheet}：新建 {counts.created}，更新 {counts.updated}，"
                    f"未变 {counts.unchanged}"
                )
                if counts.published:
                    line += f"（其中 {counts.published} 个草稿内容未变，本次发布）"
                lines.append(line)
        verb = "新建"
        if self.errors:
            verb = "修正问题后导入，将新建"
        elif self.dry_run:
            verb = "将新建"
        for label, names in self.created_vocabulary.items():
            if names:
                lines.append(f"{verb}{label}（{len(names)}）：{'、'.join(names)}")
        lines.extend(self.notes)
        return lines


class ImportRejected(Exception):
    """Raised inside the write transaction to roll it back with a problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


Progress = Callable[[str, str, int, int | None], None]
"""``progress(phase, sheet, done, total)``: phase is "校验" or "导入"/"比对"; total may be None."""


class SheetImporter(Protocol):
    """A sheet another app imports through this workbook (cases: 典型案例, training: 证书).

    ``importer(job)`` is made once per import. ``validate(worksheet)`` is the first pass: record
    every problem in ``job.problems`` and write nothing (``job.reader`` reads the header and
    rows). ``apply(worksheet)`` is the second pass, inside the import's transaction, only when the
    whole workbook is valid: set ``job.result.counts[sheet]``, write unless ``job.dry_run``
    (``job.rows_again`` streams the rows) and raise :class:`ImportRejected` to roll everything
    back. New pages go in ``job.new_page_ids`` (they get their English aliases); open-list terms
    created go in ``job.result.extra_vocabulary``.
    """

    def __init__(self, job: ImportJob) -> None: ...

    def validate(self, worksheet) -> None: ...

    def apply(self, worksheet) -> None: ...


_REGISTERED_SHEETS: dict[str, tuple[int, type[SheetImporter]]] = {}


def register_sheet(name: str, importer: type[SheetImporter], *, order: int) -> None:
    """Import the sheet ``name`` with ``importer``, after the sheets of lower ``order`` (服务商 1,
    解决方案 2). Apps call this from ``AppConfig.ready``."""
    _REGISTERED_SHEETS[name] = (order, importer)


def template_sheets() -> list[str]:
    """Every sheet name the import reads, in import order."""
    return sorted({*CATALOGUE_SHEETS, *_REGISTERED_SHEETS}, key=_sheet_order)


def _sheet_order(name: str) -> int:
    if name in CATALOGUE_SHEETS:
        return CATALOGUE_SHEETS.index(name) + 1
    return _REGISTERED_SHEETS.get(name, (99, None))[0]


# --- Text helpers ------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell value as stripped text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _fold(text: str) -> str:
    """Fold full-width characters and drop all spaces: how values are read."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def name_key(text: str) -> str:
    """How a name the template knows (a sheet, a column, a place) is compared: folded, and
    written in simplified characters, as the site writes them (煙臺市 is 烟台市)."""
    return simplified(_fold(text))


def term_key(text: str) -> str:
    """How a term (a category, an industry, a solution's name within its provider) is
    compared with the site's: as a name, in either case."""
    return name_key(text).casefold()


def single_line(text: str) -> str:
    return " ".join(text.split())


def _display(value: Any, limit: int = 60) -> str:
    text = cell_text(value)
    if len(text) > limit:
        return f"{text[:limit]}…（共{len(text)}个字符）"
    return text


def split_cell(value: Any) -> list[str]:
    """Split a list cell on ；;、,， (and line breaks); folded, stripped, de-duplicated."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    seen, parts = set(), []
    for part in _SEPARATORS.split(text):
        part = single_line(part)
        if part and term_key(part) not in seen:
            seen.add(term_key(part))
            parts.append(part)
    return parts


def _header_key(text: str) -> str:
    return name_key(text).strip("*")


def slug_for(name: str, taken: set[str], *, fallback: str) -> str:
    """``slugify(anyascii(name))``, shortened, made unique against ``taken`` (-2, -3, …) and
    added to it."""
    base = slugify(anyascii(name))[:SLUG_MAX_LENGTH].strip("-") or fallback
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _english_place(name: str) -> str:
    """南京市 → Nanjing: pinyin of a place name without its administrative suffix."""
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    else:
        if name[-1:] in {"省", "市", "盟"} and len(name) > 1:
            name = name[:-1]
        elif name.endswith("地区") and len(name) > 2:
            name = name[:-2]
    return anyascii(name).capitalize() or name


def parse_region(value: Any) -> tuple[str, str] | str:
    """``(province, city)`` for a 所在地区 cell, or the reason it cannot be read.

    A Shandong city may be written without 市 or with the province; a municipality is its own
    province; anywhere else needs the province: ``江苏省南京市``. Anything after the city (a
    district) is ignored."""
    text = name_key(cell_text(value)).removeprefix("中国")
    if not text:
        return "必填项不能为空"
    for short, full in MUNICIPALITIES.items():
        if text in {short, full}:
            return full, full
    province, rest = SHANDONG, text  # a bare city name is read as a Shandong city
    for written, full in PROVINCES.items():
        if text.startswith(written):
            province, rest = full, text[len(written) :]
            if not rest:
                example = "济南市" if full == SHANDONG else "某某市"
                return f"请填写到地级市，例如“{full}{example}”"
            break
    match = _CITY_SUFFIX.match(rest)
    if match:
        return province, match.group(1)
    return province, rest if province == SHANDONG else f"{rest}市"


# --- Reading -----------------------------------------------------------------------------------


class _Problems:
    """Collects problems; lists the first MAX_LISTED_PROBLEMS and counts them all."""

    def __init__(self):
        self.listed: list[Problem] = []
        self.count = 0

    def add(self, sheet: str, row: int | None, column: str, value: Any, reason: str) -> None:
        self.count += 1
        if len(self.listed) < MAX_LISTED_PROBLEMS:
            self.listed.append(Problem(sheet, row, column, _display(value), reason))

    def __bool__(self) -> bool:
        return self.count > 0


class DiscardProblems(_Problems):
    """The second pass re-parses rows that already passed validation."""

    def add(self, *args, **kwargs) -> None:
        self.count += 1


def _open_source(source) -> tuple[Any, bool]:
    """A seekable binary file for ``source`` (a path, bytes or a file object) and whether we
    opened it (and must close it)."""
    if isinstance(source, (str, Path)):
        return open(source, "rb"), True  # closed by import_workbook
    if isinstance(source, (bytes, bytearray)):
        return io.BytesIO(source), True
    if hasattr(source, "seekable") and not source.seekable():
        return io.BytesIO(source.read()), True
    return source, False


def _check_package(fileobj) -> str | None:
    """A cheap look at the zip container before openpyxl parses it."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names:
                return NOT_XLSX
            if "xl/sharedStrings.xml" in names:
                size = package.getinfo("xl/sharedStrings.xml").file_size
                if size > MAX_SHARED_STRINGS_BYTES:
                    return f"工作簿中的文字总量过大（{size // 1024 // 1024} MB），请拆分后分批导入"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return NOT_XLSX
    return None


def _load(fileobj):
    fileobj.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
        return openpyxl.load_workbook(fileobj, read_only=True, data_only=True, keep_links=False)


class SheetReader:
    """Streams one sheet: the header row, then the data rows as ``{column name: value}``."""

    def __init__(self, worksheet, sheet: str, columns: tuple[Column, ...], problems: _Problems):
        self.sheet = sheet
        self.columns = columns
        self.problems = problems
        self.positions: dict[str, int] = {}
        self.unknown: set[int] = set()  # columns whose header is already reported
        self.data_rows = 0
        # The <dimension> a file declares can be wrong (some tools write A1): estimate the size
        # for the progress bar from it, then read every row there is.
        try:
            self.estimated_rows = max(0, (worksheet.max_row or 0) - 1) or None
        except (TypeError, ValueError):
            self.estimated_rows = None
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()
        self._rows = worksheet.iter_rows(values_only=True)

    @property
    def present(self) -> set[str]:
        return set(self.positions)

    def read_header(self) -> bool:
        """Check the header row; True when the rows can be read (every required column
        exists)."""
        header = next(self._rows, None)
        if header is None or not any(cell_text(v) for v in header):
            self.problems.add(
                self.sheet, None, "", "", f"工作表“{self.sheet}”是空的：第1行应为列名，其下为数据"
            )
            return False
        expected = {_header_key(column.name): column for column in self.columns}
        for position, raw in enumerate(header):
            if isinstance(raw, str) and len(raw) > MAX_CELL_CHARS:
                self._too_long(1, "", raw, position)
                self.unknown.add(position)
                continue
            text = cell_text(raw)
            if not text:
                continue
            column = expected.get(_header_key(text))
            cell = f"{get_column_letter(position + 1)}1"
            if column is None:
                self.unknown.add(position)
                self.problems.add(
                    self.sheet,
                    1,
                    text,
                    text,
                    f"无法识别的列名“{text}”（{cell}）；本表的列名为："
                    + "、".join(c.name for c in self.columns),
                )
            elif column.name in self.positions:
                self.unknown.add(position)
                first = get_column_letter(self.positions[column.name] + 1)
                self.problems.add(
                    self.sheet, 1, column.name, text, f"列名重复：{first}1 和 {cell} 都是“{text}”"
                )
            else:
                self.positions[column.name] = position
        missing = [c.name for c in self.columns if c.required and c.name not in self.positions]
        for name in missing:
            self.problems.add(self.sheet, 1, name, "", f"缺少必填列“{name}”")
        return not missing

    def _too_long(self, row: int, column: str, value: str, position: int) -> None:
        cell = f"{get_column_letter(position + 1)}{row}"
        self.problems.add(
            self.sheet,
            row,
            column,
            value[:20],
            f"单元格 {cell} 内容过长：{len(value)} 个字符，上限为 {MAX_CELL_CHARS} 个字符",
        )

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        names = {position: name for name, position in self.positions.items()}
        reported_unnamed: set[int] = set()
        for number, values in enumerate(self._rows, start=2):
            if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
                continue
            self.data_rows += 1
            cells: dict[str, Any] = dict.fromkeys(self.positions)
            too_long = False
            for position, value in enumerate(values):
                if value is None:
                    continue
                name = names.get(position)
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    self._too_long(number, name or "", value, position)
                    too_long = True
                    continue
                if name is not None:
                    cells[name] = value
                elif (
                    position not in self.unknown
                    and position not in reported_unnamed
                    and cell_text(value)
                ):
                    reported_unnamed.add(position)
                    self.problems.add(
                        self.sheet,
                        number,
                        f"{get_column_letter(position + 1)}列",
                        value,
                        f"第{get_column_letter(position + 1)}列没有列名却有内容"
                        f"（首次出现在第{number}行）；请补上列名或删除该列",
                    )
            if too_long:
                continue  # the row's other checks would only add noise
            yield number, cells

    def finish(self) -> None:
        if self.data_rows == 0:
            self.problems.add(
                self.sheet, None, "", "", f"工作表“{self.sheet}”没有数据：只有列名，没有数据行"
            )


# --- Vocabulary --------------------------------------------------------------------------------


class _Vocabulary:
    """The site's taxonomy and batches in dictionaries keyed by folded name, plus the terms the
    workbook will create (unsaved until :meth:`create_new`)."""

    def __init__(self, locale: Locale):
        self.locale = locale
        self.categories = {term_key(c.name): c for c in Category.objects.filter(locale=locale)}
        self.category_names = {c.pk: c.name for c in self.categories.values()}
        self.subtypes: dict[str, list[Subtype]] = defaultdict(list)
        for subtype in Subtype.objects.filter(locale=locale).order_by("sort_order", "id"):
            self.subtypes[term_key(subtype.name)].append(subtype)
        self.industries = {term_key(i.name): i for i in Industry.objects.filter(locale=locale)}
        self.regions = {(r.province, r.name): r for r in Region.objects.filter(locale=locale)}
        self.batches = {(b.year, b.number): b for b in Batch.objects.all()}
        self.new_industries: list[Industry] = []
        self.new_regions: list[Region] = []
        self.new_batches: list[Batch] = []

    def category(self, name: str) -> Category | None:
        return self.categories.get(term_key(name))

    def industry(self, name: str) -> Industry:
        key = term_key(name)
        if key not in self.industries:
            industry = Industry(locale=self.locale, name=name)
            self.industries[key] = industry
            self.new_industries.append(industry)
        return self.industries[key]

    def batch(self, year: int, number: int) -> Batch:
        if (year, number) not in self.batches:
            batch = Batch(year=year, number=number)
            self.batches[year, number] = batch
            self.new_batches.append(batch)
        return self.batches[year, number]

    def region(self, province: str, city: str) -> Region | str:
        """The region, a new one for outside Shandong, or why there is none."""
        if province == SHANDONG:
            for name in (city, f"{city}市"):
                if (SHANDONG, name) in self.regions:
                    return self.regions[SHANDONG, name]
            cities = "、".join(n for p, n in self.regions if p == SHANDONG)
            return (
                f"“{city}”不是山东省的地级市（山东省内请填写：{cities}）；"
                "省外的地区请写明省份，例如“江苏省南京市”“北京市”"
            )
        key = (province, city)
        if key not in self.regions:
            region = Region(locale=self.locale, name=city, province=province)
            self.regions[key] = region
            self.new_regions.append(region)
        return self.regions[key]

    @staticmethod
    def region_label(region: Region) -> str:
        return region.name if region.province == region.name else f"{region.province}{region.name}"

    @transaction.atomic
    def create_new(self) -> None:
        """Save the new terms: the Chinese row and its English twin (same translation_key and
        slug; a place gets its pinyin, an industry keeps its Chinese name until an editor
        translates it)."""
        english = Locale.objects.filter(language_code="en").first()
        for model, terms, english_name in (
            (Industry, self.new_industries, lambda term: term.name),
            (Region, self.new_regions, lambda term: _english_place(term.name)),
        ):
            if not terms:
                continue
            taken = set(model.objects.values_list("slug", flat=True))
            order = max(model.objects.values_list("sort_order", flat=True), default=0)
            for term in terms:
                order += 1
                term.slug = slug_for(term.name, taken, fallback=model._meta.model_name)
                term.sort_order = order
                term.translation_key = uuid.uuid4()
                term.save()
                if english is not None and english.pk != self.locale.pk:
                    twin = model(
                        locale=english,
                        translation_key=term.translation_key,
                        slug=term.slug,
                        name=english_name(term),
                        sort_order=order,
                    )
                    if model is Region:
                        twin.province = _english_place(term.province)
                    twin.save()
        for batch in self.new_batches:
            batch.save()


# --- Rows --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    number: int
    uscc: str
    fields: dict[str, Any]
    grade: tuple[int, str] | None = None

    @property
    def title(self) -> str:
        return self.fields["title"]


class RowParser:
    """Turns a row's cells into page field values, reporting every problem."""

    sheet = ""

    def __init__(self, vocabulary: _Vocabulary, problems: _Problems, present: set[str]):
        self.vocabulary = vocabulary
        self.problems = problems
        self.present = present
        self.ok = True

    def bad(self, number: int, column: str, value: Any, reason: str) -> None:
        self.ok = False
        self.problems.add(self.sheet, number, column, value, reason)

    def name(self, number, cells, column, limit) -> str:
        raw = cells[column]
        name = single_line(cell_text(raw))
        if not name:
            self.bad(number, column, raw, "必填项不能为空")
        elif len(name) > limit:
            self.bad(number, column, raw, f"{column}不能超过{limit}个字符（实际{len(name)}个）")
        return name

    def code(self, number, cells, column) -> str:
        raw = cells[column]
        code = normalise(cell_text(raw))
        if not code:
            self.bad(number, column, raw, "必填项不能为空")
            return ""
        problem = uscc_problem(code)
        if problem:
            if isinstance(raw, (int, float)):
                problem += "；该单元格是数字格式，请将此列设为文本格式后重新填写"
            self.bad(number, column, raw, problem)
        return code

    def categories(self, number, cells, column) -> list[Category]:
        raw = cells[column]
        parts = split_cell(raw)
        if not parts:
            self.bad(number, column, raw, "必填项不能为空")
        found = []
        for part in parts:
            category = self.vocabulary.category(part)
            if category is None:
                self.bad(
                    number,
                    column,
                    raw,
                    f"未知的服务商类别“{part}”：须为规定的十类之一，"
                    f"即{'、'.join(self.vocabulary.category_names.values())}",
                )
            else:
                found.append(category)
        return found

    def text(self, number, cells, column, limit: int | None = None) -> str:
        raw = cells[column]
        text = cell_text(raw)
        if limit is not None and len(text) > limit:
            self.bad(number, column, raw, f"{column}不能超过{limit}个字符（实际{len(text)}个）")
        return text

    def industries(self, number, cells, column) -> list[Industry]:
        raw = cells[column]
        found = []
        for part in split_cell(raw):
            if len(part) > 100:
                self.bad(number, column, raw, f"行业名称“{part[:20]}…”超过100个字符")
            else:
                found.append(self.vocabulary.industry(part))
        return found


class _ProviderParser(RowParser):
    sheet = PROVIDERS

    def parse(self, number: int, cells: dict[str, Any]) -> _Row | None:
        self.ok = True
        present = self.present
        fields: dict[str, Any] = {}
        fields["title"] = self.name(number, cells, "服务商名称", 100)
        code = self.code(number, cells, "统一社会信用代码")

        raw = cells["所在地区"]
        place = parse_region(raw)
        region = place if isinstance(place, str) else self.vocabulary.region(*place)
        if isinstance(region, str):
            self.bad(number, "所在地区", raw, region)
        fields["region"] = region

        before = self.problems.count
        categories = self.categories(number, cells, "服务商类别")
        categories_ok = self.problems.count == before
        fields["categories"] = categories
        if "细分类型" in present:
            fields["subtypes"] = self.subtypes(number, cells, categories, check=categories_ok)
        if "服务行业" in present:
            fields["industries"] = self.industries(number, cells, "服务行业")
        if "服务商简介" in present:
            fields["introduction"] = self.text(number, cells, "服务商简介")
        if "联系人" in present:
            fields["contact_name"] = single_line(self.text(number, cells, "联系人", 50))
        if "联系电话" in present:
            fields["contact_phone"] = single_line(self.text(number, cells, "联系电话", 30))
        if "网址" in present:
            fields["website"] = self.website(number, cells)
        if "入选批次" in present:
            fields["batch"] = self.batch(number, cells)
        if "解决方案设计师人数" in present:
            fields["designer_count"] = self.designer_count(number, cells)
        grade = self.grade(number, cells)
        if not self.ok:
            return None
        return _Row(number, code, fields, grade)

    def subtypes(self, number, cells, categories, *, check: bool) -> list[Subtype]:
        raw = cells["细分类型"]
        chosen = {c.pk for c in categories}
        found = []
        for part in split_cell(raw):
            candidates = self.vocabulary.subtypes.get(term_key(part))
            if not candidates:
                self.bad(
                    number,
                    "细分类型",
                    raw,
                    f"未知的细分类型“{part}”：导入不会新建细分类型，"
                    "请核对名称，或先在“分类体系 › 细分类型”中添加",
                )
                continue
            matching = [s for s in candidates if s.category_id in chosen]
            if matching:
                found.append(matching[0])
            elif check:
                owner = "、".join(
                    f"“{self.vocabulary.category_names.get(s.category_id, '')}”" for s in candidates
                )
                self.bad(
                    number,
                    "细分类型",
                    raw,
                    f"细分类型“{part}”属于{owner}，不在本行的服务商类别中",
                )
        return found

    def website(self, number, cells) -> str:
        raw = cells["网址"]
        text = _fold(cell_text(raw))
        if not text:
            return ""
        url = text
        if "://" not in url:
            if re.match(r"^[a-z][a-z0-9+.\-]*:(?!\d)", url, re.IGNORECASE):
                self.bad(number, "网址", raw, "网址须以 http:// 或 https:// 开头")
                return ""
            url = f"http://{url}"
        scheme, _, rest = url.partition("://")
        if scheme.lower() not in {"http", "https"}:
            self.bad(number, "网址", raw, "网址须以 http:// 或 https:// 开头")
            return ""
        url = f"{scheme.lower()}://{rest}"
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            self.bad(number, "网址", raw, "网址格式不正确，例如 https://www.example.com")
            return ""
        if len(url) > 200:
            self.bad(number, "网址", raw, "网址不能超过200个字符")
        return url

    def batch(self, number, cells) -> Batch | None:
        raw = cells["入选批次"]
        text = _fold(cell_text(raw))
        if not text:
            return None
        match = _BATCH.match(text)
        if not match or not (2000 <= int(match.group(1)) <= 2100) or int(match.group(2)) < 1:
            self.bad(number, "入选批次", raw, "入选批次应写成“YYYY年第N批”，例如“2025年第3批”")
            return None
        return self.vocabulary.batch(int(match.group(1)), int(match.group(2)))

    def designer_count(self, number, cells) -> int:
        raw = cells["解决方案设计师人数"]
        if raw is None or cell_text(raw) == "":
            return 0
        value = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        elif isinstance(raw, float) and raw.is_integer():
            value = int(raw)
        else:
            text = _fold(cell_text(raw)).removesuffix("人")
            if text.isascii() and text.isdigit():
                value = int(text)
        if value is None or value < 0 or value > 1_000_000:
            self.bad(number, "解决方案设计师人数", raw, "解决方案设计师人数应为不小于0的整数")
            return 0
        return value

    def grade(self, number, cells) -> tuple[int, str] | None:
        grade_raw = cells.get("年度评级")
        year_raw = cells.get("评级年度")
        grade_text = _fold(cell_text(grade_raw))
        year_text = _fold(cell_text(year_raw))
        grade = None
        if grade_text:
            grade = GRADES.get(grade_text)
            if grade is None:
                self.bad(number, "年度评级", grade_raw, "年度评级应为“优秀”“合格”或“不合格”")
        year = None
        if year_text:
            match = _YEAR.match(year_text)
            if match and 2000 <= int(match.group(1)) <= 2100:
                year = int(match.group(1))
            else:
                self.bad(number, "评级年度", year_raw, "评级年度应为四位年份，例如“2025”")
        if grade_text and not year_text:
            self.bad(number, "评级年度", year_raw, "填写了年度评级，还须填写评级年度")
        if year_text and not grade_text:
            self.bad(number, "年度评级", grade_raw, "填写了评级年度，还须填写年度评级")
        if grade and year:
            return year, grade.value
        return None


class _SolutionParser(RowParser):
    sheet = SOLUTIONS

    def parse(self, number: int, cells: dict[str, Any]) -> _Row | None:
        self.ok = True
        present = self.present
        fields: dict[str, Any] = {}
        fields["title"] = self.name(number, cells, "解决方案名称", 200)
        code = self.code(number, cells, "服务商统一社会信用代码")
        raw = cells["服务商类别"]
        categories = self.categories(number, cells, "服务商类别")
        if len(categories) > 1 or len(split_cell(raw)) > 1:
            self.bad(number, "服务商类别", raw, "解决方案只能属于一个服务商类别")
        fields["category"] = categories[0] if categories else None
        if "适用行业" in present:
            fields["industries"] = self.industries(number, cells, "适用行业")
        if "部署方式" in present:
            fields["deployment_mode"] = self.deployment_mode(number, cells)
        if "参考价格（万元）" in present:
            fields["reference_price"] = self.price(number, cells)
        if "小快轻准" in present:
            fields["is_xkqz"] = self.yes_no(number, cells, "小快轻准")
        if "方案简介" in present:
            fields["description"] = self.text(number, cells, "方案简介")
        if not self.ok:
            return None
        return _Row(number, code, fields)

    def deployment_mode(self, number, cells) -> str:
        raw = cells["部署方式"]
        text = term_key(cell_text(raw))
        if not text:
            return ""
        mode = DEPLOYMENT_MODES.get(text)
        if mode is None:
            self.bad(number, "部署方式", raw, "部署方式应为“SaaS”“私有化部署”或“混合部署”")
            return ""
        return mode.value

    def price(self, number, cells) -> Decimal | None:
        raw = cells["参考价格（万元）"]
        if raw is None or cell_text(raw) == "":
            return None
        try:
            if isinstance(raw, bool):
                raise InvalidOperation
            value = Decimal(str(raw)) if isinstance(raw, (int, float)) else Decimal(_fold(raw))
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not value.is_finite() or value < 0 or value >= Decimal("1e8"):
            self.bad(number, "参考价格（万元）", raw, "参考价格应为不小于0的数字，单位为万元")
            return None
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if rounded != value:
            self.bad(number, "参考价格（万元）", raw, "参考价格最多保留两位小数")
            return None
        return rounded

    def yes_no(self, number, cells, column) -> bool:
        raw = cells[column]
        if isinstance(raw, bool):
            return raw
        text = _fold(cell_text(raw))
        if not text:
            return False
        if text not in YES_NO:
            self.bad(number, column, raw, f"{column}应填“是”或“否”")
            return False
        return YES_NO[text]


# --- Comparing with the site -------------------------------------------------------------------


def _ref(value: Any) -> Any:
    """A comparable form of a row value: model instances by primary key (a term still to be
    created never equals anything on the site)."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(_ref(v) for v in value)
    if hasattr(value, "_meta"):
        return value.pk if value.pk is not None else ("new", id(value))
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return value


def _price(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _differs(row: _Row, state: dict[str, Any]) -> bool:
    for name, value in row.fields.items():
        if _ref(value) != state.get(name):
            return True
    if row.grade is not None:
        year, grade = row.grade
        if state.get("grades", {}).get(year) != grade:
            return True
    return False


def chunks(iterable: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _current_state(pages: list[Page], model, m2m: tuple[str, ...], scalars: tuple[str, ...]):
    """Each page's current content as comparable values, read in bulk: the live row when the
    page has no unpublished changes, else its latest revision (the same rule as
    ``get_latest_revision_as_object``)."""
    state: dict[int, dict[str, Any]] = {}
    drafts = [p for p in pages if p.has_unpublished_changes and p.latest_revision_id]
    rows = [p for p in pages if not (p.has_unpublished_changes and p.latest_revision_id)]

    if rows:
        ids = [p.pk for p in rows]
        related: dict[str, dict[int, set]] = {}
        for name in m2m:
            relation = model._meta.get_field(name)
            through = relation.remote_field.through
            source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
            related[name] = defaultdict(set)
            for page_id, term_id in through.objects.filter(**{f"{source}_id__in": ids}).values_list(
                f"{source}_id", f"{target}_id"
            ):
                related[name][page_id].add(term_id)
        grades: dict[int, dict[int, str]] = defaultdict(dict)
        if model is ProviderPage:
            for page_id, year, grade in ProviderGrade.objects.filter(
                provider_id__in=ids
            ).values_list("provider_id", "year", "grade"):
                grades[page_id][year] = grade
        for page in rows:
            values = {name: getattr(page, model._meta.get_field(name).attname) for name in scalars}
            values.update({name: frozenset(related[name][page.pk]) for name in m2m})
            values["grades"] = grades[page.pk]
            state[page.pk] = values

    if drafts:
        contents = dict(
            Revision.objects.filter(id__in=[p.latest_revision_id for p in drafts]).values_list(
                "id", "content"
            )
        )
        for page in drafts:
            content = contents.get(page.latest_revision_id) or {}
            values = {name: content.get(name) for name in scalars}
            values.update({name: frozenset(content.get(name) or ()) for name in m2m})
            values["grades"] = {
                g.get("year"): g.get("grade") for g in content.get("grades") or () if g
            }
            state[page.pk] = values

    if model is SolutionPage:
        for values in state.values():
            values["reference_price"] = _price(values.get("reference_price"))
    return state


PROVIDER_SCALARS = (
    "title",
    "region",
    "batch",
    "introduction",
    "contact_name",
    "contact_phone",
    "website",
    "designer_count",
)
SOLUTION_SCALARS = (
    "title",
    "category",
    "deployment_mode",
    "reference_price",
    "is_xkqz",
    "description",
)


def _apply(page: Page, row: _Row, m2m: tuple[str, ...]) -> None:
    for name, value in row.fields.items():
        setattr(page, name, list(value) if name in m2m else value)
    if row.grade is not None:
        year, grade = row.grade
        grades = list(page.grades.all())
        for existing in grades:
            if existing.year == year:
                existing.grade = grade
                break
        else:
            grades.append(ProviderGrade(year=year, grade=grade))
        page.grades = grades


# --- The import --------------------------------------------------------------------------------


class _SpooledRows:
    """A sheet's rows as the validation read them, ``(number, cells)``, in a temporary file: the
    import of a sheet too big to keep in memory (KEPT_ROWS) reads them back instead of reading
    the xlsx again (openpyxl's XML parsing, ~100 µs a row, was a tenth of a 30,000-row import)."""

    def __init__(self, present: set[str]):
        self.present = present
        self.count = 0
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (kept open for the import's pass)

    def add(self, number: int, cells: dict[str, Any]) -> None:
        pickle.dump((number, cells), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        self._file.seek(0)
        for _ in range(self.count):
            # One unpickler per row: one for all would keep every row in its memo. Only what
            # add() wrote, in this process's own temporary file.
            yield pickle.load(self._file)  # noqa: S301

    def close(self) -> None:
        self._file.close()


class ImportJob:
    def __init__(self, *, publish: bool, dry_run: bool, user, progress: Progress | None):
        self.publish = publish
        self.dry_run = dry_run
        self.user = user if getattr(user, "pk", None) else None
        self.progress = progress or (lambda *args: None)
        self.problems = _Problems()
        self.result = ImportResult(dry_run=dry_run, publish=publish)
        self.locale = Locale.get_default()
        self.vocabulary = _Vocabulary(self.locale)
        self.index: ProviderIndexPage | None = (
            ProviderIndexPage.objects.filter(locale=self.locale).order_by("path").first()
        )
        self.today = timezone.localdate()
        self.new_page_ids: list[int] = []
        # New providers and solutions are written per chunk by bulk.create_pages (the per-page
        # Wagtail path, add_page, costs ~50 queries a page); False keeps the per-page path.
        self.bulk = True
        self.pending: list[tuple[Page, Page, _Row, str]] = []
        # The validation's parsed rows per sheet, when it was small enough (KEPT_ROWS), and the
        # cells it read, for the import of a bigger sheet.
        self.kept_rows: dict[str, list[_Row] | None] = {}
        self.spooled: dict[str, _SpooledRows] = {}
        self.indexing: DeferredIndexing | None = None
        # False: index inline before returning (as with the immediate task backend).
        self.index_in_background = True

    # The first pass ----------------------------------------------------------------------

    def validate(self, workbook, sheets: dict[str, str]) -> None:
        self.workbook_codes: dict[str, int] = {}  # code → first row in 服务商
        if PROVIDERS in sheets:
            if self.index is None:
                self.problems.add(PROVIDERS, None, "", "", NO_PROVIDER_INDEX)
            self._validate_providers(workbook[sheets[PROVIDERS]])
        if SOLUTIONS in sheets:
            self._validate_solutions(workbook[sheets[SOLUTIONS]])
        self.importers: dict[str, SheetImporter] = {}
        for name in sorted(set(sheets) - set(CATALOGUE_SHEETS), key=_sheet_order):
            worksheet = workbook[sheets[name]]
            if not hasattr(worksheet, "iter_rows"):
                self.problems.add(name, None, "", "", f"工作表“{name}”不是数据表")
                continue
            self.importers[name] = _REGISTERED_SHEETS[name][1](self)
            self.importers[name].validate(worksheet)

    def _reader(self, worksheet, sheet, columns) -> SheetReader | None:
        if not hasattr(worksheet, "iter_rows"):
            self.problems.add(sheet, None, "", "", f"工作表“{sheet}”不是数据表")
            return None
        return SheetReader(worksheet, sheet, columns, self.problems)

    def reader(self, worksheet, sheet: str, columns: tuple[Column, ...]) -> SheetReader | None:
        """For a registered sheet's first pass: the sheet's reader after a good header row, or
        None (the problems are recorded)."""
        reader = self._reader(worksheet, sheet, columns)
        if reader is None or not reader.read_header():
            return None
        return reader

    def rows_again(
        self, worksheet, sheet: str, columns: tuple[Column, ...]
    ) -> Iterator[tuple[int, dict[str, Any], set[str]]]:
        """For a registered sheet's second pass: the rows again, ``(number, cells, present
        columns)``, with progress; problems are not reported twice."""
        reader = SheetReader(worksheet, sheet, columns, DiscardProblems())
        reader.read_header()
        phase = "比对" if self.dry_run else "导入"
        for done, (number, cells) in enumerate(reader.rows(), start=1):
            yield number, cells, reader.present
            self.tick(phase, sheet, done, reader.estimated_rows)

    def _validate_providers(self, worksheet) -> None:
        reader = self._reader(worksheet, PROVIDERS, PROVIDER_COLUMNS)
        if reader is None or not reader.read_header():
            return
        parser = _ProviderParser(self.vocabulary, self.problems, reader.present)
        codes = self.workbook_codes
        self.kept_rows[PROVIDERS] = []
        self.spooled[PROVIDERS] = _SpooledRows(reader.present)
        for done, (number, cells) in enumerate(reader.rows(), start=1):
            row = parser.parse(number, cells)
            self._keep(PROVIDERS, row, number, cells)
            code = row.uscc if row else normalise(cell_text(cells["统一社会信用代码"]))
            if code and not uscc_problem(code):
                if code in codes:
                    self.problems.add(
                        PROVIDERS,
                        number,
                        "统一社会信用代码",
                        code,
                        f"统一社会信用代码重复：第{codes[code]}行和第{number}行是同一个代码",
                    )
                else:
                    codes[code] = number
            self.tick("校验", PROVIDERS, done, reader.estimated_rows)
        reader.finish()
        self.site_codes = self._existing_codes(list(codes))
        self._check_blacklist({c: n for c, n in codes.items() if c not in self.site_codes})

    def _existing_codes(self, codes: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(codes, CHUNK_SIZE):
            found.update(
                ProviderPage.objects.filter(locale=self.locale, uscc__in=chunk).values_list(
                    "uscc", flat=True
                )
            )
        return found

    def _check_blacklist(self, new_codes: dict[str, int]) -> None:
        for chunk in chunks(list(new_codes), CHUNK_SIZE):
            entries = BlacklistEntry.objects.filter(
                uscc__in=chunk, start_date__lte=self.today, end_date__gte=self.today
            ).order_by("uscc", "-end_date")
            for entry in entries:
                self.problems.add(
                    PROVIDERS,
                    new_codes[entry.uscc],
                    "统一社会信用代码",
                    entry.uscc,
                    f"该代码在申报失信黑名单中（{entry.start_date:%Y-%m-%d} 至 "
                    f"{entry.end_date:%Y-%m-%d}），期间不能入选资源池",
                )

    def _validate_solutions(self, worksheet) -> None:
        reader = self._reader(worksheet, SOLUTIONS, SOLUTION_COLUMNS)
        if reader is None or not reader.read_header():
            return
        parser = _SolutionParser(self.vocabulary, self.problems, reader.present)
        seen: dict[tuple[str, str], int] = {}
        elsewhere: dict[str, list[int]] = defaultdict(list)  # codes not in 服务商 → rows
        self.kept_rows[SOLUTIONS] = []
        self.spooled[SOLUTIONS] = _SpooledRows(reader.present)
        for done, (number, cells) in enumerate(reader.rows(), start=1):
            row = parser.parse(number, cells)
            self._keep(SOLUTIONS, row, number, cells)
            self.tick("校验", SOLUTIONS, done, reader.estimated_rows)
            if row is None:
                continue
            key = (row.uscc, term_key(row.title))
            if key in seen:
                self.problems.add(
                    SOLUTIONS,
                    number,
                    "解决方案名称",
                    row.title,
                    f"同一服务商的解决方案重复：第{seen[key]}行和第{number}行名称相同",
                )
            else:
                seen[key] = number
            if row.uscc not in self.workbook_codes:
                elsewhere[row.uscc].append(number)
        reader.finish()
        on_site = self._existing_codes(list(elsewhere))
        for code, numbers in elsewhere.items():
            if code in on_site:
                continue
            for number in numbers:
                self.problems.add(
                    SOLUTIONS,
                    number,
                    "服务商统一社会信用代码",
                    code,
                    f"找不到统一社会信用代码为 {code} 的服务商：它既不在本工作簿的“服务商”表中，"
                    "也不在网站上",
                )

    def _keep(self, sheet: str, row: _Row | None, number: int, cells: dict[str, Any]) -> None:
        """Keep ``row`` for the import while the sheet has at most KEPT_ROWS rows; spool the
        cells it was parsed from in any case."""
        self.spooled[sheet].add(number, cells)
        kept = self.kept_rows[sheet]
        if kept is not None and len(kept) >= KEPT_ROWS:
            self.kept_rows[sheet] = None  # too big: the import parses the spooled cells again
        elif kept is not None:
            kept.append(row)  # None for a row with problems: then nothing is imported anyway

    def tick(self, phase: str, sheet: str, done: int, total: int | None) -> None:
        if total:
            step = max(1, total // 100)
            if done % step == 0 or done == total:
                self.progress(phase, sheet, min(done, total), total)
        elif done % 1000 == 0:
            self.progress(phase, sheet, done, None)

    # The second pass ---------------------------------------------------------------------

    def apply(self, workbook, sheets: dict[str, str]) -> None:
        if not self.dry_run:
            self.vocabulary.create_new()
        if PROVIDERS in sheets:
            self.result.counts[PROVIDERS] = SheetCounts()
            self._apply_providers(workbook[sheets[PROVIDERS]])
        if SOLUTIONS in sheets:
            self.result.counts[SOLUTIONS] = SheetCounts()
            self._apply_solutions(workbook[sheets[SOLUTIONS]])
        for name, importer in self.importers.items():
            importer.apply(workbook[sheets[name]])
        if not self.dry_run and self.new_page_ids:
            _create_aliases(self.new_page_ids, bulk=self.bulk)

    def _rows(self, sheet, parser_class) -> Iterator[_Row]:
        phase = "比对" if self.dry_run else "导入"
        kept = self.kept_rows.get(sheet)
        spooled = self.spooled[sheet]
        if kept is not None:
            spooled.close()
            for done, row in enumerate(kept, start=1):
                yield row
                self.tick(phase, sheet, done, len(kept))
            return
        parser = parser_class(self.vocabulary, DiscardProblems(), spooled.present)
        for done, (number, cells) in enumerate(spooled, start=1):
            row = parser.parse(number, cells)
            if row is None:  # cannot happen after a clean validation
                raise ImportRejected(Problem(sheet, number, "", "", "该行在导入时未通过校验"))
            yield row
            self.tick(phase, sheet, done, spooled.count)
        spooled.close()

    def _apply_providers(self, worksheet) -> None:
        counts = self.result.counts[PROVIDERS]
        rows = self._rows(PROVIDERS, _ProviderParser)
        self.index_slugs: set[str] | None = None
        for chunk in chunks(rows, CHUNK_SIZE):
            pages: dict[str, ProviderPage] = {}
            for page in ProviderPage.objects.filter(
                locale=self.locale, uscc__in=[r.uscc for r in chunk]
            ).order_by("-id"):
                pages[page.uscc] = page  # the oldest page wins if a code was ever duplicated
            state = _current_state(
                list(pages.values()), ProviderPage, PROVIDER_M2M, PROVIDER_SCALARS
            )
            for row in chunk:
                page = pages.get(row.uscc)
                if page is None:
                    counts.created += 1
                    if not self.dry_run:
                        self._create_provider(row)
                elif _differs(row, state[page.pk]):
                    counts.updated += 1
                    if not self.dry_run:
                        self._update(page, row, PROVIDER_M2M)
                else:
                    counts.unchanged += 1
                    self.publish_unchanged(page, counts)
            self.flush()

    def _create_provider(self, row: _Row) -> None:
        if self.index_slugs is None:
            self.index_slugs = set(self.index.get_children().values_list("slug", flat=True))
        page = ProviderPage(
            title=row.title,
            slug=slug_for(row.title, self.index_slugs, fallback="provider"),
            uscc=row.uscc,
            locale=self.locale,
            live=False,
            owner=self.user,
        )
        _apply(page, row, PROVIDER_M2M)
        batch = row.fields.get("batch")
        page.status_changes = [
            StatusChange(
                status=Status.SELECTED,
                date=(batch.published_on if batch else None) or self.today,
                reason=f"入选{batch.name}" if batch else "入选资源池",
            )
        ]
        self._add(self.index, page, row, PROVIDERS)

    def _add(self, parent: Page, page: Page, row: _Row, sheet: str) -> None:
        if self.bulk:
            self.pending.append((parent, page, row, sheet))
        else:
            self.add_page(parent, page, sheet=sheet, row_number=row.number)

    def flush(self) -> None:
        """Write the chunk's new pages in bulk (catalogue/bulk.py says how and why)."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        fk_fields = None
        for _parent, page, row, sheet in pending:
            compute_derived_fields(page)
            page.draft_title = page.draft_title or page.title
            if fk_fields is None:
                fk_fields = [
                    f.name for f in Page._meta.get_fields() if f.is_relation and f.concrete
                ] + [f.name for f in type(page)._meta.get_fields() if f.is_relation]
            try:
                page.clean_fields(exclude=[*fk_fields, "path", "depth", "url_path"])
            except ValidationError as error:
                raise ImportRejected(_validation_problem(sheet, row.number, error)) from error
        pages = create_pages(
            [(parent, page) for parent, page, _row, _sheet in pending],
            user=self.user,
            publish=self.publish,
            indexing=self.indexing,
        )
        # Their English aliases now, from the pages as written: read back later, a big import's
        # pages would be read (and made into objects) a second time.
        create_english_aliases(pages, prepare=compute_derived_fields, read_again=False, count=False)

    def add_page(self, parent: Page, page: Page, *, sheet: str, row_number: int) -> None:
        """Create ``page`` below ``parent``: a draft revision (published with ``publish``), the
        audit-log entry and, later, its English alias."""
        try:
            parent.add_child(instance=page)
            revision = page.save_revision(user=self.user, log_action=False)
        except ValidationError as error:
            raise ImportRejected(_validation_problem(sheet, row_number, error)) from error
        log(instance=page, action="wagtail.create", user=self.user, revision=revision)
        if self.publish:
            revision.publish(user=self.user)
        self.new_page_ids.append(page.pk)

    def _update(self, page: Page, row: _Row, m2m: tuple[str, ...]) -> None:
        current = page.get_latest_revision_as_object()
        _apply(current, row, m2m)
        sheet = PROVIDERS if isinstance(page, ProviderPage) else SOLUTIONS
        self.save_update(current, sheet=sheet, row_number=row.number)

    def save_update(self, current: Page, *, sheet: str, row_number: int) -> None:
        """Save ``current`` (the latest revision as an object, changed) as a new revision."""
        try:
            revision = current.save_revision(user=self.user, log_action=True)
        except ValidationError as error:
            raise ImportRejected(_validation_problem(sheet, row_number, error)) from error
        if self.publish and not self.held_in_review(current, sheet=sheet):
            revision.publish(user=self.user)

    def publish_unchanged(self, page: Page, counts: SheetCounts) -> None:
        """With ``publish``, an unchanged draft is published as it is (no new revision)."""
        if not self.publish or not page.latest_revision_id:
            return
        if page.live and not page.has_unpublished_changes:
            return
        if self.held_in_review(page, sheet=None):
            return
        counts.published += 1
        if not self.dry_run:
            Revision.page_revisions.get(pk=page.latest_revision_id).publish(user=self.user)

    def held_in_review(self, page: Page, *, sheet: str | None) -> bool:
        """Whether ``publish`` must leave this page to its review: publishing would put the
        update in review (or returned to its editor) online unreviewed and cancel the review.
        The imported values (if any) join that update instead; the result says so."""
        if page.current_workflow_state is None:
            return False
        if sheet is not None:
            self.result.notes.append(
                f"{sheet}：“{page.draft_title}”有一项更新正在审核，本次导入的内容已加入该更新，"
                "审核通过后发布。"
            )
        return True

    def _apply_solutions(self, worksheet) -> None:
        counts = self.result.counts[SOLUTIONS]
        rows = self._rows(SOLUTIONS, _SolutionParser)
        child_slugs: dict[int, set[str]] = {}
        for chunk in chunks(rows, CHUNK_SIZE):
            providers = {
                p.uscc: p
                for p in ProviderPage.objects.filter(
                    locale=self.locale, uscc__in={r.uscc for r in chunk}
                ).order_by("-id")
            }
            parent_paths = {p.path: p for p in providers.values()}
            solutions: dict[tuple[int, str], SolutionPage] = {}
            for solution in SolutionPage.objects.filter(
                locale=self.locale, draft_title__in={r.title for r in chunk}
            ).order_by("-id"):
                parent = parent_paths.get(solution.path[: -Page.steplen])
                if parent is not None:
                    solutions[parent.pk, solution.draft_title] = solution
            state = _current_state(
                list(solutions.values()), SolutionPage, SOLUTION_M2M, SOLUTION_SCALARS
            )
            for row in chunk:
                provider = providers.get(row.uscc)
                solution = solutions.get((provider.pk, row.title)) if provider else None
                if solution is None:
                    counts.created += 1
                    if self.dry_run:
                        continue
                    if provider is None:  # validated before: cannot happen
                        raise ImportRejected(
                            Problem(
                                SOLUTIONS,
                                row.number,
                                "服务商统一社会信用代码",
                                row.uscc,
                                "找不到该服务商",
                            )
                        )
                    self._create_solution(provider, row, child_slugs)
                elif _differs(row, state[solution.pk]):
                    counts.updated += 1
                    if not self.dry_run:
                        self._update(solution, row, SOLUTION_M2M)
                else:
                    counts.unchanged += 1
                    self.publish_unchanged(solution, counts)
            self.flush()

    def _create_solution(self, provider: ProviderPage, row: _Row, child_slugs) -> None:
        if provider.pk not in child_slugs:
            child_slugs[provider.pk] = set(provider.get_children().values_list("slug", flat=True))
        page = SolutionPage(
            slug=slug_for(row.title, child_slugs[provider.pk], fallback="solution"),
            locale=self.locale,
            live=False,
            owner=self.user,
        )
        _apply(page, row, SOLUTION_M2M)
        self._add(provider, page, row, SOLUTIONS)


def _validation_problem(sheet: str, row_number: int, error: ValidationError) -> Problem:
    messages = []
    for field_name, errors in getattr(error, "message_dict", {"": error.messages}).items():
        messages.extend(f"{field_name}: {e}" if field_name else e for e in errors)
    return Problem(sheet, row_number, "", "", "保存时未通过校验：" + "；".join(messages))


def _create_aliases(page_ids: list[int], *, bulk: bool = True) -> None:
    """English aliases for the pages added one by one (``add_page``: the per-page path, the
    cases and certificates sheets; the pages written in bulk get theirs in ``flush``). The admin
    does this through a wagtail-localize hook; code that creates pages must do it itself: in
    bulk (portal.translation.create_english_aliases), or through Wagtail with ``bulk=False``."""
    for chunk in chunks(page_ids, CHUNK_SIZE):
        # Both read the pages again themselves: only the ids are needed here.
        pages = list(Page.objects.filter(id__in=chunk).only("id"))
        if bulk:
            create_english_aliases(pages, prepare=compute_derived_fields)
        else:
            sync_english_aliases(pages)


def _sheets(workbook, result: ImportResult, problems: _Problems) -> dict[str, str]:
    """The template's sheets found in the workbook (canonical name → actual name); notes for the
    others."""
    found: dict[str, str] = {}
    for actual in workbook.sheetnames:
        name = name_key(actual)
        if (name in CATALOGUE_SHEETS or name in _REGISTERED_SHEETS) and name not in found:
            found[name] = actual
        else:
            result.notes.append(f"工作表“{actual}”：已忽略（不是模板中的工作表）")
    if not found:
        problems.add(
            "",
            None,
            "",
            "",
            "工作簿中没有可导入的工作表：工作表应命名为“服务商”“解决方案”“典型案例”或“证书”",
        )
    return found


def import_workbook(
    source,
    *,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate the workbook and, if it has no problem, import it (see the module docstring).

    ``source`` is a path, the file's bytes or a binary file object (an upload, a storage file).
    Nothing is written when there is any problem or when ``dry_run``; the result says what was
    (or would be) created, updated and left unchanged.
    """
    with old_objects_set_aside():
        return _import_workbook(
            source, publish=publish, dry_run=dry_run, user=user, progress=progress
        )


def _import_workbook(source, *, publish, dry_run, user, progress) -> ImportResult:
    fileobj, close = _open_source(source)
    job = ImportJob(publish=publish, dry_run=dry_run, user=user, progress=progress)
    result = job.result
    try:
        problem = _check_package(fileobj)
        if problem:
            job.problems.add("", None, "", "", problem)
            return _finish(job)
        try:
            workbook = _load(fileobj)
        except Exception:  # openpyxl raises many kinds of error for a damaged file
            job.problems.add("", None, "", "", NOT_XLSX)
            return _finish(job)
        try:
            sheets = _sheets(workbook, result, job.problems)
            job.validate(workbook, sheets)
        except (zipfile.BadZipFile, zlib.error, KeyError, EOFError, OSError, SyntaxError):
            job.problems.add("", None, "", "", f"{NOT_XLSX}（工作表内容无法读取）")
        finally:
            workbook.close()
        if job.problems:
            return _finish(job)

        workbook = _load(fileobj)
        try:
            if dry_run:
                job.apply(workbook, sheets)
            else:
                # The search/reference indexing runs as background tasks after the commit
                # (inline with the immediate task backend): the import returns once written.
                with (
                    transaction.atomic(),
                    DeferredIndexing(background=job.index_in_background) as indexing,
                ):
                    job.indexing = indexing
                    job.apply(workbook, sheets)
                if indexing.queued:
                    result.indexing_queued = True
                    result.notes.append(INDEXING_QUEUED)
                # Bulk writes (certificates) send no signals: purge the public page cache.
                page_cache.purge()
        except ImportRejected as rejected:
            result.counts = {}
            job.problems.add(*rejected.problem)
        finally:
            workbook.close()
        return _finish(job)
    finally:
        if close:
            fileobj.close()


def _finish(job: ImportJob) -> ImportResult:
    result = job.result
    result.errors = sorted(
        job.problems.listed, key=lambda p: (_sheet_order(p.sheet) if p.sheet else 0, p.row or 0)
    )
    result.error_count = job.problems.count
    if result.errors:
        result.counts = {}
    vocabulary = job.vocabulary
    result.new_industries = [i.name for i in vocabulary.new_industries]
    result.new_batches = [
        b.name for b in sorted(vocabulary.new_batches, key=lambda b: (b.year, b.number))
    ]
    result.new_regions = [vocabulary.region_label(r) for r in vocabulary.new_regions]
    return result
