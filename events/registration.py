"""Registration ("Rückmeldung"): the Registration model, places, waitlist, confirmation e-mail
and cancellation.

A registration is for the German event (the record of the facts), whichever language's
page the visitor used; that language is kept on it, so that every e-mail – the
confirmation now, the place from the waitlist later – is written in it and links to the
page in it.

Capacity holds under concurrent submissions because every change of an event's
registrations first locks the event's row (SELECT … FOR UPDATE on PostgreSQL) inside a
transaction; SQLite serialises writers by itself.

Privacy: the answer to the form is the same whether or not the address is registered
already ("Wir haben Ihnen eine E-Mail geschickt"); the signed link to a registration goes
only to its mailbox, and stops working when the event is over.

Below the page module (EventPage calls into it for its routes and its free places): it
reaches the event through the Registration's own relation or the instance it is given.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moessingen_site import outbox
from moessingen_site.models import SiteSettings
from moessingen_site.ratelimit import client_address, hit

from . import recurrence
from .forms import RegistrationForm
from .ical import calendar_bytes
from .words import localized_event

TOKEN_SALT = "events.registration"


class Registration(models.Model):
    """A reply ("Rückmeldung") to an event. Personal data: deleted after the retention period."""

    class Status(models.TextChoices):
        CONFIRMED = "bestaetigt", gettext_lazy("bestätigt")
        WAITLIST = "warteliste", gettext_lazy("Warteliste")

    event = models.ForeignKey(
        "events.EventPage", verbose_name=gettext_lazy("Veranstaltung"), on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(gettext_lazy("Name"), max_length=200)
    email = models.EmailField(gettext_lazy("E-Mail"))
    people = models.PositiveSmallIntegerField(
        gettext_lazy("Personen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    note = models.TextField(gettext_lazy("Anmerkung"), blank=True, max_length=1000)
    status = models.CharField(gettext_lazy("Status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(gettext_lazy("Angemeldet am"), auto_now_add=True)
    consent_at = models.DateTimeField(gettext_lazy("Einwilligung am"))
    language = models.CharField(
        gettext_lazy("Sprache"), max_length=12, choices=settings.LANGUAGES, default="de",
        help_text=gettext_lazy("Die Sprache der Seite, auf der die Anmeldung kam: in ihr gehen die E-Mails hinaus."),
    )

    class Meta:
        verbose_name = gettext_lazy("Anmeldung")
        verbose_name_plural = gettext_lazy("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="events_registration_unique_email")]

    def __str__(self):
        return f"{self.name} ({self.event})"

    def registered_at(self):
        """Berlin time to the minute, as staff read it in the CSV export."""
        return timezone.localtime(self.created_at, recurrence.BERLIN).strftime("%d.%m.%Y %H:%M")


# The limits fit real use: a shelter's shared Wi-Fi or a school class registering together
# sends many registrations from one address in a few minutes, so the address limit is
# high (30 in 10 minutes); one e-mail address has no reason to send the form for one event
# more than a few times (a corrected typo, a reload), and each submission mails that
# address, so it is low (3 a day per event) and keeps the form from mailing a stranger's
# inbox full.
ADDRESS_LIMIT = (30, 600)
EMAIL_LIMIT = (3, 24 * 3600)

# SQLite lets one writer at a time; a registration that meets another one's lock waits
# and tries again (seconds before each retry) before the visitor is asked to send again.
LOCKED_RETRY_DELAYS = (0.1, 0.3, 0.8)


def rate_limit():
    """(submissions, seconds) allowed per client address."""
    return getattr(settings, "EVENTS_REGISTRATION_RATE_LIMIT", ADDRESS_LIMIT)


def email_rate_limit():
    """(submissions, seconds) allowed per e-mail address and event."""
    return getattr(settings, "EVENTS_REGISTRATION_EMAIL_LIMIT", EMAIL_LIMIT)


def confirmed_people(event_id):
    total = Registration.objects.filter(event_id=event_id, status=Registration.Status.CONFIRMED).aggregate(
        n=Sum("people")
    )["n"]
    return total or 0


def lock_event(event_id):
    """Locks the event's own row until the transaction ends: one registration decision at a time.

    EventPage by its name: the page module sits above this one."""
    event_model = apps.get_model("events", "EventPage")
    return event_model.objects.select_for_update(of=("self",)).only("capacity").get(pk=event_id)


def register(event, *, name, email, people, note="", language=None):
    """Creates a registration for the German `event`: confirmed while places are left, else
    on the waitlist. `language`: of the page the visitor used (the active one by default).

    Returns (registration, created); a second submission with the same e-mail address
    returns the existing registration instead of a duplicate.
    """
    try:
        with transaction.atomic():
            locked = lock_event(event.pk)
            existing = Registration.objects.filter(event_id=event.pk, email=email).first()
            if existing is not None:
                return existing, False
            status = Registration.Status.CONFIRMED
            if locked.capacity is not None:
                waiting = Registration.objects.filter(event_id=event.pk, status=Registration.Status.WAITLIST).exists()
                if waiting or confirmed_people(event.pk) + people > locked.capacity:
                    status = Registration.Status.WAITLIST
            registration = Registration.objects.create(
                event_id=event.pk, name=name, email=email, people=people, note=note, status=status,
                consent_at=timezone.now(), language=mail_language(language or get_language()),
            )
            # Into the outbox with the registration: both are kept or neither.
            send_confirmation(registration.pk)
    except IntegrityError:
        # The same address submitted twice at the same moment: the unique constraint kept one.
        return Registration.objects.get(event_id=event.pk, email=email), False
    return registration, True


def fill_from_waitlist(event_id):
    """Moves people up from the waitlist, first come first served, while places are free."""
    promoted = []
    with transaction.atomic():
        locked = lock_event(event_id)
        if locked.capacity is None:
            free = None
        else:
            free = locked.capacity - confirmed_people(event_id)
        waiting = Registration.objects.filter(event_id=event_id, status=Registration.Status.WAITLIST).order_by(
            "created_at", "pk"
        )
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


def token_signer():
    # "/" as separator: Wagtail's page URLs allow only word characters, "-" and "/".
    return signing.Signer(salt=TOKEN_SALT, sep="/")


def make_token(registration):
    return token_signer().sign_object({"r": registration.pk, "e": registration.event_id})


def registration_for_token(event, token):
    """The registration the signed `token` names, if it is one of `event`'s and the event is
    not over: a link from an old e-mail no longer shows or cancels anything."""
    if timezone.now() > (event.end or event.start):
        return None
    try:
        data = token_signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        return None
    return Registration.objects.filter(pk=data.get("r"), event_id=event.pk).first()


def mail_language(code):
    """`code` if it is one of the site's languages, else the default one."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def status_url(registration, entry=None):
    """The absolute address of the registration's status page (where it is cancelled), in
    the registrant's language: on the event's translation, or the German page under the
    language's prefix. `entry`: the event as ``words.localized_event`` gives it."""
    entry = entry or localized_event(registration.event, language=registration.language)
    return entry.get_full_url() + entry.reverse_subpage("registration", kwargs={"token": make_token(registration)})


