"""Which dates of which events the calendar's lists show: the upcoming list, a month's days,
the next meetings of a committee (through events.calendar).

Works on the EventPage querysets its callers give it (see ``event_page.event_queryset``)
and hands templates ``recurrence.Occurrence`` objects – the event, as the visitor's language
reads it (``words.LocalizedEvent``: the translation's title and address, the German event's
facts), with one of its dates – so it imports no page module.

The one expensive step is expanding series with rrule (a hundred weekly and monthly series
over a year take some 60 ms). Its result, the dates of the series in whole days from the
start of today, is kept in Django's shared cache for the day and the content version
(``series_dates``); each request cuts it to the current time and fetches only the events it
shows. Single events come straight from the database, only as many as a page needs.
"""

import calendar
import datetime
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.db.models import Count, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from moessingen_site.cache import kept
from moessingen_site.languages import with_translations

from . import recurrence
from .registration import registration_states
from .words import WORDS, localize_occurrences

# How many dates of a series its entry in „Demnächst“ names.
NEXT_DATES = 3

# What expanding a series reads: its rule, its times and words of its dates, its exceptions.
RULE_FIELDS = (
    "id", "title", "start", "end", "all_day", "cancelled", "cancellation_reason", "recurrence_frequency",
    "recurrence_interval", "recurrence_monthly_mode", "recurrence_until",
)
EXCEPTION_FIELDS = ("id", "page_id", "date", "show_as_cancelled", "reason")


def shared(request, key, compute):
    """``compute()``, kept in Django's cache for the content version and the language
    (``moessingen_site.cache.kept``)."""
    return kept(request, "events", (get_language(), *key), compute)


def day_window(now, horizon):
    """[start of today, end of the horizon's day) in Berlin time: whole days, so that one
    expansion serves every request of the day."""
    today = recurrence.start_of_day(timezone.localdate(now))
    return today, recurrence.start_of_day(timezone.localdate(horizon) + datetime.timedelta(days=1))


def series_dates(events, window_start, window_end, request, key, per_series=None):
    """The dates of the series among `events` in the window as plain tuples
    ``(start, title, pk, end, cancelled, reason)``, ordered as listings are (start, title, pk).

    Kept in the shared cache: `key` must name everything `events` depends on (calendar,
    filters); the window is added here. Plain values, not pages, so that an entry stays small
    and readable after a deploy: only the fields the rule needs are read. With
    `per_series`, only each series' first dates in the window (a list that shows each series
    once needs no more: expanding a year of a hundred weekly series is the costly part).
    """

    def compute():
        # Plain rows, not pages: a hundred page instances and their prefetched exceptions
        # cost more than expanding their rules.
        rules = list(
            events.exclude(recurrence_frequency="")
            .filter(start__lt=window_end)
            .filter(Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=timezone.localdate(window_start)))
            .select_related(None)
            .values(*RULE_FIELDS)
        )
        exception_model = events.model._meta.get_field("exceptions").related_model
        exceptions = {}
        for row in exception_model.objects.filter(page_id__in=[rule["id"] for rule in rules]).values(*EXCEPTION_FIELDS):
            exceptions.setdefault(row["page_id"], {})[row["date"]] = SimpleNamespace(**row)
        dates = []
        for rule in rules:
            event = SimpleNamespace(pk=rule["id"], **rule)
            dates += [
                (o.start, o.event.title, o.event.pk, o.end, o.cancelled, o.cancellation_reason)
                for o in recurrence.occurrences(event, window_start, window_end, per_series, exceptions.get(event.pk, {}))
            ]
        return sorted(dates)

    return shared(request, ("series", *key, window_start.isoformat(), window_end.isoformat(), per_series), compute)


