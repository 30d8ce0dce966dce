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

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from moessingen_site.cache import content_version, request_version

from . import recurrence
from .words import localize_occurrences

# How long a cached expansion may live; its key names the day and the content version anyway.
CACHE_SECONDS = 6 * 3600


def shared(request, key, compute):
    """``compute()``, kept in Django's cache under `key` plus the content version and the
    language, so that every worker shares it and any content change replaces it. Previews
    always compute: they may show what is not published."""
    if request is not None and getattr(request, "is_preview", False):
        return compute()
    version = request_version(request) if request is not None else content_version()
    raw = "|".join(str(part) for part in (version, get_language(), *key))
    return cache.get_or_set("events:" + hashlib.sha256(raw.encode()).hexdigest(), compute, CACHE_SECONDS)


def day_window(now, horizon):
    """[start of today, end of the horizon's day) in Berlin time: whole days, so that one
    expansion serves every request of the day."""
    today = recurrence.start_of_day(timezone.localdate(now))
    return today, recurrence.start_of_day(timezone.localdate(horizon) + datetime.timedelta(days=1))


def series_dates(events, window_start, window_end, request, key):
    """The dates of the series among `events` in the window as plain tuples
    ``(start, title, pk, end, cancelled, reason)``, ordered as listings are (start, title, pk).

    Kept in the shared cache: `key` must name everything `events` depends on (calendar,
    filters); the window is added here. Plain values, not pages, so that an entry stays small
    and readable after a deploy.
    """

    def compute():
        series = (
            events.exclude(recurrence_frequency="")
            .filter(start__lt=window_end)
            .filter(Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=timezone.localdate(window_start)))
            .prefetch_related("exceptions")
        )
        return sorted(
            (o.start, o.event.title, o.event.pk, o.end, o.cancelled, o.cancellation_reason)
            for o in recurrence.expand(series, window_start, window_end)
        )

    return shared(request, ("series", *key, window_start.isoformat(), window_end.isoformat()), compute)


class UpcomingOccurrences:
    """The upcoming dates as a lazy sequence of Occurrence objects, for Django's Paginator.

    Single events come from the database in order, only as many as the requested slice
    needs; the dates of series come from ``series_dates`` (cached for the day), cut to `now`
    and `horizon`, and their events are fetched for the slice only. Single events have no
    horizon. The number of queries does not depend on the number of events.
    """

    def __init__(self, events, now, horizon, request, key):
        self.events = events
        self.singles = events.filter(recurrence_frequency="", end__gt=now).order_by("start", "title", "pk")
        window_start, window_end = day_window(now, horizon)
        self.series = [
            date for date in series_dates(events, window_start, window_end, request, key)
            if date[3] > now and date[0] < horizon
        ]
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.singles.count() + len(self.series)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        entries = [
            ((event.start, event.title, event.pk), recurrence.Occurrence(
                event, event.start, event.end, event.cancelled, event.cancellation_reason
            ))
            for event in self.singles[:stop]
        ]
        entries += [(date[:3], date) for date in self.series[:stop]]
        chosen = [item for _key, item in sorted(entries, key=lambda entry: entry[0])[start:stop]]
        # One query for the events of the series dates shown, whatever their number.
        series_events = self.events.in_bulk({item[2] for item in chosen if not isinstance(item, recurrence.Occurrence)})
        result = []
        for item in chosen:
            if isinstance(item, recurrence.Occurrence):
                result.append(item)
                continue
            day_start, _title, pk, day_end, cancelled, reason = item
            if pk in series_events:  # else unpublished since: the content version has changed
                result.append(recurrence.Occurrence(series_events[pk], day_start, day_end, cancelled, reason))
        # The words in the visitor's language: one more query, none in German.
        return localize_occurrences(result)


def month_days(events, year, month):
    """The days of a month that have dates, as (date, [Occurrence]) pairs in order; an event
    that began before the month appears on its first day. Two queries (events, exceptions),
    a third for the translations in another language than German."""
    window_start, window_end = recurrence.month_bounds(year, month)
    found = (
        events.filter(start__lt=window_end)
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
