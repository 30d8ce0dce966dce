"""The calendar of events ("Veranstaltungen"): kick-off, workshops, committee meetings, encounters.

EventIndexPage lists occurrences (upcoming, per month, archive) and serves the iCal feeds;
EventPage is one event or a series, with its .ics, its schema.org data and the registration
("Rückmeldung") with deadline, capacity and waitlist.
"""

import datetime
import json
from collections import namedtuple

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from moessingen_site import structure
from moessingen_site.blocks import BaseStreamBlock

from . import recurrence

# What json_script escapes, so that data in a <script> element cannot end it early.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

MONTH_PARAM = "monat"
CATEGORY_PARAM = "kategorie"
FIELD_PARAM = "handlungsfeld"
PAGE_PARAM = "seite"
YEAR_RANGE = (1970, 2100)


class EventCategory(models.Model):
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname in Adressen"), max_length=100, unique=True, allow_unicode=False,
        help_text=_("Erscheint in der Adresse des Kalender-Abos, z. B. „workshop-arbeitsgruppe“."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("Veranstaltungsart")
        verbose_name_plural = _("Veranstaltungsarten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Place(index.Indexed, models.Model):
    name = models.CharField(_("Name"), max_length=200, help_text=_("z. B. „Bürgersaal, Rathaus Mössingen“"))
    address = models.TextField(_("Anschrift"), blank=True)
    accessibility = models.TextField(
        _("Hinweise zur Barrierefreiheit"), blank=True,
        help_text=_("z. B. Zugang ohne Stufen, Aufzug, barrierefreie Toilette, Induktionsschleife."),
    )

    panels = [FieldPanel("name"), FieldPanel("address"), FieldPanel("accessibility")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("address")]

    class Meta:
        verbose_name = _("Veranstaltungsort")
        verbose_name_plural = _("Veranstaltungsorte")
        ordering = ["name"]

    def __str__(self):
        return self.name


def event_queryset():
    """Events as listings need them: live, public, without the body, with category and place."""
    return (
        EventPage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("category", "place")
        .prefetch_related("exceptions")
    )


# What a listing row needs of an event, and nothing else (no model instance): the rows of
# expanded series are kept per content version and shared between requests (structure.memo).
LISTING_FIELDS = (
    "id", "title", "slug", "teaser", "start", "end", "all_day", "cancelled", "cancellation_reason",
    "recurrence_frequency", "recurrence_interval", "recurrence_monthly_mode", "recurrence_until",
    "category", "category__name", "place", "place__name",
)
ListedEvent = namedtuple("ListedEvent", "pk title url teaser all_day is_recurring category_name place_name")


class Listing(namedtuple("Listing", "start end event cancelled cancellation_reason when_text datetime_text")):
    """One date of an event in a listing. `when` and `datetime` are formatted on first need
    (``formatted``) so that expanding a year of series does not format dates nobody sees."""

    __slots__ = ()

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def sort_key(self):
        return (self.start, self.event.title, self.event.pk)

    @property
    def local_start(self):
        return timezone.localtime(self.start, recurrence.BERLIN)

    @property
    def local_end(self):
        return timezone.localtime(self.end, recurrence.BERLIN)

    @property
    def when(self):
        if self.when_text is not None:
            return self.when_text
        return recurrence.describe_time(self.local_start, self.local_end, self.all_day)

    @property
    def datetime(self):
        """The <time datetime> value: the date of all-day events, else the ISO time."""
        if self.datetime_text is not None:
            return self.datetime_text
        return date_filter(self.local_start, "Y-m-d" if self.all_day else "c")

    def formatted(self):
        if self.when_text is not None:
            return self
        return self._replace(when_text=self.when, datetime_text=self.datetime)


def listed_event(event, base_url):
    """`base_url`: the calendar's URL; every event is a child of the calendar page, so this is
    what {% pageurl %} would give, without resolving each page's URL."""
    return ListedEvent(
        event.pk, event.title, f"{base_url}{event.slug}/", event.teaser, event.all_day,
        bool(event.recurrence_frequency),
        event.category.name if event.category_id else "",
        event.place.name if event.place_id else "",
    )


def listings(occurrences, base_url, formatted=False):
    """Listing rows of recurrence.Occurrence objects (in their order); one ListedEvent per event."""
    events = {}
    rows = []
    for occurrence in occurrences:
        event = events.get(occurrence.event.pk)
        if event is None:
            event = events[occurrence.event.pk] = listed_event(occurrence.event, base_url)
        row = Listing(occurrence.start, occurrence.end, event, occurrence.cancelled, occurrence.cancellation_reason, None, None)
        rows.append(row.formatted() if formatted else row)
    return rows


def listing_events(events):
    """Only the columns a listing row needs."""
    return events.only(*LISTING_FIELDS)


def series_listings(events, window_start, window_end, base_url, key):
    """The dates of the series among `events` in [window_start, window_end), as a tuple of
    Listing rows ordered by start, memoised under `key` (which must describe `events`)."""

    def compute():
        series = listing_events(events).exclude(recurrence_frequency="").filter(start__lt=window_end).filter(
            Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=timezone.localdate(window_start))
        )
        return tuple(listings(recurrence.expand(series, window_start, window_end), base_url))

    return structure.memo(("events:series", *key, window_start, window_end, base_url, get_language()), compute)


class UpcomingOccurrences:
    """The upcoming occurrences as a lazy sequence for Django's Paginator.

    Single events come from the database in order, only as many as the requested page
    needs; series are few and are expanded in Python up to a horizon – once per day and
    content version (``key`` describes `events` for the memo), from the start of today,
    then cut to `now`. The number of queries does not depend on the number of events.
    """

    def __init__(self, events, now, horizon, base_url, key):
        self.base_url = base_url
        self.singles = (
            listing_events(events).filter(recurrence_frequency="", end__gt=now).prefetch_related(None)
            .order_by("start", "title", "pk")
        )
        today = recurrence.start_of_day(timezone.localdate(now))
        # Whole days: the same expansion serves every request of the day.
        window_end = recurrence.start_of_day(timezone.localdate(horizon) + datetime.timedelta(days=1))
        self.series_occurrences = [
            row for row in series_listings(events, today, window_end, base_url, key)
            if row.end > now and row.start < horizon
        ]
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.singles.count() + len(self.series_occurrences)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        stop = index.stop if index.stop is not None else self.count()
        singles = [
            Listing(event.start, event.end, listed_event(event, self.base_url), event.cancelled,
                    event.cancellation_reason, None, None)
            for event in self.singles[:stop]
        ]
        merged = sorted(singles + self.series_occurrences[:stop], key=lambda o: o.sort_key)
        return [row.formatted() for row in merged[index.start or 0 : stop]]


class EventIndexPage(RoutablePageMixin, Page):
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
        return event_queryset().descendant_of(self)

    def filter_form(self, request):
        from .forms import EventFilterForm

        return EventFilterForm(request.GET or None)

    def filtered_events(self, form):
        events = self.events()
        if form.is_bound and form.is_valid():
            if form.cleaned_data.get(CATEGORY_PARAM):
                events = events.filter(category=form.cleaned_data[CATEGORY_PARAM])
            if form.cleaned_data.get(FIELD_PARAM):
                events = events.filter(field_of_action=form.cleaned_data[FIELD_PARAM])
        return events

    def filter_key(self, form):
        """What `filtered_events` depends on besides the content: a memo key."""
        if not (form.is_bound and form.is_valid()):
            return (self.pk, None, None)
        category, field = form.cleaned_data.get(CATEGORY_PARAM), form.cleaned_data.get(FIELD_PARAM)
        return (self.pk, category.pk if category else None, field.pk if field else None)

    def render_listing(self, request, template, status=200, **context):
        form = context.setdefault("filter_form", self.filter_form(request))
        if form.is_bound and not form.is_valid():
            status = 400
        context["filter_query"] = form.query_string() if form.is_bound and form.is_valid() else ""
        categories = category_choices()
        context["category_choices"] = [(slug, name) for _pk, slug, name in categories]
        context["field_choices"] = field_choices()
        context["feeds"] = self.feed_links(request, categories)
        context.setdefault("this_month", timezone.localdate())
        response = self.render(request, template=template, context_overrides=context)
        response.status_code = status
        return response

    def feed_links(self, request, categories):
        """The overall feed and one per category, as https and webcal:// addresses."""
        from .ical import webcal_url

        base = self.get_url(request)

        def feed_url(name, *args):
            return (base + self.reverse_subpage(name, args=args)).rstrip("/")

        url = feed_url("feed")
        links = [{"label": _("Alle Veranstaltungen"), "url": url, "webcal": webcal_url(request, url)}]
        for _pk, slug, name in categories:
            category_url = feed_url("category_feed", slug)
            links.append({"label": name, "url": category_url, "webcal": webcal_url(request, category_url)})
        return links

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
        form = self.filter_form(request)
        now = timezone.now()
        occurrences = UpcomingOccurrences(
            self.filtered_events(form), now, now + self.recurrence_horizon, self.get_url(request), self.filter_key(form)
        )
        page = Paginator(occurrences, self.page_size).get_page(request.GET.get(PAGE_PARAM))
        return self.render_listing(
            request, "events/event_index_page.html", filter_form=form, occurrences=page
        )

    @re_path(r"^monat/(\d{4})-(\d{2})/$", name="month")
    def month(self, request, year, month):
        year, month = int(year), int(month)
        if not (1 <= month <= 12 and YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
            raise Http404(_("Diesen Monat gibt es im Kalender nicht."))
        form = self.filter_form(request)
        base_url = self.get_url(request)

        def compute():
            # A month does not depend on the time of day: kept for the content version.
            window_start, window_end = recurrence.month_bounds(year, month)
            events = listing_events(self.filtered_events(form)).filter(start__lt=window_end).filter(
                Q(recurrence_frequency="", end__gt=window_start)
                | (~Q(recurrence_frequency="") & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=window_start.date())))
            )
            days = {}
            for row in listings(recurrence.expand(events, window_start, window_end), base_url, formatted=True):
                day = max(row.local_start.date(), window_start.date())
                days.setdefault(day, []).append(row)
            # Rendered here, once: a month can have hundreds of dates, the same for every visitor.
            return render_to_string("events/includes/month_days.html", {"days": sorted(days.items())}) if days else ""

        days_html = structure.memo(("events:month", *self.filter_key(form), year, month, base_url, get_language()), compute)
        first = datetime.date(year, month, 1)
        previous_month = (first - datetime.timedelta(days=1)).replace(day=1)
        next_month = (first + datetime.timedelta(days=32)).replace(day=1)
        return self.render_listing(
            request, "events/event_month.html", filter_form=form, month=first, days=bool(days_html), days_html=days_html,
            previous_month=previous_month if previous_month.year >= YEAR_RANGE[0] else None,
            next_month=next_month if next_month.year <= YEAR_RANGE[1] else None,
        )

    @path("archiv/", name="archive")
    def archive(self, request):
        form = self.filter_form(request)
        now = timezone.now()
        today = timezone.localdate(now)
        past = self.filtered_events(form).prefetch_related(None).filter(
            Q(recurrence_frequency="", end__lte=now) | (~Q(recurrence_frequency="") & Q(recurrence_until__lt=today))
        ).order_by("-start", "-pk")
        paginator = Paginator(past, self.page_size)
        page = paginator.get_page(request.GET.get(PAGE_PARAM))
        calendar_url = self.get_url(request)

        def compute():
            if not paginator.count:
                return ""
            return render_to_string("events/includes/archive_list.html", {"events": page, "calendar_url": calendar_url})

        # Within a content version the past only grows with time, so its size tells which
        # events it holds: the rows are rendered once per size, filter and page.
        key = ("events:archive", *self.filter_key(form), paginator.count, page.number, calendar_url, get_language())
        return self.render_listing(
            request, "events/event_archive.html", filter_form=form, events=page, rows_html=structure.memo(key, compute)
        )

    @re_path(r"^feed\.ics/$", name="feed")
    def feed(self, request):
        return self.feed_response(request, None, self.title, "veranstaltungen.ics")

    @re_path(r"^feed/(?P<slug>[-a-z0-9]+)\.ics/$", name="category_feed")
    def category_feed(self, request, slug):
        category = next((category for category in category_choices() if category[1] == slug), None)
        if category is None:
            raise Http404(_("Diese Veranstaltungsart gibt es nicht."))
        return self.feed_response(request, category[0], f"{self.title}: {category[2]}", f"{slug}.ics")

    def feed_response(self, request, category_id, name, filename):
        """A feed's bytes are built once per day and content version (and address): a
        subscribed calendar polls often, and serialising a thousand events takes a while."""
        from .ical import calendar_bytes, calendar_response

        today = timezone.localdate()
        parent_url = self.get_full_url(request)

        def compute():
            events = self.feed_events(today)
            if category_id is not None:
                events = events.filter(category_id=category_id)
            return calendar_bytes(events, name, request, parent_url)

        body = structure.memo(("events:feed", self.pk, category_id, name, today, parent_url), compute)
        return calendar_response(request, None, name, filename, body=body)

    def feed_events(self, today=None):
        """Everything that ended on or after the same day a year ago: enough for a subscription,
        bounded for old archives. Whole days, so that the feed is the same all day long."""
        today = today or timezone.localdate()
        since = recurrence.start_of_day(today - datetime.timedelta(days=365))
        return (
            event_queryset()
            .child_of(self)
            .filter(Q(end__gte=since) | ~Q(recurrence_frequency=""))
            .exclude(~Q(recurrence_frequency=""), recurrence_until__lt=since.date())
            .select_related("contact")
            .order_by("start", "pk")
        )


