"""Occurrence expansion: Berlin wall-clock times across DST, month boundaries, exceptions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import EventException, EventPage
from events.recurrence import month_bounds, occurrences

from .conftest import berlin

UTC = datetime.UTC
# Unsaved pages only, but Page() looks up its content type, which another test may have uncached.
pytestmark = pytest.mark.django_db


def series(start, end, **kwargs):
    kwargs.setdefault("recurrence_frequency", "MONTHLY")
    return EventPage(title="Begegnungscafé", start=start, end=end, **kwargs)


def test_monthly_series_keeps_local_time_across_the_change_to_summer_time():
    cafe = series(berlin(2027, 1, 13, 15), berlin(2027, 1, 13, 17))  # 2nd Wednesday
    found = occurrences(cafe, berlin(2027, 1, 1), berlin(2027, 6, 1))
    assert [o.local_start.date() for o in found] == [
        datetime.date(2027, 1, 13), datetime.date(2027, 2, 10), datetime.date(2027, 3, 10),
        datetime.date(2027, 4, 14), datetime.date(2027, 5, 12),
    ]
    assert {o.local_start.time() for o in found} == {datetime.time(15)}
    assert {o.local_end.time() for o in found} == {datetime.time(17)}
    # 15:00 in Mössingen is 14:00 UTC in winter and 13:00 UTC in summer (from 28 March 2027).
    assert found[2].start.astimezone(UTC).hour == 14
    assert found[3].start.astimezone(UTC).hour == 13


def test_weekly_series_across_the_end_of_summer_time():
    meeting = series(berlin(2026, 10, 18, 10), berlin(2026, 10, 18, 11), recurrence_frequency="WEEKLY")
    found = occurrences(meeting, berlin(2026, 10, 17), berlin(2026, 11, 2))
    assert [o.start.astimezone(UTC).hour for o in found] == [8, 9, 9]  # 25 October 2026: back to CET
    assert all(o.local_start.hour == 10 for o in found)
    assert all(o.end - o.start == datetime.timedelta(hours=1) for o in found)


def test_event_over_midnight_at_a_month_boundary_belongs_to_both_months():
    party = EventPage(title="Silvester", start=berlin(2026, 12, 31, 22), end=berlin(2027, 1, 1, 2))
    assert len(occurrences(party, *month_bounds(2026, 12))) == 1
    assert len(occurrences(party, *month_bounds(2027, 1))) == 1
    assert occurrences(party, *month_bounds(2027, 2)) == []


def test_month_window_is_berlin_time_not_utc():
    start, end = month_bounds(2027, 3)
    assert start == berlin(2027, 3, 1) and end == berlin(2027, 4, 1)
    # 00:30 on 1 April in Mössingen is still 31 March in UTC, but it is an April event.
    early = EventPage(title="Früh", start=berlin(2027, 4, 1, 0, 30), end=berlin(2027, 4, 1, 1))
    assert occurrences(early, start, end) == []


def test_same_day_of_month_skips_months_without_that_day():
    rent = series(berlin(2027, 1, 31, 9), berlin(2027, 1, 31, 10), recurrence_monthly_mode="monthday")
    found = occurrences(rent, berlin(2027, 1, 1), berlin(2027, 6, 1))
    assert [o.local_start.date() for o in found] == [
        datetime.date(2027, 1, 31), datetime.date(2027, 3, 31), datetime.date(2027, 5, 31)
    ]


def test_fifth_weekday_means_the_last_one():
    cafe = series(berlin(2026, 12, 30, 15), berlin(2026, 12, 30, 16))  # 5th (= last) Wednesday
    found = occurrences(cafe, berlin(2026, 12, 1), berlin(2027, 3, 1))
    assert [o.local_start.date() for o in found] == [
        datetime.date(2026, 12, 30), datetime.date(2027, 1, 27), datetime.date(2027, 2, 24)
    ]


def test_exceptions_remove_a_date_or_mark_it_cancelled():
    cafe = series(
        berlin(2027, 1, 13, 15), berlin(2027, 1, 13, 17), recurrence_until=datetime.date(2027, 4, 30),
        exceptions=[
            EventException(date=datetime.date(2027, 2, 10), show_as_cancelled=False),
            EventException(date=datetime.date(2027, 3, 10), show_as_cancelled=True, reason="Ferienpause"),
        ],
    )
    found = occurrences(cafe, berlin(2027, 1, 1), berlin(2028, 1, 1))
    assert [(o.local_start.date(), o.cancelled, o.cancellation_reason) for o in found] == [
        (datetime.date(2027, 1, 13), False, ""),
        (datetime.date(2027, 3, 10), True, "Ferienpause"),
        (datetime.date(2027, 4, 14), False, ""),
    ]


def test_until_is_inclusive_and_interval_is_respected():
    meeting = series(
        berlin(2027, 1, 5, 18), berlin(2027, 1, 5, 20), recurrence_frequency="WEEKLY", recurrence_interval=2,
        recurrence_until=datetime.date(2027, 2, 16),
    )
    found = occurrences(meeting, berlin(2027, 1, 1), berlin(2028, 1, 1))
    assert [o.local_start.day for o in found] == [5, 19, 2, 16]


def test_occurrence_that_started_before_the_window_is_included():
    weekend = series(berlin(2027, 1, 30, 10), berlin(2027, 2, 1, 16), recurrence_frequency="WEEKLY")
    found = occurrences(weekend, berlin(2027, 2, 1), berlin(2027, 2, 2))
    assert len(found) == 1 and found[0].multi_day


def test_cancelled_single_event_is_one_cancelled_occurrence():
    event = EventPage(
        title="Fest", start=berlin(2027, 6, 1, 14), end=berlin(2027, 6, 1, 18), cancelled=True,
        cancellation_reason="Unwetter",
    )
    (occurrence,) = occurrences(event, berlin(2027, 6, 1), berlin(2027, 6, 2))
    assert occurrence.cancelled and occurrence.cancellation_reason == "Unwetter"


def test_time_descriptions_in_german():
    talk = EventPage(title="Auftakt", start=berlin(2018, 11, 24, 14), end=berlin(2018, 11, 24, 18, 30))
    assert talk.when == "Sa, 24. November 2018, 14:00 bis 18:30 Uhr"
    whole_day = EventPage(title="AG", start=berlin(2019, 4, 11), end=berlin(2019, 4, 11, 23, 59, 59), all_day=True)
    assert whole_day.when == "Do, 11. April 2019, ganztägig"


def test_all_day_event_covers_whole_berlin_days_and_end_defaults_to_the_same_day(category):
    event = EventPage(title="AG", teaser="x", category=category, start=berlin(2019, 4, 11, 15, 30), end=None, all_day=True)
    event.clean()
    assert event.start == berlin(2019, 4, 11)
    assert event.end == berlin(2019, 4, 11, 23, 59, 59)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end": berlin(2027, 1, 1, 9)}, "end"),
        ({"end": None}, "end"),
        ({"recurrence_frequency": "MONTHLY", "recurrence_until": datetime.date(2026, 12, 1)}, "recurrence_until"),
        ({"cancelled": True}, "cancellation_reason"),
        ({"registration_deadline": berlin(2026, 12, 1), "recurrence_frequency": "WEEKLY"}, "registration_deadline"),
        ({"registration_deadline": berlin(2027, 1, 2)}, "registration_deadline"),
    ],
)
def test_invalid_combinations_are_field_errors(category, changes, field):
    fields = {"title": "X", "teaser": "x", "category": category, "start": berlin(2027, 1, 1, 10), "end": berlin(2027, 1, 1, 12)}
    event = EventPage(**{**fields, **changes})
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert field in error.value.message_dict


SHIFT_CASES = [
    # (first date and time, frequency, interval, monthly mode)
    (datetime.datetime(2024, 1, 31, 18), "MONTHLY", 1, "monthday"),  # months without a 31st
    (datetime.datetime(2024, 2, 29, 9), "MONTHLY", 1, "monthday"),  # 29 February
    (datetime.datetime(2024, 3, 30, 10), "MONTHLY", 3, "monthday"),
    (datetime.datetime(2024, 5, 31, 19), "MONTHLY", 2, "monthday"),
    (datetime.datetime(2024, 1, 29, 19), "MONTHLY", 1, "weekday"),  # the fifth Monday: the last one
    (datetime.datetime(2024, 4, 10, 15), "MONTHLY", 2, "weekday"),  # the second Wednesday
    (datetime.datetime(2024, 3, 31, 2, 30), "WEEKLY", 1, ""),  # an hour the change to summer time skips
    (datetime.datetime(2024, 10, 27, 2, 30), "WEEKLY", 3, ""),
    (datetime.datetime(2023, 12, 31, 23), "WEEKLY", 2, ""),
]


@pytest.mark.parametrize("first, frequency, interval, mode", SHIFT_CASES)
def test_a_long_series_gives_the_same_dates_without_stepping_through_its_past(first, frequency, interval, mode):
    """A series is expanded from its last period before the window (build_rrule's `near`),
    not from its first date: the same dates in every window, long after the first one."""
    from events.recurrence import aware, build_rrule, local

    event = series(
        aware(first), aware(first + datetime.timedelta(hours=2)), recurrence_frequency=frequency,
        recurrence_interval=interval, recurrence_monthly_mode=mode or "monthday",
    )
    from_the_first_date = build_rrule(event)
    for months_later in (0, 1, 7, 13, 26, 35):
        for day in (1, 15, 28):
            window_start = berlin(2024 + (months_later + 1) // 12, (months_later + 1) % 12 or 12, day)
            window_end = window_start + datetime.timedelta(days=45)
            found = [o.local_start for o in occurrences(event, window_start, window_end)]
            after = local(window_start) - datetime.timedelta(hours=2)
            expected = [
                start for start in from_the_first_date.between(after, local(window_end), inc=True)
                if aware(start) + datetime.timedelta(hours=2) > window_start and aware(start) < window_end
            ]
            assert [value.replace(tzinfo=None) for value in found] == expected, (months_later, day)
            near_rule = build_rrule(event, near=after)
            period = datetime.timedelta(weeks=interval) if frequency == "WEEKLY" else datetime.timedelta(days=31 * interval + 31)
            assert near_rule[0] >= min(after - period, local(event.start)), "expanded from an earlier period than needed"


# The kick-off's day (24 November 2018) as each language writes a date with its weekday.
LONG_DAYS = {
    "de": "Sa, 24. November 2018",
    "de-x-ls": "Sa, 24. November 2018",
    "en": "Sat, 24 November 2018",
    "tr": "24 Kasım 2018 Cmt",
    "ar": "سبت، 24 نوفمبر 2018",
    "uk": "Сб, 24 листопада 2018",
}


@pytest.mark.parametrize("language", list(LONG_DAYS))
def test_a_dates_day_reads_in_the_order_and_words_of_every_language(language):
    """``long_day`` writes a day as the visitor's language does – its order, its
    punctuation, the month as a day's month (Ukrainian's genitive) – not the German pattern
    with translated names ("Sat, 24. November 2018", "Сб, 24. Листопад 2018"); every
    date of the calendar, the event pages and the registration e-mails reads so."""
    from django.conf import settings
    from django.utils import translation

    from events.recurrence import describe_time, long_day

    assert set(LONG_DAYS) == set(dict(settings.LANGUAGES))
    with translation.override(language):
        assert long_day(datetime.date(2018, 11, 24)) == LONG_DAYS[language]
        assert long_day(berlin(2018, 11, 24, 14)) == LONG_DAYS[language]
        start, end = berlin(2018, 11, 24, 14), berlin(2018, 11, 25, 4, 30)
        assert describe_time(start, end, all_day=False) == translation.gettext("%(start)s Uhr bis %(end)s Uhr") % {
            "start": f"{LONG_DAYS[language]}, 14:00", "end": f"{long_day(end)}, 04:30",
        }
