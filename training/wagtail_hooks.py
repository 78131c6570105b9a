"""Admin: the certificate viewset (证书管理), revoke / reinstate, printing, the talent pool
(人才培育库) and the audit-log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import admin_views, import_views


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return admin_views.CertificateViewSet()


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return [
        path(
            "training/certificates/<int:pk>/revoke/",
            admin_views.RevokeView.as_view(),
            name="training_certificate_revoke",
        ),
        path(
            "training/certificates/<int:pk>/reinstate/",
            admin_views.ReinstateView.as_view(),
            name="training_certificate_reinstate",
        ),
        path(
            "training/certificates/<int:pk>/print/",
            admin_views.certificate_print,
            name="training_certificate_print",
        ),
        path(
            "training/certificates/<int:pk>/pdf/",
            admin_views.certificate_pdf,
            name="training_certificate_pdf",
        ),
        path(
            "training/import/",
            import_views.CertificateImportView.as_view(),
            name="training_certificate_import",
        ),
        path(
            "training/import/confirm/",
            import_views.CertificateImportConfirmView.as_view(),
            name="training_certificate_import_confirm",
        ),
        path(
            "training/talent-pool/",
            admin_views.TalentPoolView.as_view(),
            name="training_talent_pool",
        ),
    ]


class CertificateImportMenuItem(MenuItem):
    def is_shown(self, request):
        return import_views.can_import_certificates(request.user)


@hooks.register("register_admin_menu_item")
def register_certificate_import_menu_item():
    return CertificateImportMenuItem(
        _("导入证书"), reverse("training_certificate_import"), icon_name="upload", order=332
    )


class TalentPoolMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("training.view_talent_pool")


@hooks.register("register_admin_menu_item")
def register_talent_pool_menu_item():
    return TalentPoolMenuItem(
        _("人才培育库"), reverse("training_talent_pool"), icon_name="group", order=331
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    @actions.register_action("training.revoke")
    class RevokeFormatter(LogFormatter):
        label = _("撤销证书")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("撤销证书（%(date)s）：%(reason)s") % {
                "date": data.get("date", ""),
                "reason": data.get("reason", ""),
            }

    @actions.register_action("training.reinstate")
    class ReinstateFormatter(LogFormatter):
        label = _("恢复证书")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("恢复证书（%(date)s）：%(reason)s") % {
                "date": data.get("date", ""),
                "reason": data.get("reason", ""),
            }
