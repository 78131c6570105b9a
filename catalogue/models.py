"""The programme's taxonomy: provider categories and subtypes, regions and industries.

Each term is a translatable snippet: the Chinese row is canonical (providers and solutions point
to it) and the English row shares its ``translation_key``. Slugs are ASCII and identical across
locales, so a filter URL such as ``?category=consulting`` means the same in both languages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


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
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

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

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("细分类型")
        verbose_name_plural = _("细分类型")
        constraints = [_slug_unique_per_locale("subtype")]


class Region(TaxonomyTerm):
    """A city. The 16 Shandong cities come first; providers from elsewhere keep their own."""

    province = models.CharField(_("省份"), max_length=20, default="山东省")

    panels = [FieldPanel("name"), FieldPanel("province"), *TaxonomyTerm.panels[1:]]

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
