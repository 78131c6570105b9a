"""``/sitemap.xml`` for both languages and ``/robots.txt``.

Wagtail's sitemap lists the pages below the site's root page, which is the Chinese home; the
English site is a sibling tree (``/home-en/``, served under ``/en/``). This sitemap lists both
trees and links each page to its other-language version (``xhtml:link hreflang``). A removed
provider's page (HTTP 410) is left out.
"""

from collections import defaultdict

from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap

from .templatetags.portal_tags import html_lang


class BilingualSitemap(Sitemap):
    def items(self):
        from wagtail.models import Page

        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        trees = Q()
        for root in roots:
            trees |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(trees)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        from wagtail.models import Locale

        languages = dict(Locale.objects.values_list("pk", "language_code"))
        urls = []
        by_key = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            if getattr(item, "is_removed", False):
                continue
            for url_info in item.get_sitemap_urls(self.request):
                url_info["lang"] = html_lang(languages[item.locale_id])
                urls.append(url_info)
                by_key[item.translation_key].append(url_info)
        for group in by_key.values():
            alternates = [{"lang_code": u["lang"], "location": u["location"]} for u in group]
            for url_info in group:
                url_info["alternates"] = alternates if len(alternates) > 1 else []
        lastmods = [u.get("lastmod") for u in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


ROBOTS = """\
User-agent: *
Disallow: /admin/
Disallow: /search/
Disallow: /en/search/
Disallow: /application/
Disallow: /en/application/
Disallow: /certificates/
Disallow: /en/certificates/
Disallow: /*/export/

Sitemap: {sitemap}
"""


@cache_control(public=True, max_age=3600)
def robots(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(ROBOTS.format(sitemap=sitemap), content_type="text/plain; charset=utf-8")
