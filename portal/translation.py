"""Keeping the English site in step with the Chinese one.

English is synchronised from Chinese with wagtail-localize (a ``LocaleSynchronization`` row,
created by ``portal/migrations/0002``): every Chinese page has an English *alias* that shows the
Chinese content until an editor translates it, so ``/en/<path>/`` exists for every page.

wagtail-localize creates those aliases only in the admin (its ``after_create_page`` hook). Code
that creates pages — the demo data, the workbook importers — must call
:func:`sync_english_aliases` afterwards, inside its transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import nullcontext
from functools import cache
from operator import attrgetter

from django.db.models.base import DEFERRED
from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from portal.inserts import insert_rows, insert_values
from portal.tree import last_child_steps


def sync_english_aliases(pages: Iterable[Page] | None = None) -> int:
    """Create the missing aliases in every synchronised locale (English ← Chinese).

    ``pages=None`` synchronises the whole tree (wagtail-localize's ``synchronize_tree``; it
    reads every page, so it costs a few queries per page). Pass the pages you just created to
    handle only those (and, through ``copy_parents``, any parent that has no alias yet).

    Idempotent: a page that already exists in the target locale — as an alias or as a real
    translation — is left alone. Returns the number of aliases created.
    """
    from catalogue.bulk import DeferredIndexing, deferring  # catalogue builds on portal

    syncs = list(LocaleSynchronization.objects.select_related("locale", "sync_from"))
    if not syncs:
        return 0
    target_ids = [sync.locale_id for sync in syncs]
    before = _alias_count(target_ids)

    # Wagtail indexes an alias as it saves it, before it copies the many-to-many relations (a
    # provider's categories, subtypes and industries), which its search entry then lacked
    # until the source's next publication. Indexed once made instead, in bulk: by the caller's
    # deferred indexing, or by one of their own.
    with nullcontext() if deferring() else DeferredIndexing():
        if pages is None:
            for sync in _in_dependency_order(syncs):
                synchronize_tree(sync.sync_from, sync.locale)
        else:
            # Read the pages again: the caller's instances may predate a publish, and an alias
            # copies the source's live state.
            fresh = Page.objects.filter(pk__in_ids=[page.pk for page in pages]).order_by("path")
            for page in fresh.specific():
                _alias_into_synced_locales(page, syncs)

    return _alias_count(target_ids) - before


def _alias_count(locale_ids: list[int], translation_keys: list | None = None) -> int:
    aliases = Page.objects.filter(locale_id__in=locale_ids, alias_of__isnull=False)
    if translation_keys is not None:
        aliases = aliases.filter(translation_key__in=translation_keys)
    return aliases.count()


def _lineage_keys(pages: list[Page]) -> list:
    """The translation keys of ``pages`` and of their ancestors: every alias made for them, and
    for a parent of theirs that had none (``copy_parents``), has one of these."""
    steplen = Page.steplen
    paths = {page.path[:end] for page in pages for end in range(steplen, len(page.path), steplen)}
    keys = {page.translation_key for page in pages}
    keys.update(Page.objects.filter(path__in=paths).values_list("translation_key", flat=True))
    return list(keys)


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


# --- Aliases in bulk ---------------------------------------------------------------------------
#
# ``copy_for_translation(alias=True)`` costs ~40 queries a page (the translated parent, the slug,
# the source's revision, add_child, the clean, the page and child rows one by one, the M2M, two
# log entries …). The importers create thousands of pages at once, so
# :func:`create_english_aliases` writes the same rows for many pages with a few queries per
# chunk and tree level, as Wagtail's ``CreatePageAliasAction`` (wagtail/actions/create_alias.py)
# does for each of them (tests/catalogue/test_import_bulk.py compares both paths row by row):
#
# - the source is the page as it is in the database for a live page; for a draft Wagtail copies
#   ``get_latest_revision_as_object()``, which is the same content for a page that has one
#   revision only (a page just created); a draft with more revisions goes the per-page way;
# - every concrete field is copied (``_copy``) except the ones create_alias excludes (id, tree
#   position, url_path, latest_revision), with ``alias_of`` = the source, ``draft_title`` = its
#   title, ``has_unpublished_changes`` = not live, the target locale, the same translation key
#   and the slug ``find_available_slug`` gives under the translated parent;
# - the row goes after the translated parent's last child (treebeard ``add_child``), the parent's
#   ``numchild`` is raised, ``url_path`` is the parent's plus the slug; ``prepare(alias)`` does
#   what the model's ``save()`` computes, called while ``url_path`` is still empty as in
#   ``add_child`` → ``save()``;
# - the cluster children (``copy_all_child_relations``: same values, in pk order) and the
#   ParentalManyToMany rows are copied;
# - the audit log: ``wagtail.create`` (``Page.save``: by the owner, content changed) and
#   ``wagtail.create_alias`` (page, source parent, destination parent).
#
# A parent with no translation yet gets its alias from ``copy_for_translation(copy_parents=True)``
# first, as the per-page path does. Pages that need more than this go through
# ``copy_for_translation`` as before: a parent that is the root, view restrictions, child objects
# that are themselves clusters or translatable, non-parental M2M fields. No signal is sent (none
# is, for an alias, apart from post_save): the search and reference indexes are the caller's
# (catalogue.bulk.DeferredIndexing indexes them by translation key with their source page).

_ALIAS_EXCLUDE = {"id", "path", "depth", "numchild", "url_path", "latest_revision"}


def create_english_aliases(
    pages: Iterable[Page], *, prepare=None, read_again=True, count=True
) -> int | None:
    """Create the aliases of newly created ``pages`` in every synchronised locale, in bulk (see
    above): what :func:`sync_english_aliases` does for them, with a few queries per tree level.
    A page's parent may be among ``pages``. Idempotent as ``sync_english_aliases``. Returns the
    number of aliases created; ``count=False`` (the workbook import, once per chunk) spares the
    two queries that count them and returns None.

    As ``sync_english_aliases``, the pages are read again (a publish may have happened since);
    ``read_again=False`` copies ``pages`` as they are, specific pages just written
    (catalogue.bulk.create_pages)."""
    syncs = list(LocaleSynchronization.objects.select_related("locale", "sync_from"))
    pages = list(pages)
    if not syncs or not pages:
        return 0 if count else None
    target_ids = [sync.locale_id for sync in syncs]
    if count:
        # Counted among these pages' lineage, not in the whole locale, which grows.
        keys = _lineage_keys(pages)
        before = _alias_count(target_ids, keys)
    if read_again:
        ids = [page.pk for page in pages]
        pages = list(Page.objects.filter(pk__in_ids=ids).order_by("path").specific())
    else:
        pages.sort(key=lambda page: page.path)
    _bulk_alias(pages, syncs, prepare)
    return _alias_count(target_ids, keys) - before if count else None


def _bulk_alias(pages: list[Page], syncs: list[LocaleSynchronization], prepare) -> None:
    for sync in syncs:
        sources = [page for page in pages if page.locale_id == sync.sync_from_id]
        created: list[Page] = []
        for depth in sorted({page.depth for page in sources}):
            level = [page for page in sources if page.depth == depth]
            created.extend(_alias_level(level, sync, syncs, prepare))
        if created:
            # A locale may itself be the source of another synchronisation.
            _bulk_alias(created, syncs, prepare)


def _alias_level(pages: list[Page], sync, syncs, prepare) -> list[Page]:
    """The aliases in ``sync.locale`` of ``pages`` (all at one depth); those made by Wagtail one
    by one (see above) are not returned."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count, F
    from django.utils import timezone
    from wagtail.log_actions import get_active_log_context
    from wagtail.models import PageLogEntry, PageViewRestriction, Revision

    locale = sync.locale
    steplen = Page.steplen
    done = set(
        Page.objects.filter(
            translation_key__in=[p.translation_key for p in pages], locale=locale
        ).values_list("translation_key", flat=True)
    )
    pages = [page for page in pages if page.translation_key not in done]
    if not pages:
        return []

    parent_paths = {page.path[:-steplen] for page in pages}
    source_parents = {
        p.path: p for p in Page.objects.filter(path__in=parent_paths).specific(defer=True)
    }

    def translated_parents():
        return {
            p.translation_key: p
            for p in Page.objects.filter(
                translation_key__in=[p.translation_key for p in source_parents.values()],
                locale=locale,
            ).specific(defer=True)
        }

    targets = translated_parents()
    missing = [
        p for p in source_parents.values() if p.translation_key not in targets and not p.is_root()
    ]
    if missing:
        # As copy_for_translation(copy_parents=True) does before the first of their children.
        for parent in sorted(missing, key=lambda p: p.path):
            if not Page.objects.filter(
                translation_key=parent.translation_key, locale=locale
            ).exists():
                parent.specific.copy_for_translation(locale, copy_parents=True, alias=True)
        targets = translated_parents()
    restricted = set(
        PageViewRestriction.objects.filter(page_id__in_ids=[p.pk for p in pages]).values_list(
            "page_id", flat=True
        )
    )
    drafts = [str(p.pk) for p in pages if not p.live]
    several_revisions = set()
    if drafts:
        several_revisions = {
            int(row["object_id"])
            for row in Revision.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page), object_id__in=drafts
            )
            .values("object_id")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        }
    copies = _ChildCopies(pages)

    by_wagtail: list[Page] = []
    bulk: list[tuple[Page, Page, Page]] = []  # (source, source parent, target parent)
    for page in pages:
        parent = source_parents.get(page.path[:-steplen])
        target = targets.get(parent.translation_key) if parent is not None else None
        if (
            target is None
            or parent.is_root()
            or page.pk in restricted
            or page.pk in several_revisions
            or not copies.supported(page)
        ):
            by_wagtail.append(page)
        else:
            bulk.append((page, parent, target))

    aliases = _write_aliases(bulk, locale, copies, prepare) if bulk else []
    if aliases:
        now = timezone.now()
        context = get_active_log_context()
        context_user = getattr(context.user, "pk", None)
        entries = []
        for alias, (_source, parent, target) in zip(aliases, bulk, strict=True):
            common = {
                "content_type": ContentType.objects.get_for_model(alias, for_concrete_model=False),
                "label": alias.get_admin_display_title(),
                "timestamp": now,
                "uuid": context.uuid,
                "page": alias,
                "revision": None,
            }
            # Page.save(): logged "by" the owner when no user is given.
            entries.append(
                PageLogEntry(
                    action="wagtail.create",
                    data={},
                    user_id=alias.owner_id or context_user,
                    content_changed=True,
                    **common,
                )
            )
            entries.append(
                PageLogEntry(
                    action="wagtail.create_alias",
                    data={
                        "page": {"id": alias.id, "title": alias.get_admin_display_title()},
                        "source": {"id": parent.id, "title": parent.get_admin_display_title()},
                        "destination": {
                            "id": target.id,
                            "title": target.get_admin_display_title(),
                        },
                    },
                    user_id=context_user,
                    content_changed=False,
                    **common,
                )
            )
        insert_rows(PageLogEntry, entries)
        increments: dict[int, list[int]] = defaultdict(list)
        for target_pk, added in Counter(target.pk for _s, _p, target in bulk).items():
            increments[added].append(target_pk)
        for added, pks in increments.items():
            Page.objects.filter(pk__in_ids=pks).update(numchild=F("numchild") + added)

    for page in by_wagtail:
        _alias_into_synced_locales(page, syncs)
    return aliases


