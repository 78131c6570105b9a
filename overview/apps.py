from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "overview"
    verbose_name = _("数据概览")

    def ready(self):
        from . import signals

        signals.connect()
