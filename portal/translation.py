"""Keeping the English site in step with the Chinese one.

English is synchronised from Chinese with wagtail-localize (a ``LocaleSynchronization`` row,
created by ``portal/migrations/0002``): every Chinese page has an English *alias* that shows the
Chinese content until an editor translates it, so ``/en/<path>/`` exists for every page.

wagtail-localize creates those aliases only in the admin (its ``after_create_page`` hook). Code
that creates pages — the demo data, the workbook importers — must call
:func:`sync_english_aliases` afterwards, inside its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


def sync_english_aliases(pages: Iterable[Page] | None = None) -> int:
    """Create the missing aliases in every synchronised locale (English ← Chinese).

    ``pages=None`` synchronises the whole tree (wagtail-localize's ``synchronize_tree``; it
    reads every page, so it costs a few queries per page). Pass the pages you just created to
    handle only those (and, through ``copy_parents``, any parent that has no alias yet).

    Idempotent: a page that already exists in the target locale — as an alias or as a real
    translation — is left alone. Returns the number of aliases created.
    """
    syncs = list(LocaleSynchronization.objects.select_related("locale", "sync_from"))
    if not syncs:
        return 0
    target_ids = [sync.locale_id for sync in syncs]
    before = _alias_count(target_ids)

    if pages is None:
        for sync in _in_dependency_order(syncs):
            synchronize_tree(sync.sync_from, sync.locale)
    else:
        # Read the pages again: the caller's instances may predate a publish, and an alias
        # copies the source's live state.
        fresh = Page.objects.filter(pk__in=[page.pk for page in pages]).order_by("path")
        for page in fresh.specific():
            _alias_into_synced_locales(page, syncs)

    return _alias_count(target_ids) - before


def _alias_count(locale_ids: list[int]) -> int:
    return Page.objects.filter(locale_id__in=locale_ids, alias_of__isnull=False).count()


def _in_dependency_order(syncs: list[LocaleSynchronization]) -> list[LocaleSynchronization]:
    """Sources before the locales synchronised from them (zh → en → …)."""
    ordered: list[LocaleSynchronization] = []
    remaining = list(syncs)
    done = {sync.sync_from_id for sync in syncs} - {sync.locale_id for sync in syncs}
    while remaining:
        ready = [sync for sync in remaining if sync.sync_from_id in done]
        if not ready:  # a cycle: keep the stored order for the rest
            ordered.extend(remaining)
            break
        for sync in ready:
            ordered.append(sync)
            remaining.remove(sync)
            done.add(sync.locale_id)
    return ordered


def _alias_into_synced_locales(page: Page, syncs: list[LocaleSynchronization]) -> None:
    for sync in syncs:
        if sync.sync_from_id != page.locale_id:
            continue
        exists = Page.objects.filter(
            translation_key=page.translation_key, locale_id=sync.locale_id
        ).exists()
        if exists:
            continue
        alias = page.copy_for_translation(sync.locale, copy_parents=True, alias=True)
        # A locale may itself be the source of another synchronisation.
        _alias_into_synced_locales(alias.specific, syncs)
