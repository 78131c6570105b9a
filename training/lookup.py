"""Certificate lookup and verification (DESIGN.md §4), shared by ``/certificates/`` and
``POST /api/v1/certificates/verify``.

- The asker must give the number **and** the name. :func:`find` does the same work whether the
  number exists or not: one narrow query by number (the stored name, or no row), then a
  constant-time comparison of the names (keyed digests, :func:`training.personal.names_match`)
  against the stored name or a stand-in; only a match loads the certificate. Callers answer
  "not found" identically for an unknown number and a wrong name.
- :func:`rate_limit` counts attempts per client in fixed one-minute windows in Django's cache
  (Redis in production, so the count holds across app servers). Past
  ``CERTIFICATE_LOOKUP_RATE_LIMIT`` attempts the caller answers 429 with ``Retry-After`` (the
  seconds until the window ends). The form and the API share one count.
"""

from __future__ import annotations

import math
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .models import NUMBER_MAX_LENGTH, NUMBER_PATTERN, Certificate
from .personal import MAX_NAME_LENGTH, clean_name, mask_name, names_match

WINDOW_SECONDS = 60
DEFAULT_RATE_LIMIT = 10
_STAND_IN_NAME = "查无此证"

NUMBER_REQUIRED = "请输入证书编号"
NAME_REQUIRED = "请输入姓名"
NUMBER_INVALID = "证书编号格式不正确：应由字母、数字和连字符组成，如 SDSZ2025000123"
NUMBER_TOO_LONG = f"证书编号不能超过 {NUMBER_MAX_LENGTH} 个字符"
NAME_TOO_LONG = f"姓名不能超过 {MAX_NAME_LENGTH} 个字符"
NAME_INVALID = "姓名含有无法识别的控制字符"


def client_key(request) -> str:
    # Behind the reverse proxy REMOTE_ADDR is the proxy; it passes the client in X-Real-IP
    # (the same convention as the application form; docs/deploy.md).
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "") or "-"


def limit() -> int:
    return getattr(settings, "CERTIFICATE_LOOKUP_RATE_LIMIT", DEFAULT_RATE_LIMIT)


def rate_limit(request) -> int | None:
    """Count this attempt; the seconds to wait when the client is over the limit, else None."""
    allowed = limit()
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"training:lookup:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count <= allowed:
        return None
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


def normalise_number(value) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(text.split()).upper()


def number_problem(value) -> tuple[str, str] | None:
    """(code, Chinese message) when the number cannot be a certificate number."""
    raw = str(value or "")
    if len(raw) > NUMBER_MAX_LENGTH * 4:
        return "too_long", NUMBER_TOO_LONG
    number = normalise_number(raw)
    if not number:
        return "required", NUMBER_REQUIRED
    if len(number) > NUMBER_MAX_LENGTH:
        return "too_long", NUMBER_TOO_LONG
    if not NUMBER_PATTERN.match(number):
        return "invalid", NUMBER_INVALID
    return None


def name_problem(value) -> tuple[str, str] | None:
    raw = str(value or "")
    if len(raw) > MAX_NAME_LENGTH * 4:
        return "too_long", NAME_TOO_LONG
    if any(unicodedata.category(c) == "Cc" for c in raw.strip()):
        return "invalid", NAME_INVALID
    name = clean_name(raw)
    if not name:
        return "required", NAME_REQUIRED
    if len(name) > MAX_NAME_LENGTH:
        return "too_long", NAME_TOO_LONG
    return None


@dataclass(frozen=True)
class Match:
    certificate: Certificate
    state: str  # valid / revoked / expired
    masked_name: str


def find(number, name) -> Match | None:
    """The certificate when both the number and the name match, else None. The inputs must have
    passed :func:`number_problem` and :func:`name_problem`.

    An unknown number and a wrong name do the same work: one narrow query by number (the
    stored name, or no row), then the constant-time comparison against the stored name or a
    stand-in. Only a match loads the whole certificate with its programme (a second query)."""
    normalised = normalise_number(number)
    row = Certificate.objects.filter(number=normalised).values_list("pk", "holder_name").first()
    stored = row[1] if row is not None else _STAND_IN_NAME
    matched = names_match(name, stored)
    if row is None or not matched:
        return None
    certificate = Certificate.objects.select_related("programme").get(pk=row[0])
    return Match(certificate, certificate.state(), mask_name(certificate.holder_name))
