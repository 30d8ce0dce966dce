"""Wagtail's default page workflow "Moderators approval" is called „Freigabe von Seiten“,
its task „Seitenfreigabe durch Redaktion“, and the Redaktion approves it."""

from django.db import migrations

from concept.reports import rename_page_workflow, restore_page_workflow_name


class Migration(migrations.Migration):
    dependencies = [
        ("concept", "0005_news_moved_to_news_app"),
        ("moessingen_site", "0002_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(rename_page_workflow, restore_page_workflow_name)]
