"""The cyclic garbage collector during bulk work.

An import allocates hundreds of thousands of objects (cells, model instances, index texts)
that live for a chunk or longer. CPython's collector counts them and, every few thousand, runs
a full collection that also walks every object the process held before the import: Django's
and Wagtail's registries, templates, the segmentation dictionary, about 200,000 objects. On a
workbook of 2,000 providers that was a sixth of the import's time (bench/import.py). Inside
:func:`old_objects_set_aside` those older objects are moved out of the collector's view
(``gc.freeze``) and put back when the outermost block ends; the import's own garbage is still
collected at CPython's own pace (``BULK_THRESHOLDS``), so its peak memory does not change. A
web worker runs the collector less often (``settings.GC_THRESHOLDS``, portal/wsgi.py), and an
import runs in a web request: at a worker's thresholds an import of 100,000 rows peaked at
505 MB against 331. The collector is the process's: in a threaded server, other threads'
objects made before the block are set aside too, and their garbage cycles (not their ordinary
garbage) wait for the block to end; the block's thresholds are theirs until it ends.
"""

import gc
import threading
from contextlib import contextmanager

#: CPython's own thresholds, ``gc.get_threshold()`` of a process nothing has changed them in.
BULK_THRESHOLDS = (700, 10, 10)

_lock = threading.Lock()
_depth = 0
_thresholds_before: tuple[int, int, int] | None = None


@contextmanager
def old_objects_set_aside():
    global _depth, _thresholds_before
    with _lock:
        if _depth == 0:
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(*BULK_THRESHOLDS)
            gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()
                gc.set_threshold(*_thresholds_before)
