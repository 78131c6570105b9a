"""Admin views for certificate officers (证书管理): the certificate listing and forms (a
``ModelViewSet``), revoke / reinstate, the printable certificate, and the talent pool
(人才培育库: people grouped by the hash of their ID number).

Exports (CSV/XLSX) carry the masked ID number only; the hash is never shown.
"""

from __future__ import annotations

import csv
import io

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from . import services
from .forms import CertificateEditForm, IssueForm, ReasonForm
from .models import Certificate, ProgrammePage
from .views import pdf_response, printable

TALENT_POOL_PAGE_SIZE = 50


def _programmes():
    return ProgrammePage.objects.filter(locale__language_code="zh-hans").order_by("path")


STATE_CHOICES = [("valid", _("有效")), ("expired", _("已过期")), ("revoked", _("已撤销"))]


def filter_state(queryset, state: str):
    today = timezone.localdate()
    if state == "valid":
        return queryset.in_force(today)
    if state == "expired":
        return queryset.filter(status=Certificate.Status.VALID, expires_on__lt=today)
    if state == "revoked":
        return queryset.filter(status=Certificate.Status.REVOKED)
    return queryset


class CertificateFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("状态"), choices=STATE_CHOICES, method="filter_state", empty_label=_("全部")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("培训项目"), queryset=lambda request: _programmes(), empty_label=_("全部")
    )
    issued_on = django_filters.DateFromToRangeFilter(
        label=_("发证日期"), widget=DateRangePickerWidget
    )
    employer = django_filters.CharFilter(label=_("工作单位"), lookup_expr="icontains")

    class Meta:
        model = Certificate
        fields = ["state", "programme", "issued_on", "employer"]

    def filter_state(self, queryset, name, value):
        return filter_state(queryset, value)


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("programme")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        if user.has_perm("training.revoke_certificate"):
            if instance.status == Certificate.Status.REVOKED:
                buttons.append(
                    ListingButton(
                        _("恢复证书"),
                        url=reverse("training_certificate_reinstate", args=[instance.pk]),
                        icon_name="undo",
                        priority=40,
                    )
                )
            else:
                buttons.append(
                    ListingButton(
                        _("撤销证书"),
                        url=reverse("training_certificate_revoke", args=[instance.pk]),
                        icon_name="warning",
                        priority=40,
                    )
                )
        buttons.append(
            ListingButton(
                _("打印证书"),
                url=reverse("training_certificate_print", args=[instance.pk]),
                icon_name="doc-full",
                priority=50,
            )
        )
        return buttons


class IssueView(CreateView):
    """Issue a certificate: the number comes from ``services.issue_certificate``."""

    def save_instance(self):
        data = self.form.cleaned_data
        try:
            return services.issue_certificate(
                programme=data["programme"],
                holder_name=data["holder_name"],
                id_number=data["id_number"],
                employer=data.get("employer") or "",
                score=data["score"],
                assessed_on=data["assessed_on"],
                issued_on=data.get("issued_on"),
                user=self.request.user,
            )
        except services.NotIssued as error:
            raise _FormRejected(str(error)) from error

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except _FormRejected as rejected:
            form.add_error(None, str(rejected))
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("证书 %(number)s 已发放。") % {"number": instance.number}


class _FormRejected(Exception):
    pass


class CertificateEditView(EditView):
    pass


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("证书管理")
    menu_order = 330
    add_to_admin_menu = True
    name = "certificates"
    index_view_class = CertificateIndexView
    add_view_class = IssueView
    edit_view_class = CertificateEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    list_display = [
        "number",
        "holder_name",
        "id_masked",
        "programme",
        "issued_on",
        Column("state_label", label=_("状态")),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["number", "holder_name", "employer"]
    search_backend_name = None  # plain model: search with the ORM
    ordering = ["-issued_on", "-number"]
    inspect_view_fields = [
        "number",
        "holder_name",
        "id_masked",
        "employer",
        "programme",
        "score",
        "assessed_on",
        "issued_on",
        "expires_on",
        "status",
        "revoked_on",
        "revocation_reason",
        "created_at",
        "updated_at",
    ]
    list_export = [
        "number",
        "holder_name",
        "id_masked",
        "employer",
        "programme.title",
        "score",
        "assessed_on",
        "issued_on",
        "expires_on",
        "state_label",
        "revoked_on",
        "revocation_reason",
    ]
    export_headings = {
        "number": _("证书编号"),
        "holder_name": _("姓名"),
        "id_masked": _("身份证号（脱敏）"),
        "employer": _("工作单位"),
        "programme.title": _("培训项目"),
        "score": _("考核成绩"),
        "assessed_on": _("考核日期"),
        "issued_on": _("发证日期"),
        "expires_on": _("有效期至"),
        "state_label": _("状态"),
        "revoked_on": _("撤销日期"),
        "revocation_reason": _("撤销原因"),
    }
    export_filename = "certificates"

    def get_form_class(self, for_update=False):
        return CertificateEditForm if for_update else IssueForm


# --- Revoke / reinstate -----------------------------------------------------------------------


class _CertificateActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "training/admin/certificate_action.html"
    form_class = ReasonForm
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("training.revoke_certificate"):
            raise PermissionDenied
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("programme"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.certificate.number

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["certificate"] = self.certificate
        context["action"] = self.action
        return context

    def form_valid(self, form):
        try:
            self.run(form.cleaned_data)
        except ValueError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"number": self.certificate.number})
        return redirect("certificates:index")


class RevokeView(_CertificateActionView):
    page_title = _("撤销证书")
    action = "revoke"
    success_message = _("证书 %(number)s 已撤销。")

    def run(self, data):
        services.revoke(
            self.certificate, reason=data["reason"], date=data["date"], user=self.request.user
        )


