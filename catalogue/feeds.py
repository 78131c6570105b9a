"""Atom feeds of what changes in the pool: new batches, annual lists, provider status changes,
and each filtered directory view (the directory's ``feed/`` route takes the page's filters).

Feeds live in both languages (``/feeds/…`` and ``/en/feeds/…``); an entry links the page in
the feed's language. Only published content appears. Entry ids are tag URIs that never change,
so a feed reader shows each event once.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page

from .directory import ProviderListing, SolutionListing, public
from .models import (
    AnnualListIndexPage,
    AnnualListPage,
    Batch,
    ProviderIndexPage,
    ProviderPage,
    Status,
    StatusChange,
)

FEED_LENGTH = 50
TAG_AUTHORITY = "sdszfws.cn"


def tag(date: datetime.date | datetime.datetime, specific: str) -> str:
    """A tag URI (RFC 4151): ``tag:sdszfws.cn,2025-03-20:batch/2025-3``."""
    return f"tag:{TAG_AUTHORITY},{date:%Y-%m-%d}:{specific}"


def at_noon(date: datetime.date) -> datetime.datetime:
    """A date event as a time (feeds need one): noon, local time."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))


def localized(pages, request) -> dict[int, str]:
    """Absolute URLs of the pages in the active language (their alias or translation when it
    is live), by the pages' primary keys; two queries for any number of pages."""
    pages = [page for page in pages if page is not None]
    language = translation.get_language()
    urls = {}
    if pages and language != Locale.get_default().language_code:
        translated = {
            p.translation_key: p
            for p in Page.objects.live()
            .public()
            .filter(
                translation_key__in={page.translation_key for page in pages},
                locale__language_code=language,
            )
            .only("id", "url_path", "translation_key", "locale_id")
        }
        for page in pages:
            if page.translation_key in translated:
                urls[page.pk] = translated[page.translation_key].get_full_url(request)
    for page in pages:
        urls.setdefault(page.pk, page.get_full_url(request))
    return urls


class PortalFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def feed_guid(self, obj):
        return self.request.build_absolute_uri(self.request.path)

    def item_updateddate(self, item):
        return self.item_pubdate(item)


def _directory(language_code: str) -> ProviderIndexPage | None:
    return (
        public(ProviderIndexPage.objects.live())
        .filter(locale__language_code=language_code)
        .order_by("path")
        .first()
    ) or public(ProviderIndexPage.objects.live()).order_by("path").first()


class BatchFeed(PortalFeed):
    """入选批次: one entry per published batch, linking the directory filtered to its year."""

    def title(self):
        return _("数智服务商资源池：入选批次")

    def subtitle(self):
        return _("每批入选资源池的服务商公布后在此发布。")

    def link(self):
        directory = _directory(translation.get_language())
        return directory.get_url(self.request) if directory else "/"

    def items(self):
        today = timezone.localdate()
        return list(
            Batch.objects.filter(published_on__lte=today).order_by("-published_on", "-number")[
                :FEED_LENGTH
            ]
        )

    def item_title(self, batch):
        name = batch.name_en if translation.get_language() == "en" else batch.name
        return _("%(batch)s入选服务商名单公布") % {"batch": name}

    def item_description(self, batch):
        count = batch.providers.filter(live=True, locale=Locale.get_default()).count()
        text = ngettext(
            "%(count)s 家服务商入选。",
            "%(count)s 家服务商入选。",
            count,
        )
        return text % {"count": count} + (f" {batch.note}" if batch.note else "")

    def item_link(self, batch):
        return f"{self.link()}?year={batch.year}"

    def item_guid(self, batch):
        return tag(batch.published_on, f"batch/{batch.year}-{batch.number}")

    item_guid_is_permalink = False

    def item_pubdate(self, batch):
        return at_noon(batch.published_on)


class AnnualListFeed(PortalFeed):
    def title(self):
        return _("数智服务商资源池：年度优质服务商名单")

    def link(self):
        index = (
            public(AnnualListIndexPage.objects.live())
            .filter(locale__language_code=translation.get_language())
            .first()
        )
        return index.get_url(self.request) if index else "/"

    def items(self):
        lists = list(
            public(AnnualListPage.objects.live())
            .filter(locale=Locale.get_default())
            .order_by("-first_published_at")[:FEED_LENGTH]
        )
        self.urls = localized(lists, self.request)
        return lists

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        count = page.entries.count()
        text = ngettext(
            "%(year)s年度名单共 %(count)s 家服务商。",
            "%(year)s年度名单共 %(count)s 家服务商。",
            count,
        )
        return text % {"year": page.year, "count": count}

    def item_link(self, page):
        return self.urls[page.pk]

    def item_guid(self, page):
        return tag(page.first_published_at, f"annual-list/{page.year}")

    item_guid_is_permalink = False

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at


class StatusChangeFeed(PortalFeed):
    """Each dated change on a published provider's public timeline (入选, 整改, 清退, 恢复)."""

    def title(self):
        return _("数智服务商资源池：服务商状态变更")

    def subtitle(self):
        return _("服务商入选、限期整改、清退与恢复的公示。")

    def link(self):
        directory = _directory(translation.get_language())
        return directory.get_url(self.request) if directory else "/"

    def items(self):
        providers = public(ProviderPage.objects.live()).filter(locale=Locale.get_default())
        changes = list(
            StatusChange.objects.filter(provider__in=providers.values("pk"))
            .select_related("provider")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )
        self.urls = localized([c.provider for c in changes], self.request)
        return changes

    def item_title(self, change):
        return _("%(provider)s：%(status)s") % {
            "provider": change.provider.title,
            "status": Status(change.status).label,
        }

    def item_description(self, change):
        text = change.reason
        if change.deadline:
            text += " " + _("整改期限：%(date)s") % {"date": change.deadline.isoformat()}
        return text

    def item_link(self, change):
        return self.urls[change.provider_id]

    def item_guid(self, change):
        return tag(change.date, f"status-change/{change.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return at_noon(change.date)


class ListingFeed(PortalFeed):
    """The newest entries of a directory view with the request's filters (``?category=…``)."""

    listing_class = None

    def get_object(self, request, *, index_page):
        params = request.GET.copy()
        params["sort"] = "newest"
        params.pop("page", None)
        self.listing = self.listing_class(
            params, index_page=index_page, base_url=index_page.get_url(request)
        )
        return index_page

    def title(self, index_page):
        return _("%(page)s：最新发布") % {"page": index_page.title}

    def link(self, index_page):
        return self.listing.url(sort=None)

    def feed_guid(self, index_page):
        return self.request.build_absolute_uri(self.request.get_full_path())

    def items(self, index_page):
        items = list(self.listing.with_relations(self.listing.ordered())[:FEED_LENGTH])
        self.listing.decorate(items)
        return items

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return page.get_url(self.request)

    def item_guid(self, page):
        return tag(page.first_published_at, f"page/{page.translation_key}")

    item_guid_is_permalink = False

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at


class ProviderDirectoryFeed(ListingFeed):
    listing_class = ProviderListing

    def item_description(self, provider):
        return provider.introduction[:200]


class SolutionCatalogueFeed(ListingFeed):
    listing_class = SolutionListing

    def item_description(self, solution):
        return solution.description[:200]
