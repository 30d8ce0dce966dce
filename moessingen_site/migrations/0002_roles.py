from django.db import migrations

from moessingen_site.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("moessingen_site", "0001_initial"),
        ("committee", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