class ReinstateView(_CertificateActionView):
    page_title = _("恢复证书")
    action = "reinstate"
    success_message = _("证书 %(number)s 已恢复为有效。")

    def run(self, data):
        services.reinstate(
            self.certificate, reason=data["reason"], date=data["date"], user=self.request.user
        )


def _require_view(request):
    if not request.user.has_perm("training.view_certificate"):
        raise PermissionDenied


def certificate_print(request, pk: int):
    """The full certificate (name, masked ID number, score) to print, with its QR code."""
    from django.template.response import TemplateResponse

    _require_view(request)
    certificate = get_object_or_404(Certificate.objects.select_related("programme"), pk=pk)
    response = TemplateResponse(
        request,
        "training/print.html",
        {
            "certificate": certificate,
            "document": printable(request, certificate, full=True),
            "pdf_url": reverse("training_certificate_pdf", args=[pk]),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_pdf(request, pk: int):
    _require_view(request)
    certificate = get_object_or_404(Certificate.objects.select_related("programme"), pk=pk)
    return pdf_response(printable(request, certificate, full=True))


# --- Talent pool ------------------------------------------------------------------------------


class TalentPoolFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名或工作单位"), required=False, max_length=100)
    programme = forms.ModelChoiceField(
        label=_("培训项目"), queryset=_programmes(), required=False, empty_label=_("全部")
    )
    year = forms.IntegerField(label=_("发证年份"), required=False, min_value=2000, max_value=2100)
    state = forms.ChoiceField(
        label=_("证书状态"),
        choices=[("", _("全部")), ("valid", _("持有有效证书"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = _programmes()


class TalentPoolView(WagtailAdminTemplateMixin, TemplateView):
    """人才培育库: one row per person (certificates sharing the ID hash)."""

    template_name = "training/admin/talent_pool.html"
    page_title = _("人才培育库")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("training.view_talent_pool"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = TalentPoolFilterForm(request.GET or None)
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def certificates(self):
        """The certificates the filters select."""
        queryset = Certificate.objects.all()
        if self.form.is_bound and self.form.is_valid():
            data = self.form.cleaned_data
            if data["q"]:
                queryset = queryset.filter(
                    Q(holder_name__icontains=data["q"]) | Q(employer__icontains=data["q"])
                )
            if data["programme"]:
                queryset = queryset.filter(programme=data["programme"])
            if data["year"]:
                queryset = queryset.filter(issued_on__year=data["year"])
            if data["state"] == "valid":
                queryset = queryset.in_force()
        return queryset

    def people(self):
        """One row per ID hash: certificate count, first and latest issue, valid count."""
        today = timezone.localdate()
        return (
            self.certificates()
            .values("id_hash")
            .annotate(
                certificate_count=Count("id"),
                first_issued=Min("issued_on"),
                latest_issued=Max("issued_on"),
                valid_count=Count(
                    "id",
                    filter=Q(status=Certificate.Status.VALID)
                    & (Q(expires_on__isnull=True) | Q(expires_on__gte=today)),
                ),
            )
            .order_by("-latest_issued", "id_hash")
        )

    def attach(self, rows: list[dict]) -> list[dict]:
        """Each person's certificates (all of them, not only the filtered), in one query."""
        hashes = [row["id_hash"] for row in rows]
        by_hash: dict[str, list[Certificate]] = {h: [] for h in hashes}
        for certificate in (
            Certificate.objects.filter(id_hash__in=hashes)
            .select_related("programme")
            .order_by("-issued_on", "-number")
        ):
            by_hash[certificate.id_hash].append(certificate)
        for row in rows:
            certificates = by_hash[row["id_hash"]]
            latest = certificates[0] if certificates else None
            row["certificates"] = certificates
            row["name"] = latest.holder_name if latest else ""
            row["id_masked"] = latest.id_masked if latest else ""
            row["employer"] = latest.employer if latest else ""
            row["names"] = sorted({c.holder_name for c in certificates})
            row["programmes"] = list(dict.fromkeys(c.programme.title for c in certificates))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(self.people(), TALENT_POOL_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            form=self.form or TalentPoolFilterForm(),
            page_obj=page,
            people=self.attach(list(page.object_list)),
            total=paginator.count,
            query=self.request.GET.copy(),
        )
        return context

    def export(self, fmt: str):
        headings = [
            "姓名",
            "身份证号（脱敏）",
            "工作单位",
            "证书数",
            "有效证书数",
            "证书编号",
            "培训项目",
            "首次发证日期",
            "最近发证日期",
        ]
        rows = []
        people = list(self.people())
        for start in range(0, len(people), 1000):
            for person in self.attach(people[start : start + 1000]):
                rows.append(
                    [
                        person["name"],
                        person["id_masked"],
                        person["employer"],
                        person["certificate_count"],
                        person["valid_count"],
                        "、".join(c.number for c in person["certificates"]),
                        "、".join(person["programmes"]),
                        person["first_issued"],
                        person["latest_issued"],
                    ]
                )
        stamp = timezone.localdate().strftime("%Y%m%d")
        if fmt == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")  # Excel opens UTF-8 CSV with a BOM correctly
            writer = csv.writer(buffer)
            writer.writerow(headings)
            writer.writerows(rows)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            import openpyxl

            workbook = openpyxl.Workbook(write_only=True)
            sheet = workbook.create_sheet("人才培育库")
            sheet.append(headings)
            for row in rows:
                sheet.append(row)
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="talent-pool-{stamp}.{fmt}"'
        return response
