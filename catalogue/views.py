"""Admin pages for the workbook import: upload → preview (a dry run) → confirm (the import).

The uploaded file is kept between the two steps in the default storage under ``imports/`` with a
random name (``MEDIA_ROOT/imports/`` on the file system, a bucket prefix on S3, so it works with
several app servers). The confirm step receives only a signed token naming that file, the user and
the publish choice, so nobody can point the importer at another path or replay someone else's
upload; publishing directly is for superusers only and is checked again when confirming.
"""

from __future__ import annotations

import datetime
import re
import secrets

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from .models import ProviderIndexPage
from .workbook import import_workbook

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_DIR = "imports"
SIGNING_SALT = "catalogue.views.workbook-import"
UPLOAD_MAX_AGE = 24 * 60 * 60  # seconds; older uploads are purged
_STORED_NAME = re.compile(rf"^{UPLOAD_DIR}/[0-9a-f]{{32}}\.xlsx$")


def _provider_index() -> ProviderIndexPage | None:
    return ProviderIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()


def can_import(user) -> bool:
    """Users who may add a provider page (under the provider directory) may import."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    index = _provider_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


class UploadForm(forms.Form):
    file = forms.FileField(
        label="工作簿文件",
        help_text="xlsx 格式，不超过 20 MB。",
        widget=forms.FileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    publish = forms.BooleanField(
        label="直接发布",
        required=False,
        help_text="仅超级管理员可选。不勾选时，导入的内容保存为草稿，经审核后发布。",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser:
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("只能上传 .xlsx 格式的工作簿（Excel 2007 及以上版本）。")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError("文件超过 20 MB 上限，请拆分后分批导入。")
        return upload


def _store(upload) -> str:
    name = default_storage.save(f"{UPLOAD_DIR}/{secrets.token_hex(16)}.xlsx", upload)
    if not _STORED_NAME.match(name):  # a storage that renamed the file: do not trust it
        default_storage.delete(name)
        raise PermissionDenied
    return name


def _purge_old_uploads() -> None:
    """Uploads previewed but never confirmed; best effort."""
    limit = timezone.now() - datetime.timedelta(seconds=UPLOAD_MAX_AGE)
    try:
        _, files = default_storage.listdir(UPLOAD_DIR)
        for filename in files:
            name = f"{UPLOAD_DIR}/{filename}"
            if _STORED_NAME.match(name) and default_storage.get_modified_time(name) < limit:
                default_storage.delete(name)
    except (OSError, NotImplementedError):
        pass


class _ImportViewMixin(WagtailAdminTemplateMixin):
    page_title = "导入工作簿"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["upload_url"] = reverse("catalogue_import")
        context["confirm_url"] = reverse("catalogue_import_confirm")
        index = _provider_index()
        context["explore_url"] = reverse("wagtailadmin_explore", args=[index.pk]) if index else ""
        return context


class ImportView(_ImportViewMixin, TemplateView):
    """Step 1 (GET): the upload form. Step 2 (POST): store the file, run a dry run, show it."""

    template_name = "catalogue/admin/import_upload.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm(user=request.user)))

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        _purge_old_uploads()
        publish = bool(form.cleaned_data.get("publish")) and request.user.is_superuser
        name = _store(form.cleaned_data["file"])
        with default_storage.open(name, "rb") as stored:
            result = import_workbook(stored, publish=publish, dry_run=True, user=request.user)
        token = None
        if result.ok:
            token = signing.dumps(
                {"file": name, "user": request.user.pk, "publish": publish}, salt=SIGNING_SALT
            )
        else:
            default_storage.delete(name)
        self.template_name = "catalogue/admin/import_preview.html"
        return self.render_to_response(
            self.get_context_data(
                result=result,
                token=token,
                filename=form.cleaned_data["file"].name,
                form=UploadForm(user=request.user),
            )
        )


class ConfirmImportView(_ImportViewMixin, TemplateView):
    """Step 3 (POST): import the previewed file."""

    template_name = "catalogue/admin/import_result.html"

    def get(self, request, *args, **kwargs):
        return redirect("catalogue_import")

    def post(self, request, *args, **kwargs):
        try:
            data = signing.loads(
                request.POST.get("token", ""), salt=SIGNING_SALT, max_age=UPLOAD_MAX_AGE
            )
        except signing.BadSignature:
            data = {}
        name = data.get("file") if isinstance(data, dict) else None
        if (
            not isinstance(name, str)
            or not _STORED_NAME.match(name)
            or data.get("user") != request.user.pk
        ):
            messages.error(request, "导入凭据无效或已过期，请重新上传工作簿。")
            return redirect("catalogue_import")
        if not default_storage.exists(name):
            messages.error(request, "上传的文件已不存在（可能已经导入过），请重新上传工作簿。")
            return redirect("catalogue_import")

        publish = bool(data.get("publish")) and request.user.is_superuser
        try:
            with default_storage.open(name, "rb") as stored:
                result = import_workbook(stored, publish=publish, dry_run=False, user=request.user)
        finally:
            default_storage.delete(name)
        if result.ok:
            messages.success(request, result.summary_lines()[0])
        else:
            messages.error(request, "导入失败，未写入任何数据。")
        return self.render_to_response(
            self.get_context_data(result=result, form=UploadForm(user=request.user))
        )
