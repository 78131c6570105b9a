import uuid
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Locale

from catalogue import taxonomy
from catalogue.models import Industry, Region

from .models import (
    CaseIndexPage,
    CasePage,
    CaseResult,
    ConferenceIndexPage,
    ConferencePage,
    PilotKind,
    PilotZone,
    Promotion,
    PromotionCatalogPage,
)


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "典型场景案例"
    slug = "cases"

    class Meta:
        model = CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    """A case; pass ``parent`` (the case index) and ``providers=[…]`` / ``solutions=[…]``."""

    title = factory.Sequence(lambda n: f"潍坊精工机械设备联网与预测性维护案例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    year = 2025
    client_name = factory.Sequence(lambda n: f"潍坊精工机械制造有限公司{n}")
    client_industry = factory.LazyFunction(
        lambda: taxonomy.canonical(Industry).order_by("sort_order").first()
    )
    client_region = factory.LazyFunction(lambda: taxonomy.canonical(Region).get(slug="weifang"))
    client_size = "medium"
    challenge = "设备分散、故障靠人工巡检发现，停机损失大。"
    approach = "部署设备联网网关，建设点检与预测性维护系统。"
    outcome = "设备综合效率由62%提升至78%，非计划停机减少40%。"
    referee_name = "刘经理"
    referee_phone = "0536-87650001"

    class Meta:
        model = CasePage
        skip_postgeneration_save = True

    @factory.post_generation
    def providers(self, create, extracted, **kwargs):
        if extracted:
            self.providers.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def solutions(self, create, extracted, **kwargs):
        if extracted:
            self.solutions.set(extracted)
            if create:
                self.save()


class CaseResultFactory(factory.django.DjangoModelFactory):
    indicator = "设备综合效率"
    before = Decimal("62")
    after = Decimal("78")
    unit = "%"

    class Meta:
        model = CaseResult


class ConferenceIndexPageFactory(wagtail_factories.PageFactory):
    title = "年度服务商大会"
    slug = "conferences"

    class Meta:
        model = ConferenceIndexPage


class ConferencePageFactory(wagtail_factories.PageFactory):
    year = 2025
    title = factory.LazyAttribute(lambda page: f"{page.year}年山东省中小企业数字化服务商大会")
    slug = factory.LazyAttribute(lambda page: str(page.year))
    place = "济南市"

    class Meta:
        model = ConferencePage


class PromotionCatalogPageFactory(wagtail_factories.PageFactory):
    title = "推广目录"
    slug = "promotion"

    class Meta:
        model = PromotionCatalogPage


class PilotZoneFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"试点城市{n}")
    slug = factory.Sequence(lambda n: f"pilot-{n}")
    kind = PilotKind.CITY
    locale = factory.LazyFunction(Locale.get_default)
    translation_key = factory.LazyFunction(uuid.uuid4)

    class Meta:
        model = PilotZone


class PromotionFactory(factory.django.DjangoModelFactory):
    """A promoted solution; pass ``solution``."""

    pilot = factory.SubFactory(PilotZoneFactory)
    year = 2025
    note = "部署快、投入低，适合试点企业先行先试。"

    class Meta:
        model = Promotion
