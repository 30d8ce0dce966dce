"""Registration ("Rückmeldung"): the Registration model, places and waitlist per date, the
double opt-in, the e-mails and cancellation. It is long because the limits of the form
(addresses counted in one spelling, no answer that tells who registered) joined it in the
second audit; splitting the e-mails into a module of their own is the next step.

A registration belongs to ONE date ("Termin") of an event: the only date of a single
event, or one occurrence of a series (``occurrence``, the Berlin date: a series has at most
one date a day, and the date survives a change of the series' time of day). Each date has
the event's capacity and a waitlist of its own.

A registration is for the German event (the record of the facts), whichever language's
page the visitor used; that language is kept on it, so that every e-mail – the request to
confirm, the confirmation, the place from the waitlist later – is written in it and links
to the page in it.

Double opt-in: a submitted form creates a *pending* registration and mails its address a
link. Only when the registrant follows it (and presses „Anmeldung bestätigen“) does the
registration take a place or a waitlist position. So the free places a stranger can read
on the page never change because somebody typed an address, registered or not; they change
only when the mailbox's owner confirms. A pending registration expires after
CONFIRMATION_WINDOW or at the date's start, whichever comes first; the daily job
(``delete_event_registrations``) deletes expired ones.

Capacity holds under concurrent submissions because every change of an event's
registrations first locks the event's row (SELECT … FOR UPDATE on PostgreSQL) inside a
transaction; SQLite serialises writers by itself.

Privacy: the answer to the form is the same whether or not the address is registered
already ("Wir schicken Ihnen eine E-Mail"); the signed link to a registration goes only to
its mailbox, and stops working when the date is over (or, unconfirmed, when it expires).

Below the page module (EventPage calls into it for its free places, and into
``registration_views`` for its routes): it reaches the event through the Registration's
own relation or the instance it is given.
"""

import datetime
import re
import time
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moessingen_site import outbox

from . import recurrence
from .ical import calendar_bytes, occurrence_calendar_bytes
from .words import localized_event

TOKEN_SALT = "events.registration"
# How long the link to confirm a new registration works (at most until the date begins).
CONFIRMATION_WINDOW = datetime.timedelta(hours=24)


