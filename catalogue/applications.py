"""Public applications (申报): the form, the refusals, and what a submission creates.

A valid application becomes a draft provider page (status 申报中) submitted to the review
workflow; the applicant gets a reference number and a private status page. Refused with a
clear message: a code on the integrity blacklist (until its end date), a code already in the
pool (the annual update is the way to change its information), a duplicate still in review.
"""

import datetime
import secrets
from pathlib import Path

from anyascii import anyascii
from django import forms
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.identifiers import normalise, uscc_problem
from portal.translation import sync_english_aliases

from . import services, taxonomy
from .models import (
    Application,
    Category,
    Industry,
    ProviderIndexPage,
    ProviderPage,
    Region,
    Status,
    StatusChange,
    Subtype,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf": b"%PDF", ".docx": b"PK", ".xlsx": b"PK", ".zip": b"PK"}
RATE_LIMIT = 5  # submissions per client per hour
PLEDGE = _(
    "本单位承诺：所提交的申报材料真实、准确、完整，不存在弄虚作假行为；"
    "如有不实，自愿承担取消当年及此后三年申报资格等后果。"
)


def _terms(model):
    return taxonomy.canonical(model).order_by("sort_order", "id")


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("服务商名称"), max_length=100)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=30)
    region = forms.ModelChoiceField(label=_("所在地区"), queryset=Region.objects.none())
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    website = forms.URLField(label=_("网址"), required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("联系人"), max_length=50)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30)
    categories = forms.ModelMultipleChoiceField(
        label=_("服务商类别"), queryset=Category.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    subtypes = forms.ModelMultipleChoiceField(
        label=_("细分类型"),
        queryset=Subtype.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    industries = forms.ModelMultipleChoiceField(
        label=_("服务行业"),
        queryset=Industry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    introduction = forms.CharField(label=_("服务商简介"), max_length=5000, widget=forms.Textarea)
    solutions_summary = forms.CharField(
        label=_("解决方案（产品）"), max_length=5000, required=False, widget=forms.Textarea
    )
    cases_summary = forms.CharField(
        label=_("典型案例"), max_length=5000, required=False, widget=forms.Textarea
    )
    attachment = forms.FileField(
        label=_("申报材料（PDF、DOCX、XLSX 或 ZIP，不超过 10 MB）"), required=False
    )
    pledge = forms.BooleanField(label=PLEDGE, required=True)
    # Hidden from people by CSS; bots fill every field.
    homepage = forms.CharField(required=False, label=_("请勿填写"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = _terms(Region)
        self.fields["categories"].queryset = _terms(Category)
        self.fields["subtypes"].queryset = _terms(Subtype).select_related("category")
        self.fields["industries"].queryset = _terms(Industry)

    def clean_uscc(self):
        code = normalise(self.cleaned_data["uscc"])
        problem = uscc_problem(code)
        if problem:
            raise forms.ValidationError(problem)
        entry = services.blacklist_entry_for(code)
        if entry:
            raise forms.ValidationError(
                _("该统一社会信用代码已列入申报失信黑名单，%(end)s 前不得申报。")
                % {"end": entry.end_date.isoformat()}
            )
        existing = ProviderPage.objects.filter(uscc=code, locale=Locale.get_default()).first()
        if existing and existing.status == Status.APPLIED:
            raise forms.ValidationError(_("该单位已有申报正在审核中，请勿重复提交。"))
        if existing and existing.status != Status.REMOVED:
            raise forms.ValidationError(
                _("该单位已在资源池中：请通过年度信息更新（每年3月31日前）修改信息，无需重新申报。")
            )
        return code

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ATTACHMENT_TYPES:
            raise forms.ValidationError(_("只接受 PDF、DOCX、XLSX 或 ZIP 文件。"))
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("文件不能超过 10 MB。"))
        head = upload.read(4)
        upload.seek(0)
        if not head.startswith(ATTACHMENT_TYPES[suffix]):
            raise forms.ValidationError(_("文件内容与扩展名不符。"))
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            raise forms.ValidationError(_("提交失败，请刷新页面后重试。"))
        categories, subtypes = cleaned.get("categories"), cleaned.get("subtypes")
        if categories and subtypes:
            stray = [s.name for s in subtypes if s.category not in categories]
            if stray:
                self.add_error(
                    "subtypes",
                    _("细分类型须属于所选类别：%(names)s") % {"names": "、".join(stray)},
                )
        return cleaned


def rate_limited(client_key: str) -> bool:
    """True once a client has submitted RATE_LIMIT applications within the hour."""
    key = f"applications:rate:{client_key}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60 * 60)
        count = 1
    return count > RATE_LIMIT


def _reference(today: datetime.date) -> str:
    return f"SB{today:%Y%m}{secrets.randbelow(10**6):06d}"


@transaction.atomic
def submit(form: ApplicationForm) -> Application:
    data = form.cleaned_data
    index = ProviderIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    if index is None:
        raise RuntimeError("The site has no provider directory to file applications under.")
    today = timezone.localdate()
    slug = slugify(anyascii(data["name"]))[:60] or "provider"
    if ProviderPage.objects.filter(slug=slug).exists():
        slug = f"{slug}-{data['uscc'][-6:].lower()}"
    provider = ProviderPage(
        title=data["name"],
        slug=slug,
        uscc=data["uscc"],
        region=data["region"],
        address=data["address"],
        website=data["website"],
        contact_name=data["contact_name"],
        contact_phone=data["contact_phone"],
        introduction=data["introduction"],
        status=Status.APPLIED,
        live=False,
    )
    provider.status_changes.add(
        StatusChange(status=Status.APPLIED, date=today, reason="提交申报（已签署诚信申报承诺书）")
    )
    index.add_child(instance=provider)
    provider.categories.set(data["categories"])
    provider.subtypes.set(data["subtypes"])
    provider.industries.set(data["industries"])
    provider.save()
    provider.save_revision()
    sync_english_aliases([provider])

    application = Application(
        provider=provider,
        token=secrets.token_urlsafe(32),
        solutions_summary=data["solutions_summary"],
        cases_summary=data["cases_summary"],
        pledge_accepted_at=timezone.now(),
    )
    while True:
        application.reference = _reference(today)
        if not Application.objects.filter(reference=application.reference).exists():
            break
    if data.get("attachment"):
        application.attachment = data["attachment"]
    application.save()

    workflow = provider.get_workflow()
    if workflow is not None:
        workflow.start(provider, None)
    return application


def state_of(application: Application) -> dict:
    """What the applicant may know about its application."""
    provider = application.provider
    provider.refresh_from_db()
    state = provider.current_workflow_state
    if provider.live and provider.status == Status.SELECTED:
        return {"code": "selected", "label": _("已入选")}
    if state is None:
        if provider.status == Status.APPLIED:
            return {"code": "received", "label": _("已受理，等待评审")}
        return {"code": "closed", "label": _("审核已结束")}
    if state.status == state.STATUS_NEEDS_CHANGES:
        return {"code": "needs_changes", "label": _("需补充材料，请留意协会通知")}
    task = state.current_task_state.task.name if state.current_task_state else ""
    return {"code": "in_review", "label": _("审核中：%(step)s") % {"step": task}}
