"""The annual conference (年度数字化服务商大会), its typical scenario cases (典型场景案例) and the
promotion catalogue (推广目录) of solutions for pilot enterprises.

Cases are Wagtail pages below one :class:`CaseIndexPage` (the listing). A case links the
providers and solutions it used; its referee contact is for the editors only and never leaves
the admin (not in templates, search, exports or the API).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from catalogue.models import (
    AnnualListPage,
    Category,
    Industry,
    ProviderPage,
    Region,
    SolutionPage,
    Subtype,
    fair_key,
)
from search.analysis import name_without_brackets


class PilotKind(models.TextChoices):
    CITY = "city", _("国家中小企业数字化转型城市试点")
    ZONE = "zone", _("省级引导区")
    CLUSTER = "cluster", _("特色产业集群试点")


class PilotZone(TranslatableMixin, index.Indexed, models.Model):
    """A pilot the platform promotes solutions to: a city, a guidance zone or an industry
    cluster. Translatable like the catalogue's taxonomy (same slug in every locale)."""

    name = models.CharField(_("名称"), max_length=100)
    slug = models.SlugField(_("标识"), max_length=100, allow_unicode=False)
    kind = models.CharField(_("类型"), max_length=20, choices=PilotKind.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在地区"),
    )
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    # Filtered and sorted by in the admin's listing (wagtail_hooks.py) while searching, which
    # a search engine needs as filter fields (the database backends use the model's columns).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *(
            index.FilterField(name)
            for name in ("name", "slug", "kind", "region", "sort_order", "locale")
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("试点")
        verbose_name_plural = _("试点")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="cases_pilotzone_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class Promotion(models.Model):
    """A solution in the promotion catalogue (推广目录) for a pilot and a year."""

    solution = models.ForeignKey(
        SolutionPage,
        on_delete=models.CASCADE,
        related_name="promotions",
        verbose_name=_("解决方案"),
    )
    pilot = models.ForeignKey(
        PilotZone, on_delete=models.CASCADE, related_name="promotions", verbose_name=_("试点")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    note = models.CharField(_("推荐理由"), max_length=200, blank=True)

    panels = [
        FieldPanel("solution"),
        FieldRowPanel([FieldPanel("pilot"), FieldPanel("year")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("推广方案")
        verbose_name_plural = _("推广目录")
        ordering = ["-year", "pilot__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "pilot", "year"], name="cases_promotion_unique"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.pilot} {self.solution}"


class ClientSize(models.TextChoices):
    LARGE = "large", _("大型企业")
    MEDIUM = "medium", _("中型企业")
    SMALL = "small", _("小型企业")
    MICRO = "micro", _("微型企业")


class CaseIndexPage(RoutablePageMixin, Page):
    """The typical-case listing (典型场景案例); ``export/<csv|xlsx|json>/`` downloads it."""

    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("典型案例目录")
        verbose_name_plural = _("典型案例目录")

    def get_context(self, request, *args, **kwargs):
        from .listing import CaseListing

        context = super().get_context(request, *args, **kwargs)
        context.update(CaseListing(request.GET, index_page=self, base_url=request.path).context())
        return context

    @route("export/<str:fmt>/", name="export")
    def export(self, request, fmt):
        from .exports import case_export

        return case_export(request, index_page=self, fmt=fmt)

    @route("feed/", name="feed")
    def feed(self, request):
        from .feeds import CaseListingFeed

        return CaseListingFeed()(request, index_page=self)


class CasePage(Page):
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    client_name = models.CharField(_("应用企业"), max_length=200)
    client_industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("所属行业"),
    )
    client_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("所在地区"),
    )
    client_size = models.CharField(
        _("企业规模"), max_length=20, choices=ClientSize.choices, blank=True
    )
    scenario = models.ForeignKey(
        Subtype,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("应用场景"),
        help_text=_("案例所属的细分场景；服务商类别随之确定。"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("服务商类别"),
        help_text=_("选择了应用场景时自动取该场景所属的类别。"),
    )
    providers = ParentalManyToManyField(
        ProviderPage, related_name="cases", blank=True, verbose_name=_("服务商")
    )
    solutions = ParentalManyToManyField(
        SolutionPage, related_name="cases", blank=True, verbose_name=_("解决方案")
    )
    challenge = models.TextField(_("面临的问题"), blank=True)
    approach = models.TextField(_("实施内容"), blank=True)
    outcome = models.TextField(_("实施成效"), blank=True)
    # Never public: for the editors to verify the case with the client.
    referee_name = models.CharField(_("核实联系人"), max_length=50, blank=True)
    referee_phone = models.CharField(_("核实联系电话"), max_length=30, blank=True)
    fair_key = models.BigIntegerField(default=0, editable=False, db_index=True)
    fair_order_field = "fair_key"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("client_size")]),
                FieldPanel("client_name"),
                FieldRowPanel([FieldPanel("client_industry"), FieldPanel("client_region")]),
            ],
            heading=_("应用企业"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("scenario"), FieldPanel("category")]),
                FieldPanel("providers", widget=forms.SelectMultiple(attrs={"size": 6})),
                FieldPanel("solutions", widget=forms.SelectMultiple(attrs={"size": 6})),
            ],
            heading=_("场景与方案"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("outcome"),
        InlinePanel("results", label=_("量化成效")),
        InlinePanel("gallery", label=_("图片")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("referee_name"), FieldPanel("referee_phone")])],
            heading=_("核实联系人（不公开）"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("client_name"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("outcome"),
        index.SearchField("provider_search_text"),
        index.SearchField("year_badge"),
        index.FilterField("locale_id"),
        index.FilterField("fair_key"),
        index.RelatedFields("client_industry", [index.SearchField("name")]),
        index.RelatedFields("client_region", [index.SearchField("name")]),
        index.RelatedFields("scenario", [index.SearchField("name")]),
        index.RelatedFields("category", [index.SearchField("name")]),
    ]

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")

    def clean(self):
        super().clean()
        if self.scenario_id and self.category_id and self.scenario.category_id != self.category_id:
            raise ValidationError(
                {"category": _("服务商类别与应用场景所属的类别不一致；可留空，自动填写。")}
            )

    @property
    def year_badge(self) -> str:
        """The badge the case's page shows (2025年度典型案例), searched as its text is: people
        look for a year's cases by it (2025年典型案例, 2025 案例)."""
        return f"{self.year}年度典型案例" if self.year else ""

    def compute_derived_fields(self):
        """What saving computes from the other fields (the bulk writers call it too)."""
        if self.scenario_id:
            self.category_id = self.scenario.category_id
        self.fair_key = fair_key(f"{self.year}|{self.title}")

    def save(self, *args, **kwargs):
        self.compute_derived_fields()
        super().save(*args, **kwargs)

    def provider_search_text(self) -> str:
        """The providers' and solutions' names, so that a case is found by who did it."""
        # Only what the public may see: a draft provider's name must not be findable here.
        providers = (
            ProviderPage.objects.live()
            .filter(pk__in=self.providers.all())
            .values_list("title", flat=True)
        )
        solutions = (
            SolutionPage.objects.live()
            .filter(pk__in=self.solutions.all())
            .values_list("title", flat=True)
        )
        names = [name for title in providers for name in (title, name_without_brackets(title))]
        return " ".join(filter(None, [*names, *solutions]))

    def get_context(self, request, *args, **kwargs):
        from .listing import public_links

        context = super().get_context(request, *args, **kwargs)
        context["linked_providers"], context["linked_solutions"] = public_links(self)
        context["results"] = self.results.all()
        context["gallery"] = self.gallery.select_related("image")
        return context


class CaseResult(Orderable):
    """A measured result (量化成效): indicator, before, after, unit."""

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="results")
    indicator = models.CharField(_("指标"), max_length=50)
    before = models.DecimalField(
        _("实施前"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    after = models.DecimalField(_("实施后"), max_digits=14, decimal_places=2)
    unit = models.CharField(pgettext_lazy("measurement", "单位"), max_length=20, blank=True)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("before"), FieldPanel("after"), FieldPanel("unit")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("量化成效")
        verbose_name_plural = _("量化成效")

    @property
    def change_percent(self) -> float | None:
        """The relative change, e.g. +25.0 for 60 → 75; None without a usable baseline."""
        if self.before in (None, 0) or self.after is None:
            return None
        return round(float((self.after - self.before) / abs(self.before) * 100), 1)


class CaseImage(Orderable):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("图片")
    )
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ConferenceIndexPage(Page):
    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cases.ConferencePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("年度大会目录")
        verbose_name_plural = _("年度大会目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conferences"] = (
            ConferencePage.objects.child_of(self).live().public().order_by("-year")
        )
        return context


class ConferencePage(Page):
    """年度数字化服务商大会 of one year: its list, cases, promoted solutions and downloads."""

    year = models.PositiveSmallIntegerField(_("年度"))
    date = models.DateField(_("日期"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link", "ul"])
    agenda = RichTextField(_("议程"), blank=True, features=["h3", "bold", "ul", "ol", "link"])
    annual_list = models.ForeignKey(
        AnnualListPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("年度优质服务商名单"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year"), FieldPanel("date"), FieldPanel("place")]),
        FieldPanel("intro"),
        FieldPanel("agenda"),
        FieldPanel("annual_list"),
        InlinePanel("downloads", label=_("资料下载")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("place")]
    parent_page_types = ["cases.ConferenceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("年度大会")
        verbose_name_plural = _("年度大会")

    def get_context(self, request, *args, **kwargs):
        from .listing import conference_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(conference_sections(self))
        return context


class ConferenceDownload(Orderable):
    page = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("标题"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class PromotionCatalogPage(Page):
    """推广目录: the promoted solutions, by pilot and year (``?pilot=&year=``)."""

    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("推广目录")
        verbose_name_plural = _("推广目录")

    def get_context(self, request, *args, **kwargs):
        from .listing import promotion_catalogue

        context = super().get_context(request, *args, **kwargs)
        context.update(promotion_catalogue(request, page=self))
        return context
