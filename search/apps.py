from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from . import checks  # noqa: F401 (registers the system check)
