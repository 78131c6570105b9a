"""Wagtail's reference index ("usage" of images, snippets, pages) for many objects at once.

``ReferenceIndex.create_or_update_for_object`` reads an object's existing references, inserts
the new ones and deletes the stale ones: three statements per object, most of the reference
indexing of an import of thousands of pages. :func:`update_references` stores the same rows
for a batch of objects of one model with one read, one insert and one delete for the batch
(tests/portal/test_references.py compares it with Wagtail's, row for row).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from wagtail.models import ReferenceIndex

from portal import write_behind
from portal.inserts import insert_rows


def existing_references(model, objects) -> dict[str, dict[tuple, tuple[int, int]]]:
    """The reference index's rows for ``objects``: ``{object id: {reference: (content type
    id, row id)}}``, the read of :func:`update_references`, which a bulk job may make before
    it works the references out (portal.write_behind)."""
    base_model = [model, *model._meta.get_parent_list()][-1]
    base_content_type = ContentType.objects.get_for_model(base_model, for_concrete_model=False)
    existing: dict[str, dict[tuple, tuple[int, int]]] = {str(obj.pk): {} for obj in objects}
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=list(existing)
    ).values_list(
        "id",
        "content_type_id",
        "object_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    )
    for pk, content_type_id, object_id, *reference in rows:
        existing[object_id][tuple(reference)] = (content_type_id, pk)
    return existing


def update_references(model, objects, existing=None) -> None:
    """``ReferenceIndex.create_or_update_for_object(obj)`` for each saved object of ``model``;
    ``existing``: their rows as :func:`existing_references` read them, if read already."""
    if not objects:
        return
    content_types = [
        ContentType.objects.get_for_model(cls, for_concrete_model=False)
        for cls in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {ct.id for ct in content_types}

    found = {
        str(obj.pk): set(ReferenceIndex._extract_references_from_object(obj)) for obj in objects
    }
    if existing is None:
        existing = existing_references(model, objects)

    new_rows = []
    stale = []
    for object_id, references in found.items():
        known = existing[object_id]
        for to_content_type_id, to_object_id, model_path, content_path in references - set(known):
            new_rows.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=object_id,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
        # As Wagtail: a record made for a more specific model than this one is not stale (it
        # may come from a relation only that model has).
        stale += [
            pk
            for reference, (content_type_id, pk) in known.items()
            if reference not in references and content_type_id in known_content_type_ids
        ]
    # Another process may index the same object meanwhile (a publication's own indexing).
    insert_rows(ReferenceIndex, new_rows, ignore_conflicts=True)
    if stale:
        connection = connections[router.db_for_write(ReferenceIndex)]
        write_behind.execute(
            connection,
            f"DELETE FROM {connection.ops.quote_name(ReferenceIndex._meta.db_table)} "  # noqa: S608
            f"WHERE id IN ({', '.join(['%s'] * len(stale))})",
            stale,
        )
