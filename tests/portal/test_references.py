"""The batched reference index stores exactly what Wagtail's per-object update stores."""

import pytest
from wagtail.models import ReferenceIndex

from catalogue import taxonomy
from catalogue.factories import ProviderIndexPageFactory
from catalogue.models import ProviderPage, Region, SolutionPage
from portal.references import update_references
from tests.catalogue.catalogue_helpers import make_provider, make_solution, publish

pytestmark = pytest.mark.django_db

COLUMNS = (
    "content_type_id",
    "base_content_type_id",
    "object_id",
    "to_content_type_id",
    "to_object_id",
    "model_path",
    "content_path",
    "content_path_hash",
)


def stored_rows() -> list[tuple]:
    return sorted(ReferenceIndex.objects.values_list(*COLUMNS))


def one_by_one(model, objects) -> None:
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)


@pytest.fixture
def pages(home):
    provider_index = publish(ProviderIndexPageFactory(parent=home))
    providers = [
        make_provider(
            provider_index,
            categories=["consulting", "rnd"][: 1 + i % 2],
            industries=["chemicals"] if i % 2 else [],
            batch=(2025, 1 + i % 3),
            grades=[(2025, "qualified")],
            region=["jinan", "qingdao", "yantai"][i % 3],
        )
        for i in range(6)
    ]
    solutions = [
        make_solution(p, category="production", industries=["chemicals"]) for p in providers
    ]
    return providers, solutions


def fresh(model, objects):
    return list(model.objects.filter(pk__in=[obj.pk for obj in objects]).order_by("pk"))


@pytest.mark.parametrize("model_index", [0, 1])
def test_new_pages_get_the_same_references(pages, model_index):
    model = [ProviderPage, SolutionPage][model_index]
    objects = fresh(model, pages[model_index])

    ReferenceIndex.objects.all().delete()
    one_by_one(model, objects)
    wagtails = stored_rows()

    ReferenceIndex.objects.all().delete()
    update_references(model, objects)

    assert stored_rows() == wagtails
    assert len(wagtails) >= len(objects)  # a region or category at least per page


def test_changed_pages_lose_their_stale_references_as_with_wagtail(pages):
    providers, _solutions = pages
    weifang = taxonomy.canonical(Region).get(slug="weifang")

    def after_a_change(update):
        ReferenceIndex.objects.all().delete()
        objects = fresh(ProviderPage, providers)
        one_by_one(ProviderPage, objects)
        before = stored_rows()
        for provider in objects[:3]:
            provider.region = weifang
            provider.batch = None
        update(ProviderPage, objects)
        return before, stored_rows()

    before, wagtails = after_a_change(one_by_one)
    _before, batched = after_a_change(update_references)

    assert batched == wagtails
    assert batched != before
    assert not ReferenceIndex.objects.filter(
        object_id=str(providers[0].pk), model_path="batch"
    ).exists()
