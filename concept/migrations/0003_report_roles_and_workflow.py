"""Grants the roles their status report permissions and creates the
"Freigabe durch Redaktion" workflow for status reports."""

from django.db import migrations

from concept.reports import create_approval_workflow
from moessingen_site.roles import sync_roles


def forwards(apps, schema_editor):
    sync_roles(apps, schema_editor)
    create_approval_workflow(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("concept", "0002_status_reports_progress_page"),
        ("moessingen_site", "0002_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
