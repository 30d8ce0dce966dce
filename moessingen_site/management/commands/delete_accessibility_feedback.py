"""Deletes accessibility feedback as the statement's form promises ("… löschen sie, wenn sie
erledigt ist"): feedback staff marked „Erledigt“ at the next daily run, any other once it is
ACCESSIBILITY_FEEDBACK_RETENTION_DAYS (default 180) old – a report nobody marked must not
keep a visitor's name and address for ever. Run daily by `run_jobs` (moessingen_site/jobs.py)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from moessingen_site.accessibility import AccessibilityFeedback

RETENTION_DAYS = 180


def expired_feedback(now=None):
    days = getattr(settings, "ACCESSIBILITY_FEEDBACK_RETENTION_DAYS", RETENTION_DAYS)
    limit = (now or timezone.now()) - datetime.timedelta(days=days)
    return AccessibilityFeedback.objects.filter(Q(handled=True) | Q(created_at__lt=limit))


class Command(BaseCommand):
    help = "Delete handled accessibility feedback and any older than its retention time."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count")

    def handle(self, *args, dry_run=False, **options):
        feedback = expired_feedback()
        if dry_run:
            self.stdout.write(f"{feedback.count()} Rückmeldungen würden gelöscht.")
            return
        deleted, _counts = feedback.delete()
        if deleted:
            self.stdout.write(f"{deleted} Rückmeldungen gelöscht.")
