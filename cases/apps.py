from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("典型案例")

    def ready(self):
        from catalogue.workbook import register_sheet

        from . import signals  # noqa: F401
        from .search_types import register_search_types
        from .workbook import CASES, CaseSheet

        register_sheet(CASES, CaseSheet, order=3)
        register_search_types()
