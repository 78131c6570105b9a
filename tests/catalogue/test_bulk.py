"""Deferred indexing (catalogue/bulk.py) inside a caller's own bulk switches."""

import pytest
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from catalogue.models import ProviderPage
from portal.translation import sync_english_aliases
from tests.catalogue.catalogue_helpers import make_provider

pytestmark = pytest.mark.django_db


def test_aliases_made_inside_a_callers_reference_switch_are_indexed_and_the_switch_kept(
    provider_index,
):
    """Scripts that write many pages (the benchmarks' builders) switch Wagtail's reference
    index off around them, and the English aliases they make are indexed in a deferred block
    of their own: it used to switch the reference index off and on again, and the caller's
    block then failed as it ended, with nothing built."""
    with disable_reference_index_auto_update():
        provider = make_provider(provider_index, title="潍坊恒信自动化有限公司")
        sync_english_aliases([provider])
        later = make_provider(provider_index, title="烟台博远软件有限公司")  # still switched off
        assert not ReferenceIndex.objects.filter(object_id=str(later.pk)).exists()

    found = ProviderPage.objects.live().search("恒信自动化")
    assert sorted(page.locale.language_code for page in found) == ["en", "zh-hans"]
    later.save_revision().publish()  # the switch is back on
    assert ReferenceIndex.objects.filter(object_id=str(later.pk)).exists()
