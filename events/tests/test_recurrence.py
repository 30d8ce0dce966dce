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
