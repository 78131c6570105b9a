"""The promotion catalogue (cases.Promotion, cases.PilotZone) came after the editorial groups.

On a new database the groups do not exist yet here and are created after migrate with all their
permissions (portal/editorial.py). On an existing one, give the existing groups the permissions
MODEL_PERMISSIONS now lists for these snippets, once.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "编辑": [
        f"{action}_{model}"
        for model in ("promotion", "pilotzone")
        for action in ("add", "change", "delete", "view")
    ],
    "审核专家": ["view_promotion", "view_pilotzone"],
    "协会审批": ["view_promotion", "view_pilotzone"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = Group.objects.filter(name__in=GRANTS)
    if not groups.exists():
        return
    # Django creates permissions after migrate; these are needed now. (A historical app config
    # has no models module, which create_permissions takes for "no models".)
    config = apps.get_app_config("cases")
    config.models_module = True
    try:
        create_permissions(config, apps=apps, verbosity=0)
    finally:
        config.models_module = None
    for group in groups:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="cases", codename__in=GRANTS[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_review_task"),
        ("cases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
