"""The calendar of events ("Veranstaltungen"): kick-off, workshops, committee meetings, encounters.

EventIndexPage lists the dates of its events – upcoming, per month, the archive – and serves
the iCal feeds, as RoutablePageMixin routes. Its pieces live one layer below, each importing
only downwards:

- ``recurrence``: a series' dates (rrule) and their words;
- ``snippets``: EventCategory and Place; ``forms``: the filter and registration forms;
- ``ical``: the .ics files; ``registration``: the Registration model and its handling;
- ``event_page``: EventPage (one event or a series) and its exceptions;
- ``listings``: which dates a list shows, with the cached expansion of series: „Demnächst“
  with each series once and every entry's registration state, the month's grid of weeks.

Other apps ask ``events.calendar`` (above this module). The model classes are imported here
so that Django finds every model of the app in ``events.models``.
"""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from moessingen_site.base_page import SitePage
from moessingen_site.languages import below_source, localized, page_address, with_translations

from . import recurrence
from .event_page import EventException, EventPage, EventPageForm, event_queryset
from .forms import MONTH_PARAM, PAGE_PARAM, EventFilterForm, fields_of_action
from .ical import calendar_bytes, calendar_response
from .listings import UpcomingEvents, month_grid, shared
from .registration import Registration
from .snippets import EventCategory, Place
from .words import localized_events, site_root

__all__ = [
    "EventCategory", "EventException", "EventIndexPage", "EventPage", "EventPageForm", "Place", "Registration",
    "event_queryset",
]

YEAR_RANGE = (1970, 2100)


