"""The outbox: every e-mail the site writes is stored here first and sent by a job.

A visitor's request only writes a row (in the same transaction as the registration or
feedback it belongs to), so a mail server that is down or slow costs a delay, never a
500 and never a lost message. ``send_due()`` – run every minute by ``manage.py run_jobs``
– sends what is due in batches, retries failures with a growing pause and marks what
went out.

Two runners at once send nothing twice: each message is claimed by a conditional
UPDATE before it is sent (on PostgreSQL the candidates are also read with
``SELECT … FOR UPDATE SKIP LOCKED``, so runners never wait for each other). A runner
that dies while sending leaves its claim to expire; the message is then sent again
(at least once, never lost).

Messages hold personal data (addresses, names): ``purge_old()`` deletes sent ones after
``OUTBOX_KEEP_SENT_DAYS`` days and abandoned ones after ``OUTBOX_KEEP_FAILED_DAYS``.
"""

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Pauses between attempts: 1, 2, 4 … minutes, at most six hours; given up after MAX_ATTEMPTS
# (about a day and a half of outage).
FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_RETRY = datetime.timedelta(hours=6)
MAX_ATTEMPTS = 12
# How long a runner owns a message it is sending before another may take it over.
CLAIM = datetime.timedelta(minutes=10)
BATCH_SIZE = 50


