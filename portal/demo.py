"""Demo data for the site itself: the home page's introduction and the standard pages
申报指南 (/apply/), 遴选条件 (/criteria/) and 关于我们 (/about/).

Run through ``manage.py load_demo_data``; see that command for the contract every
``<app>.demo`` module follows. The texts live in ``portal.demo_content``.

Idempotent: pages are found by slug under the Chinese home page, and a new revision is
published only when a page's content differs from its latest revision. Running it again over
editors' changes replaces those changes with the demo texts (it is demo data).
"""

from __future__ import annotations

import random
import re
import uuid
from collections import Counter
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from .demo_content import HOME, STANDARD_PAGES
from .models import HomePage, StandardPage
from .translation import sync_english_aliases

ORDER = 0

_LINK = re.compile(r"\[\[([a-z0-9-]+)\|([^\]]+)\]\]")


def generate(*, rng: random.Random, stdout: OutputWrapper) -> dict[str, int]:
    counts: Counter[str] = Counter()
    home = HomePage.objects.get(locale__language_code="zh-hans")

    # First make sure every page exists, so that the texts can link to each other.
    pages: dict[str, Any] = {"home": home}
    created: set[str] = set()
    for spec in STANDARD_PAGES:
        pages[spec["slug"]], is_new = _get_or_create_child(home, spec)
        if is_new:
            created.add(spec["slug"])

    links = {slug: page.pk for slug, page in pages.items()}
    outcomes = {
        "home": _publish_if_changed(
            home,
            fields={
                "lead": HOME["lead"],
                "intro": _resolve_links(HOME["intro"], links),
                "search_description": HOME["search_description"],
            },
            body=_body(HOME["body"], links, rng),
        )
    }
    for spec in STANDARD_PAGES:
        outcomes[spec["slug"]] = _publish_if_changed(
            pages[spec["slug"]],
            fields={
                "title": spec["title"],
                "intro": spec["intro"],
                "search_description": spec["search_description"],
                "show_in_menus": True,
            },
            body=_body(spec["body"], links, rng),
        )
    for slug, outcome in outcomes.items():
        counts["pages created" if slug in created else f"pages {outcome}"] += 1
    counts["english aliases"] += sync_english_aliases(pages.values())

    return {
        key: counts[key]
        for key in ("pages created", "pages updated", "pages unchanged", "english aliases")
    }


def _get_or_create_child(home: HomePage, spec: dict) -> tuple[StandardPage, bool]:
    existing = home.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, StandardPage):
            raise CommandError(
                f"/{spec['slug']}/ exists but is a {type(page).__name__}, not a StandardPage."
            )
        return page, False
    # Created as a draft; _publish_if_changed publishes its first revision.
    page = StandardPage(title=spec["title"], slug=spec["slug"], live=False, show_in_menus=True)
    home.add_child(instance=page)
    return page, True


def _publish_if_changed(page, *, fields: dict[str, Any], body: list[dict]) -> str:
    """Bring the page's latest revision to the wanted content and publish it.

    Returns ``updated`` (a revision was published) or ``unchanged``.
    """
    latest_revision = page.get_latest_revision()
    current = page.get_latest_revision_as_object() if latest_revision else page
    same = all(getattr(current, name) == value for name, value in fields.items()) and (
        _without_ids(current.body.get_prep_value()) == _without_ids(body)
    )
    if same and latest_revision is not None:
        if page.live and not page.has_unpublished_changes:
            return "unchanged"
        latest_revision.publish()  # wanted content saved but not live: publish it as it is
        return "updated"

    for name, value in fields.items():
        setattr(current, name, value)
    current.body = type(page)._meta.get_field("body").to_python(body)
    current.save_revision().publish()
    return "updated"


def _resolve_links(text: str, links: dict[str, int]) -> str:
    def page_link(match: re.Match) -> str:
        slug, label = match.groups()
        return f'<a linktype="page" id="{links[slug]}">{label}</a>'

    return _LINK.sub(page_link, text)


def _body(blocks: list[tuple[str, Any]], links: dict[str, int], rng: random.Random) -> list:
    """The stored (JSON) form of a StreamField, links resolved and block ids drawn from rng."""

    def block_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def resolve(value: Any) -> Any:
        if isinstance(value, str):
            return _resolve_links(value, links)
        if isinstance(value, dict):
            return {key: resolve(item) for key, item in value.items()}
        return value

    stream = []
    for block_type, value in blocks:
        if isinstance(value, list):  # list blocks: steps, faq
            value = [{"type": "item", "value": resolve(item), "id": block_id()} for item in value]
        else:
            value = resolve(value)
        stream.append({"type": block_type, "value": value, "id": block_id()})
    return stream


def _without_ids(data: Any) -> Any:
    """Stream data without block ids, for comparing content."""
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        return {
            key: _without_ids(value)
            for key, value in data.items()
            if not (key == "id" and "type" in data)
        }
    return data
