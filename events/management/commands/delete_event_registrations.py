"""Deletes registrations (names, e-mail addresses, notes) once their date is long enough
over, and registrations never confirmed once their link has expired.

Run daily by the scheduler (manage.py run_jobs); alone, e.g. by cron:
    15 3 * * *  cd /app && python manage.py delete_event_registrations
The period is the setting EVENTS_REGISTRATION_RETENTION_DAYS (environment variable of the
same name, default 30 days after the end of the date registered for).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Registration
from events.recurrence import BERLIN
from events.registration import expired_unconfirmed


class Command(BaseCommand):
    help = "Löscht Anmeldungen zu Terminen, die länger als die Aufbewahrungsfrist vorbei sind, und nie bestätigte Anmeldungen."

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
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=days)
        # A single event: its end; a date of a series: the whole day, in Berlin.
        over = Registration.objects.filter(
            Q(event__recurrence_frequency="", event__end__lt=cutoff)
            | (~Q(event__recurrence_frequency="") & Q(occurrence__lt=timezone.localtime(cutoff, BERLIN).date()))
        )
        unconfirmed = expired_unconfirmed(now).exclude(pk__in=over.values("pk"))
        count, count_unconfirmed = over.count(), unconfirmed.count()
        if not dry_run:
            with transaction.atomic():
                over.delete()
                unconfirmed.delete()
        verb = "Zu löschen" if dry_run else "Gelöscht"
        self.stdout.write(
            f"{verb}: {count} Anmeldungen zu Terminen, die vor dem {cutoff:%d.%m.%Y} endeten; "
            f"{count_unconfirmed} nie bestätigte Anmeldungen."
        )