class OutboxMessage(models.Model):
    """One e-mail waiting to be sent, sent, or given up on."""

    created_at = models.DateTimeField(_("Erstellt am"), auto_now_add=True)
    language = models.CharField(_("Sprache"), max_length=12, blank=True)
    subject = models.CharField(_("Betreff"), max_length=998)
    body = models.TextField(_("Text"))
    html_body = models.TextField(_("HTML-Text"), blank=True)
    from_email = models.CharField(_("Absender"), max_length=254, blank=True)
    to = models.JSONField(_("An"), default=list)
    cc = models.JSONField(_("Kopie an"), default=list, blank=True)
    bcc = models.JSONField(_("Blindkopie an"), default=list, blank=True)
    reply_to = models.JSONField(_("Antwort an"), default=list, blank=True)
    headers = models.JSONField(_("Kopfzeilen"), default=dict, blank=True)
    # [{"filename": …, "mimetype": …, "content": base64}, …]
    attachments = models.JSONField(_("Anhänge"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"))
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    sent_at = models.DateTimeField(_("Gesendet am"), null=True, blank=True)
    given_up = models.BooleanField(_("Aufgegeben"), default=False)

    class Meta:
        verbose_name = _("E-Mail im Postausgang")
        verbose_name_plural = _("Postausgang")
        ordering = ["next_attempt_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "given_up", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    def as_email(self, connection=None):
        message = EmailMultiAlternatives(
            subject=self.subject, body=self.body, from_email=self.from_email or None, to=self.to, cc=self.cc,
            bcc=self.bcc, reply_to=self.reply_to, headers=self.headers, connection=connection,
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        for attachment in self.attachments:
            message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
        return message


def enqueue(message, *, language=None):
    """Stores the Django e-mail `message` for sending; returns the OutboxMessage.

    Call it inside the transaction that stores what the message is about: both are kept or
    neither. `language`: the language the message is written in (the active one by default)."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            {"filename": filename, "mimetype": mimetype, "content": base64.b64encode(content).decode("ascii")}
        )
    html_body = ""
    for content, mimetype in getattr(message, "alternatives", ()):
        if mimetype == "text/html":
            html_body = content
    return OutboxMessage.objects.create(
        language=language or get_language() or "",
        subject=str(message.subject),
        body=str(message.body),
        html_body=html_body,
        from_email=message.from_email or "",
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=dict(message.extra_headers),
        attachments=attachments,
        next_attempt_at=timezone.now(),
    )


def retry_delay(attempts):
    """The pause after the `attempts`-th failed attempt."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


class OutboxBackend(BaseEmailBackend):
    """An e-mail backend that stores every message in the outbox instead of sending it.

    For the mail the site does not write itself – Wagtail's workflow and comment
    notifications, password resets: with ``EMAIL_BACKEND =
    "moessingen_site.outbox.OutboxBackend"`` they too survive a mail server outage and are
    retried. The runner then delivers with OUTBOX_DELIVERY_BACKEND (SMTP by default)."""

    def send_messages(self, email_messages):
        for message in email_messages:
            enqueue(message)
        return len(email_messages)


OUTBOX_BACKEND = f"{OutboxBackend.__module__}.{OutboxBackend.__qualname__}"


def delivery_connection():
    """The real mail backend: OUTBOX_DELIVERY_BACKEND if set, else EMAIL_BACKEND – unless
    that is the outbox itself, then SMTP (with EMAIL_HOST, EMAIL_PORT …)."""
    backend = getattr(settings, "OUTBOX_DELIVERY_BACKEND", None) or settings.EMAIL_BACKEND
    if backend == OUTBOX_BACKEND:
        backend = "django.core.mail.backends.smtp.EmailBackend"
    return get_connection(backend)


def claim_due(now, batch_size):
    """Takes up to `batch_size` due messages for this runner; returns their ids."""
    due = OutboxMessage.objects.filter(sent_at=None, given_up=False, next_attempt_at__lte=now)
    claimed = []
    with transaction.atomic():
        candidates = due.order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        for pk in list(candidates.values_list("pk", flat=True)[:batch_size]):
            # Conditional: a runner that read the same row first has moved its time on already.
            if due.filter(pk=pk).update(next_attempt_at=now + CLAIM):
                claimed.append(pk)
    return claimed


def send_due(batch_size=BATCH_SIZE):
    """Sends the messages that are due, one batch; returns (sent, failed)."""
    now = timezone.now()
    claimed = claim_due(now, batch_size)
    if not claimed:
        return 0, 0
    sent = failed = 0
    mail_connection = delivery_connection()
    try:
        # One connection for the batch (send_messages would open and close one per message).
        # A server that refuses it here is tried again per message, and those failures count.
        mail_connection.open()
    except Exception:
        logger.warning("Opening the mail connection failed; trying per message", exc_info=True)
    try:
        for message in OutboxMessage.objects.filter(pk__in=claimed).order_by("pk"):
            try:
                mail_connection.send_messages([message.as_email(mail_connection)])
            except Exception as error:  # any failure of the mail server: try again later
                failed += 1
                record_failure(message, error)
            else:
                sent += 1
                OutboxMessage.objects.filter(pk=message.pk).update(
                    sent_at=timezone.now(), attempts=message.attempts + 1, last_error=""
                )
    finally:
        try:
            mail_connection.close()
        except Exception:
            logger.exception("Closing the mail connection failed")
    return sent, failed


def record_failure(message, error):
    attempts = message.attempts + 1
    given_up = attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=attempts, last_error=f"{type(error).__name__}: {error}"[:2000], given_up=given_up,
        next_attempt_at=timezone.now() + retry_delay(attempts),
    )
    if given_up:
        logger.error("Outbox message %s given up after %s attempts: %s", message.pk, attempts, error)
    else:
        logger.warning("Outbox message %s not sent (attempt %s): %s", message.pk, attempts, error)


def send_all_due(batch_size=BATCH_SIZE):
    """Sends batch after batch until nothing due is left; returns (sent, failed)."""
    total_sent = total_failed = 0
    while True:
        sent, failed = send_due(batch_size)
        total_sent += sent
        total_failed += failed
        if sent + failed < batch_size:
            return total_sent, total_failed


def purge_old():
    """Deletes sent and abandoned messages after their keeping period; returns the count."""
    now = timezone.now()
    keep_sent = datetime.timedelta(days=getattr(settings, "OUTBOX_KEEP_SENT_DAYS", 7))
    keep_failed = datetime.timedelta(days=getattr(settings, "OUTBOX_KEEP_FAILED_DAYS", 30))
    deleted, _counts = OutboxMessage.objects.filter(
        models.Q(sent_at__lt=now - keep_sent) | models.Q(given_up=True, created_at__lt=now - keep_failed)
    ).delete()
    return deleted
