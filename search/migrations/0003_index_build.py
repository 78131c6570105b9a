"""The record of the analysis the search index was built with (search.models.IndexBuild).

An index that exists already was built before the record was kept, by code that may have
indexed other tokens (before ANALYSIS_VERSION 2, a dictionary word only where jieba's search
mode gave it): it is recorded as "unknown", so that the system check asks for
``update_index`` until it has run. A new database has no index yet, and no record until its
first ``update_index``.
"""

from django.db import migrations, models


def record_existing_index(apps, schema_editor):
    alias = schema_editor.connection.alias
    if apps.get_model("wagtailsearch", "IndexEntry").objects.using(alias).exists():
        apps.get_model("search", "IndexBuild").objects.using(alias).create(analysis="unknown")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_entry_vectors_in_row"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexBuild",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("analysis", models.CharField(max_length=64)),
                ("finished_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(record_existing_index, migrations.RunPython.noop),
    ]