class UpcomingOccurrences:
    """The upcoming dates as a lazy sequence of Occurrence objects, for Django's Paginator.

    Single events come from the database in order, only as many as the requested slice
    needs; the dates of series come from ``series_dates`` (cached for the day), cut to `now`
    and `horizon`, and their events are fetched for the slice only. Single events have no
    horizon. The number of queries does not depend on the number of events.

    Every date of a series is an entry of its own here (the committee's next meetings);
    ``UpcomingEvents`` shows each series once.
    """

    groups_series = False
    # How many dates of each series the list needs (None: all in the window).
    per_series = None

    def __init__(self, events, now, horizon, request, key, read_ahead=None):
        """`read_ahead`: the end of the slice the caller will ask for after the count (a
        paginated list's page): the count then reads that slice's events in the same query."""
        self.events = events
        self.read_ahead = read_ahead
        self._read = None
        self.singles = events.filter(recurrence_frequency="", end__gt=now).order_by("start", "title", "pk")
        window_start, window_end = day_window(now, horizon)
        dates = [
            date for date in series_dates(events, window_start, window_end, request, key, per_series=self.per_series)
            if date[3] > now and date[0] < horizon
        ]
        # Each entry of a series: the dates it stands for, the first one giving its place in the list.
        self.series = self.series_entries(dates)
        self._count = None

    def series_entries(self, dates):
        return [(date,) for date in dates]

    def count(self):
        if self._count is None:
            if self.read_ahead:
                singles = self.read(self.read_ahead)[3]
            else:
                singles = self.singles.count()
            self._count = singles + len(self.series)
        return self._count

    def read(self, stop):
        """(stop, the first `stop` single events, {pk: event} of the first `stop` series,
        the number of all single events): one query, whatever the number of events, with
        the events' words in the visitor's language. Kept for a later, shorter slice."""
        if self._read is not None and self._read[0] >= stop:
            return self._read
        series = self.series[:stop]
        number_of_singles = self.singles.order_by().values("recurrence_frequency").annotate(n=Count("pk")).values("n")
        found = with_translations(
            self.events.filter(Q(pk__in=self.singles.values("pk")[:stop]) | Q(pk__in={dates[0][2] for dates in series})),
            fields=WORDS,
        ).annotate(number_of_singles=Subquery(number_of_singles))
        singles, series_events, total = [], {}, 0  # no row: no single event either
        for event in found:
            total = event.number_of_singles or 0
            if event.recurrence_frequency:
                series_events[event.pk] = event
            else:
                singles.append(event)
        # In the list's order, so that a later, shorter slice takes the first ones.
        singles.sort(key=lambda event: (event.start, event.title, event.pk))
        self._read = (stop, singles, series_events, total)
        return self._read

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        # The first `stop` single events and the events of the first `stop` series (those of
        # the slice are among them).
        _read_stop, singles, series_events, _total = self.read(stop)
        entries = [
            ((event.start, event.title, event.pk), recurrence.Occurrence(
                event, event.start, event.end, event.cancelled, event.cancellation_reason
            ))
            for event in singles[:stop]
        ]
        entries += [(dates[0][:3], dates) for dates in self.series[:stop]]
        chosen = [item for _key, item in sorted(entries, key=lambda entry: entry[0])[start:stop]]
        result = []
        for item in chosen:
            if isinstance(item, recurrence.Occurrence):
                result.append(item)
                continue
            event = series_events.get(item[0][2])
            if event is None:  # unpublished since: the content version has changed
                continue
            occurrences = [recurrence.Occurrence(event, date[0], date[3], date[4], date[5]) for date in item]
            result.append(replace(occurrences[0], next_dates=tuple(occurrences) if self.groups_series else ()))
        # The words in the visitor's language, read with the events.
        return localize_occurrences(result)


class UpcomingEvents(UpcomingOccurrences):
    """The calendar's „Demnächst“: single events, and each series once, at the place of its
    next date, with its next ``NEXT_DATES`` dates (``Occurrence.next_dates``) – a weekly
    series would otherwise fill most of a page. Each entry carries its registration state
    (``Occurrence.registration``, see ``registration_states``): one more query per page."""

    groups_series = True
    # The window begins at the start of today: one more date than shown, for the one of today
    # that may have ended already (a series has at most one date a day).
    per_series = NEXT_DATES + 1

    def series_entries(self, dates):
        by_event = {}
        for date in dates:  # in order: the first date of each series comes first
            by_event.setdefault(date[2], []).append(date)
        return sorted((tuple(found[:NEXT_DATES]) for found in by_event.values()), key=lambda entry: entry[0][:3])

    def __getitem__(self, index):
        found = super().__getitem__(index)
        if not isinstance(index, slice):
            return found
        return with_registration(found)




def with_registration(occurrences):
    """`occurrences` with their ``registration`` state, per date
    (``registration.registration_states``: one query for the page)."""
    occurrences = list(occurrences)
    states = registration_states(occurrences)
    return [replace(occurrence, registration=states[(occurrence.event.pk, occurrence.local_day)]) for occurrence in occurrences]


def month_days(events, year, month):
    """The days of a month that have dates, as (date, [Occurrence]) pairs in order; an event
    that began before the month appears on its first day. Two queries (events with their
    translations, exceptions)."""
    window_start, window_end = recurrence.month_bounds(year, month)
    found = with_translations(events, fields=WORDS)
    found = (
        found.filter(start__lt=window_end)
        .filter(
            Q(recurrence_frequency="", end__gt=window_start)
            | (~Q(recurrence_frequency="") & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=window_start.date())))
        )
        .prefetch_related("exceptions")
    )
    days = {}
    for occurrence in localize_occurrences(recurrence.expand(found, window_start, window_end)):
        days.setdefault(max(occurrence.local_start.date(), window_start.date()), []).append(occurrence)
    return sorted(days.items())


@dataclass(frozen=True)
class GridDay:
    """One cell of the month grid: a day, its dates (Occurrence), whether it belongs to the
    month shown (else it only fills the first or last week) and whether it is today."""

    date: datetime.date
    occurrences: list
    in_month: bool
    is_today: bool


@dataclass(frozen=True)
class MonthGrid:
    """A month as whole weeks, Monday to Sunday: ``days`` (GridDay), seven per week."""

    days: list

    @property
    def first_week(self):
        """The first seven days, whose weekday names head the grid's columns."""
        return [day.date for day in self.days[:7]]

    @property
    def has_dates(self):
        return any(day.occurrences for day in self.days)


def month_grid(events, year, month, today):
    """The month's ``MonthGrid``: the days of the neighbouring months that complete its first
    and last week come without their dates. ``month_days``' queries."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    found = dict(month_days(events, year, month))
    day = first - datetime.timedelta(days=first.weekday())
    end = last + datetime.timedelta(days=6 - last.weekday())
    days = []
    while day <= end:
        in_month = first <= day <= last
        days.append(GridDay(day, found.get(day, []) if in_month else [], in_month, day == today))
        day += datetime.timedelta(days=1)
    return MonthGrid(days)
