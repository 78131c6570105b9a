"""The 证书 sheet of the editors' workbook (DESIGN.md §3), registered with
``catalogue.workbook.register_sheet`` (so ``manage.py import_workbook`` and the admin upload page
import it with the other sheets).

Columns: 证书编号*, 姓名*, 身份证号*, 工作单位, 培训项目*, 考核成绩, 发证日期*, 证书状态 (有效 /
已撤销; empty = 有效).

- First pass: every row is checked (number format, duplicates within the file, the ID number's
  check character, dates, score, status); every problem is reported with the ID number masked.
  Nothing is written when anything is wrong.
- Second pass, in chunks of :data:`CHUNK_SIZE`: rows are compared with the certificates of the
  same numbers (one query per chunk) and written with ``bulk_create`` / ``bulk_update``; a
  re-import of the same file leaves every certificate unchanged. The rows parsed in the first
  pass are reused (up to :data:`MAX_KEPT_ROWS`; a larger sheet is streamed again). The ID
  number is hashed and masked while parsing and never kept.
- A 培训项目 the site does not have yet is created as an unpublished programme page (under the
  人才培训 page, itself created unpublished when missing) and named in the result; the new
  page needs its texts before it is published. The ``publish`` option does not publish them.
- A change of 证书状态 revokes or reinstates the certificate (dated the day of the import) and is
  recorded in the audit log like a revocation in the admin.
- Only users with the certificate permissions may import this sheet (the command line, run by
  the operator, has no user and may).
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import connection
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from catalogue.workbook import (
    Column,
    ImportRejected,
    Problem,
    SheetCounts,
    slug_for,
)
from portal.identifiers import id_number_problem, mask_id_number, normalise
from portal.models import HomePage

from .models import NUMBER_PATTERN, Certificate, ProgrammePage, TrainingIndexPage
from .personal import (
    MAX_NAME_LENGTH,
    clean_name,
    hash_id_number,
    mask_for_display,
    normalise_name,
)
from .services import expiry_for

SHEET = "证书"
PROGRAMME_VOCABULARY = "培训项目"
COLUMNS = (
    Column("证书编号", required=True),
    Column("姓名", required=True),
    Column("身份证号", required=True),
    Column("工作单位"),
    Column("培训项目", required=True),
    Column("考核成绩"),
    Column("发证日期", required=True),
    Column("证书状态"),
)
CHUNK_SIZE = 2000
# The rows parsed in the first pass are kept for the second one up to this many (about 30 MB);
# a larger sheet is read again (openpyxl's parsing is most of an import's time).
MAX_KEPT_ROWS = 200_000
STATUSES = {"有效": Certificate.Status.VALID, "已撤销": Certificate.Status.REVOKED}
IMPORT_REVOCATION_REASON = "工作簿导入：证书状态为已撤销"
IMPORT_REINSTATEMENT_REASON = "工作簿导入：证书状态为有效"
EARLIEST_DATE = datetime.date(2000, 1, 1)
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
_NAME_MARKS = set(" ·-'")
MAX_PROGRAMME_LENGTH = 100
MAX_EMPLOYER_LENGTH = 200


@dataclass(slots=True)
class Row:
    number: int  # spreadsheet row
    cert_number: str
    holder_name: str
    id_hash: str
    id_masked: str
    employer: str | None  # None: column absent
    programme_key: str
    programme_name: str
    score: Decimal | None
    has_score: bool
    issued_on: datetime.date
    status: str | None  # None: column absent


class _Silent:
    count = 0

    def add(self, *args, **kwargs) -> None:
        self.count += 1


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> datetime.date | str:
    """A date cell (a real date, text in the usual Chinese formats, or an Excel serial number),
    or the reason it cannot be read."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # a date cell formatted as a number: Excel's day count
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        return "不是有效的日期，应写作 2025-03-18"
    text = "".join(unicodedata.normalize("NFKC", _text(value)).split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return "不是有效的日期，应写作 2025-03-18"


class RowParser:
    def __init__(self, problems, present: set[str], today: datetime.date):
        self.problems = problems
        self.present = present
        self.today = today

    def bad(self, number: int, column: str, value: Any, reason: str) -> None:
        self.problems.add(SHEET, number, column, value, reason)

    def parse(self, number: int, cells: dict[str, Any]) -> Row | None:
        before = self.problems.count
        cert_number = self.certificate_number(number, cells.get("证书编号"))
        holder_name = self.name(number, cells.get("姓名"))
        id_hash, id_masked = self.id_number(number, cells.get("身份证号"))
        employer = None
        if "工作单位" in self.present:
            employer = clean_name(_text(cells.get("工作单位")))
            if len(employer) > MAX_EMPLOYER_LENGTH:
                self.bad(number, "工作单位", employer, f"不能超过 {MAX_EMPLOYER_LENGTH} 个字符")
        programme_name = clean_name(_text(cells.get("培训项目")))
        if not programme_name:
            self.bad(number, "培训项目", "", "必填项不能为空")
        elif len(programme_name) > MAX_PROGRAMME_LENGTH:
            self.bad(number, "培训项目", programme_name, f"不能超过 {MAX_PROGRAMME_LENGTH} 个字符")
        score = self.score(number, cells.get("考核成绩"))
        issued_on = self.issued_on(number, cells.get("发证日期"))
        status = None
        if "证书状态" in self.present:
            text = "".join(unicodedata.normalize("NFKC", _text(cells.get("证书状态"))).split())
            status = STATUSES.get(text or "有效")
            if status is None:
                self.bad(number, "证书状态", text, "应为“有效”或“已撤销”")
        if self.problems.count != before:
            return None
        return Row(
            number=number,
            cert_number=cert_number,
            holder_name=holder_name,
            id_hash=id_hash,
            id_masked=id_masked,
            employer=employer,
            programme_key=normalise_name(programme_name),
            programme_name=programme_name,
            score=score,
            has_score="考核成绩" in self.present,
            issued_on=issued_on,
            status=status,
        )

    def certificate_number(self, number: int, value: Any) -> str:
        text = "".join(unicodedata.normalize("NFKC", _text(value)).split()).upper()
        if not text:
            self.bad(number, "证书编号", "", "必填项不能为空")
        elif not NUMBER_PATTERN.match(text):
            self.bad(
                number,
                "证书编号",
                text,
                "证书编号只能由字母、数字和连字符组成，长度为 4 至 32 位（如 SDSZ2025000123）",
            )
        return text

    def name(self, number: int, value: Any) -> str:
        name = clean_name(_text(value))
        if not name:
            self.bad(number, "姓名", "", "必填项不能为空")
        elif len(name) > MAX_NAME_LENGTH:
            self.bad(number, "姓名", name, f"不能超过 {MAX_NAME_LENGTH} 个字符")
        elif not all(c.isalpha() or c in _NAME_MARKS for c in name):
            self.bad(number, "姓名", name, "姓名只能包含文字、空格和“·”，不能有数字或其他符号")
        return name

    def id_number(self, number: int, value: Any) -> tuple[str, str]:
        text = normalise(value)
        if not text:
            self.bad(number, "身份证号", "", "必填项不能为空")
            return "", ""
        problem = id_number_problem(text)
        if problem:
            self.bad(number, "身份证号", mask_for_display(text), problem)
            return "", ""
        return hash_id_number(text), mask_id_number(text)

    def score(self, number: int, value: Any) -> Decimal | None:
        text = "".join(unicodedata.normalize("NFKC", _text(value)).split()).removesuffix("分")
        if not text:
            return None
        try:
            score = Decimal(text)
        except InvalidOperation:
            self.bad(number, "考核成绩", text, "应为 0 到 100 之间的数字")
            return None
        if not score.is_finite() or not 0 <= score <= 100:
            self.bad(number, "考核成绩", text, "应为 0 到 100 之间的数字")
            return None
        return score.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def issued_on(self, number: int, value: Any) -> datetime.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.bad(number, "发证日期", "", "必填项不能为空")
            return None
        date = parse_date(value)
        if isinstance(date, str):
            self.bad(number, "发证日期", value, date)
            return None
        if date > self.today:
            self.bad(number, "发证日期", date.isoformat(), "发证日期不能晚于今天")
            return None
        if date < EARLIEST_DATE:
            self.bad(number, "发证日期", date.isoformat(), "发证日期不能早于 2000 年")
            return None
        return date


class CertificateSheet:
    """The ``SheetImporter`` of the 证书 sheet (see ``catalogue.workbook.SheetImporter``)."""

    def __init__(self, job):
        self.job = job
        self.today = timezone.localdate()
        self.programmes: dict[str, ProgrammePage] = {}
        for page in ProgrammePage.objects.filter(locale=job.locale).order_by("-path"):
            self.programmes[normalise_name(page.draft_title)] = page
            self.programmes[normalise_name(page.title)] = page  # the live title wins
        self.new_programmes: dict[str, str] = {}  # key → name as first written
        self.kept: list[Row] | None = []  # the first pass's rows, while there are few enough

    # First pass --------------------------------------------------------------------------

    def validate(self, worksheet) -> None:
        user = self.job.user
        if user is not None and not (
            user.has_perm("training.add_certificate")
            and user.has_perm("training.change_certificate")
        ):
            self.job.problems.add(
                SHEET, None, "", "", "您没有导入证书的权限：需要“证书管理”组的权限"
            )
            return
        reader = self.job.reader(worksheet, SHEET, COLUMNS)
        if reader is None:
            return
        parser = RowParser(self.job.problems, reader.present, self.today)
        seen: dict[str, int] = {}
        for done, (number, cells) in enumerate(reader.rows(), start=1):
            row = parser.parse(number, cells)
            self.job.tick("校验", SHEET, done, reader.estimated_rows)
            if row is None:
                self.kept = None  # there will be no second pass
                continue
            if self.kept is not None:
                self.kept.append(row)
                if len(self.kept) > MAX_KEPT_ROWS:
                    self.kept = None
            first = seen.setdefault(row.cert_number, number)
            if first != number:
                self.job.problems.add(
                    SHEET,
                    number,
                    "证书编号",
                    row.cert_number,
                    f"证书编号重复：第{first}行和第{number}行相同",
                )
            if row.programme_key not in self.programmes:
                self.new_programmes.setdefault(row.programme_key, row.programme_name)
        reader.finish()
        if self.new_programmes and not self._index_or_home():
            self.job.problems.add(SHEET, None, "培训项目", "", "站点尚无首页，无法新建培训项目")

    def _index_or_home(self) -> Page | None:
        index = TrainingIndexPage.objects.filter(locale=self.job.locale).order_by("path").first()
        return index or HomePage.objects.filter(locale=self.job.locale).order_by("path").first()

    # Second pass -------------------------------------------------------------------------

    def apply(self, worksheet) -> None:
        job = self.job
        counts = job.result.counts[SHEET] = SheetCounts()
        if self.new_programmes:
            job.result.extra_vocabulary[PROGRAMME_VOCABULARY] = list(self.new_programmes.values())
            if job.dry_run:
                # Stand-ins so that the comparison below counts their certificates as changed.
                for key, name in self.new_programmes.items():
                    self.programmes[key] = ProgrammePage(id=0, title=name)
            else:
                self._create_programmes()
                job.result.notes.append(
                    "新建的培训项目页面为草稿：请补充培训内容、安排和考核方式后发布。"
                )

        chunk: list[Row] = []
        for row in self._rows_again(worksheet):
            chunk.append(row)
            if len(chunk) >= CHUNK_SIZE:
                self._write(chunk, counts)
                chunk = []
        if chunk:
            self._write(chunk, counts)

    def _rows_again(self, worksheet):
        """The rows for the second pass: those kept from the first, or the sheet read again."""
        job = self.job
        if self.kept is not None:
            phase = "比对" if job.dry_run else "导入"
            for done, row in enumerate(self.kept, start=1):
                yield row
                job.tick(phase, SHEET, done, len(self.kept))
            return
        parser = RowParser(_Silent(), set(), self.today)
        for number, cells, present in job.rows_again(worksheet, SHEET, COLUMNS):
            parser.present = present
            row = parser.parse(number, cells)
            if row is None:  # cannot happen after a clean validation
                raise ImportRejected(Problem(SHEET, number, "", "", "该行在导入时未通过校验"))
            yield row

    def _create_programmes(self) -> None:
        job = self.job
        parent = self._index_or_home()
        if not isinstance(parent, TrainingIndexPage):
            index = TrainingIndexPage(
                title="人才培训", locale=job.locale, live=False, owner=job.user
            )
            index.slug = slug_for(
                "training",
                set(parent.get_children().values_list("slug", flat=True)),
                fallback="training",
            )
            self._add(parent, index)
            job.result.notes.append("站点尚无“人才培训”栏目，已新建（草稿）。")
            parent = index
        taken = set(parent.get_children().values_list("slug", flat=True))
        for key, name in self.new_programmes.items():
            page = ProgrammePage(
                title=name,
                slug=slug_for(name, taken, fallback="programme"),
                locale=job.locale,
                live=False,
                owner=job.user,
            )
            self._add(parent, page)
            self.programmes[key] = page

    def _add(self, parent: Page, page: Page) -> None:
        parent.add_child(instance=page)
        revision = page.save_revision(user=self.job.user, log_action=False)
        log(instance=page, action="wagtail.create", user=self.job.user, revision=revision)
        self.job.new_page_ids.append(page.pk)

    def _write(self, rows: list[Row], counts: SheetCounts) -> None:
        existing = {
            c.number: c
            for c in Certificate.objects.filter(number__in=[r.cert_number for r in rows]).only(
                "id",
                "number",
                "holder_name",
                "id_hash",
                "id_masked",
                "employer",
                "programme_id",
                "score",
                "issued_on",
                "expires_on",
                "status",
                "revoked_on",
                "revocation_reason",
            )
        }
        new, changed, status_changed = [], [], []
        for row in rows:
            programme = self.programmes[row.programme_key]
            certificate = existing.get(row.cert_number)
            if certificate is None:
                certificate = Certificate(
                    number=row.cert_number,
                    issued_on=row.issued_on,
                    programme_id=programme.pk,
                )
                certificate.expires_on = expiry_for(programme, row.issued_on)
                self._apply(certificate, row, programme)
                new.append(certificate)
                if certificate.status == Certificate.Status.REVOKED:
                    status_changed.append(certificate)
                continue
            before_status = certificate.status
            if self._apply(certificate, row, programme):
                changed.append(certificate)
                if certificate.status != before_status:
                    status_changed.append(certificate)
        counts.created += len(new)
        counts.updated += len(changed)
        counts.unchanged += len(rows) - len(new) - len(changed)
        if self.job.dry_run:
            return
        now = timezone.now()
        for certificate in new:
            certificate.created_at = certificate.updated_at = now
        insert_certificates(new)
        for certificate in changed:
            certificate.updated_at = now
        Certificate.objects.bulk_update(changed, UPDATE_FIELDS, batch_size=500)
        for certificate in status_changed:
            revoked = certificate.status == Certificate.Status.REVOKED
            log(
                instance=certificate,
                action="training.revoke" if revoked else "training.reinstate",
                user=self.job.user,
                data={
                    "reason": IMPORT_REVOCATION_REASON if revoked else IMPORT_REINSTATEMENT_REASON,
                    "date": self.today.isoformat(),
                },
            )

    def _apply(self, certificate: Certificate, row: Row, programme: ProgrammePage) -> bool:
        """Bring the certificate to the row; True when anything changed."""
        wanted = {
            "holder_name": row.holder_name,
            "id_hash": row.id_hash,
            "id_masked": row.id_masked,
            "programme_id": programme.pk,
            "issued_on": row.issued_on,
        }
        if row.employer is not None:
            wanted["employer"] = row.employer
        if row.has_score:
            wanted["score"] = row.score
        changed = False
        for name, value in wanted.items():
            if getattr(certificate, name) != value:
                setattr(certificate, name, value)
                changed = True
        if row.status is not None and row.status != certificate.status:
            changed = True
            certificate.status = row.status
            if row.status == Certificate.Status.REVOKED:
                certificate.revoked_on = self.today
                certificate.revocation_reason = IMPORT_REVOCATION_REASON
            else:
                certificate.revoked_on = None
                certificate.revocation_reason = ""
        return changed


INSERT_FIELDS = [
    "number",
    "holder_name",
    "id_hash",
    "id_masked",
    "employer",
    "programme_id",
    "score",
    "assessed_on",
    "issued_on",
    "expires_on",
    "status",
    "revoked_on",
    "revocation_reason",
    "token",
    "created_at",
    "updated_at",
]


def insert_certificates(certificates: list[Certificate]) -> None:
    """Insert new certificates: ``COPY`` on PostgreSQL (about twice as fast as a multi-row
    INSERT, and no per-value preparation in Python), ``bulk_create`` elsewhere. Afterwards
    every certificate has its primary key."""
    if not certificates:
        return
    if connection.vendor != "postgresql":
        Certificate.objects.bulk_create(certificates, batch_size=500)
        return
    table = connection.ops.quote_name(Certificate._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f) for f in INSERT_FIELDS)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for certificate in certificates:
            copy.write_row([getattr(certificate, f) for f in INSERT_FIELDS])
    ids = dict(
        Certificate.objects.filter(number__in=[c.number for c in certificates]).values_list(
            "number", "id"
        )
    )
    for certificate in certificates:
        certificate.pk = ids[certificate.number]
        certificate._state.adding = False


UPDATE_FIELDS = [
    "holder_name",
    "id_hash",
    "id_masked",
    "employer",
    "programme",
    "score",
    "issued_on",
    "status",
    "revoked_on",
    "revocation_reason",
    "updated_at",
]
