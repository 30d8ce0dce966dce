"""Registrations belong to one date of an event (a series' occurrence) and are confirmed by
the registrant (double opt-in).

Existing registrations get their event's date (they were for single events only) and
count as confirmed when they were made (they were confirmed on submission)."""

from django.db import migrations, models


def date_and_confirmation_of_existing(apps, schema_editor):
    from zoneinfo import ZoneInfo

    from django.conf import settings

    berlin = ZoneInfo(settings.TIME_ZONE)
    registration_model = apps.get_model("events", "Registration")
    for registration in registration_model.objects.select_related("event").iterator():
        registration.occurrence = registration.event.start.astimezone(berlin).date()
        registration.confirmed_at = registration.created_at
        registration.save(update_fields=["occurrence", "confirmed_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0003_registration_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="occurrence",
            field=models.DateField(null=True, verbose_name="Termin"),
        ),
        migrations.AddField(
            model_name="registration",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="Bestätigt am",
                help_text="Wann die angemeldete Person den Link in der E-Mail bestätigt hat; danach richtet sich die Warteliste.",
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="confirm_before",
            field=models.DateTimeField(blank=True, null=True, verbose_name="Zu bestätigen bis"),
        ),
        migrations.RunPython(date_and_confirmation_of_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="occurrence",
            field=models.DateField(
                verbose_name="Termin",
                help_text="Der Tag des Termins, für den die Anmeldung gilt (bei Terminreihen einer ihrer Termine).",
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="status",
            field=models.CharField(
                choices=[("unbestaetigt", "noch nicht bestätigt"), ("bestaetigt", "bestätigt"), ("warteliste", "Warteliste")],
                default="unbestaetigt", max_length=12, verbose_name="Status",
            ),
        ),
        migrations.AlterModelOptions(
            name="registration",
            options={
                "ordering": ["event", "occurrence", "created_at", "pk"],
                "verbose_name": "Anmeldung", "verbose_name_plural": "Anmeldungen",
            },
        ),
        migrations.RemoveConstraint(model_name="registration", name="events_registration_unique_email"),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                fields=("event", "occurrence", "email"), name="events_registration_unique_email_per_date"
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(fields=["event", "occurrence", "status"], name="events_reg_date_status"),
        ),
    ]