class _ChildCopies:
    """The cluster children and ParentalManyToMany rows of the source pages, read with one
    query per relation and model."""

    def __init__(self, pages: list[Page]):
        from modelcluster.fields import ParentalManyToManyField
        from modelcluster.models import ClusterableModel, get_all_child_relations
        from wagtail.models import TranslatableMixin

        self.children: dict[tuple, list] = defaultdict(list)  # (relation, page pk) → rows
        self.m2m: dict[tuple, list] = defaultdict(list)  # (field, page pk) → row values
        self.unsupported: set[int] = set()
        by_model: dict[type, list[Page]] = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        self.relations: dict[type, list] = {}
        self.fields: dict[type, list] = {}
        for model, group in by_model.items():
            ids = [page.pk for page in group]
            plain_m2m = [
                f
                for f in model._meta.get_fields()
                if f.many_to_many
                and not f.auto_created
                and not isinstance(f, ParentalManyToManyField)
            ]
            if plain_m2m:
                self.unsupported.update(ids)
                continue
            self.relations[model] = get_all_child_relations(model)
            for relation in self.relations[model]:
                related = relation.related_model
                name = relation.field.attname
                for row in related._base_manager.filter(**{f"{name}__in_ids": ids}).order_by("pk"):
                    owner = getattr(row, name)
                    if issubclass(related, ClusterableModel | TranslatableMixin):
                        self.unsupported.add(owner)
                    self.children[(relation, owner)].append(row)
            self.fields[model] = [
                f for f in model._meta.get_fields() if isinstance(f, ParentalManyToManyField)
            ]
            for field in self.fields[model]:
                through = field.remote_field.through
                columns = self.through_columns(field)
                owner = columns.index(through._meta.get_field(field.m2m_field_name()))
                rows = (
                    through.objects.filter(**{f"{columns[owner].attname}__in_ids": ids})
                    .order_by("pk")
                    .values_list(*(column.attname for column in columns))
                )
                for row in rows:
                    self.m2m[(field, row[owner])].append(row)

    @staticmethod
    def through_columns(field) -> list:
        """The columns of a ParentalManyToMany field's rows that an alias copies: all but the
        primary key."""
        through = field.remote_field.through
        return [f for f in through._meta.concrete_fields if not f.primary_key and not f.generated]

    def supported(self, page: Page) -> bool:
        return page.pk not in self.unsupported


