"""Bulk writes of pages: index once at the end instead of on every save.

Wagtail updates the search index and its reference index on every save of a page, several
times per imported page (create, revision, publish, English alias). For the demo loader and
the workbook import this is most of the cost; :class:`DeferredIndexing` switches both off for
every page model (catalogue, cases, the site's own pages …) inside its block and indexes every
page saved there once, in bulk, when the block ends without an error.

The signal handlers are disconnected for the whole process while the block runs, so use it in
commands and in single-threaded workers, not around code that runs beside other requests'
writes in the same process.

``DeferredIndexing(background=True)`` (the workbook import) takes the indexing out of the
caller's critical path: when the block's transaction commits, :func:`index_pages` is enqueued
as django-tasks background tasks (production: the database backend and ``manage.py db_worker``,
docs/deploy.md), so the import returns once the data is written and ``queued`` says so. With
the immediate backend (dev, tests) there is no worker: it indexes inline, as without
``background``. The demo loader and the benchmark index inline.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models.signals import post_save
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import (
    disable_reference_index_auto_update,
    reference_index_auto_update_disabled,
)

from portal import page_cache
from portal.clusters import load_child_relations
from portal.heap import old_objects_set_aside
from portal.inserts import insert_rows, insert_values
from portal.references import existing_references, update_references
from portal.tree import last_child_steps
from portal.write_behind import WriteBehind
from search.documents import prepare_for_indexing

logger = logging.getLogger(__name__)

_active: ContextVar["DeferredIndexing | None"] = ContextVar("deferred_indexing", default=None)


def defer_published(page) -> bool:
    """For ``page_published`` receivers that re-index the pages depending on a published page
    (a provider's solutions, the cases naming it): inside a :class:`DeferredIndexing` block,
    record the page and return True, and the dependents are found for all recorded pages at
    once when the block ends; outside one, return False (re-index now)."""
    deferred = _active.get()
    if deferred is None:
        return False
    deferred.published[page.pk] = page
    return True


def deferring() -> bool:
    """Whether a :class:`DeferredIndexing` block is active (pages saved now are indexed at its
    end)."""
    return _active.get() is not None


class DeferredIndexing:
    """Inside the block, saving a page neither updates the search index nor
    Wagtail's reference index; pages registered with :meth:`touch` (by translation key, so
    their English aliases come along) are indexed once, in bulk, when the block ends without
    an error. On an error the transaction is rolled back anyway; the signal handlers are
    reconnected in every case."""

    #: Translation keys per background task.
    TASK_SIZE = 1000
    #: Pages read and indexed together: 500 rather than 200 saved 3 % of a big indexing (fewer
    #: statements, each prepared once), and the index writer sends at most 500 per statement.
    BATCH_SIZE = 500
    #: ``resolver(published pages) -> translation keys`` of the pages that depend on them,
    #: registered by the apps (:meth:`register_dependents`).
    _dependents: list[Callable[[list], Iterable]] = []

    @classmethod
    def register_dependents(cls, resolver: Callable[[list], Iterable]) -> None:
        cls._dependents.append(resolver)

    def __init__(self, *, background: bool = False):
        self.keys: list = []
        self.published: dict = {}  # pk -> page published inside the block (defer_published)
        self.count = 0
        self.background = background
        self.queued = False  # True when the indexing was left to background tasks

    def touch(self, page) -> None:
        self.keys.append(page.translation_key)

    def _saved(self, sender, instance, raw=False, **kwargs):
        if not raw:
            self.touch(instance)

    def __enter__(self):
        from modelsearch.signal_handlers import post_save_signal_handler

        self._handler = post_save_signal_handler
        self._models = [model for model in get_page_models() if model is not Page]
        self._reconnect = [
            model
            for model in self._models
            if post_save.disconnect(post_save_signal_handler, sender=model)
        ]
        for model in self._models:
            post_save.connect(self._saved, sender=model, weak=False)
        # Wagtail's switch is not re-entrant (its exit deletes the flag, and an enclosing
        # block's exit then fails): inside a caller's own, it is left to the caller.
        self._no_references = None
        if not getattr(reference_index_auto_update_disabled, "value", False):
            self._no_references = disable_reference_index_auto_update()
            self._no_references.__enter__()
        self._token = _active.set(self)
        return self

    def __exit__(self, exc_type, exc, tb):
        _active.reset(self._token)
        for model in self._models:
            post_save.disconnect(self._saved, sender=model)
        if self._no_references is not None:
            self._no_references.__exit__(exc_type, exc, tb)
        for model in self._reconnect:
            post_save.connect(self._handler, sender=model)
        if exc_type is None:
            published = list(self.published.values())
            for resolver in self._dependents if published else ():
                self.keys.extend(resolver(published))
            if self.background and not isinstance(index_pages.get_backend(), ImmediateBackend):
                self._enqueue()
            else:
                self.count = self._index()
        return False

    def _enqueue(self) -> None:
        keys = [str(key) for key in dict.fromkeys(self.keys)]
        if not keys:
            return
        self.queued = True
        size = self.TASK_SIZE

        def enqueue():
            for start in range(0, len(keys), size):
                index_pages.enqueue(keys[start : start + size])

        # After the commit: the worker must see the pages (and a rollback indexes nothing).
        transaction.on_commit(enqueue)

    def _index(self) -> int:
        keys = list(dict.fromkeys(self.keys))
        by_type: dict[int, list[int]] = defaultdict(list)
        for start in range(0, len(keys), 500):
            # A page beside its aliases: they share their text, analysed once (index_text).
            rows = Page.objects.filter(translation_key__in=keys[start : start + 500]).order_by(
                "translation_key", "locale_id"
            )
            for pk, content_type_id in rows.values_list("pk", "content_type_id"):
                by_type[content_type_id].append(pk)
        batches = [
            (
                ContentType.objects.get_for_id(content_type_id).model_class(),
                pks[start : start + self.BATCH_SIZE],
            )
            for content_type_id, pks in by_type.items()
            for start in range(0, len(pks), self.BATCH_SIZE)
        ]
        backends = list(get_search_backends(with_auto_update=True))
        count = 0
        # A batch's index and reference rows are sent after the next batch is read, and the
        # server writes them while that batch is worked out (portal.write_behind).
        with WriteBehind(connections[router.db_for_write(Page)]) as writes:
            terms: dict = {}  # the taxonomy terms the pages link to, read once
            loaded = _load_for_indexing(*batches[0], terms) if batches else None
            for number, (model, _pks) in enumerate(batches):
                objects, references = loaded
                with writes.hold():
                    for backend in backends:
                        try:
                            backend.add_bulk(model, objects)
                        except Exception:
                            # As modelsearch does: a search engine being down must not lose the
                            # data; the database backend's errors do propagate.
                            logger.exception("Indexing %s in %r failed", model.__name__, backend)
                            if not backend.catch_indexing_errors:
                                raise
                    update_references(model, objects, references)
                if number + 1 < len(batches):
                    loaded = _load_for_indexing(*batches[number + 1], terms)
                writes.send()
                count += len(objects)
        return count


def _load_for_indexing(model, pks, terms: dict) -> tuple[list, dict]:
    """The objects of one indexing batch, in the order of ``pks`` (by translation key, not
    path), with the relations both indexes read, and their reference index rows. ``terms``
    keeps the linked terms read for the next batches (``load_parental_m2m``)."""
    position = {pk: i for i, pk in enumerate(pks)}
    objects = sorted(
        model.get_indexed_objects().filter(pk__in_ids=pks), key=lambda o: position[o.pk]
    )
    # Both indexes read the relations, each several times: load them per batch.
    prepare_for_indexing(model, objects, terms)
    load_child_relations(model, objects)
    return objects, existing_references(model, objects)


@task()
def index_pages(translation_keys: list[str]) -> int:
    """Background task: the search and reference indexing of the pages with these translation
    keys (every locale), as :class:`DeferredIndexing` does at the end of its block. Returns the
    number of pages indexed."""
    indexing = DeferredIndexing()
    indexing.keys = list(translation_keys)
    with old_objects_set_aside(), transaction.atomic():
        count = indexing._index()
        # Search pages are cached like any page, and the publication's purge came before its
        # pages could be found: a search cached in between would stay without them.
        page_cache.purge()
        return count


# --- Creating pages in bulk --------------------------------------------------------------------
#
# ``parent.add_child`` + ``save_revision`` + ``log`` + ``publish`` cost 30–60 queries per page
# (slug and USCC checks, FK validation, the page and its child rows one by one, the revision, the
# audit log, re-saving the page twice, the publish signal's look-ups …): 5–15 pages a second. The
# importers create thousands of pages at once, so :func:`create_pages` writes the same rows for a
# whole chunk with a handful of multi-row INSERTs and one UPDATE. It reproduces what that path
# stores, field for field (tests/catalogue/test_import_bulk.py compares both paths row by row):
#
# - the Page rows below their parents at the treebeard paths ``add_child`` would give (after the
#   parent's last child), ``numchild`` of each parent raised once, ``url_path``, ``draft_title``;
# - the specific rows, the cluster children (grades, status timeline) and the M2M rows;
# - one Revision per page whose content is ``page.serializable_data()`` taken in the same state
#   as ``save_revision`` sees it (saved, not live yet, relations as read back from the database);
# - the page updated as ``save_revision`` and, with ``publish``, ``revision.publish()`` leave it;
# - the audit log: ``wagtail.create`` twice (``Page.save`` logs one, the importer one with the
#   revision) and ``wagtail.publish``; ``page_published`` is still sent for each published page.
#
# Validation: the importers parse every cell first; here the fields are checked with
# ``clean_fields`` (lengths, choices, blank) without the per-page queries of ``full_clean``. The
# slug is unique by construction (the importers choose it among the parent's children's slugs)
# and so is the USCC (checked against the file and the site in the validation pass).


def _child_rows_as_stored(pages) -> None:
    """After ``commit()`` a cluster relation reads from the database again: put the child rows
    as stored (their keys, their values as the database returns them) in the instances, so that
    ``serializable_data`` gives the same lists without a query per page. The ParentalManyToMany
    values are the terms the instances hold already, the ones written (modelcluster sorts them
    as it sorts what it reads)."""
    by_model: dict[type, list] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        load_child_relations(model, group)


def _relations_in_memory(page) -> dict[str, list]:
    """The ParentalManyToMany values and cluster children set on an unsaved page, by name."""
    from modelcluster.models import get_all_child_relations

    values = {}
    for field in type(page)._meta.get_fields():
        if isinstance(field, ParentalManyToManyField):
            values[field.name] = list(dict.fromkeys(getattr(page, field.name).all()))
    for relation in get_all_child_relations(type(page)):
        accessor = relation.get_accessor_name()
        values[accessor] = list(getattr(page, accessor).all())
    return values


def compute_derived_fields(page) -> None:
    """What the page model's ``save()`` computes before ``Page.save`` (its
    ``compute_derived_fields()``, where it has one): the bulk writers, which do not call
    ``save()``, call this instead."""
    compute = getattr(page, "compute_derived_fields", None)
    if compute is not None:
        compute()


def create_pages(
    entries,
    *,
    user=None,
    publish: bool = False,
    indexing=None,
    prepare=compute_derived_fields,
    log_revision: bool = True,
) -> list:
    """Save new pages ``[(parent, page), …]`` as ``add_page`` of the workbook import does, in
    bulk (see above). ``page`` is an unsaved specific page with its fields, cluster children and
    ParentalManyToMany values set; the parents are saved pages. ``prepare(page)`` (by default
    :func:`compute_derived_fields`) does what the model's ``save()`` computes before
    ``Page.save`` (called before the insert, when ``url_path`` is still empty, and again on
    publishing, as ``revision.publish()`` saves the page again). Without ``log_revision`` the
    audit log has no entry for the first revision (as ``add_child`` then ``save_revision()``
    without ``log_action``, the demo's path). Returns the pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, F, OuterRef, Subquery
    from django.db.models.functions import Cast
    from django.utils import timezone
    from modelcluster.models import get_all_child_relations
    from wagtail.log_actions import get_active_log_context
    from wagtail.models import PageLogEntry, Revision
    from wagtail.signals import page_published

    if not entries:
        return []
    parents = {parent.pk: parent for parent, _ in entries}
    last = last_child_steps(parents.values())
    pages = []
    for parent, page in entries:
        last[parent.pk] += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, last[parent.pk])
        page.numchild = 0
        page.draft_title = page.draft_title or page.title
        page.has_unpublished_changes = False
        page.live = False
        page.latest_revision = None
        page.latest_revision_created_at = None
        if page.owner_id is None and user is not None:
            page.owner = user
        if prepare is not None:
            prepare(page)
        page.url_path = f"{parent.url_path}{page.slug}/"
        pages.append(page)

    # The relations the importer set, read while the pages have no id: afterwards a relation it
    # did not set (comments, say) would read the database, once per page.
    related = {id(page): _relations_in_memory(page) for page in pages}
    insert_rows(Page, pages, returning=True)
    for page in pages:
        page.page_ptr_id = page.id
    by_model: dict[type, list] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        insert_rows(model, group)
        for field in model._meta.get_fields():
            if isinstance(field, ParentalManyToManyField):
                through = field.remote_field.through
                columns = [
                    through._meta.get_field(field.m2m_field_name()),
                    through._meta.get_field(field.m2m_reverse_field_name()),
                ]
                rows = [
                    (page.pk, term.pk) for page in group for term in related[id(page)][field.name]
                ]
                insert_values(through, columns, rows)
        for relation in get_all_child_relations(model):
            items = []
            for page in group:
                for item in related[id(page)][relation.get_accessor_name()]:
                    setattr(item, relation.field.name, page)
                    items.append(item)
            insert_rows(relation.related_model, items)
    added = Counter(parent.pk for parent, _ in entries)
    parents_by_count = defaultdict(list)
    for parent_pk, count in added.items():
        parents_by_count[count].append(parent_pk)
        parents[parent_pk].numchild += count
    for count, parent_pks in parents_by_count.items():
        Page.objects.filter(pk__in=parent_pks).update(numchild=F("numchild") + count)
    _child_rows_as_stored(pages)

    # save_revision(): the content as it is now, then the page points at its revision.
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=ContentType.objects.get_for_model(page),
            base_content_type=page_type,
            object_id=str(page.pk),
            user=user,
            approved_go_live_at=None,
            content=page.serializable_data(),
            object_str=str(page),
            created_at=now,
        )
        for page in pages
    ]
    insert_rows(Revision, revisions, returning=True)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.latest_revision_created_at = revision.created_at
        page.has_unpublished_changes = True
    published_at = timezone.now()
    # Each new page has exactly one revision: the page's columns point at it through a
    # sub-query, one UPDATE per chunk. ``bulk_update`` would build a CASE per row and column,
    # about a millisecond per page in Python.
    only_revision = Subquery(
        Revision.objects.filter(
            base_content_type=page_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    columns = {
        "latest_revision": only_revision,
        "latest_revision_created_at": now,
        "has_unpublished_changes": not publish,
    }
    if publish:
        columns |= {
            "live": True,
            "expired": False,
            "live_revision": only_revision,
            "first_published_at": published_at,
            "last_published_at": published_at,
        }
        for page, revision in zip(pages, revisions, strict=True):
            page.live = True
            page.has_unpublished_changes = False
            page.expired = False
            page.live_revision = revision
            page.first_published_at = page.last_published_at = published_at
            if prepare is not None:
                prepare(page)
    for start in range(0, len(pages), 500):
        Page.objects.filter(pk__in_ids=[page.pk for page in pages[start : start + 500]]).update(
            **columns
        )
    if publish and prepare is not None:
        for model, group in by_model.items():
            own = [
                f.name
                for f in model._meta.local_concrete_fields
                if not f.primary_key and not f.generated
            ]
            model.objects.bulk_update(group, own, batch_size=500)

    # The audit log, in the order the per-page path writes it.
    entries_log = []

    def entry(page, action, *, by, revision=None, content_changed=False, timestamp):
        context = get_active_log_context()
        entries_log.append(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timestamp,
                data={},
                user=by or context.user,
                uuid=context.uuid,
                page=page,
                revision=revision,
                content_changed=content_changed,
            )
        )

    for page, revision in zip(pages, revisions, strict=True):
        entry(page, "wagtail.create", by=user or page.owner, content_changed=True, timestamp=now)
        if log_revision:
            entry(page, "wagtail.create", by=user, revision=revision, timestamp=now)
        if publish:
            entry(
                page,
                "wagtail.publish",
                by=user,
                revision=revision,
                content_changed=True,
                timestamp=published_at,
            )
    insert_rows(PageLogEntry, entries_log)

    for page, revision in zip(pages, revisions, strict=True):
        if indexing is not None:
            indexing.touch(page)
        if publish:
            page_published.send(sender=type(page), instance=page, revision=revision)
    return pages
