"""Training programmes (Wagtail pages) and the certificates they lead to (plain records).

- :class:`TrainingIndexPage` (人才培训, ``/training/``) lists the programmes with their totals.
- :class:`ProgrammePage`: what a programme teaches (需求分析, 方案设计, 技术应用, 服务实施), its
  schedule, hours, assessment and how to enrol, and yearly figures computed from the
  certificates.
- :class:`Certificate` (实践应用考核结业证书): never a page. The holder's 身份证号 is not stored:
  only its keyed hash (to match a person across certificates) and its masked form
  (``training.personal``).
"""

from __future__ import annotations

import datetime
import re
import secrets

from django.db import models
from django.db.models import Avg, Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock

RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]

# The numbering scheme of certificates issued on the site (see services.next_number):
# SDSZ + the year of issue + a six-digit serial within that year, e.g. SDSZ2025000123.
NUMBER_PREFIX = "SDSZ"
SCHEME_NUMBER = re.compile(r"^SDSZ(\d{4})(\d{6})$")
# Numbers from elsewhere (imported records) may follow older schemes: letters, digits, hyphens.
NUMBER_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,31}$")
NUMBER_MAX_LENGTH = 32


class Area(models.TextChoices):
    """What the programme trains (DESIGN.md §1)."""

    REQUIREMENTS = "requirements", _("需求分析")
    DESIGN = "design", _("方案设计")
    TECHNOLOGY = "technology", _("技术应用")
    DELIVERY = "delivery", _("服务实施")