def _write_aliases(bulk, locale, copies: _ChildCopies, prepare) -> list[Page]:
    steplen = Page.steplen
    targets = {target.path: target for _s, _p, target in bulk}
    # The last path step of each target parent's children, and which of the slugs wanted are
    # taken there. Not every child's slug: the English provider index has as many children as
    # the Chinese one, and an import asks again for every chunk.
    steps = last_child_steps(targets.values())
    last = {path: steps[target.pk] for path, target in targets.items()}
    slugs: dict[str, set[str]] = defaultdict(set)
    wanted = sorted({source.slug for source, _p, _t in bulk})
    depths = {target.depth + 1 for target in targets.values()}
    for start in range(0, len(wanted), 500):
        rows = Page.objects.filter(slug__in=wanted[start : start + 500], depth__in=depths)
        for path, slug in rows.values_list("path", "slug"):
            if path[:-steplen] in targets:
                slugs[path[:-steplen]].add(slug)
    for path in [path for path, taken in slugs.items() if taken]:
        # A wanted slug is taken: the numbered ones may be too (find_available_slug).
        children = Page.objects.filter(path__startswith=path, depth=targets[path].depth + 1)
        slugs[path].update(children.values_list("slug", flat=True))

    aliases = []
    for source, _parent, target in bulk:
        model = type(source)
        alias = model(*[copied(source) for copied in _alias_values(model)])
        # Page.__init__ sets a new page's show_in_menus to the model's default unless it is a
        # keyword argument; the alias has the source's.
        alias.show_in_menus = source.show_in_menus
        taken = slugs[target.path]
        slug = requested = source.slug
        number = 1
        while slug in taken:  # wagtail.coreutils.find_available_slug
            slug = f"{requested}-{number}"
            number += 1
        taken.add(slug)
        last[target.path] += 1
        alias.alias_of_id = source.pk
        alias.draft_title = source.title
        alias.has_unpublished_changes = not source.live
        alias.slug = slug
        alias.locale = locale
        alias.translation_key = source.translation_key
        alias.latest_revision = None
        alias.depth = target.depth + 1
        alias.path = Page._get_path(target.path, alias.depth, last[target.path])
        alias.numchild = 0
        alias.url_path = ""
        for relation in copies.relations[model]:
            items = []
            for row in copies.children[(relation, source.pk)]:
                items.append(_copy_row(row, relation.field.attname, None))
            setattr(alias, relation.get_accessor_name(), items)
        if prepare is not None:
            prepare(alias)
        alias.url_path = f"{target.url_path}{slug}/"
        aliases.append(alias)

    insert_rows(Page, aliases, returning=True)
    by_model: dict[type, list[tuple[Page, Page]]] = defaultdict(list)
    for alias, (source, _p, _t) in zip(aliases, bulk, strict=True):
        alias.page_ptr_id = alias.id
        by_model[type(alias)].append((alias, source))
    for model, pairs in by_model.items():
        if model is not Page:
            insert_rows(model, [alias for alias, _s in pairs])
        for relation in copies.relations[model]:
            items = []
            for alias, _source in pairs:
                for item in getattr(alias, relation.get_accessor_name()).all():
                    setattr(item, relation.field.attname, alias.pk)
                    items.append(item)
            insert_rows(relation.related_model, items)
        for field in copies.fields[model]:
            through = field.remote_field.through
            columns = copies.through_columns(field)
            owner = columns.index(through._meta.get_field(field.m2m_field_name()))
            rows = []
            for alias, source in pairs:
                for row in copies.m2m[(field, source.pk)]:
                    rows.append((*row[:owner], alias.pk, *row[owner + 1 :]))
            insert_values(through, columns, rows)
    return aliases


@cache
def _alias_values(model) -> list:
    """Per concrete field of ``model``, in order, a function of the source page giving the
    alias's value: the source's, or None for the fields set apart (the excluded ones, the key
    and the parent link); a generated field is left to the database (``DEFERRED``). Made once
    per model: a new instance from positional values costs a third of one made empty and then
    filled field by field (and no default is computed, such as a new translation key)."""
    values = []
    for field in model._meta.concrete_fields:
        if field.generated:
            values.append(lambda source: DEFERRED)
        elif (
            field.primary_key
            or field.name in _ALIAS_EXCLUDE
            or getattr(field.remote_field, "parent_link", False)
        ):
            values.append(lambda source: None)
        else:
            values.append(attrgetter(field.attname))
    return values


def _copy_row(row, key: str, value):
    """A new, unsaved row with ``row``'s values, ``key`` (an attname) set to ``value``."""
    model = type(row)
    values = {
        f.attname: getattr(row, f.attname)
        for f in model._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    }
    values[key] = value
    return model(**values)
