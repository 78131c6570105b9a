from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Batch, BlacklistEntry, Category, Industry, Region, Status, Subtype
from .status_views import DashboardView, StatusChangeView


class FixedTermsPermissionPolicy(ModelPermissionPolicy):
    """The ten categories are fixed by the programme: they can be renamed, never added or
    removed."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if set(actions) <= {"add", "delete"}:
            return get_user_model().objects.none()  # no user qualifies
        return super().users_with_any_permission(actions)


register_permission_policy(Category, FixedTermsPermissionPolicy(Category))


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-1"
    list_display = ["number", "name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class SubtypeViewSet(SnippetViewSet):
    model = Subtype
    icon = "folder-inverse"
    list_display = ["name", "category", "slug", "locale"]
    list_filter = ["locale", "category"]
    search_fields = ["name"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "province", "slug", "locale"]
    list_filter = ["locale", "province"]
    search_fields = ["name"]


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("分类体系")
    menu_icon = "list-ul"
    menu_order = 300
    items = (CategoryViewSet, SubtypeViewSet, RegionViewSet, IndustryViewSet)


class BatchViewSet(SnippetViewSet):
    model = Batch
    icon = "date"
    menu_label = _("入选批次")
    list_display = ["name", "review_date", "published_on"]
    list_filter = ["year"]
    add_to_admin_menu = True
    menu_order = 310


class BlacklistViewSet(SnippetViewSet):
    model = BlacklistEntry
    icon = "lock"
    menu_label = _("失信黑名单")
    list_display = ["name", "uscc", "start_date", "end_date"]
    search_fields = ["name", "uscc"]
    add_to_admin_menu = True
    menu_order = 320


register_snippet(TaxonomyViewSetGroup)
register_snippet(BatchViewSet)
register_snippet(BlacklistViewSet)


# --- Workbook import (catalogue/views.py): admin URLs and a menu item -------------------------


@hooks.register("register_admin_urls")
def register_workbook_import_urls():
    from django.urls import path

    from . import views

    return [
        path("catalogue/import/", views.ImportView.as_view(), name="catalogue_import"),
        path(
            "catalogue/import/confirm/",
            views.ConfirmImportView.as_view(),
            name="catalogue_import_confirm",
        ),
        path("catalogue/dashboard/", DashboardView.as_view(), name="catalogue_dashboard"),
        path(
            "catalogue/providers/<int:pk>/status/",
            StatusChangeView.as_view(),
            name="catalogue_provider_status",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("资源池管理看板"), reverse("catalogue_dashboard"), icon_name="list-ul", order=290
    )


@hooks.register("register_page_header_buttons")
def provider_status_button(page, user, view_name, next_url=None):
    from django.urls import reverse
    from wagtail.admin.ui.menus.pages import PageMenuItem

    from .models import ProviderPage

    if (
        isinstance(page.specific_deferred, ProviderPage)
        and page.permissions_for_user(user).can_publish()
    ):
        yield PageMenuItem(
            _("变更状态（整改/清退/恢复）"),
            reverse("catalogue_provider_status", args=[page.pk]),
            icon_name="warning",
            priority=55,
            page=page,
        )


@hooks.register("register_log_actions")
def register_status_log_action(actions):
    @actions.register_action("catalogue.status_change")
    class StatusChangeFormatter(LogFormatter):
        label = _("服务商状态变更")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("状态变更为 %(status)s：%(reason)s") % {
                "status": Status(data["status"]).label,
                "reason": data.get("reason", ""),
            }


@hooks.register("register_admin_menu_item")
def register_workbook_import_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from .views import can_import

    class WorkbookImportMenuItem(MenuItem):
        def is_shown(self, request):
            return can_import(request.user)

    return WorkbookImportMenuItem(
        _("导入工作簿"), reverse("catalogue_import"), icon_name="upload", order=305
    )
