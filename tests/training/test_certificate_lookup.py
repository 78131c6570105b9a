"""The public lookup /certificates/ (DESIGN.md §4): number and name, POST with CSRF, the same
answer for a wrong name and an unknown number, revoked and expired certificates, bad input, and
the per-client rate limit in the shared cache."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from training import services
from training.factories import CertificateFactory
from training.lookup import WINDOW_SECONDS

pytestmark = pytest.mark.django_db

URL = "/certificates/"


def lookup(client, number, name, **extra):
    return client.post(URL, {"number": number, "name": name}, **extra)


def normalised(response, *values) -> str:
    """The page without the per-request CSRF token and without the values the visitor typed."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for value in values:
        html = html.replace(value, "«typed»")
    return html


def test_the_form_is_a_post_form_with_csrf(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/en/certificates/").status_code == 200


def test_a_post_without_the_csrf_token_is_refused(certificate):
    strict = Client(enforce_csrf_checks=True)
    response = lookup(strict, certificate.number, certificate.holder_name)
    assert response.status_code == 403


def test_a_match_shows_the_masked_name_programme_date_status_and_link(client, certificate):
    response = lookup(client, certificate.number, "张三丰")
    html = response.content.decode()
    assert response.status_code == 200
    assert "证书有效" in html
    assert "张*丰" in html and "张三丰" not in html
    assert "数字化解决方案设计实践" in html
    assert "2025-06-01" in html
    assert f"/certificates/v/{certificate.token}/" in html
    assert certificate.id_masked not in html  # not even the masked ID number


def test_number_and_name_are_read_leniently(client, certificate):
    full_width = "ｓｄｓｚ２０２５０００４５６"
    response = lookup(client, f" {full_width} ", " 张 三丰 ")
    assert "证书有效" in response.content.decode()


def test_a_wrong_name_and_an_unknown_number_get_the_same_page(client, certificate):
    wrong_name = lookup(client, certificate.number, "李四")
    unknown = lookup(client, "SDSZ2025999999", "李四")
    assert wrong_name.status_code == unknown.status_code == 200
    assert "未找到匹配的证书" in wrong_name.content.decode()
    assert normalised(wrong_name, certificate.number) == normalised(unknown, "SDSZ2025999999")


def test_both_answers_cost_the_same_queries(client, certificate):
    with CaptureQueriesContext(connection) as wrong_name:
        lookup(client, certificate.number, "李四")
    with CaptureQueriesContext(connection) as unknown:
        lookup(client, "SDSZ2025999999", "李四")
    with CaptureQueriesContext(connection) as match:
        lookup(client, certificate.number, "张三丰")

    def shapes(captured):
        return [re.sub(r"'[^']*'", "?", q["sql"]) for q in captured.captured_queries]

    assert shapes(wrong_name) == shapes(unknown)
    assert len(match) == len(unknown) + 1  # only a match loads the certificate


def test_a_revoked_certificate_shows_when_it_was_revoked(client, certificate):
    services.revoke(certificate, reason="考核材料抄袭", date=datetime.date(2025, 9, 1))
    html = lookup(client, certificate.number, "张三丰").content.decode()
    assert "证书已于 2025-09-01 撤销" in html
    assert "考核材料抄袭" not in html  # the reason is for the officers


def test_an_expired_certificate_shows_its_end(client, programme):
    expired = CertificateFactory(
        programme=programme,
        holder_name="王磊",
        issued_on=datetime.date(2020, 6, 1),
        expires_on=datetime.date(2023, 6, 1),
    )
    html = lookup(client, expired.number, "王磊").content.decode()
    assert "证书已于 2023-06-01 过期" in html


@pytest.mark.parametrize(
    ("number", "name", "message"),
    [
        ("", "张三丰", "请输入证书编号"),
        ("SDSZ2025000123", "", "请输入姓名"),
        ("", "", "请输入证书编号"),
        ("SDSZ2025000123", "张" * 10_000, "姓名不能超过 50 个字符"),
        ("S" * 10_000, "张三丰", "证书编号不能超过 32 个字符"),
        ("' OR 1=1 --", "张三丰", "证书编号格式不正确"),
        ("SDSZ2025000123'; DROP TABLE training_certificate;--", "张三丰", "证书编号"),
        ("<script>alert(1)</script>", "张三丰", "证书编号格式不正确"),
        ("SDSZ٢٠٢٥٠٠٠١٢٣", "张三丰", "证书编号格式不正确"),  # Arabic-Indic digits
        ("SDSZ2025000123", "张三丰\x00", "姓名含有无法识别的控制字符"),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(client, certificate, number, name, message):
    response = lookup(client, number, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert "证书有效" not in html


def test_html_and_sql_in_the_name_are_just_a_name_that_does_not_match(client, certificate):
    for name in ("<b>张三丰</b>", "' OR '1'='1", "张三丰' --"):
        response = lookup(client, certificate.number, name)
        html = response.content.decode()
        assert response.status_code == 200
        assert "未找到匹配的证书" in html
        assert "<b>张三丰</b>" not in html


def test_more_than_ten_attempts_a_minute_get_429_with_retry_after(
    client, certificate, settings, whole_window
):
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 10
    for _ in range(10):
        assert lookup(client, "SDSZ2025999999", "李四").status_code == 200
    response = lookup(client, certificate.number, "张三丰")
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 1 <= retry_after <= WINDOW_SECONDS
    html = response.content.decode()
    assert "查询过于频繁" in html and "证书有效" not in html
    # Another client is not affected; the count is per client address.
    other = lookup(client, certificate.number, "张三丰", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_limit_is_a_setting(client, certificate, settings, whole_window):
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 2
    assert lookup(client, certificate.number, "张三丰").status_code == 200
    assert lookup(client, certificate.number, "张三丰").status_code == 200
    assert lookup(client, certificate.number, "张三丰").status_code == 429


def test_the_form_and_the_api_share_the_count(client, certificate, settings, whole_window):
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 3
    for _ in range(2):
        lookup(client, certificate.number, "张三丰")
    api = client.post(
        "/api/v1/certificates/verify",
        {"number": certificate.number, "name": "张三丰"},
        content_type="application/json",
    )
    assert api.status_code == 200
    assert lookup(client, certificate.number, "张三丰").status_code == 429


def test_the_english_page_answers_in_english(client, certificate):
    response = client.post("/en/certificates/", {"number": certificate.number, "name": "张三丰"})
    assert response.status_code == 200
    assert f"/certificates/v/{certificate.token}/" in response.content.decode()
