"""The editorial model of DESIGN.md §5: groups, their permissions and the two-step review.

编辑 (editors) create, edit and submit; they cannot publish. Every page change goes through the
workflow 专家评审 (审核专家) → 协会审批 (协会审批); approving the last step publishes it.
证书管理 (certificate officers) get their permissions with the certificates feature.

`ensure_editorial_setup` runs after every `migrate` and only creates what is missing, so a new
database has it all and later changes made by administrators in the admin are kept.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import ReviewTask

EDITORS = "编辑"
REVIEWERS = "审核专家"
APPROVERS = "协会审批"
CERTIFICATE_OFFICERS = "证书管理"
WORKFLOW = "服务商资源池审核"
REVIEW_TASK = "专家评审"
APPROVAL_TASK = "协会审批"

# Snippets the editors keep (the promotion catalogue, 推广目录, and its pilots); the reviewers and
# approvers may look at them.
CASES_SNIPPETS = ("promotion", "pilotzone")

# Model permissions per group, as "app_label.codename".
MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        *(
            f"cases.{action}_{model}"
            for model in CASES_SNIPPETS
            for action in ("add", "change", "delete", "view")
        ),
        *(
            f"catalogue.{action}_{model}"
            for model in ("batch",)
            for action in ("add", "change", "view")
        ),
        *(
            f"catalogue.{action}_{model}"
            for model in ("subtype", "industry", "region")
            for action in ("add", "change", "view")
        ),
        "catalogue.view_category",
        "catalogue.view_blacklistentry",
    ],
    REVIEWERS: [
        "wagtailadmin.access_admin",
        "catalogue.view_blacklistentry",
        *(f"cases.view_{model}" for model in CASES_SNIPPETS),
    ],
    APPROVERS: [
        "wagtailadmin.access_admin",
        *(f"cases.view_{model}" for model in CASES_SNIPPETS),
        *(f"catalogue.{action}_blacklistentry" for action in ("add", "change", "delete", "view")),
        *(f"catalogue.{action}_batch" for action in ("add", "change", "view")),
    ],
    CERTIFICATE_OFFICERS: ["wagtailadmin.access_admin"],
}
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],  # never publish_page
    # Approving the workflow's last step publishes the page as the approver, which Wagtail
    # allows only to users who may publish: the association's approvers are the final say.
    APPROVERS: ["change_page", "publish_page"],
}
EDITOR_COLLECTION_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


STOCK_GROUPS = ("Editors", "Moderators")  # created by Wagtail's own migrations
STOCK_WORKFLOW = "Moderators approval"


@transaction.atomic
def ensure_editorial_setup() -> None:
    # After a flush (test teardown) the tables are empty: there is nothing to attach to, and
    # the data restored afterwards carries the setup already.
    if not Page.objects.filter(depth=2).exists() or Collection.get_first_root_node() is None:
        return
    if not Group.objects.filter(name=EDITORS).exists():
        _retire_stock_setup()
    groups = {}
    for name, permissions in MODEL_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if created:
            group.permissions.set([_permission(p) for p in permissions])
            _grant_pages(group, PAGE_PERMISSIONS.get(name, []))
            if name == EDITORS:
                _grant_collections(group)

    if not Workflow.objects.filter(name=WORKFLOW).exists():
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        for order, (task_name, group_name) in enumerate(
            [(REVIEW_TASK, REVIEWERS), (APPROVAL_TASK, APPROVERS)]
        ):
            task, _ = ReviewTask.objects.get_or_create(name=task_name)
            task.groups.set([groups[group_name]])
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        # The home pages of every language: the workflow covers all pages below them.
        for home in Page.objects.filter(depth=2):
            WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def _retire_stock_setup() -> None:
    """Wagtail's own Moderators group may publish anything without review; on a new database,
    remove the stock groups (while nobody is in them) and their workflow, so the only way to
    publish is ours."""
    Group.objects.filter(name__in=STOCK_GROUPS, user__isnull=True).delete()
    for workflow in Workflow.objects.filter(name=STOCK_WORKFLOW):
        tasks = [workflow_task.task for workflow_task in workflow.workflow_tasks.all()]
        workflow.delete()
        for task in tasks:
            if not task.workflow_tasks.exists():
                task.delete()


def _grant_pages(group: Group, codenames: list[str]) -> None:
    page_type = ContentType.objects.get_for_model(Page)
    for home in Page.objects.filter(depth=2):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(content_type=page_type, codename=codename),
            )


def _grant_collections(group: Group) -> None:
    root = Collection.get_first_root_node()
    for codename in EDITOR_COLLECTION_PERMISSIONS:
        app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )


def on_post_migrate(sender, app_config=None, apps=None, **kwargs):
    """After migrate: make sure every app's permissions exist (Django creates them app by app
    in this same signal), then the groups and the workflow."""
    from django.apps import apps as global_apps

    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0)
    ensure_editorial_setup()
