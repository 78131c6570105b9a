"""POST /api/v1/certificates/verify: the lookup's rules for integrators."""

import datetime

import pytest

from training import services
from training.factories import CertificateFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/certificates/verify"


def verify(client, body, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


def test_a_match_returns_masked_fields_only(client, certificate):
    response = verify(client, {"number": certificate.number, "name": "张三丰"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body == {
        "result": "valid",
        "number": "SDSZ2025000456",
        "holder": "张*丰",
        "programme": "数字化解决方案设计实践",
        "issued_on": "2025-06-01",
        "expires_on": None,
        "revoked_on": None,
        "verification_url": f"http://testserver/certificates/v/{certificate.token}/",
    }


def test_wrong_name_and_unknown_number_are_the_same_not_found(client, certificate):
    wrong_name = verify(client, {"number": certificate.number, "name": "李四"})
    unknown = verify(client, {"number": "SDSZ2025999999", "name": "李四"})
    assert wrong_name.status_code == unknown.status_code == 200
    assert wrong_name.content == unknown.content
    assert wrong_name.json()["result"] == "not_found"
    assert set(wrong_name.json()) <= {
        "result",
        "number",
        "holder",
        "programme",
        "issued_on",
        "expires_on",
        "revoked_on",
        "verification_url",
    }
    assert all(v is None for k, v in wrong_name.json().items() if k != "result")


def test_revoked_and_expired(client, certificate, programme):
    services.revoke(certificate, reason="替考", date=datetime.date(2025, 10, 8))
    body = verify(client, {"number": certificate.number, "name": "张三丰"}).json()
    assert (body["result"], body["revoked_on"]) == ("revoked", "2025-10-08")
    assert "替考" not in str(body)

    expired = CertificateFactory(
        programme=programme,
        holder_name="王磊",
        expires_on=datetime.date(2024, 1, 1),
        issued_on=datetime.date(2021, 1, 1),
    )
    body = verify(client, {"number": expired.number, "name": "王磊"}).json()
    assert (body["result"], body["expires_on"]) == ("expired", "2024-01-01")


@pytest.mark.parametrize(
    ("body", "param", "message"),
    [
        ({"name": "张三丰"}, "number", "缺少此参数"),
        ({"number": "SDSZ2025000456"}, "name", "缺少此参数"),
        ({}, "number", "缺少此参数"),
        ({"number": "SDSZ2025000456", "name": "张" * 10_000}, "name", "不能超过 50 个字符"),
        ({"number": "S" * 10_000, "name": "张三丰"}, "number", "不能超过 32 个字符"),
        ({"number": "' OR 1=1 --", "name": "张三丰"}, "number", "格式不正确"),
        ({"number": "<script>", "name": "张三丰"}, "number", "格式不正确"),
        ({"number": "SDSZ٢٠٢٥٠٠٠٤٥٦", "name": "张三丰"}, "number", "格式不正确"),
        ({"number": 12345, "name": "张三丰"}, "number", ""),
        ({"number": "SDSZ2025000456", "name": "张三丰\x00"}, "name", "控制字符"),
    ],
)
def test_bad_input_is_a_400_with_a_clear_message(client, certificate, body, param, message):
    response = verify(client, body)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert any(e["param"] == param and message in e["message"] for e in errors), errors


def test_full_width_input_is_accepted(client, certificate):
    body = verify(client, {"number": "ｓｄｓｚ２０２５０００４５６", "name": "张 三丰"}).json()
    assert body["result"] == "valid"


def test_a_body_that_is_not_json_is_a_400_not_a_500(client, certificate):
    response = client.post(URL, "number=1&name=2", content_type="application/json")
    assert response.status_code == 400


def test_html_and_sql_in_the_name_are_not_found(client, certificate):
    for name in ("<b>张三丰</b>", "' OR '1'='1"):
        assert verify(client, {"number": certificate.number, "name": name}).json() == {
            "result": "not_found",
            "number": None,
            "holder": None,
            "programme": None,
            "issued_on": None,
            "expires_on": None,
            "revoked_on": None,
            "verification_url": None,
        }


def test_the_rate_limit_answers_429_with_retry_after(client, certificate, settings, whole_window):
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 10
    for _ in range(10):
        assert verify(client, {"number": "SDSZ2025999999", "name": "李四"}).status_code == 200
    response = verify(client, {"number": certificate.number, "name": "张三丰"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["retry_after"] == int(response["Retry-After"])
    assert "查询过于频繁" in response.json()["detail"]
    # Bad requests count too: they are attempts.
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 1
    other = {"REMOTE_ADDR": "10.1.1.1"}
    assert verify(client, {"number": ""}, **other).status_code == 400
    assert (
        verify(client, {"number": certificate.number, "name": "张三丰"}, **other).status_code == 429
    )


def test_the_client_behind_the_proxy_is_counted_by_x_real_ip(
    client, certificate, settings, whole_window
):
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 1
    body = {"number": certificate.number, "name": "张三丰"}
    assert verify(client, body, HTTP_X_REAL_IP="203.0.113.7").status_code == 200
    assert verify(client, body, HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    assert verify(client, body, HTTP_X_REAL_IP="203.0.113.8").status_code == 200


def test_the_endpoint_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/certificates/verify"]["post"]
    assert {"200", "400", "429"} <= set(operation["responses"])
    assert "requestBody" in operation


def test_a_lone_surrogate_in_the_name_is_just_not_found(client, certificate):
    response = verify(client, {"number": certificate.number, "name": "张\ud800三丰"})
    assert response.status_code == 200 and response.json()["result"] == "not_found"


def test_the_documented_request_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["components"]["schemas"]["VerifyIn"]["properties"]
    assert body["number"]["maxLength"] == 32 and body["name"]["maxLength"] == 50
