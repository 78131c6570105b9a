import datetime

import factory
import wagtail_factories

from portal.identifiers import make_uscc

from . import taxonomy
from .models import (
    AnnualListEntry,
    AnnualListIndexPage,
    AnnualListPage,
    Batch,
    BlacklistEntry,
    Category,
    ProviderIndexPage,
    ProviderPage,
    Region,
    SolutionIndexPage,
    SolutionPage,
)


class BatchFactory(factory.django.DjangoModelFactory):
    year = 2025
    number = factory.Sequence(lambda n: n % 12 + 1)
    review_date = factory.LazyAttribute(lambda b: datetime.date(b.year, b.number, 10))
    published_on = factory.LazyAttribute(lambda b: datetime.date(b.year, b.number, 20))

    class Meta:
        model = Batch
        django_get_or_create = ("year", "number")


class BlacklistEntryFactory(factory.django.DjangoModelFactory):
    uscc = factory.Sequence(lambda n: make_uscc(900_000 + n))
    name = factory.Sequence(lambda n: f"失信科技有限公司{n}")
    reason = "申报材料弄虚作假"
    start_date = datetime.date(2025, 6, 1)

    class Meta:
        model = BlacklistEntry


class ProviderIndexPageFactory(wagtail_factories.PageFactory):
    title = "服务商名录"
    slug = "providers"

    class Meta:
        model = ProviderIndexPage


class SolutionIndexPageFactory(wagtail_factories.PageFactory):
    title = "解决方案"
    slug = "solutions"

    class Meta:
        model = SolutionIndexPage


class ProviderPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"山东智恒数字科技有限公司{n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    uscc = factory.Sequence(lambda n: make_uscc(1000 + n))
    region = factory.LazyFunction(lambda: taxonomy.canonical(Region).get(slug="jinan"))
    introduction = "专注中小企业数字化转型，提供咨询规划与系统实施服务。"

    class Meta:
        model = ProviderPage
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        chosen = extracted or [taxonomy.canonical(Category).get(slug="consulting")]
        self.categories.set(chosen)
        if create:
            self.save()

    @factory.post_generation
    def subtypes(self, create, extracted, **kwargs):
        if extracted:
            self.subtypes.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if extracted:
            self.industries.set(extracted)
            if create:
                self.save()


class SolutionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"设备管理云平台{n}")
    slug = factory.Sequence(lambda n: f"solution-{n}")
    category = factory.LazyFunction(lambda: taxonomy.canonical(Category).get(slug="production"))
    deployment_mode = "saas"
    description = "面向离散制造企业的设备联网与点检管理。"

    class Meta:
        model = SolutionPage


class AnnualListIndexPageFactory(wagtail_factories.PageFactory):
    title = "年度名单"
    slug = "annual-lists"

    class Meta:
        model = AnnualListIndexPage


class AnnualListPageFactory(wagtail_factories.PageFactory):
    year = 2025
    title = factory.LazyAttribute(lambda page: f"{page.year}年度优质服务商名单")
    slug = factory.LazyAttribute(lambda page: str(page.year))
    intro = "<p>经年度量化评价，现将优质服务商名单公布如下。</p>"

    class Meta:
        model = AnnualListPage


class AnnualListEntryFactory(factory.django.DjangoModelFactory):
    """An entry of an annual list; pass ``annual_list`` and ``provider``."""

    category = factory.LazyFunction(lambda: taxonomy.canonical(Category).get(slug="consulting"))
    grade = "excellent"

    class Meta:
        model = AnnualListEntry
