"""Occurrences of events: a single event is one occurrence, a series is expanded in Python.

Series are computed with python-dateutil's rrule in Europe/Berlin wall-clock time, so that a
café at 15:00 stays at 15:00 across the change to and from summer time. The same rule is
written into the iCal feeds as RRULE, so calendars and the website agree, and described in
German words for the event page (``describe_recurrence``).

A leaf module: it knows events only by their fields (start, end, recurrence_*, exceptions),
so that the page models, the listings and the feeds can all build on it.
"""

import calendar
import datetime
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.utils.dates import MONTHS_ALT, WEEKDAYS_ABBR
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

BERLIN = ZoneInfo(settings.TIME_ZONE)

FREQUENCIES = {"WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# A series is never expanded further than this many occurrences in one window: a bound for
# a daily rule over a long window, far above what any page shows.
MAX_OCCURRENCES_PER_SERIES = 500


def local(value):
    """An aware datetime as naive Europe/Berlin wall-clock time."""
    return timezone.localtime(value, BERLIN).replace(tzinfo=None)


def aware(naive):
    return naive.replace(tzinfo=BERLIN)


def start_of_day(day):
    return aware(datetime.datetime.combine(day, datetime.time.min))


def end_of_day(day):
    return aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def month_bounds(year, month):
    """[first instant of the month, first instant of the next month) in Berlin time."""
    first = datetime.date(year, month, 1)
    days = calendar.monthrange(year, month)[1]
    return start_of_day(first), start_of_day(first + datetime.timedelta(days=days))


def weekday_position(day):
    """The BYDAY value of "the same weekday of the month" as `day`: +2WE, or -1WE for the last."""
    nth = (day.day - 1) // 7 + 1
    if nth == 5:
        nth = -1
    return nth, WEEKDAY_CODES[day.weekday()]


def rule_parts(event, until_utc=True):
    """The event's recurrence as RRULE parts (iCal spelling), or None for a single event.

    `until_utc` gives UNTIL in UTC as RFC 5545 requires next to a DTSTART with TZID; the
    expansion here uses naive Berlin time instead.
    """
    if not event.recurrence_frequency:
        return None
    start = local(event.start)
    parts = {"FREQ": event.recurrence_frequency, "INTERVAL": event.recurrence_interval or 1}
    if event.recurrence_frequency == "MONTHLY" and event.recurrence_monthly_mode == "weekday":
        nth, code = weekday_position(start.date())
        parts["BYDAY"] = f"{nth:+d}{code}"
    if event.recurrence_until:
        if event.all_day:
            parts["UNTIL"] = event.recurrence_until
        elif until_utc:
            parts["UNTIL"] = end_of_day(event.recurrence_until).astimezone(datetime.UTC)
        else:
            parts["UNTIL"] = datetime.datetime.combine(event.recurrence_until, datetime.time(23, 59, 59))
    return parts


def build_rrule(event, near=None):
    """A dateutil rrule over naive Berlin wall-clock start times.

    With `near` (naive Berlin time), the rule begins at the last period of the series that
    starts no later than `near`'s period, instead of at the event's first date: the same
    dates from `near` on, without dateutil stepping through every earlier one (a series of
    two years was stepped through week by week on every expansion).
    """
    parts = rule_parts(event, until_utc=False)
    start = local(event.start)
    kwargs = {"dtstart": start, "interval": parts["INTERVAL"]}
    if "BYDAY" in parts:
        nth, code = weekday_position(start.date())
        kwargs["byweekday"] = getattr(rrule, code)(nth)
    if near is not None and near > start:
        kwargs["dtstart"] = period_start_before(start, parts, near)
    until = parts.get("UNTIL")
    if isinstance(until, datetime.datetime):
        kwargs["until"] = until
    elif until is not None:
        kwargs["until"] = datetime.datetime.combine(until, datetime.time(23, 59, 59))
    return rrule.rrule(FREQUENCIES[parts["FREQ"]], **kwargs)


def period_start_before(start, parts, near):
    """The start of the series' last period (week or month of the rule's interval) that
    begins no later than `near`'s, as a start for its rrule with the same dates from there:
    the same weekday and time a whole number of periods on; for a monthly rule its day of
    the month in such a month (never one that lacks that day, which the rule skips), or for
    a rule by weekday the first of such a month (the rule picks the weekday in it)."""
    interval = parts["INTERVAL"]
    if parts["FREQ"] == "WEEKLY":
        period = datetime.timedelta(weeks=interval)
        return start + period * ((near - start) // period)
    periods = ((near.year - start.year) * 12 + near.month - start.month) // interval
    while periods > 0:
        year, month = divmod(start.month - 1 + periods * interval, 12)
        year += start.year
        month += 1
        if "BYDAY" in parts:
            return start.replace(year=year, month=month, day=1)
        if start.day <= calendar.monthrange(year, month)[1]:
            return start.replace(year=year, month=month)
        periods -= 1
    return start


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: the event itself (an EventPage instance, as listings fetch it)
    with its start and end, or one date of a series, possibly cancelled by an exception.
    Not a copy of the page: templates read the event's own fields through ``event``."""

    event: object
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool = False
    cancellation_reason: str = ""
    # Set by the calendar's lists (events.listings): a series shown once names its next dates
    # (Occurrence objects, this one first), and each entry its registration state.
    next_dates: tuple = ()
    registration: object = None

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def sort_key(self):
        return (self.start, self.event.title, self.event.pk)

    @cached_property
    def local_start(self):
        return timezone.localtime(self.start, BERLIN)

    @cached_property
    def local_end(self):
        return timezone.localtime(self.end, BERLIN)

    @cached_property
    def machine_time(self):
        """The ``datetime`` attribute of the date's ``<time>``: the day of an all-day date,
        else the start with its offset (as the date filter's "Y-m-d" and "c" give them,
        without their parsing: a month shows hundreds)."""
        return self.local_start.date().isoformat() if self.all_day else self.local_start.isoformat()

    @cached_property
    def start_clock(self):
        """The time of day of the start: "17:00"."""
        return f"{self.local_start:%H:%M}"

    @property
    def multi_day(self):
        return self.local_start.date() != self.local_end.date()

    @cached_property
    def when(self):
        return describe_time(self.local_start, self.local_end, self.all_day)

    @property
    def local_day(self):
        return self.local_start.date()

    @property
    def hours(self):
        """The time of day of the date, for a series whose rule names its days:
        "17:00 bis 19:00 Uhr"; "ganztägig"; the whole span when it lasts several days."""
        if self.all_day:
            return _("ganztägig") if not self.multi_day else self.when
        if self.multi_day:
            return self.when
        return _("%(start)s bis %(end)s Uhr") % {"start": self.start_clock, "end": f"{self.local_end:%H:%M}"}


def describe_time(start, end, all_day):
    """German text of a time span: "Sa, 24. November 2018, 14:00 bis 18:30 Uhr"."""
    same_day = start.date() == end.date()
    if all_day:
        if same_day:
            return _("%(day)s, ganztägig") % {"day": long_day(start)}
        return _("%(start)s bis %(end)s") % {"start": long_day(start), "end": long_day(end)}
    if same_day:
        return _("%(day)s, %(start)s bis %(end)s Uhr") % {
            "day": long_day(start),
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    return _("%(start)s Uhr bis %(end)s Uhr") % {
        "start": f"{long_day(start)}, {start:%H:%M}",
        "end": f"{long_day(end)}, {end:%H:%M}",
    }


def long_day(value):
    """The day in the active language's order and words: "Sa, 24. November 2018", "Sat,
    24 November 2018", "Сб, 24 листопада 2018" – each language's translation of the pattern
    orders weekday, day, month and year, the month named as a day's month (Ukrainian's
    genitive: Django's ``MONTHS_ALT``, the "E" of its date formats). Composed from the
    translated names, without the formatter's parsing: the month view writes some 250 of
    them, which took a third of its render."""
    # Translators: a date with its weekday as the calendar writes it; weekday abbreviated,
    # month named as in a date. German: "Sa, 24. November 2018".
    pattern = pgettext("long day", "%(weekday)s, %(day)s. %(month)s %(year)s")
    return pattern % {
        "weekday": WEEKDAYS_ABBR[value.weekday()], "day": value.day, "month": MONTHS_ALT[value.month], "year": f"{value.year:04d}",
    }


def exceptions_by_date(event):
    """{date: exception} of a series; uses the prefetched exceptions when there are any."""
    return {exception.date: exception for exception in event.exceptions.all()}


def occurrences(event, window_start, window_end, limit=None, exceptions=None):
    """The event's occurrences that overlap [window_start, window_end), in order; only the
    first `limit` ones if given (the rule is not expanded further).

    Dates excluded by an exception (EXDATE) are left out; cancelled dates are kept and marked.
    `exceptions`: {date: exception} of a series if the caller has read them (else the
    event's own, ``exceptions_by_date``).
    """
    if not event.recurrence_frequency:
        if event.start < window_end and event.end > window_start:
            return [Occurrence(event, event.start, event.end, event.cancelled, event.cancellation_reason)]
        return []
    duration = local(event.end) - local(event.start)
    # Starts before the window can still overlap it by the event's duration.
    after = local(window_start) - duration
    rule = build_rrule(event, near=after)
    if exceptions is None:
        exceptions = exceptions_by_date(event)
    before = local(window_end)
    result = []
    for start in rule.xafter(after, count=MAX_OCCURRENCES_PER_SERIES, inc=True):
        if start >= before:
            break
        occurrence_start, occurrence_end = aware(start), aware(start + duration)
        if occurrence_end <= window_start:
            continue
        exception = exceptions.get(start.date())
        if exception is not None and not exception.show_as_cancelled:
            continue
        cancelled = event.cancelled or exception is not None
        reason = exception.reason if exception is not None and exception.reason else event.cancellation_reason
        result.append(Occurrence(event, occurrence_start, occurrence_end, cancelled, reason if cancelled else ""))
        if limit is not None and len(result) >= limit:
            break
    return result


def expand(events, window_start, window_end, limit=None):
    """All occurrences of `events` in the window, ordered by start; at most `limit` per event
    if given."""
    result = []
    for event in events:
        result.extend(occurrences(event, window_start, window_end, limit))
    return sorted(result, key=lambda o: o.sort_key)


def is_occurrence_date(event, day):
    """Whether a series has a (rule-generated) occurrence on `day`."""
    start = datetime.datetime.combine(day, datetime.time.min)
    found = build_rrule(event).between(start, start + datetime.timedelta(days=1), inc=True)
    return any(value.date() == day for value in found)


WEEKDAY_NAMES = [
    gettext_lazy("Montag"), gettext_lazy("Dienstag"), gettext_lazy("Mittwoch"), gettext_lazy("Donnerstag"),
    gettext_lazy("Freitag"), gettext_lazy("Samstag"), gettext_lazy("Sonntag"),
]


def describe_recurrence(event):
    """The rule in German: "jeden 2. Mittwoch im Monat, bis 30. Juni 2027"."""
    start = local(event.start)
    interval = event.recurrence_interval or 1
    weekday = WEEKDAY_NAMES[start.weekday()]
    if event.recurrence_frequency == "WEEKLY":
        text = (
            _("jeden %(weekday)s") % {"weekday": weekday}
            if interval == 1
            else _("alle %(n)s Wochen am %(weekday)s") % {"n": interval, "weekday": weekday}
        )
    elif event.recurrence_monthly_mode == "weekday":
        nth, _code = weekday_position(start.date())
        position = _("letzten") if nth == -1 else f"{nth}."
        text = ngettext(
            "jeden %(position)s %(weekday)s im Monat",
            "jeden %(position)s %(weekday)s alle %(n)s Monate",
            interval,
        ) % {"position": position, "weekday": weekday, "n": interval}
    else:
        text = ngettext(
            "jeden Monat am %(day)s.", "alle %(n)s Monate am %(day)s.", interval
        ) % {"day": start.day, "n": interval}
    if event.recurrence_until:
        text += ", " + _("bis %(date)s") % {"date": date_format(event.recurrence_until, "j. F Y")}
    return text
