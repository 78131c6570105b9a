"""The programme's taxonomy: provider categories and subtypes, regions and industries.

Each term is a translatable snippet: the Chinese row is canonical (providers and solutions point
to it) and the English row shares its ``translation_key``. Slugs are ASCII and identical across
locales, so a filter URL such as ``?category=consulting`` means the same in both languages.
"""

import datetime
import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from portal.identifiers import normalise, uscc_problem
from search.analysis import name_without_brackets

from .forms import ProviderPageForm


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(
        _("标识"),
        max_length=100,
        allow_unicode=False,
        help_text=_("用于网址筛选的英文标识，各语言版本相同。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    # What the admin's listings (wagtail_hooks.py) filter and sort a search by, for a search
    # engine, which keeps its own copy of them (the database backends use the model's columns).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *(index.FilterField(name) for name in ("name", "slug", "sort_order", "locale")),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


def _slug_unique_per_locale(model_name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["locale", "slug"], name=f"catalogue_{model_name}_unique_slug_per_locale"
    )


class Category(TaxonomyTerm):
    """One of the ten provider categories fixed by the programme (DESIGN.md §1)."""

    number = models.PositiveSmallIntegerField(_("序号"))
    description = models.TextField(_("说明"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("number")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("服务商类别")
        verbose_name_plural = _("服务商类别")
        ordering = ["number"]
        constraints = [_slug_unique_per_locale("category")]


class Subtype(TaxonomyTerm):
    """A subtype within a category; editors may add more (包括但不限于)."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="subtypes", verbose_name=_("所属类别")
    )

    panels = [FieldPanel("category"), *TaxonomyTerm.panels]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("category")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("细分类型")
        verbose_name_plural = _("细分类型")
        constraints = [_slug_unique_per_locale("subtype")]


class Region(TaxonomyTerm):
    """A city. The 16 Shandong cities come first; providers from elsewhere keep their own."""

    province = models.CharField(_("省份"), max_length=20, default="山东省")

    panels = [FieldPanel("name"), FieldPanel("province"), *TaxonomyTerm.panels[1:]]
    search_fields = [*TaxonomyTerm.search_fields, index.FilterField("province")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        constraints = [_slug_unique_per_locale("region")]

    @property
    def is_shandong(self) -> bool:
        return self.province in {"山东省", "Shandong"}


class Industry(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("服务行业")
        verbose_name_plural = _("服务行业")
        constraints = [_slug_unique_per_locale("industry")]


# --- Selection batches, grades, status, blacklist -------------------------------------------


class Batch(models.Model):
    """A monthly selection batch, e.g. 2025年第3批."""

    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("批次号"))
    review_date = models.DateField(_("评审日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    panels = [
        FieldPanel("year"),
        FieldPanel("number"),
        FieldPanel("review_date"),
        FieldPanel("published_on"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("入选批次")
        verbose_name_plural = _("入选批次")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="catalogue_batch_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return f"{self.year}年第{self.number}批"

    @property
    def name_en(self) -> str:
        return f"{self.year} batch {self.number}"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    UNQUALIFIED = "unqualified", _("不合格")


# Higher is better; used for the "sort by grade" option.
GRADE_RANK = {Grade.EXCELLENT: 3, Grade.QUALIFIED: 2, Grade.UNQUALIFIED: 1}


class Status(models.TextChoices):
    APPLIED = "applied", _("申报中")
    SELECTED = "selected", _("入选")
    RECTIFYING = "rectifying", _("整改中")
    REMOVED = "removed", _("已清退")


class BlacklistEntry(models.Model):
    """申报失信黑名单: a code that falsified materials may not apply in the year it was listed
    nor in the three following years."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    name = models.CharField(_("单位名称"), max_length=100)
    reason = models.TextField(_("失信原因"))
    start_date = models.DateField(_("列入日期"))
    end_date = models.DateField(
        _("截止日期"), blank=True, help_text=_("留空则为列入年度起算再加三个完整年度的年末。")
    )

    panels = [
        FieldPanel("uscc"),
        FieldPanel("name"),
        FieldPanel("reason"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    class Meta:
        verbose_name = _("失信黑名单")
        verbose_name_plural = _("失信黑名单")
        ordering = ["-start_date"]

    def __str__(self):
        return f"{self.name}（{self.uscc}）"

    def save(self, *args, **kwargs):
        if self.start_date and not self.end_date:
            self.end_date = self.default_end_date(self.start_date)
        super().save(*args, **kwargs)

    @staticmethod
    def default_end_date(start_date):
        return start_date.replace(year=start_date.year + 3, month=12, day=31)

    def clean(self):
        self.uscc = normalise(self.uscc)
        problem = uscc_problem(self.uscc)
        if problem:
            raise ValidationError({"uscc": problem})
        if self.start_date and not self.end_date:
            self.end_date = self.default_end_date(self.start_date)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("截止日期不能早于列入日期。")})

    def is_active(self, on_date) -> bool:
        return self.start_date <= on_date <= self.end_date


# --- Pages -------------------------------------------------------------------------------


def page_sections(page, request) -> list[str]:
    """HTML sections other apps add to a provider or solution page (the cases that used it …),
    from the ``catalogue_page_sections`` hook: ``fn(page, request) -> str`` ("" for none)."""
    return [
        html for fn in hooks.get_hooks("catalogue_page_sections") if (html := fn(page, request))
    ]


def fair_key(uscc: str) -> int:
    """A stable pseudo-random rank from the USCC: the default order of equal entries, so no
    provider is favoured by its name or by when it was entered."""
    return int.from_bytes(hashlib.sha256(uscc.encode()).digest()[:7], "big")


class ProviderIndexPage(RoutablePageMixin, Page):
    """The provider directory (服务商名录); ``export/<csv|xlsx|json>/`` downloads the current
    filtered list."""

    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["catalogue.ProviderPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("服务商名录")
        verbose_name_plural = _("服务商名录")

    def get_context(self, request, *args, **kwargs):
        from .directory import provider_directory

        context = super().get_context(request, *args, **kwargs)
        context.update(provider_directory(request, index_page=self))
        return context

    @route("export/<str:fmt>/", name="export")
    def export(self, request, fmt):
        from .exports import provider_export

        return provider_export(request, index_page=self, fmt=fmt)

    @route("feed/", name="feed")
    def feed(self, request):
        from .feeds import ProviderDirectoryFeed

        return ProviderDirectoryFeed()(request, index_page=self)


class ProviderPage(Page):
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        db_index=True,
        help_text=_("18位，含校验位；是服务商的唯一标识。"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="providers", verbose_name=_("所在地区")
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    website = models.URLField(_("网址"), blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    categories = ParentalManyToManyField(
        Category, related_name="providers", verbose_name=_("服务商类别")
    )
    subtypes = ParentalManyToManyField(
        Subtype, related_name="providers", blank=True, verbose_name=_("细分类型")
    )
    industries = ParentalManyToManyField(
        Industry, related_name="providers", blank=True, verbose_name=_("服务行业")
    )
    introduction = models.TextField(_("服务商简介"), blank=True)
    designer_count = models.PositiveIntegerField(_("解决方案设计师人数"), default=0)
    change_note = models.CharField(
        _("本次更新说明"),
        max_length=200,
        blank=True,
        help_text=_("公开显示：这次发布改了什么（例如“更新联系人”“新增两项解决方案”）。"),
    )
    last_updated_on = models.DateField(
        _("年度信息更新日期"),
        null=True,
        blank=True,
        help_text=_("服务商最近一次完成年度信息更新并通过审核的日期；每年3月31日前须更新。"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("标志"),
    )
    batch = models.ForeignKey(
        Batch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="providers",
        verbose_name=_("入选批次"),
    )
    # Denormalised from the status timeline and the grade history so that the directory can
    # filter and sort without joins; kept in step by ProviderPage.save().
    status = models.CharField(
        _("当前状态"), max_length=20, choices=Status.choices, default=Status.SELECTED
    )
    latest_grade = models.CharField(_("最新评级"), max_length=20, choices=Grade.choices, blank=True)
    latest_grade_year = models.PositiveSmallIntegerField(_("评级年度"), null=True, blank=True)
    grade_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    fair_key = models.BigIntegerField(default=0, editable=False, db_index=True)
    fair_order_field = "fair_key"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("uscc"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("batch")]),
                FieldPanel("address"),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")]),
                FieldPanel("logo"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("subtypes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("industries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("designer_count"),
                FieldPanel("last_updated_on"),
            ],
            heading=_("服务范围"),
        ),
        FieldPanel("introduction"),
        FieldPanel("change_note"),
        InlinePanel("grades", label=_("年度评级")),
        InlinePanel("status_changes", label=_("状态变更")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_without_brackets", boost=2),
        index.SearchField("uscc"),
        index.SearchField("introduction"),
        index.SearchField("address"),
        index.SearchField("badges"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
        index.FilterField("fair_key"),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("subtypes", [index.SearchField("name")]),
        index.RelatedFields("industries", [index.SearchField("name")]),
    ]

    parent_page_types = ["catalogue.ProviderIndexPage"]
    subpage_types = ["catalogue.SolutionPage"]
    base_form_class = ProviderPageForm

    class Meta:
        verbose_name = _("服务商")
        verbose_name_plural = _("服务商")

    @property
    def name(self) -> str:
        return self.title

    def title_without_brackets(self) -> str:
        """The name as people write it, without the place in brackets, for search."""
        return name_without_brackets(self.title)

    def badges(self) -> str:
        """The grade and batch badges the provider's page shows (2025年度评级：优秀,
        2024年第3批入选), searched as the page's text is: people look for 优秀服务商 or a
        batch's providers by them (2024年第三批 too: search.analysis indexes a batch's number
        in numerals as well). In Chinese on either site, as the rest of the text is."""
        shown = []
        if self.latest_grade:
            with translation.override("zh-hans"):
                shown.append(f"{self.latest_grade_year}年度评级：{self.get_latest_grade_display()}")
        if self.batch_id:
            shown.append(f"{self.batch.name}入选")
        return " ".join(shown)

    @classmethod
    def load_search_relations(cls, providers) -> None:
        """Read the batches of many providers in one query (indexing in bulk calls this;
        ``badges`` then needs none)."""
        batches = Batch.objects.in_bulk({p.batch_id for p in providers if p.batch_id})
        for provider in providers:
            if provider.batch_id in batches:
                provider.batch = batches[provider.batch_id]

    def grading_ineligibility(self, year: int, *, last_updated_on=None) -> str | None:
        """Why the provider may not be graded for `year`, or None when it may.

        A provider in the pool must update its information by 31 March each year; one that did
        not loses that year's grading eligibility (取消当年评级评价资格). A provider first
        selected in the year itself entered with fresh materials and counts as up to date.
        """
        updated = last_updated_on if last_updated_on is not None else self.last_updated_on
        deadline = datetime.date(year, 3, 31)
        if updated is not None and datetime.date(year, 1, 1) <= updated <= deadline:
            return None
        selected_on = self.batch.published_on if self.batch_id and self.batch else None
        if selected_on is not None and selected_on.year == year:
            return None
        when = updated.isoformat() if updated else _("从未更新")
        return _(
            "%(year)s年度未在3月31日前完成年度信息更新（最近更新：%(when)s），"
            "取消当年评级评价资格。"
        ) % {"year": year, "when": when}

    @property
    def is_removed(self) -> bool:
        return self.status == Status.REMOVED

    def clean(self):
        super().clean()
        self.uscc = normalise(self.uscc)
        problem = uscc_problem(self.uscc)
        if problem:
            raise ValidationError({"uscc": problem})
        duplicates = (
            ProviderPage.objects.filter(uscc=self.uscc)
            .exclude(translation_key=self.translation_key)
            .first()
        )
        if duplicates:
            raise ValidationError(
                {"uscc": _("该统一社会信用代码已属于“%(name)s”。") % {"name": duplicates.title}}
            )

    def compute_derived_fields(self):
        """What saving computes from the other fields (the bulk writers call it too)."""
        self.uscc = normalise(self.uscc)
        self.fair_key = fair_key(self.uscc)
        self.sync_denormalised_fields()

    def save(self, *args, **kwargs):
        self.compute_derived_fields()
        super().save(*args, **kwargs)

    def sync_denormalised_fields(self):
        """Current status and latest grade follow the timeline and the grade history."""
        changes = list(self.status_changes.all())
        if changes:
            latest = max(changes, key=lambda change: (change.date, change.pk or 0))
            self.status = latest.status
        grades = list(self.grades.all())
        if grades:
            latest_grade = max(grades, key=lambda grade: grade.year)
            self.latest_grade = latest_grade.grade
            self.latest_grade_year = latest_grade.year
        else:
            self.latest_grade, self.latest_grade_year = "", None
        self.grade_rank = GRADE_RANK.get(self.latest_grade, 0)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.is_removed:
            # A removed provider's page stays readable, but the entry itself is gone.
            response.status_code = 410
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["solutions"] = (
            SolutionPage.objects.child_of(self).live().public().select_related("category")
        )
        context["grades"] = self.grades.order_by("-year")
        context["timeline"] = self.status_changes.order_by("-date", "-id")
        context["update_notes"] = self.update_notes()
        context["extra_sections"] = page_sections(self, request)
        return context

    def update_notes(self, limit: int = 10) -> list[tuple]:
        """(published at, note) of the latest published updates that carried a change note."""
        from wagtail.models import PageLogEntry

        entries = (
            PageLogEntry.objects.filter(
                page_id=self.alias_of_id or self.pk, action="wagtail.publish"
            )
            .exclude(revision=None)
            .select_related("revision")
            .order_by("-timestamp")[: limit * 3]
        )
        notes = [
            (entry.timestamp, entry.revision.content.get("change_note"))
            for entry in entries
            if entry.revision.content.get("change_note")
        ]
        return notes[:limit]


class ProviderGrade(Orderable):
    """年度量化评价: one grade per provider and year."""

    provider = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="grades")
    year = models.PositiveSmallIntegerField(_("评级年度"))
    grade = models.CharField(_("评级"), max_length=20, choices=Grade.choices)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("grade"), FieldPanel("score")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("年度评级")
        verbose_name_plural = _("年度评级")


class StatusChange(Orderable):
    """One dated entry of a provider's public timeline."""

    provider = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="status_changes")
    date = models.DateField(_("日期"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices)
    reason = models.CharField(_("原因"), max_length=500)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("status"), FieldPanel("deadline")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("状态变更")
        verbose_name_plural = _("状态变更")


class SolutionIndexPage(RoutablePageMixin, Page):
    """The solution/product catalogue (解决方案（产品）供给清单); solutions live under their
    providers, this page lists them all. ``export/<csv|xlsx|json>/`` downloads the list."""

    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("解决方案目录")
        verbose_name_plural = _("解决方案目录")

    def get_context(self, request, *args, **kwargs):
        from .directory import solution_catalogue

        context = super().get_context(request, *args, **kwargs)
        context.update(solution_catalogue(request, index_page=self))
        return context

    @route("export/<str:fmt>/", name="export")
    def export(self, request, fmt):
        from .exports import solution_export

        return solution_export(request, index_page=self, fmt=fmt)

    @route("feed/", name="feed")
    def feed(self, request):
        from .feeds import SolutionCatalogueFeed

        return SolutionCatalogueFeed()(request, index_page=self)


class DeploymentMode(models.TextChoices):
    SAAS = "saas", "SaaS"
    PRIVATE = "private", _("私有化部署")
    HYBRID = "hybrid", _("混合部署")


class SolutionPage(Page):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="solutions", verbose_name=_("服务商类别")
    )
    industries = ParentalManyToManyField(
        Industry, related_name="solutions", blank=True, verbose_name=_("适用行业")
    )
    scenarios = models.CharField(
        _("应用场景"), max_length=300, blank=True, help_text=_("多个场景用“、”分隔。")
    )
    deployment_mode = models.CharField(
        _("部署方式"), max_length=20, choices=DeploymentMode.choices, blank=True
    )
    reference_price = models.DecimalField(
        _("参考价格（万元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    is_xkqz = models.BooleanField(_("小快轻准"), default=False)
    is_standardised = models.BooleanField(_("标准化、可复制"), default=False)
    description = models.TextField(_("方案简介"), blank=True)
    features = models.TextField(_("主要功能"), blank=True, help_text=_("每行一项。"))
    fair_key = models.BigIntegerField(default=0, editable=False, db_index=True)
    fair_order_field = "fair_key"

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("deployment_mode")]),
        FieldPanel("industries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("scenarios"),
        FieldRowPanel(
            [FieldPanel("reference_price"), FieldPanel("is_xkqz"), FieldPanel("is_standardised")]
        ),
        FieldPanel("description"),
        FieldPanel("features"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("scenarios"),
        index.SearchField("features"),
        index.SearchField("provider_search_text"),
        index.FilterField("locale_id"),
        index.FilterField("fair_key"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("industries", [index.SearchField("name")]),
    ]

    parent_page_types = ["catalogue.ProviderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("解决方案")
        verbose_name_plural = _("解决方案")

    @property
    def provider(self):
        return self.get_parent().specific

    def provider_search_text(self) -> str:
        """Who offers it and where, so that 烟台 设备运维 also finds solutions offered in 烟台."""
        if "_provider_search_text" not in self.__dict__:
            SolutionPage.load_search_relations([self])
        return self._provider_search_text

    @classmethod
    def load_search_relations(cls, solutions) -> None:
        """Read the providers' names and cities of many solutions in one query (indexing in
        bulk calls this; ``provider_search_text`` then needs none)."""
        parent_paths = {solution.path[: -cls.steplen] for solution in solutions}
        texts = {
            path: " ".join(filter(None, (title, name_without_brackets(title), region)))
            for path, title, region in ProviderPage.objects.filter(
                path__in=parent_paths
            ).values_list("path", "title", "region__name")
        }
        for solution in solutions:
            solution._provider_search_text = texts.get(solution.path[: -cls.steplen], "")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["extra_sections"] = page_sections(self, request)
        return context

    @property
    def feature_list(self) -> list[str]:
        return [line.strip() for line in self.features.splitlines() if line.strip()]

    def compute_derived_fields(self):
        """What saving computes from the other fields (the bulk writers call it too)."""
        # Stable across re-imports: the natural key is provider + solution name.
        self.fair_key = fair_key(f"{self.title}|{self.url_path or ''}")

    def save(self, *args, **kwargs):
        self.compute_derived_fields()
        super().save(*args, **kwargs)


class AnnualListIndexPage(Page):
    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["catalogue.AnnualListPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("年度名单目录")
        verbose_name_plural = _("年度名单目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lists"] = AnnualListPage.objects.child_of(self).live().public().order_by("-year")
        return context


class AnnualListPage(RoutablePageMixin, Page):
    """年度优质服务商名单, released at the annual conference; ``export/<csv|xlsx>/`` downloads
    it."""

    year = models.PositiveSmallIntegerField(_("年度"))
    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        InlinePanel("entries", label=_("名单条目")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["catalogue.AnnualListIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("年度名单")
        verbose_name_plural = _("年度名单")

    def get_context(self, request, *args, **kwargs):
        from .directory import group_annual_list

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = group_annual_list(self)
        base_url = self.get_url(request) or ""
        context["export_links"] = [
            {
                "format": fmt,
                "label": label,
                "url": base_url + self.reverse_subpage("export", kwargs={"fmt": fmt}),
            }
            for fmt, label in (("csv", "CSV"), ("xlsx", "Excel"))
        ]
        return context

    @route("export/<str:fmt>/", name="export")
    def export(self, request, fmt):
        from .exports import annual_list_export

        return annual_list_export(request, page=self, fmt=fmt)


class AnnualListEntry(Orderable):
    annual_list = ParentalKey(AnnualListPage, on_delete=models.CASCADE, related_name="entries")
    provider = models.ForeignKey(
        ProviderPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("服务商")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("类别")
    )
    grade = models.CharField(_("评级"), max_length=20, choices=Grade.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [
        FieldPanel("provider"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("grade")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("名单条目")
        verbose_name_plural = _("名单条目")


class Application(models.Model):
    """A public application (申报): the draft provider page it created, a reference number for
    the applicant and a random token for its status page."""

    provider = models.OneToOneField(
        ProviderPage, on_delete=models.CASCADE, related_name="application", verbose_name=_("服务商")
    )
    reference = models.CharField(_("申报编号"), max_length=20, unique=True)
    token = models.CharField(max_length=43, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    solutions_summary = models.TextField(_("解决方案（产品）"), blank=True)
    cases_summary = models.TextField(_("典型案例"), blank=True)
    attachment = models.FileField(_("申报材料"), upload_to="applications/", blank=True)
    pledge_accepted_at = models.DateTimeField(_("签署诚信申报承诺的时间"))

    class Meta:
        verbose_name = _("申报")
        verbose_name_plural = _("申报")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.reference
