"""Reads of modelcluster relations for many saved objects at once.

A page's ParentalManyToMany values and child relations (grades, status changes, comments) are
read with one query per object and relation, and again on every read. Code that handles
thousands of pages (the importers' revisions, search and reference indexing) loads them for the
whole batch here and puts them in the instances, which then read them from memory. Only for
instances read for that purpose: the values replace whatever the instance held.
"""

from collections import defaultdict

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations

from portal.lookups import keys_in


def load_parental_m2m(model, group, terms: dict | None = None) -> None:
    """Put each ParentalManyToMany value of the saved objects ``group`` (all of ``model``) in the
    instances as the database would return it: two queries per field for the whole group (one
    once ``terms`` knows every term), where reading ``page.categories.all()`` queries once per
    object and read. The order is the terms' ``Meta.ordering``, in which modelcluster sorts
    every list it is given, in Python: the links are read unordered.

    The links are read as id pairs and each linked object once: a taxonomy term is linked to
    thousands of pages, and making a through-row and a term instance per link was most of the
    cost. Objects of the group share the term instances. ``terms`` (``{model: {pk: term}}``),
    given by a caller that loads many groups, keeps the terms read for the next group."""
    terms = {} if terms is None else terms
    ids = [obj.pk for obj in group]
    for field in model._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField):
            continue
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = list(
            through.objects.filter(**keys_in(f"{source}_id", ids))
            .order_by()
            .values_list(f"{source}_id", f"{target}_id")
        )
        known = terms.setdefault(field.related_model, {})
        missing = {term for _obj, term in links if term not in known}
        if missing:
            known.update(field.related_model._base_manager.in_bulk(missing))
        values = defaultdict(list)
        for obj_id, term_id in links:
            values[obj_id].append(known[term_id])
        for obj in group:
            setattr(obj, field.name, values[obj.pk])


def load_child_relations(model, group) -> None:
    """Put each child relation of the saved objects ``group`` (all of ``model``) in the
    instances, in the related model's order (items without a ``sort_order`` last, on every
    database): one query per relation for the whole group."""
    ids = [obj.pk for obj in group]
    for relation in get_all_child_relations(model):
        accessor = relation.get_accessor_name()
        parent_id = relation.field.attname
        items = defaultdict(list)
        for item in relation.related_model._default_manager.filter(**keys_in(parent_id, ids)):
            items[getattr(item, parent_id)].append(item)
        by_sort_order = (relation.related_model._meta.ordering or []) == ["sort_order"]
        for obj in group:
            children = items[obj.pk]
            if by_sort_order:
                children.sort(key=lambda item: (item.sort_order is None, item.sort_order or 0))
            setattr(obj, accessor, children)
