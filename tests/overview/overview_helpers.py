"""Helpers of the statistics page tests (``from tests.overview.overview_helpers import …``):
a small, varied body of content built with the apps' factories, and the page itself."""

from __future__ import annotations

import datetime

from wagtail.models import PageViewRestriction

from cases.factories import CasePageFactory
from catalogue.models import Status
from overview.models import OverviewPage
from portal.translation import sync_english_aliases
from tests.catalogue.catalogue_helpers import make_provider, make_solution, publish
from training.factories import CertificateFactory, ProgrammePageFactory
from training.models import Certificate

__all__ = ["TODAY", "build_content", "overview_page_under", "publish"]

TODAY = datetime.date(2026, 3, 1)
REMOVED = (datetime.date(2026, 2, 1), Status.REMOVED, "整改后仍不合格，予以清退")
RECTIFYING = (datetime.date(2026, 1, 10), Status.RECTIFYING, "年度评价不合格，限期整改")


def overview_page_under(home) -> OverviewPage:
    page = OverviewPage(title="数据概览", slug="overview", intro="<p>统计数据</p>")
    home.add_child(instance=page)
    return publish(page)


def build_content(provider_index, case_index, training_index) -> dict:
    """Content of every kind, with drafts, removed and restricted entries that must not count.

    Counted: providers A (咨询+生产, 济南, 2024, 优秀), B (咨询, 青岛, 2025, 合格, 整改中),
    E (评测, 济南, no batch, no grade); solutions SaaS ×1, 私有化 ×1, unspecified ×1;
    cases 2024 ×1, 2025 ×2; valid certificates: 设计 2025 ×2, 设计 2026 ×1, 数据 2025 ×1.
    """
    a = make_provider(
        provider_index,
        title="甲",
        categories=("consulting", "production"),
        region="jinan",
        batch=(2024, 1),
        grades=[(2024, "qualified"), (2025, "excellent")],
    )
    b = make_provider(
        provider_index,
        title="乙",
        categories=("consulting",),
        region="qingdao",
        batch=(2025, 2),
        grades=[(2025, "qualified")],
        changes=[RECTIFYING],
    )
    removed = make_provider(
        provider_index,
        title="丙（已清退）",
        categories=("consulting",),
        region="jinan",
        batch=(2025, 3),
        grades=[(2025, "unqualified")],
        changes=[REMOVED],
    )
    draft = make_provider(
        provider_index, title="丁（草稿）", region="weifang", batch=(2025, 3), publish_now=False
    )
    draft.unpublish()
    e = make_provider(provider_index, title="戊", categories=("evaluation",), region="jinan")
    private = make_provider(
        provider_index, title="己（受限）", categories=("evaluation",), region="yantai"
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    make_solution(a, title="方案一", deployment_mode="saas")
    make_solution(a, title="方案二", deployment_mode="private")
    make_solution(b, title="方案三", deployment_mode="")
    make_solution(removed, title="已清退服务商的方案", deployment_mode="saas")
    make_solution(private, title="受限服务商的方案", deployment_mode="saas")
    draft_solution = make_solution(a, title="草稿方案", deployment_mode="hybrid")
    draft_solution.unpublish()

    for year in (2024, 2025, 2025):
        case = CasePageFactory(parent=case_index, year=year, providers=[a])
        case.save_revision().publish()
    draft_case = CasePageFactory(parent=case_index, year=2023)
    draft_case.unpublish()

    design = publish(
        ProgrammePageFactory(parent=training_index, title="解决方案设计", slug="design")
    )
    data = publish(ProgrammePageFactory(parent=training_index, title="数据分析", slug="data"))
    hidden = ProgrammePageFactory(parent=training_index, title="未发布项目", slug="hidden")
    hidden.unpublish()
    CertificateFactory(programme=design, issued_on=datetime.date(2025, 5, 1))
    CertificateFactory(programme=design, issued_on=datetime.date(2025, 9, 1))
    CertificateFactory(programme=design, issued_on=datetime.date(2026, 1, 5))
    CertificateFactory(programme=data, issued_on=datetime.date(2025, 6, 1))
    CertificateFactory(  # revoked
        programme=design,
        issued_on=datetime.date(2025, 6, 1),
        status=Certificate.Status.REVOKED,
        revoked_on=datetime.date(2025, 12, 1),
    )
    CertificateFactory(  # expired
        programme=data,
        issued_on=datetime.date(2023, 6, 1),
        expires_on=datetime.date(2025, 6, 1),
    )
    CertificateFactory(programme=hidden, issued_on=datetime.date(2025, 6, 1))  # unpublished

    sync_english_aliases()
    return {"a": a, "b": b, "e": e, "removed": removed, "design": design, "data": data}
