"""申报失信黑名单: a code that falsified materials may not apply in the year it was listed nor
in the three following years (DESIGN.md §1)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from catalogue.factories import BlacklistEntryFactory
from catalogue.models import BlacklistEntry
from catalogue.services import blacklist_entry_for, may_apply
from portal.identifiers import make_uscc

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2025, 6, 1), D(2028, 12, 31)),
        (D(2025, 1, 1), D(2028, 12, 31)),
        (D(2025, 12, 31), D(2028, 12, 31)),
        (D(2024, 2, 29), D(2027, 12, 31)),  # a leap day start is no problem
    ],
)
def test_default_end_is_the_end_of_the_third_full_year_after_listing(start, end):
    assert BlacklistEntry.default_end_date(start) == end


def test_saving_without_an_end_date_fills_in_the_default():
    entry = BlacklistEntryFactory(start_date=D(2025, 6, 1))
    entry.refresh_from_db()
    assert entry.end_date == D(2028, 12, 31)


def test_an_explicit_end_date_is_kept():
    entry = BlacklistEntryFactory(start_date=D(2025, 6, 1), end_date=D(2026, 6, 1))
    entry.refresh_from_db()
    assert entry.end_date == D(2026, 6, 1)


@pytest.mark.parametrize(
    ("on_date", "allowed"),
    [
        (D(2025, 5, 31), True),  # before listing
        (D(2025, 6, 1), False),  # the day it is listed
        (D(2025, 12, 31), False),  # the rest of the listing year
        (D(2027, 7, 1), False),
        (D(2028, 12, 31), False),  # the last day of the third following year
        (D(2029, 1, 1), True),  # eligible again
    ],
)
def test_a_blacklisted_code_may_not_apply_until_the_end_date_passes(on_date, allowed):
    entry = BlacklistEntryFactory(start_date=D(2025, 6, 1))
    assert may_apply(entry.uscc, on_date=on_date) is allowed
    assert entry.is_active(on_date) is not allowed


def test_other_codes_are_not_affected():
    BlacklistEntryFactory(start_date=D(2025, 6, 1))
    assert may_apply(make_uscc(123_456), on_date=D(2026, 1, 1))


def test_the_entry_that_ends_last_is_the_one_reported():
    uscc = make_uscc(424_242)
    BlacklistEntryFactory(uscc=uscc, start_date=D(2024, 3, 1), reason="伪造业绩合同")
    later = BlacklistEntryFactory(uscc=uscc, start_date=D(2025, 6, 1), reason="虚报设计师人数")
    found = blacklist_entry_for(uscc, on_date=D(2026, 1, 1))
    assert found == later and found.reason == "虚报设计师人数"
    assert blacklist_entry_for(uscc, on_date=D(2028, 6, 1)) == later
    assert blacklist_entry_for(uscc, on_date=D(2029, 1, 1)) is None


def test_clean_rejects_a_bad_code_and_an_end_before_the_start():
    with pytest.raises(ValidationError) as bad_code:
        BlacklistEntry(
            uscc="91370100MA3C00000X", name="某公司", reason="x", start_date=D(2025, 1, 1)
        ).clean()
    assert "uscc" in bad_code.value.message_dict
    with pytest.raises(ValidationError) as bad_end:
        BlacklistEntry(
            uscc=make_uscc(7),
            name="某公司",
            reason="x",
            start_date=D(2025, 1, 1),
            end_date=D(2024, 12, 31),
        ).clean()
    assert "end_date" in bad_end.value.message_dict


def test_clean_normalises_the_code_and_fills_in_the_end_date():
    entry = BlacklistEntry(
        uscc=" " + make_uscc(8).lower() + " ", name="某公司", reason="x", start_date=D(2025, 6, 1)
    )
    entry.clean()
    assert entry.uscc == make_uscc(8)
    assert entry.end_date == D(2028, 12, 31)
