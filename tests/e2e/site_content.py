"""A small but complete public site for the browser tests: one of each public page type, in
both languages, built with the factories (no demo data needed)."""

from __future__ import annotations

import datetime

from cases.factories import (
    CaseIndexPageFactory,
    CaseResultFactory,
    ConferenceIndexPageFactory,
    ConferencePageFactory,
)
from catalogue import services
from catalogue.factories import (
    AnnualListEntryFactory,
    AnnualListIndexPageFactory,
    AnnualListPageFactory,
    ProviderIndexPageFactory,
    SolutionIndexPageFactory,
)
from catalogue.models import Status, Subtype
from portal.factories import chinese_home
from tests.cases.cases_helpers import make_case
from tests.catalogue.catalogue_helpers import make_provider, make_solution, publish, term
from tests.overview.overview_helpers import overview_page_under
from training.factories import CertificateFactory, ProgrammePageFactory, TrainingIndexPageFactory

CERTIFICATE_NUMBER = "SDSZ2025000777"
CERTIFICATE_HOLDER = "欧阳娜娜"


def build_site() -> dict:
    home = chinese_home()
    directory = publish(ProviderIndexPageFactory(parent=home, show_in_menus=True))
    catalogue = publish(SolutionIndexPageFactory(parent=home, show_in_menus=True))
    providers = [
        make_provider(
            directory,
            title=title,
            categories=categories,
            region=region,
            industries=("equipment-manufacturing",),
            batch=(2025, number),
        )
        for number, (title, categories, region) in enumerate(
            [
                ("济南云帆数字科技有限公司", ("consulting",), "jinan"),
                ("青岛海智工业互联网有限公司", ("production", "infrastructure"), "qingdao"),
                ("潍坊精工智能装备有限公司", ("equipment",), "weifang"),
            ],
            start=1,
        )
    ]
    services.change_status(
        providers[2],
        status=Status.RECTIFYING,
        reason="年度评价材料不完整",
        deadline=datetime.date(2026, 12, 31),
    )
    solution = make_solution(
        providers[1],
        title="设备联网与预测性维护平台",
        category="production",
        industries=("equipment-manufacturing",),
        is_xkqz=True,
    )
    publish(*providers, solution)

    cases = publish(CaseIndexPageFactory(parent=home, show_in_menus=True))
    case = make_case(
        cases,
        title="精工机械设备预测性维护典型案例",
        providers=[providers[1]],
        solutions=[solution],
        scenario=term(Subtype, "equipment-management"),
        publish_now=False,
    )
    CaseResultFactory(page=case, indicator="设备综合效率", before=62, after=78, unit="%")
    publish(case)
    conferences = publish(ConferenceIndexPageFactory(parent=home))
    publish(ConferencePageFactory(parent=conferences, year=2025))

    lists = publish(AnnualListIndexPageFactory(parent=home, show_in_menus=True))
    annual_list = AnnualListPageFactory(parent=lists, year=2025)
    AnnualListEntryFactory(annual_list=annual_list, provider=providers[0], grade="excellent")
    publish(annual_list)

    training = publish(TrainingIndexPageFactory(parent=home, show_in_menus=True))
    programme = publish(ProgrammePageFactory(parent=training, title="数字化解决方案设计实践"))
    certificate = CertificateFactory(
        number=CERTIFICATE_NUMBER, holder_name=CERTIFICATE_HOLDER, programme=programme
    )
    overview = overview_page_under(home)
    return {
        "home": home,
        "directory": directory,
        "catalogue": catalogue,
        "provider": providers[1],
        "rectifying": providers[2],
        "solution": solution,
        "cases": cases,
        "case": case,
        "annual_list": annual_list,
        "training": training,
        "programme": programme,
        "certificate": certificate,
        "overview": overview,
    }