class TrainingIndexPage(Page):
    """人才培训: the programmes, and the way to check a certificate."""

    intro = models.TextField(_("摘要"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["training.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("人才培训")
        verbose_name_plural = _("人才培训")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        programmes = list(
            self.get_children().live().public().specific().order_by("path").defer_streamfields()
        )
        totals = programme_totals(programmes)
        for programme in programmes:
            programme.totals = totals.get(programme.translation_key, {})
        context["programmes"] = programmes
        return context


class ProgrammePage(Page):
    """A training programme (培训项目). Certificates point to the Chinese page; the English page
    shows the same figures (they are found by the shared ``translation_key``)."""

    intro = models.TextField(_("摘要"), blank=True, max_length=500)
    schedule = RichTextField(
        _("培训安排"), blank=True, features=RICH_TEXT, help_text=_("开班时间、地点、形式。")
    )
    hours = models.PositiveSmallIntegerField(_("总学时"), null=True, blank=True)
    assessment = RichTextField(
        _("考核方式"), blank=True, features=RICH_TEXT, help_text=_("考核内容、形式和合格标准。")
    )
    pass_mark = models.DecimalField(
        _("合格分数线"), max_digits=4, decimal_places=1, default=60, help_text=_("满分 100 分。")
    )
    validity_years = models.PositiveSmallIntegerField(
        _("证书有效期（年）"), null=True, blank=True, help_text=_("留空表示长期有效。")
    )
    enrolment = RichTextField(_("报名方式"), blank=True, features=RICH_TEXT)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("modules", label=_("培训内容"), heading=_("培训内容")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hours"), FieldPanel("pass_mark")]),
                FieldPanel("validity_years"),
                FieldPanel("schedule"),
                FieldPanel("assessment"),
                FieldPanel("enrolment"),
            ],
            heading=_("安排与考核"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("schedule"),
        index.SearchField("assessment"),
        index.SearchField("body"),
    ]
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("培训项目")
        verbose_name_plural = _("培训项目")

    def yearly_figures(self) -> list[dict]:
        """Per year of issue: certificates issued, still valid today, revoked, average score.
        One query."""
        today = timezone.localdate()
        rows = (
            Certificate.objects.filter(programme__translation_key=self.translation_key)
            .annotate(year=ExtractYear("issued_on"))
            .values("year")
            .annotate(
                issued=Count("id"),
                revoked=Count("id", filter=Q(status=Certificate.Status.REVOKED)),
                valid=Count(
                    "id",
                    filter=Q(status=Certificate.Status.VALID)
                    & (Q(expires_on__isnull=True) | Q(expires_on__gte=today)),
                ),
                average_score=Avg("score"),
            )
            .order_by("-year")
        )
        return list(rows)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = list(self.modules.all())
        context["figures"] = self.yearly_figures()
        return context


def programme_totals(programmes) -> dict:
    """translation_key → {issued, valid} for the programmes, in one query."""
    keys = [p.translation_key for p in programmes]
    if not keys:
        return {}
    today = timezone.localdate()
    rows = (
        Certificate.objects.filter(programme__translation_key__in=keys)
        .values("programme__translation_key")
        .annotate(
            issued=Count("id"),
            valid=Count(
                "id",
                filter=Q(status=Certificate.Status.VALID)
                & (Q(expires_on__isnull=True) | Q(expires_on__gte=today)),
            ),
        )
    )
    return {row.pop("programme__translation_key"): row for row in rows}


class ProgrammeModule(Orderable):
    """One part of what a programme teaches."""

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="modules")
    area = models.CharField(_("能力方向"), max_length=20, choices=Area.choices)
    title = models.CharField(_("课程名称"), max_length=100)
    description = models.TextField(_("内容"), blank=True, max_length=1000)
    hours = models.PositiveSmallIntegerField(_("学时"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("area"), FieldPanel("hours")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("培训内容")
        verbose_name_plural = _("培训内容")


def new_token() -> str:
    """The random part of the verification link (and its QR code): 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


class CertificateQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None):
        """Valid, not revoked and not expired on the date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(status=Certificate.Status.VALID).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )


class Certificate(models.Model):
    """实践应用考核结业证书. Plain record: bulk-imported, personal data, never a page."""

    class Status(models.TextChoices):
        VALID = "valid", _("有效")
        REVOKED = "revoked", _("已撤销")

    number = models.CharField(_("证书编号"), max_length=NUMBER_MAX_LENGTH, unique=True)
    holder_name = models.CharField(_("姓名"), max_length=50)
    id_hash = models.CharField(
        _("身份证号摘要"),
        max_length=64,
        db_index=True,
        editable=False,
        help_text=_(
            "身份证号的密钥散列（HMAC-SHA256），用于识别同一人的证书；不保存身份证号本身。"
        ),
    )
    id_masked = models.CharField(_("身份证号（脱敏）"), max_length=18, editable=False)
    employer = models.CharField(_("工作单位"), max_length=200, blank=True)
    programme = models.ForeignKey(
        ProgrammePage,
        verbose_name=_("培训项目"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    score = models.DecimalField(
        _("考核成绩"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    assessed_on = models.DateField(_("考核日期"), null=True, blank=True)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.VALID, editable=False
    )
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True, editable=False)
    revocation_reason = models.TextField(_("撤销原因"), blank=True, editable=False)
    token = models.CharField(
        _("验证令牌"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("证书")
        verbose_name_plural = _("证书")
        ordering = ["-issued_on", "-number"]
        indexes = [
            models.Index(fields=["programme", "issued_on"], name="training_cert_prog_issued")
        ]
        permissions = [
            ("revoke_certificate", _("可撤销和恢复证书")),
            ("view_talent_pool", _("可查看人才培育库")),
        ]

    def __str__(self) -> str:
        return self.number

    def state(self, on: datetime.date | None = None) -> str:
        """valid / revoked / expired (on the date, today by default)."""
        if self.status == self.Status.REVOKED:
            return "revoked"
        on = on or timezone.localdate()
        if self.expires_on and self.expires_on < on:
            return "expired"
        return "valid"

    def state_label(self, on: datetime.date | None = None) -> str:
        return {"valid": _("有效"), "revoked": _("已撤销"), "expired": _("已过期")}[self.state(on)]