class EventIndexPage(RoutablePageMixin, SitePage):
    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    page_size = 20
    # Series are shown this far ahead in the upcoming list; the month view reaches any month.
    recurrence_horizon = datetime.timedelta(days=365)

    class Meta:
        verbose_name = _("Veranstaltungskalender")

    def events(self):
        """The calendar's events: those below the German calendar (the records)."""
        return below_source(event_queryset(), self)

    def filtered_events(self, form):
        events = self.events()
        category, field = form.filters()
        if category is not None:
            events = events.filter(category=category)
        if field is not None:
            events = events.filter(field_of_action=field)
        return events

    def filter_key(self, form):
        """What `filtered_events` depends on besides the content: part of a cache key."""
        category, field = form.filters()
        return (self.pk, category.pk if category else None, field.pk if field else None)

    def render_listing(self, request, template, form, **context):
        """A view of the calendar with its filter form and its feeds; 400 for a bad filter."""
        # The lists are read only when the template's content fragment is not current.
        context.update(
            filter_form=form,
            filter_query=form.query_string(),
            categories=SimpleLazyObject(lambda: list(EventCategory.objects.all())),
            # In the visitor's language; each keeps the German slug the filter reads.
            fields_of_action=SimpleLazyObject(lambda: localized(with_translations(fields_of_action()))),
        )
        context.setdefault("this_month", timezone.localdate())
        # What is upcoming changes with the clock: the content fragment's key names the minute.
        context.setdefault("minute", timezone.now().strftime("%Y%m%d%H%M"))
        response = self.render(request, template=template, context_overrides=context)
        if form.is_bound and not form.is_valid():
            response.status_code = 400
        return response

    @path("")
    def upcoming(self, request):
        month = request.GET.get(MONTH_PARAM)
        if month is not None:
            year_month = parse_month(month)
            if year_month is None:
                return bad_request(request, self, _("Bitte geben Sie den Monat als Jahr-Monat an, z. B. 2026-12."))
            rest = request.GET.copy()
            del rest[MONTH_PARAM]
            query = f"?{rest.urlencode()}" if rest else ""
            return redirect(self.get_url(request) + self.reverse_subpage("month", args=year_month) + query)
        form = EventFilterForm(request.GET or None)
        now = timezone.now()

        def page_of_occurrences():  # read only when the template's content fragment is not current
            number = request.GET.get(PAGE_PARAM)
            occurrences = UpcomingEvents(
                self.filtered_events(form), now, now + self.recurrence_horizon, request, ("upcoming", *self.filter_key(form)),
                # The page asked for is read with the count (one query less).
                read_ahead=self.page_size * (int(number) if number and number.isdigit() and 0 < int(number) < 1000 else 1),
            )
            return Paginator(occurrences, self.page_size).get_page(number)

        return self.render_listing(
            request, "events/event_index_page.html", form, occurrences=SimpleLazyObject(page_of_occurrences)
        )

    @re_path(r"^monat/(\d{4})-(\d{2})/$", name="month")
    def month(self, request, year, month):
        year, month = int(year), int(month)
        if not (1 <= month <= 12 and YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
            raise Http404(_("Diesen Monat gibt es im Kalender nicht."))
        form = EventFilterForm(request.GET or None)
        first = datetime.date(year, month, 1)
        previous_month = (first - datetime.timedelta(days=1)).replace(day=1)
        next_month = (first + datetime.timedelta(days=32)).replace(day=1)
        today = timezone.localdate()
        return self.render_listing(
            request, "events/event_month.html", form, month=first, this_month=today,
            # Called by the template inside its fragment cache: a cached month costs no query.
            # Whole weeks: a grid on wide screens, the days with dates as a list on small ones.
            month_days=lambda: month_grid(self.filtered_events(form), year, month, today),
            previous_month=previous_month if previous_month.year >= YEAR_RANGE[0] else None,
            next_month=next_month if next_month.year <= YEAR_RANGE[1] else None,
        )

    @path("archiv/", name="archive")
    def archive(self, request):
        form = EventFilterForm(request.GET or None)
        now = timezone.now()
        past = self.filtered_events(form).filter(
            Q(recurrence_frequency="", end__lte=now)
            | (~Q(recurrence_frequency="") & Q(recurrence_until__lt=timezone.localdate(now)))
        ).order_by("-start", "-pk")
        page = Paginator(past, self.page_size).get_page(request.GET.get(PAGE_PARAM))
        return self.render_listing(request, "events/event_archive.html", form, events=page)

    @re_path(r"^feed\.ics/$", name="feed")
    def feed(self, request):
        return self.feed_response(request, None, self.title, "veranstaltungen.ics")

    @re_path(r"^feed/(?P<slug>[-a-z0-9]+)\.ics/$", name="category_feed")
    def category_feed(self, request, slug):
        category = EventCategory.objects.filter(slug=slug).first()
        if category is None:
            raise Http404(_("Diese Veranstaltungsart gibt es nicht."))
        return self.feed_response(request, category, f"{self.title}: {category.name}", f"{slug}.ics")

    def feed_response(self, request, category, name, filename):
        """A feed in the visitor's language: its name from this page (the calendar's
        translation, or the German one), each event's summary and description from its
        live translation (else German), its address under the language's prefix."""
        today = timezone.localdate()
        parent_url = site_root(self, request) + page_address(self, get_language())

        def build():
            events = self.feed_events(today)
            if category is not None:
                events = events.filter(category=category)
            return calendar_bytes(localized_events(events), name, request, parent_url)

        # Serialising a year of a thousand events takes a while and subscribed calendars poll
        # often: the bytes are kept for the day (the feed covers whole days), the address and
        # the language (``shared`` adds it to the key).
        body = shared(request, ("feed", self.pk, category.pk if category else None, name, today, parent_url), build)
        return calendar_response(request, None, name, filename, body=body)

    def feed_events(self, today=None):
        """Everything that ended on or after the same day a year ago: enough for a subscription,
        bounded for old archives. Whole days, so that the feed is the same all day long."""
        today = today or timezone.localdate()
        since = recurrence.start_of_day(today - datetime.timedelta(days=365))
        return (
            below_source(event_queryset(), self, children_only=True)
            .filter(Q(end__gte=since) | ~Q(recurrence_frequency=""))
            .exclude(~Q(recurrence_frequency=""), recurrence_until__lt=since.date())
            .prefetch_related("exceptions")
            .order_by("start", "pk")
        )


def parse_month(value):
    """"2026-12" → ("2026", "12"), the month route's arguments; anything else, or a month
    outside the calendar, → None."""
    try:
        year_text, month_text = value.split("-")
        if len(year_text) != 4 or len(month_text) != 2:
            return None
        year, month = int(year_text), int(month_text)
    except ValueError:
        return None
    if not (1 <= month <= 12 and YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
        return None
    return f"{year:04d}", f"{month:02d}"


def bad_request(request, page, message):
    return TemplateResponse(request, "events/bad_request.html", {"page": page, "message": message}, status=400)