class Registration(models.Model):
    """A reply ("Rückmeldung") to one date of an event. Personal data: deleted after the
    retention period, or after CONFIRMATION_WINDOW when never confirmed."""

    class Status(models.TextChoices):
        PENDING = "unbestaetigt", gettext_lazy("noch nicht bestätigt")
        CONFIRMED = "bestaetigt", gettext_lazy("bestätigt")
        WAITLIST = "warteliste", gettext_lazy("Warteliste")

    event = models.ForeignKey(
        "events.EventPage", verbose_name=gettext_lazy("Veranstaltung"), on_delete=models.CASCADE,
        related_name="registrations",
    )
    occurrence = models.DateField(
        gettext_lazy("Termin"),
        help_text=gettext_lazy("Der Tag des Termins, für den die Anmeldung gilt (bei Terminreihen einer ihrer Termine)."),
    )
    name = models.CharField(gettext_lazy("Name"), max_length=200)
    email = models.EmailField(gettext_lazy("E-Mail"))
    people = models.PositiveSmallIntegerField(
        gettext_lazy("Personen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    note = models.TextField(gettext_lazy("Anmerkung"), blank=True, max_length=1000)
    status = models.CharField(gettext_lazy("Status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(gettext_lazy("Angemeldet am"), auto_now_add=True)
    consent_at = models.DateTimeField(gettext_lazy("Einwilligung am"))
    confirmed_at = models.DateTimeField(
        gettext_lazy("Bestätigt am"), null=True, blank=True,
        help_text=gettext_lazy("Wann die angemeldete Person den Link in der E-Mail bestätigt hat; danach richtet sich die Warteliste."),
    )
    confirm_before = models.DateTimeField(gettext_lazy("Zu bestätigen bis"), null=True, blank=True)
    language = models.CharField(
        gettext_lazy("Sprache"), max_length=12, choices=settings.LANGUAGES, default="de",
        help_text=gettext_lazy("Die Sprache der Seite, auf der die Anmeldung kam: in ihr gehen die E-Mails hinaus."),
    )

    class Meta:
        verbose_name = gettext_lazy("Anmeldung")
        verbose_name_plural = gettext_lazy("Anmeldungen")
        ordering = ["event", "occurrence", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "occurrence", "email"], name="events_registration_unique_email_per_date"),
        ]
        indexes = [models.Index(fields=["event", "occurrence", "status"], name="events_reg_date_status")]

    @property
    def shown_publicly(self):
        """A registration waiting for its confirmation takes no place: no page shows it, so
        its saves leave the page cache alone (``moessingen_site.cache``)."""
        return self.status != self.Status.PENDING

    def __str__(self):
        return f"{self.name} ({self.event}, {self.occurrence:%d.%m.%Y})"

    def registered_at(self):
        """Berlin time to the minute, as staff read it in the CSV export."""
        return timezone.localtime(self.created_at, recurrence.BERLIN).strftime("%d.%m.%Y %H:%M")

    def occurrence_display(self):
        """The date as staff read it in the lists and the CSV export."""
        return self.occurrence.strftime("%d.%m.%Y")

    occurrence_display.short_description = gettext_lazy("Termin")


# SQLite lets one writer at a time; a registration that meets another one's lock waits
# and tries again (seconds before each retry) before the visitor is asked to send again.
LOCKED_RETRY_DELAYS = (0.1, 0.3, 0.8)


# --- dates ------------------------------------------------------------------


def first_day(event):
    """The date of a single event (where its registrations belong), in Berlin."""
    return timezone.localtime(event.start, recurrence.BERLIN).date()


def occurrence_of(event, day):
    """The event's date on `day` (recurrence.Occurrence), or None when it has none that day:
    not a date of the series, or one an exception leaves out. A date an exception marks as
    cancelled is returned, cancelled."""
    if day is None:
        return None
    found = recurrence.occurrences(
        event, recurrence.start_of_day(day), recurrence.start_of_day(day + datetime.timedelta(days=1))
    )
    return next((occurrence for occurrence in found if occurrence.local_day == day), None)


def occurrence_end(event, day):
    """When the date `day` of `event` ends (no query): the links to its registrations stop then."""
    if not event.is_recurring:
        return event.end
    start = datetime.datetime.combine(day, recurrence.local(event.start).time())
    return recurrence.aware(start + (recurrence.local(event.end) - recurrence.local(event.start)))


def deadline(event, occurrence):
    """Until when the date takes registrations: the event's deadline for a single event,
    the start of each date for a series."""
    if event.is_recurring or not event.registration_deadline:
        return occurrence.start
    return event.registration_deadline


def is_closed(event, occurrence):
    return occurrence is None or occurrence.cancelled or event.cancelled or timezone.now() > deadline(event, occurrence)


# --- places -----------------------------------------------------------------


def confirmed_people(event_id, day):
    total = Registration.objects.filter(
        event_id=event_id, occurrence=day, status=Registration.Status.CONFIRMED
    ).aggregate(n=Sum("people"))["n"]
    return total or 0


def places_left(event, day, taken=None):
    """Free places on the date `day` (None: no limit). `taken`: the confirmed people when known."""
    if event.capacity is None:
        return None
    if taken is None:
        taken = confirmed_people(event.pk, day)
    return max(event.capacity - taken, 0)


@dataclass(frozen=True)
class RegistrationState:
    """What a list says about registering for one date: ``kind`` is "none" (no registration
    needed), "open", "full" (new registrations go to the waitlist) or "closed"; ``places``
    the free places where the number is limited."""

    kind: str
    places: int | None = None

    @property
    def needed(self):
        return self.kind != "none"


NOT_NEEDED = RegistrationState("none")


def registration_states(occurrences):
    """{(event pk, date): RegistrationState} for `occurrences` (recurrence.Occurrence, their
    event a German EventPage or a LocalizedEvent): one query for all of them, none when no
    event takes registrations. For the calendar's lists."""
    occurrences = list(occurrences)
    wanted = [o for o in occurrences if o.event.registration_enabled]
    taken = {}
    if wanted:
        rows = (
            Registration.objects.filter(
                event_id__in={o.event.pk for o in wanted},
                occurrence__in={o.local_day for o in wanted},
                status=Registration.Status.CONFIRMED,
            )
            .values_list("event_id", "occurrence")
            .annotate(n=Sum("people"))
        )
        taken = {(event_id, day): n for event_id, day, n in rows}
    states = {}
    for occurrence in occurrences:
        event, day = occurrence.event, occurrence.local_day
        if not event.registration_enabled:
            states[(event.pk, day)] = NOT_NEEDED
            continue
        left = places_left(event, day, taken.get((event.pk, day), 0))
        if is_closed(event, occurrence):
            kind = "closed"
        elif left == 0:
            kind = "full"
        else:
            kind = "open"
        states[(event.pk, day)] = RegistrationState(kind, left)
    return states


def registration_state(event, occurrence_start):
    """The RegistrationState of the date of `event` that starts at `occurrence_start` (one
    query; lists use ``registration_states``)."""
    occurrence = occurrence_of(event, timezone.localtime(occurrence_start, recurrence.BERLIN).date())
    if occurrence is None:
        return RegistrationState("closed") if event.registration_enabled else NOT_NEEDED
    return registration_states([occurrence])[(event.pk, occurrence.local_day)]


def waitlist_position(registration):
    """1 for the first in line on the registration's date; None when it is not waiting."""
    if registration.status != Registration.Status.WAITLIST:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, occurrence=registration.occurrence, status=Registration.Status.WAITLIST
    ).filter(
        models.Q(confirmed_at__lt=registration.confirmed_at)
        | models.Q(confirmed_at=registration.confirmed_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def lock_event(event_id):
    """Locks the event's own row until the transaction ends: one registration decision at a time.

    EventPage by its name: the page module sits above this one."""
    event_model = apps.get_model("events", "EventPage")
    return event_model.objects.select_for_update(of=("self",)).only("capacity").get(pk=event_id)


# --- the steps of a registration ----------------------------------------------


def register(event, occurrence=None, *, name, email, people, note="", language=None):
    """Creates a pending registration for the date `occurrence` (recurrence.Occurrence; the
    only date of a single event when None) of the German `event` and mails the request to
    confirm it. `language`: of the page the visitor used (the active one by default).

    Returns (registration, created); a second submission with the same e-mail address for
    the same date returns the existing registration instead of a duplicate (an expired
    unconfirmed one is replaced).
    """
    occurrence = occurrence or occurrence_of(event, first_day(event))
    day = occurrence.local_day
    now = timezone.now()
    try:
        with transaction.atomic():
            lock_event(event.pk)
            existing = Registration.objects.filter(event_id=event.pk, occurrence=day, email=email).first()
            if existing is not None:
                if not is_expired(existing, now):
                    return existing, False
                existing.delete()
            registration = Registration.objects.create(
                event_id=event.pk, occurrence=day, name=name, email=email, people=people, note=note,
                status=Registration.Status.PENDING, consent_at=now,
                confirm_before=min(now + CONFIRMATION_WINDOW, occurrence.start),
                language=mail_language(language or get_language()),
            )
            # Into the outbox with the registration: both are kept or neither.
            send_confirmation_request(registration.pk)
    except IntegrityError:
        # The same address submitted twice at the same moment: the unique constraint kept one.
        return Registration.objects.get(event_id=event.pk, occurrence=day, email=email), False
    return registration, True


def is_expired(registration, now=None):
    """An unconfirmed registration whose link has run out."""
    return (
        registration.status == Registration.Status.PENDING
        and registration.confirm_before is not None
        and (now or timezone.now()) > registration.confirm_before
    )


def confirm(registration):
    """The registrant followed the link: the registration takes a place while the date has
    places left, else a waitlist position (in the order of confirmation). Mails the status.
    Confirming twice changes nothing."""
    with transaction.atomic():
        locked = lock_event(registration.event_id)
        pending = Registration.objects.filter(pk=registration.pk, status=Registration.Status.PENDING).first()
        if pending is None:
            return Registration.objects.filter(pk=registration.pk).first()
        status = Registration.Status.CONFIRMED
        if locked.capacity is not None:
            waiting = Registration.objects.filter(
                event_id=pending.event_id, occurrence=pending.occurrence, status=Registration.Status.WAITLIST
            ).exists()
            if waiting or confirmed_people(pending.event_id, pending.occurrence) + pending.people > locked.capacity:
                status = Registration.Status.WAITLIST
        pending.status, pending.confirmed_at, pending.confirm_before = status, timezone.now(), None
        pending.save(update_fields=["status", "confirmed_at", "confirm_before"])
        send_confirmation(pending.pk)
    return pending


def fill_from_waitlist(event_id, day):
    """Moves people up from the date's waitlist, first confirmed first served, while places are free."""
    promoted = []
    with transaction.atomic():
        locked = lock_event(event_id)
        free = None if locked.capacity is None else locked.capacity - confirmed_people(event_id, day)
        waiting = Registration.objects.filter(
            event_id=event_id, occurrence=day, status=Registration.Status.WAITLIST
        ).order_by("confirmed_at", "pk")
        for registration in waiting:
            if free is not None and registration.people > free:
                break  # nobody overtakes the first in line
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status"])
            promoted.append(registration.pk)
            if free is not None:
                free -= registration.people
        for pk in promoted:
            send_confirmation(pk, moved_up=True)
    return promoted


def cancel(registration):
    """Deletes the registration: no personal data is kept. signals.py gives the places to the waitlist."""
    with transaction.atomic():
        lock_event(registration.event_id)
        registration.delete()


def expired_unconfirmed(now=None):
    """Registrations never confirmed whose link has run out: the daily job deletes them."""
    return Registration.objects.filter(status=Registration.Status.PENDING, confirm_before__lt=now or timezone.now())


# --- the link in the e-mails ----------------------------------------------------


def token_signer():
    # "/" as separator: Wagtail's page URLs allow only word characters, "-" and "/".
    return signing.Signer(salt=TOKEN_SALT, sep="/")


def make_token(registration):
    return token_signer().sign_object({"r": registration.pk, "e": registration.event_id})


def registration_for_token(event, token):
    """The registration the signed `token` names, if it is one of `event`'s and still
    current: unconfirmed until its link expires, confirmed until its date is over. A link
    from an old e-mail no longer shows or cancels anything."""
    try:
        data = token_signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        return None
    registration = Registration.objects.filter(pk=data.get("r"), event_id=event.pk).first()
    if registration is None or is_expired(registration):
        return None
    if timezone.now() > occurrence_end(event, registration.occurrence):
        return None
    return registration


def mail_language(code):
    """`code` if it is one of the site's languages, else the default one."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def status_url(registration, entry=None):
    """The absolute address of the registration's own page (where it is confirmed or
    cancelled), in the registrant's language: on the event's translation, or the German
    page under the language's prefix. `entry`: the event as ``words.localized_event`` gives it."""
    entry = entry or localized_event(registration.event, language=registration.language)
    return entry.get_full_url() + entry.reverse_subpage("registration", kwargs={"token": make_token(registration)})


# A name is typed by whoever sends the form, and the mails go from the town's address: in
# a mail it is one plain line without anything a mail program would turn into a link
# ("https://…", "www.…", "evil.example/login", "x@y.z"), so our mails cannot carry someone's
# phishing text. The confirmation request goes to an address nobody has confirmed yet: it
# names nobody at all.
LINK_LIKE = re.compile(r"(://|^www\.|@|[\w-]\.[a-z]{2,}(\W|$))", re.IGNORECASE)
MAIL_NAME_LENGTH = 80


def mail_name(name):
    """`name` as one plain line for a mail's greeting: control and format characters (line
    breaks, bidi overrides) removed, link-like words left out, at most MAIL_NAME_LENGTH."""
    text = "".join(" " if unicodedata.category(char).startswith(("C", "Z")) else char for char in str(name or ""))
    words = [word for word in text.split() if not LINK_LIKE.search(word)]
    return " ".join(words)[:MAIL_NAME_LENGTH].strip()


def _mail_context(registration):
    """What every e-mail about `registration` says about its date; with the date's
    Occurrence (or None when the series no longer has it)."""
    event = registration.event.specific
    occurrence = occurrence_of(event, registration.occurrence)
    if occurrence is not None:
        when = occurrence.when
    else:
        when = recurrence.long_day(registration.occurrence)
    return event, occurrence, when


def send_confirmation_request(registration_pk):
    """The e-mail with the link that confirms a new registration (double opt-in), in the
    registrant's language. Stored in the outbox in the caller's transaction."""
    registration = Registration.objects.select_related("event").filter(pk=registration_pk).first()
    if registration is None:
        return
    language = mail_language(registration.language)
    with override(language):
        source, _occurrence, when = _mail_context(registration)
        event = localized_event(source, language=language)
        context = {
            "registration": registration,
            "event": event,
            "when": when,
            "confirm_url": status_url(registration, event),
            "confirm_before": timezone.localtime(registration.confirm_before, recurrence.BERLIN),
        }
        message = EmailMessage(
            subject=_("Bitte bestätigen Sie Ihre Anmeldung: %(title)s") % {"title": event.title},
            body=render_to_string("events/email/registration_confirm.txt", context),
            to=[registration.email],
            headers={"Content-Language": language},
        )
    outbox.enqueue(message, language=language)


def send_confirmation(registration_pk, moved_up=False):
    """The e-mail about a confirmed registration's status (a place or the waitlist), in the
    registrant's language (the page they used), with the event's words in it where
    translated, the date as a calendar file and the link to the registration's page.

    Stored in the outbox (in the caller's transaction) and sent by the job runner: a mail
    server that is down delays the e-mail, it never fails the registration."""
    registration = Registration.objects.select_related("event").filter(pk=registration_pk).first()
    if registration is None:
        return
    if registration.status == Registration.Status.PENDING:
        # Asked again before confirming: the link to confirm, again.
        send_confirmation_request(registration_pk)
        return
    language = mail_language(registration.language)
    with override(language):
        source, occurrence, when = _mail_context(registration)
        event = localized_event(source, language=language)
        context = {
            "registration": registration,
            "event": event,
            "when": when,
            "moved_up": moved_up,
            "name": mail_name(registration.name),
            "status_url": status_url(registration, event),
            "confirmed": registration.status == Registration.Status.CONFIRMED,
            "waitlist_position": waitlist_position(registration),
        }
        if moved_up:
            subject = _("Sie haben einen Platz: %(title)s") % {"title": event.title}
        elif context["confirmed"]:
            subject = _("Anmeldung bestätigt: %(title)s") % {"title": event.title}
        else:
            subject = _("Auf der Warteliste: %(title)s") % {"title": event.title}
        message = EmailMessage(
            subject=subject,
            body=render_to_string("events/email/registration.txt", context),
            to=[registration.email],
            headers={"Content-Language": language},
        )
        if source.is_recurring and occurrence is not None:
            ics = occurrence_calendar_bytes(event, occurrence, event.get_full_url(), event.title)
        else:
            ics = calendar_bytes([event], event.title)
        message.attach(f"{event.slug}.ics", ics, "text/calendar")
    outbox.enqueue(message, language=language)

def is_locked(error):
    return "locked" in str(error).lower()


def register_with_retry(event, occurrence, **data):
    """register(), tried again while SQLite answers "database is locked" (the attempt that
    failed left nothing behind: its transaction was rolled back). Re-raises after the
    last retry; other database errors at once."""
    for delay in (*LOCKED_RETRY_DELAYS, None):
        try:
            return register(event, occurrence, **data)
        except OperationalError as error:
            if delay is None or not is_locked(error):
                raise
            time.sleep(delay)
