"""Template tags shared by every page of the site: menu, language links, breadcrumbs, summaries.

Load with ``{% load portal_tags %}``.
"""

from __future__ import annotations

import html
from typing import NamedTuple

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from wagtail.models import Page, Site

from portal import page_cache

register = template.Library()


class _LanguageLinkFields(NamedTuple):
    code: str
    name: str
    url: str
    is_current: bool


class LanguageLink(_LanguageLinkFields):
    """``(code, name, url, is_current)``; ``is_equivalent`` is False when ``url`` is only the
    fallback home page of that language (not an equivalent of the current page, so no
    ``<link rel="alternate">`` should point at it)."""

    def __new__(cls, code, name, url, is_current, is_equivalent=True):
        link = super().__new__(cls, code, name, url, is_current)
        link.is_equivalent = is_equivalent
        return link


@register.filter
def html_lang(language_code: str | None) -> str:
    """A Django language code as a BCP 47 tag for ``lang``/``hreflang``: zh-hans → zh-Hans."""
    if not language_code:
        language_code = settings.LANGUAGE_CODE
    return translation.to_locale(language_code).replace("_", "-")


def _site_for(request) -> Site | None:
    if request is None:
        return None
    return Site.find_for_request(request)


@register.simple_tag
def main_menu(request, page=None):
    """The primary navigation: live, in-menu children of the home page in the active language.

    ``{% main_menu request page as menu_pages %}``; ``page`` is accepted for symmetry with other
    tags and is not needed to find the menu.
    """
    site = _site_for(request)
    if site is None:
        return []
    # The menu is on every page and its view-restriction check costs a scan of the pages.
    return page_cache.until_published(
        f"portal:menu:{site.pk}:{translation.get_language()}",
        lambda: list(site.root_page.localized.get_children().live().public().in_menu()),
    )


@register.simple_tag(takes_context=True)
def menu_state(context, menu_page: Page, page=None) -> str:
    """``"page"`` if the current page is ``menu_page``, ``"section"`` if below it, else ``""``.

    ``{% menu_state item as state %}``; the current page is ``page`` from the context unless
    given.
    """
    page = page or context.get("page")
    if not isinstance(page, Page) or not isinstance(menu_page, Page):
        return ""
    if page.pk == menu_page.pk:
        return "page"
    if page.path.startswith(menu_page.path) and page.depth > menu_page.depth:
        return "section"
    return ""


def _language_home_url(code: str) -> str:
    with translation.override(code):
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


def _page_translation_url(page: Page, code: str, request) -> str | None:
    translated = (
        page.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code=code)
        .select_related("locale")
        .first()
    )
    if translated is None:
        return None
    return translated.get_url(request=request)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One :class:`LanguageLink` ``(code, name, url, is_current)`` per ``settings.LANGUAGES``.

    On a Wagtail page the link goes to the page's live translation (wagtail-localize aliases
    count); elsewhere to the same URL in the other language; failing both, to that language's
    home page.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language() or settings.LANGUAGE_CODE
    full_path = request.get_full_path() if request is not None else ""

    links = []
    for code, name in settings.LANGUAGES:
        is_current = code == current
        url = None
        if is_current and full_path:
            url = full_path
        elif isinstance(page, Page):
            url = _page_translation_url(page, code, request)
            query = request.META.get("QUERY_STRING", "") if request is not None else ""
            if url and query:
                url = f"{url}?{query}"  # a listing's filters and page mean the same in both
        elif full_path:
            translated = translate_url(full_path, code)
            if translated != full_path:
                url = translated
        links.append(
            LanguageLink(
                code, name, url or _language_home_url(code), is_current, is_equivalent=bool(url)
            )
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` with scheme and host (hreflang and canonical links must be absolute)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.filter
def is_untranslated_alias(page) -> bool:
    """True when ``page`` is an alias showing content from a page in another locale."""
    if not isinstance(page, Page) or not page.alias_of_id:
        return False
    source = Page.objects.filter(pk=page.alias_of_id).only("locale_id").first()
    return source is not None and source.locale_id != page.locale_id


@register.filter
def source_language(page) -> str:
    """The language code of the page an alias shows (``""`` for anything else)."""
    if not isinstance(page, Page) or not page.alias_of_id:
        return ""
    source = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
    return source.locale.language_code if source is not None else ""


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of ``page`` from the (localized) home page down, excluding the tree root."""
    page = page or context.get("page")
    if not isinstance(page, Page):
        return []
    site = _site_for(context.get("request"))
    top_depth = site.root_page.depth if site is not None else 2
    return list(page.get_ancestors().filter(depth__gte=top_depth).live())


@register.filter
def plain_text(value, length: int | None = None) -> str:
    """Rich text or HTML as plain text (tags stripped, entities decoded), optionally truncated."""
    if not value:
        return ""
    source = getattr(value, "source", value)  # wagtail.rich_text.RichText keeps its HTML here
    text = " ".join(html.unescape(strip_tags(str(source))).split())
    if length:
        text = Truncator(text).chars(int(length))
    return text


@register.filter
def page_summary(page, length: int = 160) -> str:
    """A page's summary for lists and cards: its search description, else its intro."""
    if not isinstance(page, Page):
        return ""
    specific = page.specific_deferred if type(page) is Page else page
    for field in ("search_description", "intro", "lead"):
        text = plain_text(getattr(specific, field, ""), length)
        if text:
            return text
    return ""


@register.simple_tag(takes_context=True)
def anchor_id(context, text: str) -> str:
    """A fragment id for a heading: a Unicode slug, made unique within the current request."""
    slug = slugify(str(text), allow_unicode=True) or "section"
    request = context.get("request")
    if request is None:
        return slug
    used = getattr(request, "_portal_anchor_ids", None)
    if used is None:
        used = set()
        request._portal_anchor_ids = used
    candidate, n = slug, 2
    while candidate in used:
        candidate = f"{slug}-{n}"
        n += 1
    used.add(candidate)
    return candidate


@register.simple_tag
def elided_page_range(page_obj, on_each_side: int = 2, on_ends: int = 1):
    """Page numbers around the current one, with ``Paginator.ELLIPSIS`` between runs."""
    paginator = page_obj.paginator
    return list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends)
    )


@register.simple_tag
def ellipsis(page_obj) -> str:
    return page_obj.paginator.ELLIPSIS


@register.filter
def page_type(page) -> str:
    """The page's model name (``homepage``, ``standardpage``), for CSS hooks like ``<body>``."""
    if not isinstance(page, Page):
        return ""
    model = page.specific_class or type(page)
    return model._meta.model_name
