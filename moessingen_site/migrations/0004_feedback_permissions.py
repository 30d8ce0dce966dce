"""The staff ("Redaktion") read, mark as handled and delete accessibility feedback.

Nobody adds feedback in the admin: it comes from the public form only.
"""

from django.db import migrations

from moessingen_site.roles import REDAKTION, ensure_permissions

CODENAMES = ["view_accessibilityfeedback", "change_accessibilityfeedback", "delete_accessibilityfeedback"]


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    redaktion, _ = Group.objects.get_or_create(name=REDAKTION)
    redaktion.permissions.add(
        *Permission.objects.filter(content_type__app_label="moessingen_site", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=REDAKTION):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="moessingen_site", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("moessingen_site", "0003_accessibility_pages")]

    operations = [migrations.RunPython(grant, revoke)]
