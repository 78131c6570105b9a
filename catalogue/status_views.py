"""Admin: the management dashboard, and changing a provider's standing (整改 with a deadline,
清退, 恢复) with a reason.

Each change is dated, written to the public timeline, published, and recorded in Wagtail's
audit log. Only users who may publish the provider's page (the association's approvers and
administrators) can do it.
"""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import dashboards, services
from .models import ProviderPage, Status

ACTIONS = [
    (Status.RECTIFYING, _("责令整改")),
    (Status.REMOVED, _("清退出资源池")),
    (Status.SELECTED, _("恢复为入选")),
]


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("操作"), choices=ACTIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("原因"), max_length=500, widget=forms.Textarea({"rows": 3}), required=True
    )
    date = forms.DateField(label=_("日期"), initial=timezone.localdate)
    deadline = forms.DateField(label=_("整改期限"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.RECTIFYING:
            deadline, date = cleaned.get("deadline"), cleaned.get("date")
            if not deadline:
                self.add_error("deadline", _("责令整改须写明整改期限。"))
            elif date and deadline <= date:
                self.add_error("deadline", _("整改期限须晚于变更日期。"))
        if not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("请写明原因。"))
        return cleaned


class StatusChangeView(WagtailAdminTemplateMixin, FormView):
    template_name = "catalogue/admin/status_change.html"
    form_class = StatusChangeForm
    page_title = _("变更服务商状态")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.provider = get_object_or_404(ProviderPage, pk=kwargs["pk"]).specific
        if not self.provider.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.provider.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provider"] = self.provider
        context["timeline"] = self.provider.status_changes.order_by("-date", "-id")
        return context

    def form_valid(self, form):
        # An update of the provider may be waiting (a draft, in review or returned). The status
        # change is published at once; services keeps that update (see catalogue/services.py).
        pending = services.pending_update(self.provider)
        services.change_status(
            self.provider,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            date=form.cleaned_data["date"],
            deadline=form.cleaned_data["deadline"],
            user=self.request.user,
        )
        if pending is not None:
            if pending.in_review:
                note = _(
                    "“%(name)s”的一项更新正在审核：该更新已保留，加入这次状态变更后重新提交审核。"
                )
            elif pending.returned:
                note = _(
                    "“%(name)s”的一项更新已退回修改：该更新已保留并加入这次状态变更，"
                    "仍待编辑修改后重新提交。"
                )
            else:
                note = _("“%(name)s”有一项未发布的更新：该更新已保留，并已加入这次状态变更。")
            messages.warning(self.request, note % {"name": self.provider.title})
        messages.success(
            self.request,
            _("“%(name)s”的状态已变更为%(status)s。")
            % {"name": self.provider.title, "status": Status(form.cleaned_data["status"]).label},
        )
        return redirect("wagtailadmin_explore", self.provider.get_parent().pk)


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    """资源池管理看板: monthly review, annual update, overdue rectification."""

    template_name = "catalogue/admin/dashboard.html"
    page_title = _("资源池管理看板")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "annual-update":
            return self.export_annual_update()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        context = super().get_context_data(**kwargs)
        context.update(
            today=today,
            months=dashboards.applications_by_month(today=today),
            annual_update=dashboards.annual_update_due(today=today),
            annual_deadline=dashboards.annual_deadline(today),
            overdue=dashboards.rectification_overdue(today=today),
        )
        return context

    def export_annual_update(self):
        today = timezone.localdate()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="annual-update-due.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["服务商名称", "统一社会信用代码", "所在地区", "年度信息更新日期"])
        for provider in dashboards.annual_update_due(today=today):
            writer.writerow(
                [
                    provider.title,
                    provider.uscc,
                    provider.region.name,
                    provider.last_updated_on.isoformat() if provider.last_updated_on else "",
                ]
            )
        return response
