"""What the search index was last built with (``update_index``), to tell a stale index."""

from django.db import models


class IndexBuild(models.Model):
    """The analysis the database search index was last rebuilt with, one row
    (:func:`search.analysis.analysis_fingerprint`); :mod:`search.checks` warns when the
    running code's differs. Written by ``update_index``, and by the migration that made the
    table where an index already existed ("unknown": built before the record was kept)."""

    analysis = models.CharField(max_length=64)
    finished_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.analysis} ({self.finished_at:%Y-%m-%d %H:%M})"
