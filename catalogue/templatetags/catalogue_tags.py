"""Template helpers for the catalogue pages. Load with ``{% load catalogue_tags %}``."""

from __future__ import annotations

import json
from decimal import Decimal

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from catalogue import taxonomy
from catalogue.directory import price_band
from catalogue.models import Grade, Status

register = template.Library()

STATUS_BADGE = {
    Status.APPLIED: "muted",
    Status.SELECTED: "success",
    Status.RECTIFYING: "warning",
    Status.REMOVED: "danger",
}
GRADE_BADGE = {Grade.EXCELLENT: "success", Grade.QUALIFIED: "", Grade.UNQUALIFIED: "danger"}
TIMELINE_ITEM = {
    Status.APPLIED: "muted",
    Status.SELECTED: "success",
    Status.RECTIFYING: "warning",
    Status.REMOVED: "danger",
}


FACET_OPTION = (
    '<li class="facets__option">\n'
    '  <input type="checkbox" id="{id}" name="{param}" value="{value}"{checked}>\n'
    '  <label class="facets__label" for="{id}">{label}</label>\n'
    '  <a class="facets__count" href="{url}"><span class="visually-hidden">{only}</span>'
    "{count}</a>\n"
    "</li>"
)


@register.simple_tag
def facet_options(facet, options):
    """The checkbox, label and "only this" link of each option: a listing shows a hundred or
    more, and an ``{% include %}`` per option cost a tenth of the search page's time, so the
    markup is put together here, each value escaped as ``format_html`` would."""
    # Looked up once: a Chinese msgid has no zh-hans translation, and every miss walks the
    # whole chain of catalogues (8 µs, times every option of the page).
    only = translation.gettext("只看“%(label)s”：")
    param = conditional_escape(facet.param)
    return mark_safe(  # noqa: S308 (every value below is escaped)
        "".join(
            FACET_OPTION.format(
                id=conditional_escape(option.id),
                param=param,
                value=conditional_escape(option.value),
                checked=" checked" if option.selected else "",
                label=conditional_escape(option.label),
                url=conditional_escape(option.url),
                only=conditional_escape(only % {"label": option.label}),
                count=conditional_escape(option.count),
            )
            for option in options
        )
    )


@register.filter
def term_name(term) -> str:
    """A taxonomy term's name in the active language."""
    return taxonomy.display_name(term)


@register.filter
def term_names(terms) -> list[str]:
    """Names of several terms (a related manager or an iterable) in the active language."""
    if hasattr(terms, "all"):
        terms = terms.all()
    return [taxonomy.display_name(term) for term in terms]


@register.filter
def status_badge(status: str) -> str:
    """The badge modifier for a provider status: ``badge--warning`` etc."""
    modifier = STATUS_BADGE.get(status, "")
    return f"badge--{modifier}" if modifier else ""


@register.filter
def grade_badge(grade: str) -> str:
    modifier = GRADE_BADGE.get(grade, "")
    return f"badge--{modifier}" if modifier else ""


@register.filter
def timeline_modifier(status: str) -> str:
    modifier = TIMELINE_ITEM.get(status, "")
    return f"timeline__item--{modifier}" if modifier else ""


@register.simple_tag
def latest_change(timeline, status: str):
    """The newest timeline entry with this status (the timeline is newest first)."""
    for change in timeline:
        if change.status == status:
            return change
    return None


@register.filter
def price(value) -> str:
    """A price in 万元 without trailing zeros: 12.5, 30; empty for None."""
    if value is None or value == "":
        return ""
    value = Decimal(value).normalize()
    return f"{value:f}"


@register.filter
def price_band_label(value) -> str:
    return str(price_band(value).label)


@register.filter
def batch_name(batch) -> str:
    """``2025年第3批`` in Chinese, ``2025 batch 3`` in English."""
    if batch is None:
        return ""
    language = translation.get_language() or ""
    return batch.name_en if language.startswith("en") else batch.name


@register.simple_tag(takes_context=True)
def organization_json_ld(context, provider) -> str:
    """schema.org ``Organization`` data of a provider page, for search engines: name, the
    统一社会信用代码 as identifier, city, public business contact and website."""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": provider.title,
        "url": provider.get_full_url(request),
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "统一社会信用代码",
            "value": provider.uscc,
        },
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": provider.region.province,
            "addressLocality": taxonomy.display_name(provider.region),
            **({"streetAddress": provider.address} if provider.address else {}),
        },
    }
    if provider.introduction:
        data["description"] = provider.introduction[:500]
    if provider.website:
        data["sameAs"] = [provider.website]
    if provider.contact_phone:
        data["telephone"] = provider.contact_phone
    # Escaped like json_script: the JSON cannot close the <script> element.
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
