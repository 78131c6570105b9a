"""The officers' admin: who sees it, issuing with the numbering scheme, revoke / reinstate with a
reason in the audit log, printing, exports and the talent pool."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from portal.identifiers import make_id_number
from tests.training.conftest import ID_NUMBERS
from training import services
from training.factories import CertificateFactory
from training.models import Certificate

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/certificates/",
    "/admin/certificates/new/",
    "/admin/certificates/edit/{pk}/",
    "/admin/certificates/inspect/{pk}/",
    "/admin/certificates/history/{pk}/",
    "/admin/training/certificates/{pk}/revoke/",
    "/admin/training/certificates/{pk}/print/",
    "/admin/training/certificates/{pk}/pdf/",
    "/admin/training/talent-pool/",
    "/admin/training/import/",
]


@pytest.fixture
def officer(client, django_user_model):
    user = django_user_model.objects.create_user("officer", password="x")
    user.groups.add(Group.objects.get(name="证书管理"))
    client.force_login(user)
    return user


def user_in(group, django_user_model, name):
    user = django_user_model.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_officers_group_has_the_certificate_permissions():
    codenames = set(
        Group.objects.get(name="证书管理").permissions.values_list("codename", flat=True)
    )
    assert {
        "add_certificate",
        "change_certificate",
        "view_certificate",
        "revoke_certificate",
        "view_talent_pool",
        "access_admin",
    } <= codenames
    assert "delete_certificate" not in codenames


def test_officers_see_every_admin_view(client, officer, certificate):
    for url in ADMIN_URLS:
        response = client.get(url.format(pk=certificate.pk))
        assert response.status_code == 200, url


@pytest.mark.parametrize("group", ["编辑", "审核专家", "协会审批"])
def test_other_groups_do_not(client, certificate, django_user_model, group):
    client.force_login(user_in(group, django_user_model, "someone"))
    for url in ADMIN_URLS:
        response = client.get(url.format(pk=certificate.pk))
        assert response.status_code in (302, 403), url
    menu = client.get("/admin/").content.decode()
    assert "人才培育库" not in menu and "/admin/certificates/" not in menu


def test_anonymous_visitors_are_sent_to_the_login(client, certificate):
    for url in ADMIN_URLS:
        response = client.get(url.format(pk=certificate.pk))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_issuing_numbers_by_the_scheme(client, officer, programme):
    CertificateFactory(
        programme=programme, number="SDSZ2026000041", issued_on=datetime.date(2026, 1, 5)
    )
    CertificateFactory(
        programme=programme, number="OLD-2026-999", issued_on=datetime.date(2026, 1, 5)
    )
    response = client.post(
        "/admin/certificates/new/",
        {
            "programme": programme.pk,
            "holder_name": " 赵 六 ",
            "id_number": ID_NUMBERS[5],
            "employer": "淄博齐鲁软件股份有限公司",
            "score": "88.5",
            "assessed_on": "2026-03-01",
            "issued_on": "2026-03-20",
        },
    )
    assert response.status_code == 302
    issued = Certificate.objects.get(holder_name="赵 六")
    assert issued.number == "SDSZ2026000042"
    assert issued.id_hash and issued.id_masked.endswith(ID_NUMBERS[5][-4:])
    assert ModelLogEntry.objects.filter(object_id=str(issued.pk), action="wagtail.create").exists()
    assert services.next_number(2027) == "SDSZ2027000001"


def test_issuing_refuses_a_failed_assessment_and_a_bad_id_number(client, officer, programme):
    bad = ID_NUMBERS[6][:17] + ("0" if ID_NUMBERS[6][17] != "0" else "1")
    response = client.post(
        "/admin/certificates/new/",
        {
            "programme": programme.pk,
            "holder_name": "赵六",
            "id_number": bad,
            "score": "59",
            "assessed_on": "2026-03-01",
            "issued_on": "2026-03-20",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "合格分数线" in html and "校验位错误" in html
    assert bad not in html  # not even the wrong number is written back
    assert not Certificate.objects.exists()


def test_revoke_needs_a_reason_and_is_logged_then_reinstate(client, officer, certificate):
    url = f"/admin/training/certificates/{certificate.pk}/revoke/"
    response = client.post(url, {"reason": "   ", "date": "2025-09-01"})
    assert response.status_code == 200 and "请写明原因" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "valid"

    assert client.post(url, {"reason": "考核替考", "date": "2025-09-01"}).status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_on) == ("revoked", datetime.date(2025, 9, 1))
    entry = ModelLogEntry.objects.get(action="training.revoke", object_id=str(certificate.pk))
    assert entry.user_id == officer.pk and entry.data["reason"] == "考核替考"
    history = client.get(f"/admin/certificates/history/{certificate.pk}/").content.decode()
    assert "考核替考" in history

    url = f"/admin/training/certificates/{certificate.pk}/reinstate/"
    assert client.post(url, {"reason": "复核后确认无误", "date": "2025-10-01"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "valid" and certificate.revoked_on is None
    assert ModelLogEntry.objects.filter(action="training.reinstate").count() == 1


def test_the_export_has_masked_id_numbers_only(client, officer, programme):
    for n in range(5):
        CertificateFactory(programme=programme, id_number=ID_NUMBERS[n])
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/admin/certificates/?export={fmt}")
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        if fmt == "csv":
            text = content.decode("utf-8")
            assert "身份证号（脱敏）" in text and "********" in text
            for number in ID_NUMBERS:
                assert number not in text
        else:
            for number in ID_NUMBERS:
                assert number.encode() not in content


def test_the_listing_filters_and_costs_constant_queries(client, officer, programme):
    for _ in range(3):
        CertificateFactory(programme=programme)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/certificates/")
    for _ in range(20):
        CertificateFactory(programme=programme)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/certificates/")
    assert len(many) == len(few)
    revoked = Certificate.objects.first()
    services.revoke(revoked, reason="x")
    html = client.get("/admin/certificates/?state=revoked").content.decode()
    assert revoked.number in html and html.count("SDSZ2025") < 10


def test_the_talent_pool_groups_people_by_id_number(client, officer, programme, training_index):
    from tests.training.conftest import publish
    from training.factories import ProgrammePageFactory

    second = publish(
        ProgrammePageFactory(parent=training_index, title="工业互联网应用实践", slug="iiot")
    )
    person = make_id_number(77, birth="19800101")
    CertificateFactory(programme=programme, id_number=person, holder_name="刘洋", employer="甲公司")
    CertificateFactory(
        programme=second,
        id_number=person,
        holder_name="刘洋",
        employer="乙公司",
        issued_on=datetime.date(2026, 1, 10),
    )
    CertificateFactory(programme=second, id_number=make_id_number(78), holder_name="陈静")

    html = client.get("/admin/training/talent-pool/").content.decode()
    assert "共 2 人" in html
    assert "乙公司" in html  # the latest employer
    html = client.get(f"/admin/training/talent-pool/?programme={programme.pk}").content.decode()
    assert "共 1 人" in html and "刘洋" in html and "陈静" not in html

    response = client.get("/admin/training/talent-pool/?export=csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("姓名,身份证号（脱敏）")
    liu = next(line for line in lines if line.startswith("刘洋"))
    assert ",2," in liu and person not in text
    assert client.get("/admin/training/talent-pool/?export=xlsx").status_code == 200


def test_the_talent_pool_costs_constant_queries(client, officer, programme):
    for n in range(3):
        CertificateFactory(programme=programme, id_number=make_id_number(n, birth="19700101"))
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/training/talent-pool/")
    for n in range(3, 30):
        CertificateFactory(programme=programme, id_number=make_id_number(n, birth="19700101"))
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/training/talent-pool/")
    assert len(many) == len(few)


def test_the_printed_certificate_has_the_full_name_and_a_qr_code(client, officer, certificate):
    html = client.get(f"/admin/training/certificates/{certificate.pk}/print/").content.decode()
    assert "张三丰" in html and certificate.id_masked in html
    assert re.search(r"<svg[^>]*class=\"qr-code\"", html)
    assert f"/certificates/v/{certificate.token}/" in html
    pdf = client.get(f"/admin/training/certificates/{certificate.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
