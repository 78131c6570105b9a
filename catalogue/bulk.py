"""Bulk writes of pages: index once at the end instead of on every save.

Wagtail updates the search index and its reference index on every save of a page, several
times per imported page (create, revision, publish, English alias). For the demo loader and
the workbook import this is most of the cost; :class:`DeferredIndexing` switches both off for
every page model (catalogue, cases, the site's own pages …) inside its block and indexes every
page saved there once, in bulk, when the block ends without an error.

The signal handlers are disconnected for the whole process while the block runs, so use it in
commands and in single-threaded workers, not around code that runs beside other requests'
writes in the same process.
"""

import logging
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from wagtail.models import Page, ReferenceIndex, get_page_models
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)


class DeferredIndexing:
    """Inside the block, saving a page neither updates the search index nor
    Wagtail's reference index; pages registered with :meth:`touch` (by translation key, so
    their English aliases come along) are indexed once, in bulk, when the block ends without
    an error. On an error the transaction is rolled back anyway; the signal handlers are
    reconnected in every case."""

    def __init__(self):
        self.keys: list = []
        self.count = 0

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
        self._no_references = disable_reference_index_auto_update()
        self._no_references.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        for model in self._models:
            post_save.disconnect(self._saved, sender=model)
        self._no_references.__exit__(exc_type, exc, tb)
        for model in self._reconnect:
            post_save.connect(self._handler, sender=model)
        if exc_type is None:
            self.count = self._index()
        return False

    def _index(self) -> int:
        keys = list(dict.fromkeys(self.keys))
        by_type: dict[int, list[int]] = defaultdict(list)
        for start in range(0, len(keys), 500):
            rows = Page.objects.filter(translation_key__in=keys[start : start + 500])
            for pk, content_type_id in rows.values_list("pk", "content_type_id"):
                by_type[content_type_id].append(pk)
        backends = list(get_search_backends(with_auto_update=True))
        count = 0
        for content_type_id, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            for start in range(0, len(pks), 200):
                objects = list(model.get_indexed_objects().filter(pk__in=pks[start : start + 200]))
                for backend in backends:
                    try:
                        backend.add_bulk(model, objects)
                    except Exception:
                        # As modelsearch does: a search engine being down must not lose the
                        # data; the database backend's errors do propagate.
                        logger.exception("Indexing %s in %r failed", model.__name__, backend)
                        if not backend.catch_indexing_errors:
                            raise
                for obj in objects:
                    ReferenceIndex.create_or_update_for_object(obj)
                count += len(objects)
        return count
