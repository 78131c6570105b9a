"""Factories for tests. ID numbers are synthetic (``make_id_number``): the factory takes an
``id_number`` declaration, hashes and masks it and never stores it."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from portal.identifiers import make_id_number

from .models import Certificate, ProgrammePage, TrainingIndexPage
from .personal import id_fingerprint


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    title = "人才培训"
    slug = "training"
    intro = "面向服务商技术人员的数字技能培训与实践应用考核。"

    class Meta:
        model = TrainingIndexPage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"数字化解决方案设计实践{n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    intro = "需求分析、方案设计、技术应用与服务实施的实践培训。"
    hours = 48

    class Meta:
        model = ProgrammePage


class CertificateFactory(factory.django.DjangoModelFactory):
    number = factory.Sequence(lambda n: f"SDSZ2025{n + 1:06d}")
    holder_name = factory.Sequence(lambda n: ["张建国", "李秀英", "王磊", "欧阳娜娜"][n % 4])
    employer = "济南智恒数字科技有限公司"
    score = Decimal("86.0")
    assessed_on = datetime.date(2025, 5, 10)
    issued_on = datetime.date(2025, 6, 1)

    class Meta:
        model = Certificate
        exclude = ["id_number"]

    id_number = factory.Sequence(lambda n: make_id_number(n, birth="19880315"))
    id_hash = factory.LazyAttribute(lambda o: id_fingerprint(o.id_number).hash)
    id_masked = factory.LazyAttribute(lambda o: id_fingerprint(o.id_number).masked)
