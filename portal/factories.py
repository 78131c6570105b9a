import factory
import wagtail_factories
from wagtail.models import Locale

from .models import HomePage, StandardPage


def chinese_home() -> HomePage:
    """The Chinese home page created by the portal migrations."""
    return HomePage.objects.get(locale=Locale.get_default())


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"办事指南{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    intro = "本页介绍服务商申报的基本要求。"
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage
