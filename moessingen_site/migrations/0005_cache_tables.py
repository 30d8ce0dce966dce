"""The database cache tables: rate limits always (``CACHES["ratelimit"]``), and the shared
cache of production without Redis (``moessingen_cache``). Created here so that a fresh
database has them after ``migrate``, whatever the environment says at the time."""

from django.core.management import call_command
from django.db import migrations

TABLES = ("moessingen_ratelimit", "moessingen_cache")


def create_tables(apps, schema_editor):
    call_command("createcachetable", *TABLES, database=schema_editor.connection.alias, verbosity=0)


def drop_tables(apps, schema_editor):
    for table in TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("moessingen_site", "0004_feedback_permissions")]

    operations = [migrations.RunPython(create_tables, drop_tables)]