def category_choices():
    """(pk, slug, name) of every event category, by name; read once per content version."""
    return structure.memo(
        ("events:categories",), lambda: tuple(EventCategory.objects.values_list("pk", "slug", "name"))
    )


def field_choices():
    """(slug, title) of the fields of action the filter offers; read once per content version."""
    from concept.models import FieldOfActionPage

    return structure.memo(
        ("events:field-choices",),
        lambda: tuple(FieldOfActionPage.objects.live().public().order_by("path").values_list("slug", "title")),
    )


def route_url(page, request, name, *args):
    """A page route's URL; calendar files without the trailing slash (see events/urls.py)."""
    url = page.get_url(request) + page.reverse_subpage(name, args=args)
    return url.rstrip("/") if url.endswith(".ics/") else url


def parse_month(value):
    """"2026-12" → (2026, 12); anything else, or a month outside the calendar, → None."""
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


class EventPageForm(WagtailAdminPageForm):
    def clean(self):
        """Exceptions must name dates the series actually has."""
        cleaned = super().clean()
        exceptions = self.formsets.get("exceptions")
        if (
            exceptions is not None
            and cleaned.get("start")
            and cleaned.get("recurrence_frequency")
            and exceptions.is_valid()
        ):
            probe = EventPage(
                start=cleaned["start"], end=cleaned.get("end") or cleaned["start"], all_day=cleaned.get("all_day"),
                recurrence_frequency=cleaned["recurrence_frequency"],
                recurrence_interval=cleaned.get("recurrence_interval") or 1,
                recurrence_monthly_mode=cleaned.get("recurrence_monthly_mode") or "weekday",
                recurrence_until=cleaned.get("recurrence_until"),
            )
            for form in exceptions.forms:
                day = form.cleaned_data.get("date")
                if day and not form.cleaned_data.get("DELETE") and not recurrence.is_occurrence_date(probe, day):
                    form.add_error("date", _("An diesem Tag findet kein Termin der Reihe statt."))
        return cleaned


