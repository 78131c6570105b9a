"""Personal data of certificate holders (DESIGN.md §4).

- The 身份证号 is validated (check character), turned into a keyed hash and a masked form, and
  discarded: :func:`id_fingerprint` is the only way in. The hash is HMAC-SHA256 with
  ``settings.CERTIFICATE_HASH_KEY``; without the key nobody can test guesses against the stored
  hashes (an unkeyed hash of an 18-digit number with a known structure is easily brute-forced).
- Names are compared by :func:`names_match` in constant time: both names go through an HMAC, and
  the fixed-length digests are compared with :func:`hmac.compare_digest`.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.identifiers import id_number_problem, mask_id_number, normalise

MAX_NAME_LENGTH = 50

# The ways the separator in names such as 买买提·艾力 gets typed.
_NAME_DOTS = str.maketrans(dict.fromkeys("•‧・･∙⋅．.", "·"))


class IdFingerprint(NamedTuple):
    hash: str  # 64 hex characters
    masked: str  # 370102********123X


def _key() -> bytes:
    key = getattr(settings, "CERTIFICATE_HASH_KEY", "")
    if not key:
        raise ImproperlyConfigured("CERTIFICATE_HASH_KEY is not set.")
    return key.encode()


def hash_id_number(number: str) -> str:
    """The keyed hash of an ID number that is already normalised and valid."""
    return hmac.new(_key(), b"id:" + number.encode(), hashlib.sha256).hexdigest()


def id_fingerprint(value) -> IdFingerprint:
    """Validate an ID number and return its hash and masked form; raises ``ValueError`` with a
    Chinese reason (never containing the number) when it is not valid."""
    number = normalise(value)
    problem = id_number_problem(number)
    if problem:
        raise ValueError(problem)
    return IdFingerprint(hash_id_number(number), mask_id_number(number))


def mask_for_display(value) -> str:
    """An ID-like value made safe to show in an error report, valid or not."""
    text = normalise(value)
    if len(text) >= 10:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    return "*" * len(text)


def normalise_name(value) -> str:
    """Full-width folded, spaces dropped, the separator dot unified, case folded."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_NAME_DOTS)
    return "".join(text.split()).casefold()


def clean_name(value) -> str:
    """A name as stored: full-width folded, runs of spaces collapsed."""
    text = unicodedata.normalize("NFKC", str(value or "")).translate(_NAME_DOTS)
    return " ".join(text.split())


def _name_digest(name: str) -> bytes:
    # surrogatepass: a lone surrogate (possible in JSON) is just a name that matches nothing.
    text = normalise_name(name).encode("utf-8", "surrogatepass")
    return hmac.new(_key(), b"name:" + text, hashlib.sha256).digest()


def names_match(given: str, stored: str) -> bool:
    """Constant-time comparison of two names (same work whatever they are)."""
    return hmac.compare_digest(_name_digest(given), _name_digest(stored))


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜: the asker sees that it is the name they typed
    without the page spelling it out."""
    chars = list(clean_name(name).replace(" ", ""))
    if len(chars) <= 1:
        return "".join(chars)
    if len(chars) == 2:
        return chars[0] + "*"
    return chars[0] + "*" * (len(chars) - 2) + chars[-1]
