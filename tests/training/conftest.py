"""Fixtures of the training tests: a published 人才培训 page with one programme, certificates
made from synthetic ID numbers."""

import datetime
import time

import pytest

from portal.identifiers import make_id_number
from portal.translation import sync_english_aliases
from training.factories import CertificateFactory, ProgrammePageFactory, TrainingIndexPageFactory
from training.lookup import WINDOW_SECONDS
from training.models import Certificate


def publish(*pages):
    for page in pages:
        page.save_revision().publish()
    sync_english_aliases(list(pages))
    for page in pages:
        page.refresh_from_db()
    return pages[0] if len(pages) == 1 else pages


@pytest.fixture
def training_index(home):
    return publish(TrainingIndexPageFactory(parent=home))


@pytest.fixture
def programme(training_index):
    return publish(
        ProgrammePageFactory(parent=training_index, title="数字化解决方案设计实践", slug="design")
    )


# Every ID number the tests use, to scan outputs for (tests/training/test_privacy.py).
ID_NUMBERS = [make_id_number(n, birth="19880315") for n in range(40)] + [
    make_id_number(7, birth="19750102", region="370202"),
    make_id_number(8, birth="19920811", region="371002"),
]


@pytest.fixture
def certificate(programme) -> Certificate:
    return CertificateFactory(
        programme=programme,
        number="SDSZ2025000456",
        holder_name="张三丰",
        id_number=ID_NUMBERS[0],
        issued_on=datetime.date(2025, 6, 1),
    )


# Seconds a rate-limit test needs, at most, for its attempts (a dozen requests; a few seconds
# on the slowest CI machine seen).
ATTEMPTS_SECONDS = 8


@pytest.fixture
def whole_window():
    """Start a rate-limit test at the beginning of a window of the limit, when the current one
    ends too soon: the limit counts per fixed minute of the clock, and attempts that crossed
    its end would be counted in two windows, each under the limit."""
    left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    if left < ATTEMPTS_SECONDS:
        time.sleep(left)
