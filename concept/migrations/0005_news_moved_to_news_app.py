"""News moved to its own app (news 0001 takes the models over with their tables): drop
them from this app's migration state only, so no table and no row is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("concept", "0004_status_report_meeting"),
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="NewsArticlePage"),
                migrations.DeleteModel(name="NewsIndexPage"),
            ],
            database_operations=[],
        ),
    ]
