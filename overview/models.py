"""The statistics page (数据概览)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class OverviewPage(Page):
    """Figures about the pool, the catalogue, the cases and the certificates, as server-rendered
    SVG bar charts, each with its data table. The figures are computed by ``overview.figures``
    (cached) and labelled in the visitor's language by ``overview.report``; the English page is
    the Chinese page's alias."""

    intro = RichTextField(
        _("简介"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("显示在统计图表之前；统计口径由系统自动列出。"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("数据概览")
        verbose_name_plural = _("数据概览")

    def get_context(self, request, *args, **kwargs):
        from .report import overview_context

        context = super().get_context(request, *args, **kwargs)
        context.update(overview_context())
        return context
