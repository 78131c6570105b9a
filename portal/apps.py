from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("站点")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import lookups, page_cache  # noqa: F401 (lookups registers ``__in_ids``)
        from .editorial import on_post_migrate

        page_cache.connect_signals()

        # Sent after all migrations have run, once per app: ours needs sending only once.
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="portal-editorial")
