"""The public side of registration: the routes of EventPage that take the form (of a single
event or of one date of a series), answer it neutrally, and show, confirm or cancel a
registration behind the e-mailed link. The rules (places, waitlist, double opt-in, e-mails)
are in ``registration``; this module turns requests into its steps and its answers into pages.
"""

from django.conf import settings
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from moessingen_site.ratelimit import client_address, hit, normalized_email

from .forms import RegistrationForm
from .recurrence import long_day
from .registration import (
    Registration,
    cancel,
    confirm,
    first_day,
    is_closed,
    is_locked,
    occurrence_of,
    register_with_retry,
    registration_for_token,
    send_confirmation,
    waitlist_position,
)


# The limits fit real use: a shelter's shared Wi-Fi or a school class registering together
# sends many registrations from one address in a few minutes, so the address limit is
# high (30 in 10 minutes); one e-mail address has no reason to send the form for one event
# more than a few times (a corrected typo, a reload), and each submission mails that
# address, so it is low (3 a day per event) and keeps the form from mailing a stranger's
# inbox full.
ADDRESS_LIMIT = (30, 600)
EMAIL_LIMIT = (3, 24 * 3600)

def rate_limit():
    """(submissions, seconds) allowed per client address."""
    return getattr(settings, "EVENTS_REGISTRATION_RATE_LIMIT", ADDRESS_LIMIT)


def email_rate_limit():
    """(submissions, seconds) allowed per e-mail address and event."""
    return getattr(settings, "EVENTS_REGISTRATION_EMAIL_LIMIT", EMAIL_LIMIT)


def over_rate_limit(request):
    """Counts this submission for the client address; True once it has sent too many."""
    limit, period = rate_limit()
    return hit("events:registration:address", client_address(request), limit, period)


def over_email_rate_limit(event, email):
    """Counts this submission for the e-mail address (in its normalised spelling: "+tag" and
    quoted variants are one mailbox) and event; True once too many."""
    limit, period = email_rate_limit()
    return hit("events:registration:email", f"{event.pk}:{normalized_email(email)}", limit, period)


def render_form(page, request, day, form, status, error=None):
    """The event page (of the date `day`) with the registration form as the visitor filled it in."""
    context = {"registration_form": form}
    if error:
        context["registration_error"] = error
    response = page.render(request, occurrence_day=day, context_overrides=context)
    response.status_code = status
    return response


def registration_date(event, day):
    """The date `day` of `event` that takes registrations through the website, or 404.
    `day` None: the only date of a single event."""
    if not event.registration_enabled or (day is None) == event.is_recurring:
        raise Http404
    occurrence = occurrence_of(event, day or first_day(event))
    if occurrence is None:
        raise Http404
    return occurrence


def sent_url(page, event, day):
    if event.is_recurring:
        return page.address("occurrence_registration_sent", day=day.isoformat())
    return page.address("registration_sent")


def handle_registration(page, event, request, day=None):
    """POST of the registration form on the event page `page` – the German `event` or a
    translation of it: the registration is for `event`'s date `day`, in the language of
    the page used."""
    occurrence = registration_date(event, day)
    if is_closed(event, occurrence):
        return render_form(page, request, day, RegistrationForm(), 400, _("Die Anmeldung ist geschlossen."))
    form = RegistrationForm(request.POST)
    too_many = _("Zu viele Anmeldungen in kurzer Zeit. Bitte versuchen Sie es später erneut.")
    if over_rate_limit(request):
        return render_form(page, request, day, form, 429, too_many)
    if not form.is_valid():
        return render_form(page, request, day, form, 400)
    data = form.cleaned_data
    if over_email_rate_limit(event, data["email"]):
        # Answered as an accepted form, without a mail: a 429 here would tell a stranger
        # that the address's owner had sent the form already (their submission counts too).
        return redirect(sent_url(page, event, occurrence.local_day))
    try:
        registration, created = register_with_retry(
            event, occurrence, name=data["name"], email=data["email"], people=data["people"], note=data["note"],
            language=get_language(),
        )
    except OperationalError as error:
        if not is_locked(error):
            raise
        response = render_form(
            page, request, day, form, 503,
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
    return redirect(sent_url(page, event, occurrence.local_day))


def handle_registration_sent(page, event, request, day=None):
    """The answer to every accepted form: the same words whether the registration is new or not."""
    occurrence = registration_date(event, day)
    context = {"page": page, "self": page, "event": event, "occurrence": occurrence if event.is_recurring else None}
    return TemplateResponse(request, "events/registration_sent.html", context)


CONFIRM_ACTION = "bestaetigen"


def handle_registration_status(page, event, request, token):
    """The page behind the e-mail's link, on `page` (the German `event` or a translation):
    shows the registration; a POST confirms it (``aktion=bestaetigen``) or cancels it
    (deletes it: any other POST)."""
    registration = registration_for_token(event, token)
    context = {"page": page, "self": page, "event": event, "registration": registration}
    if registration is None:
        return TemplateResponse(request, "events/registration_status.html", context, status=404)
    if request.method == "POST":
        if request.POST.get("aktion") == CONFIRM_ACTION:
            # Pressed twice (or an old tab): confirming a confirmed registration changes nothing.
            if registration.status == Registration.Status.PENDING:
                registration = confirm(registration)
            context.update(registration=registration)
        else:
            cancel(registration)
            context.update(registration=None, cancelled=True)
            return TemplateResponse(request, "events/registration_status.html", context)
    occurrence = occurrence_of(event, registration.occurrence)
    context.update(
        occurrence=occurrence,
        when=occurrence.when if occurrence else long_day(registration.occurrence),
        waitlist_position=waitlist_position(registration),
        confirm_action=CONFIRM_ACTION,
    )
    return TemplateResponse(request, "events/registration_status.html", context)
