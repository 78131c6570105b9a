"""Fixtures of the training tests: a published 人才培训 page with one programme, certificates
made from synthetic ID numbers."""

import datetime

import pytest

from portal.identifiers import make_id_number
from portal.translation import sync_english_aliases
from training.factories import CertificateFactory, ProgrammePageFactory, TrainingIndexPageFactory
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
