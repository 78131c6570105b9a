"""Pieces shared by the v1 API's routers and the ``NinjaAPI`` instance in ``portal.api``: the
error bodies, the 400 conversion of validation errors and the cache headers.

Kept apart from ``portal.api`` so that routers (``catalogue.api``) can import them without a
circular import: ``portal.api`` imports the routers.
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

CACHE_MAX_AGE = 60


class UnicodeJSONRenderer(JSONRenderer):
    """UTF-8 JSON: Chinese names as they are, not as ``\\uXXXX`` escapes."""

    json_dumps_params = {"ensure_ascii": False}


class ErrorItem(Schema):
    param: str
    message: str


class ErrorOut(Schema):
    """The body of every error response other than 400."""

    detail: str


class ValidationErrorOut(Schema):
    """The body of a 400 response: what is wrong with which parameter."""

    detail: str
    errors: list[ErrorItem]


# Chinese messages for the pydantic error types the API's parameters can produce.
_MESSAGES = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "应小于 {lt}",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "literal_error": "应为以下取值之一：{expected}",
    "enum": "应为以下取值之一：{expected}",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "decimal_parsing": "应为数字",
    "float_parsing": "应为数字",
    "missing": "缺少此参数",
}


def _message(error: dict) -> str:
    template = _MESSAGES.get(error.get("type", ""))
    if template:
        try:
            return template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            pass
    return str(error.get("msg") or "无效")


def _param(error: dict) -> str:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    # A repeated parameter is reported with its position (category.1): keep the name.
    loc = [part for part in loc if not part.isdigit()]
    return loc[-1] if loc else ""


def parameter_error(param: str, message: str) -> ValidationError:
    """A 400 about one parameter, for checks a schema cannot express."""
    return ValidationError([{"loc": ("query", param), "msg": message, "type": "value_error"}])


def install_error_handlers(api: NinjaAPI) -> None:
    """400 for bad parameters (ninja's default is 422 with pydantic's own list), and
    ``{"detail": …}`` for 404 and other HTTP errors."""

    def on_validation_error(request, exc: ValidationError):
        errors = [{"param": _param(error), "message": _message(error)} for error in exc.errors]
        names = "、".join(dict.fromkeys(e["param"] for e in errors if e["param"]))
        detail = f"请求参数无效：{names}" if names else "请求参数无效"
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    def on_not_found(request, exc: Http404):
        return api.create_response(request, {"detail": str(exc) or "未找到"}, status=404)

    def on_http_error(request, exc: HttpError):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(HttpError, on_http_error)


def public_cache(run):
    """``Cache-Control: public, max-age=60`` on a successful (2xx) or 410 GET response; error
    responses are not marked cacheable. Apply with ``ninja.decorators.decorate_view``."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and (
            200 <= response.status_code < 300 or response.status_code == 410
        ):
            patch_cache_control(response, public=True, max_age=CACHE_MAX_AGE)
        return response

    return wrapper
