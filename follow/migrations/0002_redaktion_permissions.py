"""The staff group ("Redaktion") sees the followers' counts, resumes paused addresses and
may pause all sending; the committee group gets nothing here."""

from django.db import migrations

from moessingen_site.roles import REDAKTION, ensure_permissions

GRANTS = {"follower": ["view", "change"], "followsettings": ["change", "view"]}


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    redaktion, _created = Group.objects.get_or_create(name=REDAKTION)
    for model, actions in GRANTS.items():
        redaktion.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="follow", codename__in=[f"{action}_{model}" for action in actions]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("follow", "0001_initial"),
        ("moessingen_site", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
