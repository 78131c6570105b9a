"""Forms: the public lookup, and the officers' issue / edit / revoke forms in the admin."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.identifiers import id_number_problem

from . import lookup
from .models import Certificate, ProgrammePage
from .personal import MAX_NAME_LENGTH, clean_name, id_fingerprint

# Messages of the lookup form, translated for /en/.
LOOKUP_MESSAGES = {
    lookup.NUMBER_REQUIRED: _("请输入证书编号"),
    lookup.NAME_REQUIRED: _("请输入姓名"),
    lookup.NUMBER_INVALID: _("证书编号格式不正确：应由字母、数字和连字符组成，如 SDSZ2025000123"),
    lookup.NUMBER_TOO_LONG: _("证书编号不能超过 32 个字符"),
    lookup.NAME_TOO_LONG: _("姓名不能超过 50 个字符"),
    lookup.NAME_INVALID: _("姓名含有无法识别的控制字符"),
}


class LookupForm(forms.Form):
    """Number and name. Lengths are checked in ``clean_*`` (not ``max_length``) so that an
    over-long value gets the same plain message as the API, and the page is not asked to echo
    10,000 characters back."""

    number = forms.CharField(
        label=_("证书编号"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "SDSZ2025000123"}
        ),
    )
    name = forms.CharField(
        label=_("姓名"), required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = []  # our own checks below, with plain messages

    def clean_number(self):
        value = self.cleaned_data.get("number", "")
        problem = lookup.number_problem(value)
        if problem:
            raise forms.ValidationError(LOOKUP_MESSAGES[problem[1]], code=problem[0])
        return lookup.normalise_number(value)

    def clean_name(self):
        value = self.cleaned_data.get("name", "")
        problem = lookup.name_problem(value)
        if problem:
            raise forms.ValidationError(LOOKUP_MESSAGES[problem[1]], code=problem[0])
        return clean_name(value)

    def safe_value(self, field: str) -> str:
        """The submitted value to show again in the field."""
        value = self.data.get(field, "")
        limit = 32 if field == "number" else MAX_NAME_LENGTH
        if len(value) > limit * 4 or id_number_problem(value) is None:
            return ""  # over-long, or someone typed an ID number: do not write it back
        return value


class NoEchoTextInput(forms.TextInput):
    """A text box that never writes the submitted value back into the page (an ID number must
    not travel back in the HTML when the form has an error)."""

    def format_value(self, value):
        return None


class IdNumberField(forms.CharField):
    """An ID number that is validated, hashed and masked in ``clean``; the form never keeps
    the number (cleaned value: a ``training.personal.IdFingerprint``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text",
            _(
                "只用于核对校验位和识别同一人的证书：保存的是密钥散列和脱敏号码，不保存身份证号本身。"
            ),
        )
        kwargs.setdefault("widget", NoEchoTextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return id_fingerprint(value)
        except ValueError as error:
            raise forms.ValidationError(
                _("身份证号无效：%(reason)s") % {"reason": error}, code="invalid_id"
            ) from None


def _programme_choices():
    return ProgrammePage.objects.filter(locale__language_code="zh-hans").order_by("path")


class IssueForm(WagtailAdminModelForm):
    """Issue a certificate from an assessment result (the number is assigned on saving)."""

    id_number = IdNumberField(label=_("身份证号"), required=True)

    class Meta:
        model = Certificate
        fields = ["programme", "holder_name", "employer", "score", "assessed_on", "issued_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _programme_choices()
        self.fields["score"].required = True
        self.fields["assessed_on"].required = True
        self.fields["issued_on"].initial = timezone.localdate
        self.fields["issued_on"].help_text = _(
            "证书编号在保存时按规则生成：SDSZ + 发证年份 + 当年六位流水号。"
        )
        self.order_fields(
            ["programme", "holder_name", "id_number", "employer", "score", "assessed_on"]
        )

    def clean_holder_name(self):
        return clean_name(self.cleaned_data["holder_name"])

    def clean(self):
        cleaned = super().clean()
        programme, score = cleaned.get("programme"), cleaned.get("score")
        if programme is not None and score is not None and score < programme.pass_mark:
            self.add_error(
                "score",
                _("考核成绩未达到该项目的合格分数线（%(mark)s 分），不能发证。")
                % {"mark": programme.pass_mark},
            )
        assessed, issued = cleaned.get("assessed_on"), cleaned.get("issued_on")
        if assessed and issued and assessed > issued:
            self.add_error("assessed_on", _("考核日期不能晚于发证日期。"))
        return cleaned


class CertificateEditForm(WagtailAdminModelForm):
    """Correct a certificate's details. The status changes only by revoking or reinstating."""

    id_number = IdNumberField(
        label=_("重新录入身份证号"),
        required=False,
        help_text=_("留空则不变。录入后只保存密钥散列和脱敏号码。"),
    )

    class Meta:
        model = Certificate
        fields = [
            "holder_name",
            "employer",
            "programme",
            "score",
            "assessed_on",
            "issued_on",
            "expires_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _programme_choices()

    def clean_holder_name(self):
        return clean_name(self.cleaned_data["holder_name"])

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("有效期须晚于发证日期。"))
        return cleaned

    def save(self, commit=True):
        fingerprint = self.cleaned_data.get("id_number")
        if fingerprint:
            self.instance.id_hash, self.instance.id_masked = fingerprint
        return super().save(commit=commit)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("原因"),
        max_length=500,
        widget=forms.Textarea({"rows": 3}),
        required=True,
        error_messages={"required": _("请写明原因。")},
    )
    date = forms.DateField(label=_("日期"), initial=timezone.localdate)

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("请写明原因。"))
        return reason

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("日期不能晚于今天。"))
        return date
