"""A warning when the search index was built with another analysis than the running code's:
a query asks for a dictionary word by its token alone, which an entry indexed before the word
joined the dictionary lacks, so such an index does not find it (docs/deploy.md). Checked with
the database, as ``migrate`` and ``check --database default`` do."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from .analysis import analysis_fingerprint


@register(Tags.database)
def index_built_with_this_analysis(app_configs, databases=None, **kwargs):
    from .models import IndexBuild

    warnings = []
    for alias in databases or ():
        try:
            build = IndexBuild.objects.using(alias).first()
        except DatabaseError:  # not migrated yet
            continue
        if build is not None and build.analysis != analysis_fingerprint():
            warnings.append(
                Warning(
                    "The search index was built with another analysis than this code's "
                    f"({build}): searches miss words it does not hold.",
                    hint="Run manage.py update_index.",
                    id="search.W001",
                )
            )
    return warnings
