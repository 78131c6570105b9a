"""导入证书: the workbook upload of ``catalogue.views`` (upload → preview → confirm) for the
证书管理 group, which may not import providers or cases and so cannot use 导入工作簿.

Same steps, same signed-token handling, same import (``catalogue.workbook.import_workbook``);
only the permission differs (the certificate permissions) and a workbook with any template
sheet other than 证书 is refused before anything is read.
"""

from __future__ import annotations

import warnings

import openpyxl
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from catalogue import views as catalogue_views
from catalogue.workbook import name_key, template_sheets

from .workbook import SHEET

ONLY_CERTIFICATES = "此处只导入“证书”工作表；工作簿中还有“{sheets}”，请删除这些工作表后再上传。"


def can_import_certificates(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and user.has_perm("training.add_certificate")
        and user.has_perm("training.change_certificate")
    )


def other_sheets(fileobj) -> list[str]:
    """The template sheets other than 证书 in the workbook (an unreadable file gives none: the
    import itself reports it)."""
    try:
        fileobj.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(fileobj, read_only=True)
        names = list(book.sheetnames)
        book.close()
    except Exception:
        return []
    finally:
        fileobj.seek(0)
    known = set(template_sheets())
    return [name for name in map(name_key, names) if name in known and name != SHEET]


class _CertificateImportMixin:
    page_title = "导入证书"

    def dispatch(self, request, *args, **kwargs):
        if not can_import_certificates(request.user):
            raise PermissionDenied
        # Skip the catalogue's own check (can_import: provider editors).
        return TemplateView.dispatch(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_url"] = reverse("training_certificate_import")
        context["confirm_url"] = reverse("training_certificate_import_confirm")
        context["explore_url"] = reverse("certificates:index")
        return context


class CertificateImportView(_CertificateImportMixin, catalogue_views.ImportView):
    template_name = "training/admin/import_upload.html"

    def post(self, request, *args, **kwargs):
        upload = request.FILES.get("file")
        if upload is not None:
            sheets = other_sheets(upload)
            if sheets:
                form = catalogue_views.UploadForm(user=request.user)
                context = self.get_context_data(form=form)
                context["sheet_error"] = ONLY_CERTIFICATES.format(sheets="”“".join(sheets))
                return self.render_to_response(context)
        return super().post(request, *args, **kwargs)


class CertificateImportConfirmView(_CertificateImportMixin, catalogue_views.ConfirmImportView):
    def get(self, request, *args, **kwargs):
        return redirect("training_certificate_import")
