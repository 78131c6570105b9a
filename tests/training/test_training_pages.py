"""The 人才培训 page, programme pages with their yearly figures, and the verification pages
reached by the token; the demo data."""

import datetime
import random

import pytest
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.training.conftest import publish
from training import demo, services
from training.factories import CertificateFactory
from training.models import Area, Certificate, ProgrammeModule, ProgrammePage, TrainingIndexPage

pytestmark = pytest.mark.django_db


def test_a_programme_page_shows_what_it_teaches_and_yearly_figures(client, programme):
    programme.modules = [
        ProgrammeModule(area=Area.REQUIREMENTS, title="企业诊断", hours=12),
        ProgrammeModule(area=Area.DELIVERY, title="项目实施", hours=16),
    ]
    programme.schedule = "<p>每年3月开班</p>"
    programme.assessment = "<p>答辩评审</p>"
    programme.enrolment = "<p>服务商统一报名</p>"
    publish(programme)
    for day, score in ((datetime.date(2025, 3, 1), 80), (datetime.date(2025, 9, 1), 90)):
        CertificateFactory(programme=programme, issued_on=day, score=score)
    revoked = CertificateFactory(programme=programme, issued_on=datetime.date(2026, 4, 1))
    services.revoke(revoked, reason="x")
    CertificateFactory(
        programme=programme,
        issued_on=datetime.date(2022, 4, 1),
        expires_on=datetime.date(2024, 4, 1),
    )

    html = client.get(programme.url).content.decode()
    for text in ("需求分析", "服务实施", "企业诊断", "每年3月开班", "答辩评审", "服务商统一报名"):
        assert text in html
    assert "<tr><td>2025</td><td>2</td><td>2</td><td>0</td><td>85.0</td></tr>" in html
    assert "<tr><td>2026</td><td>1</td><td>0</td><td>1</td>" in html
    assert "<tr><td>2022</td><td>1</td><td>0</td><td>0</td>" in html  # expired: no longer valid
    assert client.get("/en" + programme.url).status_code == 200
    assert "<tr><td>2025</td><td>2</td>" in client.get("/en" + programme.url).content.decode()


def test_page_queries_do_not_grow_with_certificates(client, programme, training_index):
    CertificateFactory(programme=programme)
    client.get(programme.url)  # warm the site-root and menu caches
    client.get(training_index.url)
    with CaptureQueriesContext(connection) as few:
        client.get(programme.url)
        client.get(training_index.url)
    for year in range(2010, 2025):
        CertificateFactory(programme=programme, issued_on=datetime.date(year, 5, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(programme.url)
        client.get(training_index.url)
    assert len(many) == len(few)


def test_the_index_lists_programmes_with_totals_and_the_lookup(client, programme, training_index):
    CertificateFactory(programme=programme)
    html = client.get(training_index.url).content.decode()
    assert programme.title in html and "累计发证 1 张，其中有效 1 张" in html
    assert 'href="/certificates/"' in html


def test_the_verification_page_by_token(client, certificate):
    response = client.get(f"/certificates/v/{certificate.token}/")
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "证书有效" in html and "张*丰" in html and "张三丰" not in html
    assert certificate.programme.title in html
    services.revoke(certificate, reason="x", date=datetime.date(2025, 12, 1))
    html = client.get(f"/certificates/v/{certificate.token}/").content.decode()
    assert "证书已于 2025-12-01 撤销" in html
    print_html = client.get(f"/certificates/v/{certificate.token}/print/").content.decode()
    assert "已撤销" in print_html and 'class="qr-code"' in print_html


def test_unknown_tokens_are_404(client, certificate):
    assert client.get("/certificates/v/nope/").status_code == 404
    assert client.get("/certificates/v/" + "a" * 500 + "/").status_code == 404
    assert client.get("/certificates/v/%27%20OR%201%3D1/pdf/").status_code == 404


def test_the_qr_code_encodes_the_verification_link():
    from training.printing import qr_modules, qr_svg

    url = "http://testserver/certificates/v/abc/"
    modules = qr_modules(url)
    assert len(modules) >= 21 and modules[0][:7] == [True] * 7  # a finder pattern
    svg = qr_svg(url, title="<x>")
    assert svg.startswith("<svg") and "&lt;x&gt;" in svg


def test_the_demo_is_complete_and_idempotent(home):
    out = OutputWrapper(open("/dev/null", "w"))  # noqa: SIM115
    first = demo.generate(rng=random.Random("2025:training"), stdout=out)
    assert first["pages created"] == 4
    assert 1_900 <= first["certificates created"] <= 2_100
    assert first["certificates revoked"] >= 3
    assert ProgrammePage.objects.filter(live=True).count() == 3
    assert TrainingIndexPage.objects.get().show_in_menus
    years = {d.year for d in Certificate.objects.dates("issued_on", "year")}
    assert years == {2025, 2026}
    assert Certificate.objects.values("id_hash").distinct().count() < Certificate.objects.count()

    second = demo.generate(rng=random.Random("2025:training"), stdout=out)
    assert second["pages unchanged"] == 4
    assert second["certificates created"] == second["certificates updated"] == 0