class EventPage(RoutablePageMixin, Page):
    """One event, or a series of dates that repeats by a rule (e.g. monthly on the 2nd Wednesday)."""

    teaser = models.TextField(_("Kurzbeschreibung"), help_text=_("Zwei, drei Sätze für die Übersicht."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"), help_text=_("Uhrzeit in Mössinger Zeit (Europe/Berlin)."))
    end = models.DateTimeField(
        _("Ende"), blank=True,
        help_text=_("Bei ganztägigen Terminen zählt nur das Datum; leer lassen für einen einzelnen Tag."),
    )
    all_day = models.BooleanField(_("Ganztägig"), default=False, help_text=_("Ohne Uhrzeit, z. B. wenn sie nicht feststeht."))
    category = models.ForeignKey(
        EventCategory, verbose_name=_("Veranstaltungsart"), null=True, on_delete=models.SET_NULL, related_name="events"
    )
    place = models.ForeignKey(
        Place, verbose_name=_("Ort"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    field_of_action = models.ForeignKey(
        "concept.FieldOfActionPage", verbose_name=_("Handlungsfeld"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="events",
    )
    related_measures = ParentalManyToManyField(
        "concept.MeasurePage", verbose_name=_("Zugehörige Maßnahmen"), blank=True, related_name="events"
    )
    contact = models.ForeignKey(
        "committee.Person", verbose_name=_("Ansprechperson"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="contact_for_events",
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(_("Alternativtext des Bilds"), max_length=250, blank=True)
    fee = models.DecimalField(
        _("Eintritt in Euro"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Leer lassen, wenn der Eintritt frei ist."),
    )
    fee_note = models.CharField(_("Hinweis zum Eintritt"), max_length=200, blank=True, help_text=_("z. B. „ermäßigt 2 €“"))
    cancelled = models.BooleanField(_("Abgesagt"), default=False)
    cancellation_reason = models.CharField(_("Grund der Absage"), max_length=300, blank=True)
    minutes = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("Protokoll"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    recurrence_frequency = models.CharField(
        _("Wiederholung"), max_length=10, blank=True,
        choices=[("", _("keine (einzelner Termin)")), ("WEEKLY", _("wöchentlich")), ("MONTHLY", _("monatlich"))],
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        _("Abstand"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 = jede Woche bzw. jeden Monat, 2 = jede zweite …"),
    )
    recurrence_monthly_mode = models.CharField(
        _("Monatlich am"), max_length=10, default="weekday",
        choices=[
            ("weekday", _("gleichen Wochentag (z. B. jeden 2. Mittwoch)")),
            ("monthday", _("gleichen Tag des Monats (z. B. jeden 9.)")),
        ],
    )
    recurrence_until = models.DateField(_("Wiederholen bis"), null=True, blank=True, help_text=_("Leer: ohne Ende."))

    registration_enabled = models.BooleanField(_("Anmeldung über die Website"), default=False)
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer: bis zum Beginn der Veranstaltung.")
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leer: unbegrenzt. Wer keinen Platz mehr bekommt, kommt auf die Warteliste."),
    )

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")], heading=_("Zeit")
        ),
        MultiFieldPanel(
            [
                FieldPanel("recurrence_frequency"),
                FieldRowPanel([FieldPanel("recurrence_interval"), FieldPanel("recurrence_monthly_mode")]),
                FieldPanel("recurrence_until"),
                InlinePanel("exceptions", label=_("Ausnahme"), heading=_("Ausnahmen")),
            ],
            heading=_("Terminreihe"),
        ),
        FieldPanel("place"),
        FieldPanel("category"),
        MultiFieldPanel(
            [FieldPanel("field_of_action"), FieldPanel("related_measures", widget=forms.CheckboxSelectMultiple)],
            heading=_("Bezug zum Integrationskonzept"),
        ),
        FieldPanel("contact"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Bild")),
        FieldRowPanel([FieldPanel("fee"), FieldPanel("fee_note")], heading=_("Eintritt")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("cancelled"), FieldPanel("cancellation_reason")], heading=_("Absage")),
        FieldPanel("minutes"),
        MultiFieldPanel(
            [FieldPanel("registration_enabled"), FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("capacity")])],
            heading=_("Anmeldung"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.RelatedFields("place", [index.SearchField("name")]),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self):
        super().clean()
        if self.start is None:
            return
        if self.all_day:
            # All-day events cover whole days in Berlin time, whatever time was typed.
            first_day = timezone.localtime(self.start, recurrence.BERLIN).date()
            last_day = timezone.localtime(self.end, recurrence.BERLIN).date() if self.end else first_day
            self.start = recurrence.start_of_day(first_day)
            self.end = recurrence.end_of_day(last_day) if last_day >= first_day else recurrence.start_of_day(last_day)
        if self.end is None:
            raise ValidationError({"end": _("Bitte geben Sie das Ende an (oder wählen Sie „Ganztägig“).")})
        if self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})
        if self.recurrence_until and self.recurrence_until < timezone.localtime(self.start, recurrence.BERLIN).date():
            raise ValidationError({"recurrence_until": _("Die Wiederholung kann nicht vor dem ersten Termin enden.")})
        if self.cancelled and not self.cancellation_reason.strip():
            raise ValidationError({"cancellation_reason": _("Bitte nennen Sie den Grund der Absage.")})
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Bitte beschreiben Sie das Bild.")})
        if self.registration_enabled and self.recurrence_frequency:
            raise ValidationError(
                {"registration_enabled": _("Anmeldungen sind nur für einzelne Termine möglich, nicht für Terminreihen.")}
            )
        if self.registration_deadline and self.registration_deadline > self.start:
            raise ValidationError({"registration_deadline": _("Der Anmeldeschluss muss vor dem Beginn liegen.")})

    # --- time -------------------------------------------------------------

    @property
    def is_recurring(self):
        return bool(self.recurrence_frequency)

    @property
    def local_start(self):
        return timezone.localtime(self.start, recurrence.BERLIN)

    @property
    def local_end(self):
        return timezone.localtime(self.end, recurrence.BERLIN)

    @property
    def when(self):
        return recurrence.describe_time(self.local_start, self.local_end, self.all_day)

    def upcoming_occurrences(self, limit=6):
        now = timezone.now()
        return recurrence.occurrences(self, now, now + datetime.timedelta(days=366))[:limit]

    def recurrence_description(self):
        if not self.is_recurring:
            return ""
        from .forms import describe_recurrence

        return describe_recurrence(self)

    # --- registration -----------------------------------------------------

    @property
    def effective_deadline(self):
        return self.registration_deadline or self.start

    @property
    def registration_closed(self):
        return timezone.now() > self.effective_deadline or self.cancelled

    def places_taken(self):
        from .registration import confirmed_people

        return confirmed_people(self.pk)

    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken(), 0)

    # --- views ------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_measure_list"] = list(self.related_measures.live().public().defer_streamfields().order_by("path"))
        context["structured_data"] = self.structured_data(request)
        if self.is_recurring:
            # One query for the exceptions, read by the next dates and the cancelled ones.
            prefetch_related_objects([self], "exceptions")
            context["next_occurrences"] = self.upcoming_occurrences()
            context["cancelled_dates"] = [e for e in self.exceptions.all() if e.show_as_cancelled]
        if self.registration_enabled and not self.is_recurring:
            from .forms import RegistrationForm
            from .registration import privacy_page

            context.setdefault("registration_form", RegistrationForm())
            context["places_left"] = self.places_left()
            context["privacy_page"] = privacy_page(request)
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @re_path(r"^termin\.ics/$", name="ics")
    def ics(self, request):
        from .ical import calendar_response

        return calendar_response(request, [self], self.title, f"{self.slug}.ics")

    @path("anmelden/", name="register")
    def register(self, request):
        from .registration import handle_registration

        if request.method != "POST":
            return HttpResponseRedirect(self.get_url(request))
        return handle_registration(self, request)

    @re_path(r"^anmeldung/(?P<token>[-\w]+/[-\w]+)/$", name="registration")
    def registration(self, request, token):
        from .registration import handle_registration_status

        return handle_registration_status(self, request, token)

    def ics_url(self):
        return route_url(self, None, "ics")

    def structured_data(self, request):
        """schema.org Event as JSON-LD, escaped for a <script> element like json_script does."""
        if self.all_day:
            start, end = self.local_start.date().isoformat(), self.local_end.date().isoformat()
        else:
            start, end = self.local_start.isoformat(), self.local_end.isoformat()
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.teaser,
            "startDate": start,
            "endDate": end,
            "url": self.get_full_url(request),
            "eventStatus": "https://schema.org/EventCancelled" if self.cancelled else "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        if self.place:
            data["location"] = {"@type": "Place", "name": self.place.name, "address": self.place.address or self.place.name}
        if self.fee:
            data["offers"] = {"@type": "Offer", "price": f"{self.fee:.2f}", "priceCurrency": "EUR", "url": data["url"]}
        else:
            data["isAccessibleForFree"] = True
        data["organizer"] = {"@type": "Organization", "name": "Stadt Mössingen"}
        if self.is_recurring:
            data["eventSchedule"] = {
                "@type": "Schedule",
                "repeatFrequency": "P1W" if self.recurrence_frequency == "WEEKLY" else "P1M",
                "startDate": self.local_start.date().isoformat(),
                "scheduleTimezone": settings.TIME_ZONE,
            }
            if self.recurrence_until:
                data["eventSchedule"]["endDate"] = self.recurrence_until.isoformat()
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
        return mark_safe(text)  # noqa: S308 — escaped for <script> above


class EventException(Orderable):
    """One date of a series that does not take place: left out, or shown as cancelled."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("Datum"))
    show_as_cancelled = models.BooleanField(
        _("Als abgesagt anzeigen"), default=True, help_text=_("Sonst fehlt der Termin ohne Hinweis.")
    )
    reason = models.CharField(_("Grund"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("show_as_cancelled")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausnahme")
        verbose_name_plural = _("Ausnahmen")
        constraints = [models.UniqueConstraint(fields=["page", "date"], name="events_exception_unique_date")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"


class Registration(models.Model):
    """A reply ("Rückmeldung") to an event. Personal data: deleted after the retention period."""

    class Status(models.TextChoices):
        CONFIRMED = "bestaetigt", _("bestätigt")
        WAITLIST = "warteliste", _("Warteliste")

    event = models.ForeignKey(EventPage, verbose_name=_("Veranstaltung"), on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    people = models.PositiveSmallIntegerField(
        _("Personen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    note = models.TextField(_("Anmerkung"), blank=True, max_length=1000)
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    consent_at = models.DateTimeField(_("Einwilligung am"))

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="events_registration_unique_email")]

    def __str__(self):
        return f"{self.name} ({self.event})"

    def registered_at(self):
        """Berlin time to the minute, as staff read it in the CSV export."""
        return timezone.localtime(self.created_at, recurrence.BERLIN).strftime("%d.%m.%Y %H:%M")

