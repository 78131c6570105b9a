from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import ProviderPage, SolutionPage

from .listing import cases_of
from .models import PilotZone, Promotion


class PilotZoneViewSet(SnippetViewSet):
    model = PilotZone
    icon = "site"
    list_display = ["name", "kind", "region", "slug", "locale"]
    list_filter = ["locale", "kind"]
    search_fields = ["name"]


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    list_display = ["solution", "pilot", "year", "note"]
    list_filter = ["year", "pilot"]
    list_export = ["year", "pilot", "solution", "note"]
    export_filename = "promotions"


class PromotionViewSetGroup(SnippetViewSetGroup):
    menu_label = _("推广目录")
    menu_icon = "pick"
    menu_order = 330
    items = (PromotionViewSet, PilotZoneViewSet)


register_snippet(PromotionViewSetGroup)


@hooks.register("catalogue_page_sections")
def cases_section(page, request):
    if isinstance(page, ProviderPage):
        relation = "providers"
    elif isinstance(page, SolutionPage):
        relation = "solutions"
    else:
        return ""
    cases = cases_of(page, relation=relation)
    if not cases:
        return ""
    return render_to_string("cases/_related_cases.html", {"cases": cases}, request=request)


@hooks.register("catalogue_provider_cases")
def provider_cases(provider):
    return cases_of(provider, relation="providers", limit=100)
