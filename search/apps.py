from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def add_sqlite_functions(sender, connection, **kwargs):
    """The SQL function the kept impacts of a term read an FTS5 row's size with
    (:func:`search.impacts.row_size`)."""
    if connection.vendor == "sqlite":
        from .impacts import row_size

        connection.connection.create_function("search_row_size", 1, row_size, deterministic=True)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from . import checks  # noqa: F401 (registers the system check)

        connection_created.connect(add_sqlite_functions)
