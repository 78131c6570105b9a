"""Public pages: the certificate lookup (``/certificates/``), the verification page reached by
the token printed on the certificate (``/certificates/v/<token>/``), its print view and PDF.

Nothing here shows an ID number, a full name or a score: the lookup and the verification record
show the masked name. Every response is ``Cache-Control: private, no-store`` (a revocation must
show at once, and answers are per asker) and ``noindex``.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import lookup
from .forms import LookupForm
from .models import Certificate
from .personal import mask_name
from .printing import certificate_pdf, qr_svg

TOKEN_MAX_LENGTH = 64


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def verification_url(request, certificate: Certificate) -> str:
    """The absolute verification link, always the Chinese (unprefixed) address: it is printed
    on the certificate and encoded in its QR code."""
    with translation.override("zh-hans"):
        path = reverse("certificate_verify", args=[certificate.token])
    return request.build_absolute_uri(path)


def _lookup_page(request, context: dict, status: int = 200):
    context.setdefault("limit", lookup.limit())
    return _private(TemplateResponse(request, "training/lookup.html", context, status=status))


@require_http_methods(["GET", "POST"])
def lookup_view(request):
    if request.method == "GET":
        return _lookup_page(request, {"form": LookupForm()})

    retry_after = lookup.rate_limit(request)
    if retry_after is not None:
        response = _lookup_page(
            request,
            {"form": LookupForm(), "rate_limited": True, "retry_after": retry_after},
            status=429,
        )
        response["Retry-After"] = str(retry_after)
        return response

    form = LookupForm(request.POST)
    context = {"form": form}
    if form.is_valid():
        match = lookup.find(form.cleaned_data["number"], form.cleaned_data["name"])
        context["searched"] = True
        if match is not None:
            context["match"] = match
            context["verification_url"] = verification_url(request, match.certificate)
            # Do not write the full name back into the page: the asker knows it.
            context["form"] = LookupForm()
    return _lookup_page(request, context)


def _certificate_by_token(token: str) -> Certificate:
    if len(token) > TOKEN_MAX_LENGTH:
        raise Http404
    return get_object_or_404(Certificate.objects.select_related("programme"), token=token)


def _record(request, certificate: Certificate) -> dict:
    today = timezone.localdate()
    return {
        "certificate": certificate,
        "state": certificate.state(today),
        "masked_name": mask_name(certificate.holder_name),
        "verification_url": verification_url(request, certificate),
        "programme_url": (
            certificate.programme.get_url(request) if certificate.programme.live else None
        ),
        "today": today,
    }


@require_GET
def verify_view(request, token: str):
    certificate = _certificate_by_token(token)
    return _private(
        TemplateResponse(request, "training/verify.html", _record(request, certificate))
    )


@require_GET
def print_view(request, token: str):
    certificate = _certificate_by_token(token)
    context = _record(request, certificate)
    context.update(document=printable(request, certificate, full=False))
    return _private(TemplateResponse(request, "training/print.html", context))


@require_GET
def pdf_view(request, token: str):
    certificate = _certificate_by_token(token)
    return pdf_response(printable(request, certificate, full=False))


def printable(request, certificate: Certificate, *, full: bool) -> dict:
    """The texts of the printed document: the full certificate for officers (``full``), the
    public verification record otherwise."""
    state = certificate.state()
    url = verification_url(request, certificate)
    # The PDF and the print view are in Chinese: the certificate's own language.
    with translation.override("zh-hans"):
        programme = certificate.programme.title
        lines = [("证书编号", certificate.number)]
        if full:
            lines += [
                ("姓名", certificate.holder_name),
                ("身份证号", certificate.id_masked),
                ("工作单位", certificate.employer or "—"),
            ]
        else:
            lines.append(("持证人", mask_name(certificate.holder_name)))
        lines.append(("培训项目", programme))
        if full and certificate.score is not None:
            lines.append(("考核成绩", f"{certificate.score:g}"))
        if full and certificate.assessed_on:
            lines.append(("考核日期", _cn_date(certificate.assessed_on)))
        lines.append(("发证日期", _cn_date(certificate.issued_on)))
        lines.append(
            (
                "有效期至",
                _cn_date(certificate.expires_on) if certificate.expires_on else "长期有效",
            )
        )
        if state == "revoked":
            status = "证书状态：已撤销" + (
                f"（{_cn_date(certificate.revoked_on)}）" if certificate.revoked_on else ""
            )
        elif state == "expired":
            status = f"证书状态：已过期（{_cn_date(certificate.expires_on)}）"
        else:
            status = "证书状态：有效"
        statement = ""
        if full:
            statement = (
                f"{certificate.holder_name}同志参加“{programme}”培训，"
                "经实践应用考核合格，准予结业，特发此证。"
            )
        else:
            statement = f"经查验，编号为 {certificate.number} 的证书记录如下。"
    return {
        "kind": "certificate" if full else "record",
        "number": certificate.number,
        "lines": lines,
        "statement": statement,
        "status": status,
        "revoked": state == "revoked",
        "url": url,
        "qr_svg": qr_svg(url, title=_("证书查验二维码")),
    }


def _cn_date(date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def pdf_response(document: dict) -> HttpResponse:
    response = HttpResponse(certificate_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document["number"]}.pdf"'
    return _private(response)
