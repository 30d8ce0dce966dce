"""Deletes registrations (names, e-mail addresses, notes) once their event is long enough over.

Run daily by the scheduler (manage.py run_jobs); alone, e.g. by cron:
    15 3 * * *  cd /app && python manage.py delete_event_registrations
The period is the setting EVENTS_REGISTRATION_RETENTION_DAYS (environment variable of the
same name, default 30 days after the event's end).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.models import Registration


class Command(BaseCommand):
    help = "Löscht Anmeldungen zu Veranstaltungen, die länger als die Aufbewahrungsfrist vorbei sind."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="Aufbewahrungsfrist in Tagen (Standard: EVENTS_REGISTRATION_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.EVENTS_REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 0:
            self.stderr.write("--days muss 0 oder größer sein.")
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = Registration.objects.filter(event__end__lt=cutoff)
        count = expired.count()
        if not dry_run:
            with transaction.atomic():
                expired.delete()
        verb = "Zu löschen" if dry_run else "Gelöscht"
        self.stdout.write(f"{verb}: {count} Anmeldungen zu Veranstaltungen, die vor dem {cutoff:%d.%m.%Y} endeten.")
