"""``POST /api/v1/certificates/verify`` (mounted by ``portal.api``): the certificate lookup of
``/certificates/`` for integrators, under the same rules (``training.lookup``): number **and**
name, one answer for an unknown number and a wrong name, masked fields only on a match, and the
same per-client rate limit (429 with ``Retry-After``; the form and the API share the count).
"""

from __future__ import annotations

import datetime
import json
from functools import wraps
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from portal.api_support import ErrorOut, ValidationErrorOut

from . import lookup
from .views import verification_url

router = Router(tags=["certificates"])


# What a client should send, as documented in the OpenAPI schema. The server is more lenient
# than the pattern (full-width characters, spaces, lower case are folded) and checks the values
# itself, so that every problem gets the same plain message as on /certificates/.
NUMBER_SCHEMA = {"minLength": 4, "maxLength": 32, "pattern": r"^[A-Za-z0-9][A-Za-z0-9-]{3,31}$"}
NAME_SCHEMA = {  # not blank, no control characters
    "minLength": 1,
    "maxLength": 50,
    "pattern": r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
}


class VerifyIn(Schema):
    number: str = Field(
        description="证书编号，如 SDSZ2025000123（全角字符、空格和小写字母也可以）",
        json_schema_extra=NUMBER_SCHEMA,
    )
    name: str = Field(description="持证人姓名", json_schema_extra=NAME_SCHEMA)


class VerifyOut(Schema):
    result: Literal["valid", "revoked", "expired", "not_found"] = Field(
        description="valid 有效 / revoked 已撤销 / expired 已过期 / not_found 未找到匹配的证书"
        "（编号不存在与姓名不符的回答相同）"
    )
    number: str | None = Field(None, description="证书编号（仅匹配时）")
    holder: str | None = Field(None, description="脱敏的持证人姓名，如 张*丰（仅匹配时）")
    programme: str | None = Field(None, description="培训项目（仅匹配时）")
    issued_on: datetime.date | None = Field(None, description="发证日期（仅匹配时）")
    expires_on: datetime.date | None = Field(None, description="有效期至；长期有效为 null")
    revoked_on: datetime.date | None = Field(None, description="撤销日期（仅已撤销）")
    verification_url: str | None = Field(None, description="证书查验页面（仅匹配时）")


class RateLimitedOut(Schema):
    detail: str
    retry_after: int = Field(description="再次查询前需等待的秒数（同 Retry-After 响应头）")


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def rate_limited(run):
    """Counts the attempt before the body is even parsed (bad requests count too)."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        retry_after = lookup.rate_limit(request)
        if retry_after is not None:
            body = {
                "detail": f"查询过于频繁，请 {retry_after} 秒后再试",
                "retry_after": retry_after,
            }
            response = HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=429,
                content_type="application/json; charset=utf-8",
            )
            response["Retry-After"] = str(retry_after)
            return _no_store(response)
        return _no_store(run(request, *args, **kwargs))

    return wrapper


@router.post(
    "/certificates/verify",
    # 400: bad values (ValidationErrorOut) or a body that is not JSON (ErrorOut).
    response={200: VerifyOut, 400: ValidationErrorOut | ErrorOut, 429: RateLimitedOut},
    summary="查验证书 Verify a certificate",
    description=(
        "证书编号和姓名都一致时返回证书状态和脱敏信息；编号不存在或姓名不符都返回 "
        '`{"result": "not_found"}`。每个客户端每分钟最多查询 10 次（可配置），超过返回 429 和 '
        "`Retry-After`。\n\nNumber **and** name must match; an unknown number and a wrong name "
        "give the same `not_found`. At most 10 attempts a minute per client (configurable), "
        "then 429 with `Retry-After`."
    ),
    operation_id="verify_certificate",
)
@decorate_view(rate_limited)
def verify(request, payload: VerifyIn):
    errors = []
    for param, problem in (
        ("number", lookup.number_problem(payload.number)),
        ("name", lookup.name_problem(payload.name)),
    ):
        if problem:
            errors.append({"loc": ("body", param), "msg": problem[1], "type": "value_error"})
    if errors:
        raise ValidationError(errors)
    match = lookup.find(payload.number, payload.name)
    if match is None:
        return {"result": "not_found"}
    certificate = match.certificate
    return {
        "result": match.state,
        "number": certificate.number,
        "holder": match.masked_name,
        "programme": certificate.programme.title,
        "issued_on": certificate.issued_on,
        "expires_on": certificate.expires_on,
        "revoked_on": certificate.revoked_on if match.state == "revoked" else None,
        "verification_url": verification_url(request, certificate),
    }
