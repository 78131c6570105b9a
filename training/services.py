"""Writes to certificates: issuing (with the numbering scheme), revoking and reinstating.

Numbering scheme of certificates issued here: ``SDSZ`` + the four-digit year of the issue date +
a six-digit serial, counted per year from 000001 (``SDSZ2025000123`` is the 123rd certificate
numbered in 2025). The next serial is one more than the highest number of that year already on
the site, imported numbers included, so issuing never collides with an imported record; two
officers issuing at the same moment are kept apart by the unique constraint (the loser retries
with the next serial).

Revoking and reinstating need a reason; each is recorded in Wagtail's audit log
(``training.revoke`` / ``training.reinstate``, shown in the certificate's history).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import NUMBER_PREFIX, SCHEME_NUMBER, Certificate, ProgrammePage
from .personal import IdFingerprint, clean_name, id_fingerprint

NUMBER_ATTEMPTS = 5


class NotIssued(ValueError):
    """The assessment result does not allow a certificate; the message says why, in Chinese."""


def next_number(year: int) -> str:
    """The next number of the scheme for the year (an index range scan from the top)."""
    prefix = f"{NUMBER_PREFIX}{year:04d}"
    candidates = (
        Certificate.objects.filter(number__gte=f"{prefix}000000", number__lte=f"{prefix}999999")
        .order_by("-number")
        .values_list("number", flat=True)
    )
    serial = 1
    for number in candidates[:50]:
        match = SCHEME_NUMBER.match(number)
        if match and int(match[1]) == year:
            serial = int(match[2]) + 1
            break
    if serial > 999_999:
        raise NotIssued(f"{year}年的证书编号已用完")
    return f"{prefix}{serial:06d}"


def expiry_for(programme: ProgrammePage, issued_on: datetime.date) -> datetime.date | None:
    if not programme.validity_years:
        return None
    try:
        return issued_on.replace(year=issued_on.year + programme.validity_years)
    except ValueError:  # 29 February
        return issued_on.replace(year=issued_on.year + programme.validity_years, day=28)


def issue_certificate(
    *,
    programme: ProgrammePage,
    holder_name: str,
    id_number: str | IdFingerprint,
    score: Decimal | None,
    assessed_on: datetime.date,
    employer: str = "",
    issued_on: datetime.date | None = None,
    user=None,
) -> Certificate:
    """A new certificate for someone who passed the programme's assessment. The ID number is
    validated, hashed, masked and discarded (a form may have done it already and pass the
    ``IdFingerprint``)."""
    if isinstance(id_number, IdFingerprint):
        fingerprint = id_number
    else:
        try:
            fingerprint = id_fingerprint(id_number)
        except ValueError as error:
            raise NotIssued(f"身份证号无效：{error}") from None
    if score is None or Decimal(score) < programme.pass_mark:
        raise NotIssued(f"考核成绩未达到合格分数线（{programme.pass_mark} 分），不能发证")
    issued_on = issued_on or timezone.localdate()
    if assessed_on > issued_on:
        raise NotIssued("考核日期不能晚于发证日期")
    certificate = Certificate(
        holder_name=clean_name(holder_name),
        id_hash=fingerprint.hash,
        id_masked=fingerprint.masked,
        employer=clean_name(employer),
        programme=programme,
        score=score,
        assessed_on=assessed_on,
        issued_on=issued_on,
        expires_on=expiry_for(programme, issued_on),
    )
    for attempt in range(NUMBER_ATTEMPTS):
        certificate.number = next_number(issued_on.year)
        try:
            with transaction.atomic():
                certificate.save()
                log(
                    instance=certificate,
                    action="wagtail.create",
                    user=user,
                    data={"number": certificate.number},
                )
        except IntegrityError:
            certificate.pk = None
            if attempt == NUMBER_ATTEMPTS - 1:
                raise
            continue
        return certificate
    raise AssertionError("unreachable")


@transaction.atomic
def revoke(
    certificate: Certificate, *, reason: str, date: datetime.date | None = None, user=None
) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("撤销证书须写明原因")
    if certificate.status == Certificate.Status.REVOKED:
        raise ValueError("该证书已撤销")
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_on = date or timezone.localdate()
    certificate.revocation_reason = reason
    certificate.save(update_fields=["status", "revoked_on", "revocation_reason", "updated_at"])
    log(
        instance=certificate,
        action="training.revoke",
        user=user,
        data={"reason": reason, "date": certificate.revoked_on.isoformat()},
    )
    return certificate


@transaction.atomic
def reinstate(
    certificate: Certificate, *, reason: str, date: datetime.date | None = None, user=None
) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("恢复证书须写明原因")
    if certificate.status != Certificate.Status.REVOKED:
        raise ValueError("该证书未被撤销")
    previous = {
        "revoked_on": certificate.revoked_on.isoformat() if certificate.revoked_on else None,
        "revocation_reason": certificate.revocation_reason,
    }
    certificate.status = Certificate.Status.VALID
    certificate.revoked_on = None
    certificate.revocation_reason = ""
    certificate.save(update_fields=["status", "revoked_on", "revocation_reason", "updated_at"])
    log(
        instance=certificate,
        action="training.reinstate",
        user=user,
        data={
            "reason": reason,
            "date": (date or timezone.localdate()).isoformat(),
            "previous": previous,
        },
    )
    return certificate
