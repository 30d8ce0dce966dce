"""Staff's view of one event's registrations: each date (a single event has one, a series
one per occurrence registered for) with its places, the confirmed people, the waitlist in
its order and the registrations not yet confirmed; and the same as CSV, for the event or
one date (``?termin=2026-12-08``), in the site's one CSV format (moessingen_site/exports.py).

Reached from the event's menu in the page explorer and in its editor (wagtail_hooks.py).
Only those with the permission to view registrations (the staff group „Redaktion“) may
open it; the committee's allow-list (moessingen_site/committee_access.py) refuses it
before that.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from moessingen_site.exports import CONTENT_TYPE, csv_lines
from moessingen_site.languages import source_of

from . import recurrence
from .event_page import EventPage
from .registration import Registration

DATE_PARAM = "termin"
# Within a date: those with a place, then the waitlist in its order, then the unconfirmed.
STATUS_ORDER = {Registration.Status.CONFIRMED: 0, Registration.Status.WAITLIST: 1, Registration.Status.PENDING: 2}


@dataclass
class DateRegistrations:
    """One date of the event and its registrations, each with ``waitlist_position`` set."""

    day: datetime.date
    when: str
    capacity: int | None
    registrations: list = field(default_factory=list)

    @property
    def people_confirmed(self):
        return sum(r.people for r in self.registrations if r.status == Registration.Status.CONFIRMED)

    @property
    def waiting(self):
        return sum(1 for r in self.registrations if r.status == Registration.Status.WAITLIST)

    @property
    def pending(self):
        return sum(1 for r in self.registrations if r.status == Registration.Status.PENDING)


def chosen_day(request):
    value = request.GET.get(DATE_PARAM)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


def event_and_registrations(request, event_id):
    """The German event (registrations belong to it, whichever translation staff came
    from) and its registrations grouped by date: two queries, however many there are."""
    if not request.user.has_perm("events.view_registration"):
        raise PermissionDenied
    event = source_of(get_object_or_404(EventPage, pk=event_id), request)
    day = chosen_day(request)
    registrations = Registration.objects.filter(event_id=event.pk)
    if day is not None:
        registrations = registrations.filter(occurrence=day)
    ordered = sorted(registrations, key=lambda r: (r.occurrence, STATUS_ORDER.get(r.status, 3), r.confirmed_at or r.created_at, r.pk))
    groups = {}
    for registration in ordered:
        group = groups.get(registration.occurrence)
        if group is None:
            group = groups[registration.occurrence] = DateRegistrations(
                registration.occurrence, describe(event, registration.occurrence), event.capacity
            )
        registration.waitlist_position = (
            group.waiting + 1 if registration.status == Registration.Status.WAITLIST else None
        )
        group.registrations.append(registration)
    return event, day, list(groups.values())


def describe(event, day):
    """The date's words ("Di, 8. Dezember 2026, 18:00 bis 19:30 Uhr") without a query:
    the series' time on that day."""
    if not event.is_recurring:
        return event.when
    start = recurrence.aware(datetime.datetime.combine(day, recurrence.local(event.start).time()))
    end = recurrence.aware(start.replace(tzinfo=None) + (recurrence.local(event.end) - recurrence.local(event.start)))
    return recurrence.describe_time(start, end, event.all_day)


class EventRegistrationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/event_registrations.html"
    header_icon = "group"
    viewset = None

    def get(self, request, event_id):
        self.event, self.day, self.groups = event_and_registrations(request, event_id)
        return super().get(request, event_id)

    def get_page_title(self):
        return _("Anmeldungen")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")), "label": _("Anmeldungen")},
            {"url": "", "label": self.event.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        csv_url = reverse(self.viewset.get_url_name("event_csv"), args=[self.event.pk])
        context.update(
            event=self.event,
            day=self.day,
            groups=self.groups,
            csv_url=csv_url,
            all_dates_url=reverse(self.viewset.get_url_name("event"), args=[self.event.pk]),
            date_param=DATE_PARAM,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
            inspect_url_name=self.viewset.get_url_name("inspect"),
            delete_url_name=self.viewset.get_url_name("delete"),
        )
        return context


CSV_HEADER = [
    _("Termin"), _("Name"), _("E-Mail"), _("Personen"), _("Status"), _("Platz auf der Warteliste"),
    _("Anmerkung"), _("Angemeldet am"), _("Sprache"),
]


def csv_rows(groups):
    for group in groups:
        for r in group.registrations:
            yield [
                r.occurrence_display(), r.name, r.email, r.people, r.get_status_display(),
                r.waitlist_position or "", r.note, r.registered_at(), r.language,
            ]


def event_registrations_csv(viewset):
    def view(request, event_id):
        event, day, groups = event_and_registrations(request, event_id)
        filename = f"anmeldungen-{event.slug}" + (f"-{day.isoformat()}" if day else "")
        response = StreamingHttpResponse(csv_lines([str(h) for h in CSV_HEADER], csv_rows(groups)), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response

    return view

