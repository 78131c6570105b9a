"""Cross-origin reads of the public API.

Integrators' browser apps (a city platform, a pilot-zone dashboard) may read ``/api/`` with GET
from the origins in ``CORS_ALLOWED_ORIGINS`` (``*`` for any). Only GET and HEAD are allowed
cross-origin, without credentials: the API is anonymous and read-only, and the certificate
lookup (POST) stays same-origin so that its rate limit cannot be spent from other sites' pages.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
PREFLIGHT_MAX_AGE = 86400


class ApiCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        origin = request.headers.get("Origin")
        allowed = self.allowed_origin(origin)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            if allowed and request.headers["Access-Control-Request-Method"] in {"GET", "HEAD"}:
                response["Access-Control-Allow-Origin"] = allowed
                response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
                response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
                response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            patch_vary_headers(response, ["Origin"])
            return response
        response = self.get_response(request)
        if allowed and request.method in {"GET", "HEAD"}:
            response["Access-Control-Allow-Origin"] = allowed
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        patch_vary_headers(response, ["Origin"])
        return response

    @staticmethod
    def allowed_origin(origin: str | None) -> str | None:
        if not origin:
            return None
        allowed = settings.CORS_ALLOWED_ORIGINS
        if "*" in allowed:
            return "*"
        return origin if origin in allowed else None
