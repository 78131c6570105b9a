"""What the search index was last built with (``update_index``), to tell a stale index."""

from django.db import DatabaseError, models


class IndexBuildQuerySet(models.QuerySet):
    def stale(self):
        """The record of the last rebuild when it was made with another analysis than the
        running code's (:func:`search.analysis.analysis_fingerprint`); None when it was made
        with this one, when none was recorded (a new database, indexed as pages are
        published), or before the table exists (not migrated yet)."""
        from .analysis import analysis_fingerprint

        try:
            build = self.first()
        except DatabaseError:
            return None
        return build if build is not None and build.analysis != analysis_fingerprint() else None


class IndexBuild(models.Model):
    """The analysis the database search index was last rebuilt with, one row
    (:func:`search.analysis.analysis_fingerprint`); :mod:`search.checks` warns when the
    running code's differs, and so does the admin dashboard (:mod:`search.wagtail_hooks`).
    Written by ``update_index``, and by the migration that made the table where an index
    already existed ("unknown": built before the record was kept)."""

    analysis = models.CharField(max_length=64)
    finished_at = models.DateTimeField(auto_now=True)

    objects = IndexBuildQuerySet.as_manager()

    def __str__(self):
        return f"{self.analysis} ({self.finished_at:%Y-%m-%d %H:%M})"
