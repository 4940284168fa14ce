"""Who may open the "Sign-off records" report and download its exports: the permission to view
sign-off records, for medical reviewers and admins (superusers have every permission). Editors
see the sign-off history of the pages they edit, not the register of every sign-off."""

from django.db import migrations

GROUPS = ("Medical reviewers", "Admins")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="review", model="clinicalsignoff")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_clinicalsignoff",
        defaults={"name": "Can view clinical signoff"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="review", codename="view_clinicalsignoff"
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0011_signoff_chain_required"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
