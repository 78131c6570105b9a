"""The anonymous page cache: public pages rendered once, served from the shared cache until
something is published.

Anonymous GET requests for public pages are answered from Django's cache (Redis in production,
so every app server shares it and a purge reaches all of them). The whole cache is invalidated
by bumping a version number whenever content is published or unpublished, a page is moved,
deleted, made private or public again, or the taxonomy changes: publishing is rare next to
reading, and a single version cannot leave one stale page behind (a listing, the home page and
the feeds all change with a provider). Entries also expire after :data:`TIMEOUT` as a safety
net.

Never cached: logged-in users (editors always see fresh pages), anything but GET/HEAD and 200,
responses that set a cookie or need a CSRF token (forms), streamed downloads, the admin, the
API (it has its own cache headers), the application form and certificate lookups.

Two middlewares share the work. :class:`CachedPageMiddleware` sits near the top of the stack
and answers a request that carries no session or messages cookie straight from the cache,
before sessions, locale, CSRF and authentication run (a hit then costs about what a static
file does). :class:`AnonymousPageCacheMiddleware` sits after authentication and messages: it
answers the other anonymous requests and stores the pages.

Headers: cached pages say ``Cache-Control: public, max-age=0, must-revalidate`` with an ETag
(added by ConditionalGetMiddleware), so browsers and CDNs revalidate on every view and get a
cheap 304 while nothing changed; pages for logged-in users say ``private, no-cache``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control, patch_vary_headers

from portal.request_memo import forget, remembered

VERSION_KEY = "portal:pagecache:version"
TIMEOUT = 60 * 10
MAX_PATH_LENGTH = 1000
SKIPPED_PREFIXES = (
    "/admin/",
    "/api/",
    "/documents/",
    "/i18n/",
    "/static/",
    "/media/",
)
# Pages with per-visitor state, under either language prefix. (Search results are the same for
# everyone and change only with publication: cached like any page.)
SKIPPED_SECTIONS = ("application/", "certificates/")
CACHED_TYPES = ("text/html", "application/atom+xml", "application/xml", "text/plain")
HIT_HEADER = "X-Page-Cache"
T = TypeVar("T")


def _first_version() -> int:
    # Random, not 1: a cache that starts empty (a new Redis, a flushed one, each test's own)
    # must not repeat a version that a process still holds something for (the facet index).
    return secrets.randbelow(2**62)


def version() -> int:
    """The content version: it changes whenever something published changes.

    Read from the shared cache once per request (:mod:`portal.request_memo`): a search page
    asks for it a dozen times (each listing's facet index, the listing pages, the main menu),
    each a round trip to Redis, about 2 ms of such a page on one machine. One request then
    also sees one version throughout; a publication in the request itself forgets it
    (:func:`_bump`)."""
    return remembered(("page-cache-version",), shared_version)


def shared_version() -> int:
    """The content version in the shared cache now, which a publication since the request's
    :func:`version` was read may have changed."""
    return cache.get_or_set(VERSION_KEY, _first_version, timeout=None)


def until_published(key: str, read: Callable[[], T]) -> T:
    """``read()``, kept in the shared cache under ``key`` until the next publication (the
    content version is part of the key), for what many pages need and only a publication
    changes. Governed by the PAGE_CACHE setting, like the pages themselves."""
    if not settings.PAGE_CACHE:
        return read()
    versioned = f"{key}:{version()}"
    value = cache.get(versioned)
    if value is None:
        value = read()
        cache.set(versioned, value, TIMEOUT)
    return value


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _first_version(), timeout=None)
    forget()  # what this request read under the old version, the version included


def purge(**kwargs) -> None:
    """Invalidate every cached page (connected to the publishing signals).

    The signals are sent inside the publishing transaction: a request served between the bump
    and the commit still reads the old rows and would keep them under the new version (a page,
    a facet index) until the next publication. So the version changes again after the commit,
    once per transaction."""
    _bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is _bump for _savepoints, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump)


def _skipped_path(path: str) -> bool:
    if path.startswith(SKIPPED_PREFIXES) or len(path) > MAX_PATH_LENGTH:
        return True
    local = path[len("/en/") :] if path.startswith("/en/") else path.lstrip("/")
    return local.startswith(SKIPPED_SECTIONS)


def _key(request) -> str:
    digest = hashlib.sha256(f"{request.get_host()}|{request.get_full_path()}".encode()).hexdigest()
    return f"portal:pagecache:{version()}:{digest}"


def _eligible(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not _skipped_path(request.path)
    )


class CachedPageMiddleware:
    """The fast path: a cookie-less request (so certainly anonymous, with no messages) is
    answered from the cache before the rest of the middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookies = request.COOKIES
        if (
            _eligible(request)
            and settings.SESSION_COOKIE_NAME not in cookies
            and CookieStorage.cookie_name not in cookies
        ):
            cached = cache.get(_key(request))
            if cached is not None:
                cached[HIT_HEADER] = "hit"
                return cached
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        if request.user.is_authenticated:
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if _has_messages(request):
            return self.get_response(request)

        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if self._cacheable(request, response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            patch_vary_headers(response, ["Cookie"])
            response[HIT_HEADER] = "miss"
            cache.set(key, response, TIMEOUT)
        return response

    @staticmethod
    def _cacheable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and response.get("Content-Type", "").startswith(CACHED_TYPES)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


# Content other than pages that public pages show (taxonomy, batches, lists' entries, cases'
# results, promotions, certificates' yearly figures): a change to one of these apps' models
# purges too. Pages themselves purge when published, unpublished, moved or deleted — not on
# every draft save.
CONTENT_APPS = {"catalogue", "cases", "training", "overview", "portal"}


def _purge_on_model_change(sender, **kwargs) -> None:
    from wagtail.models import Page

    if sender._meta.app_label in CONTENT_APPS and not issubclass(sender, Page):
        purge()


def _purge_on_page_delete(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        purge()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(purge, dispatch_uid="page-cache-published")
    page_unpublished.connect(purge, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(purge, dispatch_uid="page-cache-moved")
    post_delete.connect(_purge_on_page_delete, dispatch_uid="page-cache-page-deleted")
    post_save.connect(_purge_on_model_change, dispatch_uid="page-cache-content-saved")
    post_delete.connect(_purge_on_model_change, dispatch_uid="page-cache-content-deleted")
    # A page made private (or public again) leaves (or joins) every listing, the facet index
    # included: Wagtail's restriction model is outside CONTENT_APPS, so it is connected here.
    post_save.connect(purge, sender=PageViewRestriction, dispatch_uid="page-cache-restricted")
    post_delete.connect(purge, sender=PageViewRestriction, dispatch_uid="page-cache-unrestricted")
    # A site's hostname, port or root page is in every page's links (and in portal.sites).
    post_save.connect(purge, sender=Site, dispatch_uid="page-cache-site-saved")
    post_delete.connect(purge, sender=Site, dispatch_uid="page-cache-site-deleted")
    # The locales are in every page's language links, and in search.registry.active_locale.
    post_save.connect(purge, sender=Locale, dispatch_uid="page-cache-locale-saved")
    post_delete.connect(purge, sender=Locale, dispatch_uid="page-cache-locale-deleted")