def privacy_page(request):
    site_settings = SiteSettings.for_request(request)
    return site_settings.privacy_page if site_settings.privacy_page_id else None


def send_confirmation(registration_pk, moved_up=False):
    """The e-mail about a registration's status, in the registrant's language (the page they
    used), with the event's words in it where translated and a link to that page.

    Stored in the outbox (in the caller's transaction) and sent by the job runner: a mail
    server that is down delays the e-mail, it never fails the registration."""
    registration = Registration.objects.select_related("event").filter(pk=registration_pk).first()
    if registration is None:
        return
    language = mail_language(registration.language)
    with override(language):
        event = localized_event(registration.event.specific, language=language)
        context = {
            "registration": registration,
            "event": event,
            "moved_up": moved_up,
            "status_url": status_url(registration, event),
            "confirmed": registration.status == Registration.Status.CONFIRMED,
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
        message.attach(f"{event.slug}.ics", calendar_bytes([event], event.title), "text/calendar")
    outbox.enqueue(message, language=language)


def over_rate_limit(request):
    """Counts this submission for the client address; True once it has sent too many."""
    limit, period = rate_limit()
    return hit("events:registration:address", client_address(request), limit, period)


def over_email_rate_limit(event, email):
    """Counts this submission for the e-mail address and event; True once too many."""
    limit, period = email_rate_limit()
    return hit("events:registration:email", f"{event.pk}:{email}", limit, period)


def is_locked(error):
    return "locked" in str(error).lower()


def register_with_retry(event, **data):
    """register(), tried again while SQLite answers "database is locked" (the attempt that
    failed left nothing behind: its transaction was rolled back). Re-raises after the
    last retry; other database errors at once."""
    for delay in (*LOCKED_RETRY_DELAYS, None):
        try:
            return register(event, **data)
        except OperationalError as error:
            if delay is None or not is_locked(error):
                raise
            time.sleep(delay)


def render_form(page, request, form, status, error=None):
    """The event page with the registration form as the visitor filled it in."""
    context = {"registration_form": form}
    if error:
        context["registration_error"] = error
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


def handle_registration(page, event, request):
    """POST of the registration form on the event page `page` – the German `event` or a
    translation of it: the registration is for `event`, in the language of the page used."""
    if not event.registration_enabled or event.is_recurring:
        raise Http404
    if event.registration_closed:
        response = page.render(request, context_overrides={"registration_error": _("Die Anmeldung ist geschlossen.")})
        response.status_code = 400
        return response
    form = RegistrationForm(request.POST)
    too_many = _("Zu viele Anmeldungen in kurzer Zeit. Bitte versuchen Sie es später erneut.")
    if over_rate_limit(request):
        return render_form(page, request, form, 429, too_many)
    if not form.is_valid():
        return render_form(page, request, form, 400)
    data = form.cleaned_data
    if over_email_rate_limit(event, data["email"]):
        return render_form(page, request, form, 429, too_many)
    try:
        registration, created = register_with_retry(
            event, name=data["name"], email=data["email"], people=data["people"], note=data["note"],
            language=get_language(),
        )
    except OperationalError as error:
        if not is_locked(error):
            raise
        response = render_form(
            page, request, form, 503,
            _("Gerade kommen sehr viele Anmeldungen. Ihre Anmeldung ist noch nicht gespeichert: "
              "Bitte senden Sie das Formular gleich noch einmal."),
        )
        response["Retry-After"] = "5"
        return response
    if not created:
        # The address is registered already: its owner gets the link to the registration
        # again, by e-mail; whoever typed the address sees the same answer as for a new one.
        send_confirmation(registration.pk)
    # Post/redirect/get: reloading the answer cannot submit twice.
    return redirect(page.address("registration_sent"))


def handle_registration_sent(page, event, request):
    """The answer to every accepted form: the same words whether the registration is new or not."""
    if not event.registration_enabled or event.is_recurring:
        raise Http404
    return TemplateResponse(request, "events/registration_sent.html", {"page": page, "self": page, "event": event})


def handle_registration_status(page, event, request, token):
    """The page behind the e-mail's link, on `page` (the German `event` or a translation):
    shows the status; a POST cancels the registration."""
    registration = registration_for_token(event, token)
    context = {"page": page, "self": page, "event": event, "registration": registration}
    if registration is None:
        return TemplateResponse(request, "events/registration_status.html", context, status=404)
    if request.method == "POST":
        cancel(registration)
        context.update(registration=None, cancelled=True)
        return TemplateResponse(request, "events/registration_status.html", context)
    return TemplateResponse(request, "events/registration_status.html", context)
