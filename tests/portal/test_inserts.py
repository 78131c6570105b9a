"""portal.inserts writes new rows without Django's insert compiler (executemany on SQLite, COPY
on PostgreSQL, a multi-row INSERT … RETURNING for new primary keys): the stored rows are the ones
``bulk_create`` stores."""

import datetime
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import Page, PageLogEntry, Revision

from catalogue import taxonomy
from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory
from catalogue.models import Category, ProviderPage
from portal.inserts import insert_rows, insert_values

pytestmark = pytest.mark.django_db


def _entries(page, when, *, title="济南云帆“数字”科技\n有限公司", n=3):
    return [
        PageLogEntry(
            content_type=ContentType.objects.get_for_model(page),
            label=f"{title} {i}",
            action="wagtail.create",
            timestamp=when + datetime.timedelta(microseconds=i),
            data={"page": {"id": page.pk, "title": title}, "n": i, "none": None, "ok": True},
            uuid=uuid.uuid4(),
            page=page,
            content_changed=bool(i % 2),
        )
        for i in range(n)
    ]


def _stored(ids):
    return [
        {k: v for k, v in row.items() if k != "id"}
        for row in PageLogEntry.objects.filter(pk__in=ids).order_by("label").values()
    ]


def test_rows_are_stored_as_bulk_create_stores_them(home):
    when = timezone.now()
    ours, theirs = _entries(home, when), _entries(home, when)
    for mine, other in zip(ours, theirs, strict=True):
        other.uuid = mine.uuid
    insert_rows(PageLogEntry, ours)
    mine = _stored(PageLogEntry.objects.values_list("pk", flat=True))
    PageLogEntry.objects.all().delete()
    PageLogEntry.objects.bulk_create(theirs)
    assert mine == _stored(PageLogEntry.objects.values_list("pk", flat=True))
    assert mine[0]["data"]["page"]["title"] == "济南云帆“数字”科技\n有限公司"
    assert [row["content_changed"] for row in mine] == [False, True, False]
    assert all(not entry._state.adding for entry in ours)


def test_values_of_another_type_than_the_field_s_are_prepared_as_bulk_create_does(home):
    when = timezone.now()
    ours, theirs = _entries(home, when), _entries(home, when)
    for mine, other in zip(ours, theirs, strict=True):
        other.uuid = mine.uuid
    for entries in (ours, theirs):
        entries[0].label = gettext_lazy("服务商")  # a lazy translation for a text field
        entries[1].content_changed = 1  # a number for a boolean
        entries[2].page_id = str(home.pk)  # a key as text
        entries[2].content_changed = True  # and a value of the type, as it is
    insert_rows(PageLogEntry, ours)
    mine = _stored([entry.pk for entry in PageLogEntry.objects.all()])
    PageLogEntry.objects.all().delete()
    PageLogEntry.objects.bulk_create(theirs)
    assert mine == _stored(PageLogEntry.objects.values_list("pk", flat=True))
    assert [(row["label"], row["content_changed"], row["page_id"]) for row in mine] == [
        ("服务商", False, home.pk),
        ("济南云帆“数字”科技\n有限公司 1", True, home.pk),
        ("济南云帆“数字”科技\n有限公司 2", True, home.pk),
    ]


def test_new_primary_keys_come_back_in_order(home):
    revisions = [
        Revision(
            content_type=ContentType.objects.get_for_model(home),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(home.pk),
            content={"title": f"第{i}版"},
            object_str=f"第{i}版",
            created_at=timezone.now(),
        )
        for i in range(1200)  # more than one statement's worth of parameters on SQLite
    ]
    insert_rows(Revision, revisions, returning=True)
    stored = dict(Revision.objects.filter(object_id=str(home.pk)).values_list("pk", "object_str"))
    assert [stored[revision.pk] for revision in revisions] == [f"第{i}版" for i in range(1200)]


def test_a_foreign_key_set_before_its_object_was_saved_is_written(home):
    index = ProviderIndexPageFactory(parent=home)
    entry = _entries(index, timezone.now(), n=1)[0]
    other = Page(title="稍后保存的页面", slug="later")
    entry.page = other
    home.add_child(instance=other)  # saved after it was assigned, as bulk_create allows
    insert_rows(PageLogEntry, [entry])
    assert PageLogEntry.objects.get(uuid=entry.uuid).page_id == other.pk


def test_many_to_many_rows_from_plain_values(home):
    index = ProviderIndexPageFactory(parent=home)
    provider = ProviderPageFactory(parent=index)
    categories = list(taxonomy.canonical(Category))[:3]
    through = ProviderPage.categories.through
    through.objects.filter(providerpage=provider).delete()
    columns = [through._meta.get_field("providerpage"), through._meta.get_field("category")]
    insert_values(through, columns, [(provider.pk, category.pk) for category in categories])
    provider = ProviderPage.objects.get(pk=provider.pk)
    assert set(provider.categories.all()) == set(categories)


def test_rows_that_would_break_a_unique_constraint_can_be_skipped(home):
    index = ProviderIndexPageFactory(parent=home)
    provider = ProviderPageFactory(parent=index)
    through = ProviderPage.categories.through
    columns = [through._meta.get_field("providerpage"), through._meta.get_field("category")]
    existing = list(
        through.objects.filter(providerpage=provider).values_list("providerpage_id", "category_id")
    )
    assert existing
    other = next(c for c in taxonomy.canonical(Category) if c.pk not in {e[1] for e in existing})
    insert_values(through, columns, [*existing, (provider.pk, other.pk)], ignore_conflicts=True)
    assert through.objects.filter(providerpage=provider).count() == len(existing) + 1
