"""A warning when the search index was built with another analysis than the running code's:
a query asks for a dictionary word by its token alone, which an entry indexed before the word
joined the dictionary lacks, so such an index does not find it (docs/deploy.md). Checked with
the database, as ``migrate`` and ``check --database default`` do; the admin dashboard shows
the same to administrators (:mod:`search.wagtail_hooks`)."""

from django.core.checks import Tags, Warning, register


@register(Tags.database)
def index_built_with_this_analysis(app_configs, databases=None, **kwargs):
    from .models import IndexBuild

    warnings = []
    for alias in databases or ():
        build = IndexBuild.objects.using(alias).stale()
        if build is not None:
            warnings.append(
                Warning(
                    "The search index was built with another analysis than this code's "
                    f"({build}): searches miss words it does not hold.",
                    hint="Run manage.py update_index.",
                    id="search.W001",
                )
            )
    return warnings
