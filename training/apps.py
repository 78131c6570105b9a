from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("人才培训与证书")

    def ready(self):
        from django.db.models.signals import post_migrate

        from catalogue.workbook import register_sheet

        from .permissions import grant_certificate_officers
        from .workbook import SHEET, CertificateSheet

        register_sheet(SHEET, CertificateSheet, order=4)
        # After portal's handler (portal comes first in INSTALLED_APPS) has created the groups.
        post_migrate.connect(
            grant_certificate_officers, sender=self, dispatch_uid="training-permissions"
        )
