"""Demo data for the statistics page (``manage.py load_demo_data``, ORDER 40): the page
数据概览 (``/overview/``) under the Chinese home page, in the menu. The figures themselves come
from the other apps' demo content.

Idempotent: the page is found by its slug under the home page; a revision is published only
when the title, introduction or menu flag differ from the latest one.
"""

from __future__ import annotations

import random

from django.core.management.base import CommandError, OutputWrapper

from portal.models import HomePage
from portal.translation import sync_english_aliases

from .models import OverviewPage

ORDER = 40

PAGE = {
    "slug": "overview",
    "title": "数据概览",
    "intro": (
        "<p>资源池服务商、解决方案、典型场景案例和人才培训证书的统计数据，"
        "随发布内容自动更新。每张图表下方附有数据表。</p>"
    ),
    "search_description": "山东省中小企业数字化服务商资源池的统计数据：服务商类别、地区、入选年度、"
    "评级分布，解决方案部署方式，典型案例和有效证书数量。",
}


def generate(*, rng: random.Random, stdout: OutputWrapper) -> dict[str, int]:
    home = HomePage.objects.get(locale__language_code="zh-hans")
    existing = home.get_children().filter(slug=PAGE["slug"]).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, OverviewPage):
            raise CommandError(
                f"/{PAGE['slug']}/ exists but is a {type(page).__name__}, not an OverviewPage."
            )
        created = False
    else:
        page = OverviewPage(title=PAGE["title"], slug=PAGE["slug"], live=False, show_in_menus=True)
        home.add_child(instance=page)
        created = True

    fields = {
        "title": PAGE["title"],
        "intro": PAGE["intro"],
        "search_description": PAGE["search_description"],
        "show_in_menus": True,
    }
    latest = page.get_latest_revision()
    current = page.get_latest_revision_as_object() if latest else page
    same = all(getattr(current, name) == value for name, value in fields.items())
    if same and latest is not None and page.live and not page.has_unpublished_changes:
        outcome = "unchanged"
    elif same and latest is not None:
        latest.publish()
        outcome = "updated"
    else:
        for name, value in fields.items():
            setattr(current, name, value)
        current.save_revision().publish()
        outcome = "updated"

    aliases = sync_english_aliases([page])
    return {
        "pages created": int(created),
        "pages updated": int(outcome == "updated" and not created),
        "pages unchanged": int(outcome == "unchanged"),
        "english aliases": aliases,
    }
