"""The 证书管理 group's permissions on certificates (DESIGN.md §5).

``portal.editorial`` creates the group after ``migrate``; this handler, connected to the
training app's own ``post_migrate`` (sent after portal's), gives it the certificate permissions
the first time, when the group has none of them yet. Administrators' later changes are kept.
"""

from django.contrib.auth.models import Group, Permission

CERTIFICATE_OFFICERS = "证书管理"  # portal.editorial.CERTIFICATE_OFFICERS
OFFICER_PERMISSIONS = [
    "add_certificate",
    "change_certificate",
    "view_certificate",
    "revoke_certificate",
    "view_talent_pool",
]  # never delete_certificate: a certificate is revoked, not deleted


def grant_certificate_officers(sender=None, using="default", **kwargs) -> None:
    group = Group.objects.using(using).filter(name=CERTIFICATE_OFFICERS).first()
    if group is None:
        return
    if group.permissions.filter(content_type__app_label="training").exists():
        return
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="training", codename__in=OFFICER_PERMISSIONS
    )
    group.permissions.add(*permissions)
