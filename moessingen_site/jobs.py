"""The site's scheduled jobs, run by ``manage.py run_jobs`` (a loop, or one tick from cron).

Every tick (once a minute): Wagtail's ``publish_scheduled`` (pages and snippets whose
„Zur Veröffentlichung einplanen“ time has come go live, expired ones go offline), the
notifications to followers of measures (``send_follow_notifications``) and the outbox
(e-mails due). Once a day: ``delete_event_registrations`` (the deletion the privacy page
promises) and the removal of old outbox messages.

When a daily job last ran is kept in the database (JobRun), so a restart does not run it
again and two schedulers – say one per server – do not both run it: each claims the day's
run with a conditional UPDATE first.
"""

import datetime
import io
import logging

from django.core.management import call_command
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import outbox

logger = logging.getLogger(__name__)

DAY = datetime.timedelta(days=1)


class JobRun(models.Model):
    """When a periodic job was last started."""

    name = models.CharField(_("Aufgabe"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("Zuletzt gestartet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Geplante Aufgabe")
        verbose_name_plural = _("Geplante Aufgaben")

    def __str__(self):
        return self.name


def command(name, *args):
    """A management command as a job; its output goes to the log."""

    def run():
        output = io.StringIO()
        call_command(name, *args, stdout=output, stderr=output)
        text = output.getvalue().strip()
        if text:
            logger.info("%s: %s", name, text)

    run.__name__ = name
    return run


def send_mail():
    sent, failed = outbox.send_all_due()
    if sent or failed:
        logger.info("outbox: %s sent, %s failed", sent, failed)


def purge_outbox():
    deleted = outbox.purge_old()
    if deleted:
        logger.info("outbox: %s old messages deleted", deleted)


EVERY_TICK = [
    ("publish_scheduled", command("publish_scheduled")),
    # Notifications to followers of measures (the follow app's command): into the outbox,
    # which the next job sends.
    ("follow_notifications", command("send_follow_notifications")),
    ("outbox", send_mail),
]
DAILY = [
    ("delete_event_registrations", command("delete_event_registrations")),
    # Accessibility feedback: handled ones, and any past its retention time (the form's promise).
    ("delete_accessibility_feedback", command("delete_accessibility_feedback")),
    ("purge_outbox", purge_outbox),
]


def claim(name, interval, now):
    """True if the job `name` is due and this runner has taken it."""
    JobRun.objects.get_or_create(name=name)
    due = models.Q(last_started_at__isnull=True) | models.Q(last_started_at__lte=now - interval)
    return JobRun.objects.filter(due, name=name).update(last_started_at=now) == 1


def tick(now=None):
    """Runs what is due once; returns the names of the jobs that ran without error.

    A job that fails is logged and the others still run: a mail outage must not stop
    scheduled publishing."""
    now = now or timezone.now()
    done = []
    jobs = list(EVERY_TICK)
    for name, job in DAILY:
        try:
            if claim(name, DAY, now):
                jobs.append((name, job))
        except Exception:
            logger.exception("Could not check job %s", name)
    for name, job in jobs:
        try:
            job()
        except Exception:
            logger.exception("Job %s failed", name)
        else:
            done.append(name)
    return done
