"""Look-ups in the page tree for the bulk page writers (catalogue.bulk.create_pages, the English
aliases of portal.translation), which place new pages where treebeard's ``add_child`` would."""

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat
from wagtail.models import Page


def last_child_steps(parents) -> dict[int, int]:
    """The number of the last child's path step of each parent (0 for none), as treebeard's
    ``get_last_child`` finds it: one query per hundred parents. Each parent's last child is read
    from the path index, walking down from the end of the parent's range of child paths (past
    only the last child's own descendants), so the cost does not grow with the parent's
    children: an import adds chunk after chunk below the same index page."""
    parents = list(parents)
    last = dict.fromkeys((parent.pk for parent in parents), 0)
    last_child = (
        Page.objects.filter(
            path__gt=OuterRef("path"),
            path__lte=Concat(OuterRef("path"), Value(Page.alphabet[-1] * Page.steplen)),
            depth=OuterRef("depth") + 1,
        )
        .order_by("-path")
        .values("path")[:1]
    )
    for start in range(0, len(parents), 100):
        rows = (
            Page.objects.filter(pk__in=[parent.pk for parent in parents[start : start + 100]])
            .annotate(last_child=Subquery(last_child))
            .values_list("pk", "last_child")
        )
        for pk, path in rows:
            if path is not None:
                last[pk] = Page._str2int(path[-Page.steplen :])
    return last
