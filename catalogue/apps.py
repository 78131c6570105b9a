from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("服务商目录")

    def ready(self):
        from . import signals  # noqa: F401
        from .search_types import register_search_types

        register_search_types()
