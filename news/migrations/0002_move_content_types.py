"""Existing news pages, their revisions, log entries, search entries and permissions point
to the content types "concept.newsindexpage" and "concept.newsarticlepage". Renaming those
two rows to the news app keeps every reference (they hold the content type's id). On a fresh
database there are no content types yet (Django creates them after migrating): nothing to do.
"""

from django.db import migrations

MODELS = ("newsindexpage", "newsarticlepage")


def move(source, target):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Page = apps.get_model("wagtailcore", "Page")
        content_types = ContentType.objects.using(schema_editor.connection.alias)
        for model in MODELS:
            old = content_types.filter(app_label=source, model=model).first()
            if old is None:
                continue
            # A content type Django created for the target app meanwhile (`migrate news 0001`
            # followed by another command) is unused by pages: the old one takes its place.
            new = content_types.filter(app_label=target, model=model).first()
            if new is not None:
                if Page.objects.using(schema_editor.connection.alias).filter(content_type=new).exists():
                    continue
                new.delete()
            old.app_label = target
            old.save(update_fields=["app_label"])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(move("concept", "news"), move("news", "concept"))]
