"""iCalendar (RFC 5545) for one event and for subscribable feeds, built with the icalendar library.

UIDs come from the page's translation key, so they stay the same across requests and
renames; DTSTAMP is the page's last publication. Series carry RRULE and EXDATE; a single
cancelled date of a series is an override with RECURRENCE-ID and STATUS:CANCELLED.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from moessingen_site.base_url import absolute_url

from . import recurrence
from .words import absolute

PRODID = "-//Stadt Mössingen//Zuhause in Mössingen//DE"


def calendar_file_url(page, request, name, *args):
    """The URL of a page's calendar-file route (``feed.ics``, ``termin.ics``), without the
    trailing slash that page routes carry: that is how subscribers have it (events/urls.py)."""
    url = page.get_url(request) + page.reverse_subpage(name, args=args)
    return url.removesuffix("/")


def webcal_url(request, url, page=None):
    """The subscription address of a feed: its absolute URL (from the configured base URL,
    moessingen_site/base_url.py) with the webcal:// scheme."""
    full = absolute(url, page, request) if page is not None else absolute_url(url)
    if "://" not in full:  # no base URL configured and no page to ask: the request's host
        full = request.build_absolute_uri(url)
    return "webcal://" + full.split("://", 1)[1]


def uid(event):
    return f"{event.translation_key}@zuhause-in-moessingen"


def stamp(event):
    value = event.last_published_at or event.latest_revision_created_at or event.first_published_at
    return (value or timezone.now()).astimezone(datetime.UTC)


def _when(event, value, is_end=False):
    """A DTSTART/DTEND value: a DATE for all-day events (DTEND exclusive), else Berlin time."""
    local = timezone.localtime(value, recurrence.BERLIN)
    if event.all_day:
        return local.date() + datetime.timedelta(days=1) if is_end else local.date()
    return local


def _location(event):
    if not event.place:
        return None
    address = " ".join(event.place.address.split())
    return f"{event.place.name}, {address}" if address else event.place.name


def _component(event, uid_value, start, end, cancelled, url):
    """The VEVENT of `event` from `start` to `end`: what a single event, a series and one
    date of a series have in common."""
    component = Event()
    component.add("uid", uid_value)
    component.add("dtstamp", stamp(event))
    component.add("dtstart", _when(event, start))
    component.add("dtend", _when(event, end, is_end=True))
    component.add("summary", event.title)
    component.add("description", strip_tags(event.teaser))
    component.add("url", url)
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    location = _location(event)
    if location:
        component.add("location", location)
    return component


def occurrence_component(event, occurrence, url):
    """One date of a series as an event of its own (the calendar file of a registration
    for that date): its own UID, so that it sits beside a subscribed series, not over it."""
    return _component(
        event, f"{event.translation_key}-{occurrence.local_day:%Y%m%d}@zuhause-in-moessingen",
        occurrence.start, occurrence.end, occurrence.cancelled, url,
    )


def event_components(event, url):
    main = _component(event, uid(event), event.start, event.end, event.cancelled, url)
    location = _location(event)
    if event.category_id:
        main.add("categories", [event.category.name])
    components = [main]
    parts = recurrence.rule_parts(event)
    if parts:
        main.add("rrule", parts)
        start_time = timezone.localtime(event.start, recurrence.BERLIN)
        duration = recurrence.local(event.end) - recurrence.local(event.start)
        excluded = []
        for exception in event.exceptions.all():
            if event.all_day:
                original = exception.date
            else:
                original = recurrence.aware(datetime.datetime.combine(exception.date, start_time.time().replace(tzinfo=None)))
            if not exception.show_as_cancelled:
                excluded.append(original)
                continue
            override = Event()
            override.add("uid", uid(event))
            override.add("dtstamp", stamp(event))
            override.add("recurrence-id", original)
            if event.all_day:
                override.add("dtstart", original)
                override.add("dtend", original + duration + datetime.timedelta(seconds=1))
            else:
                override.add("dtstart", original)
                override.add("dtend", recurrence.aware(original.replace(tzinfo=None) + duration))
            override.add("summary", event.title)
            override.add("status", "CANCELLED")
            if exception.reason:
                override.add("description", exception.reason)
            if location:
                override.add("location", location)
            components.append(override)
        if excluded:
            main.add("exdate", excluded)
    return components


def build_calendar(events, name, request=None, parent_url=None):
    """A VCALENDAR of `events`. With `parent_url` (the calendar page's full URL, all events being
    its children) event URLs are built without resolving each page's URL: feeds stay fast."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        url = f"{parent_url}{event.slug}/" if parent_url else absolute(event.get_url(request), event, request)
        for component in event_components(event, url):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar


def calendar_bytes(events, name, request=None, parent_url=None):
    return build_calendar(events, name, request, parent_url).to_ical()


def occurrence_calendar_bytes(event, occurrence, url, name):
    """A VCALENDAR with the one date `occurrence` of the series `event`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(occurrence_component(event, occurrence, url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(request, events, name, filename, parent_url=None, body=None):
    """`body`: the calendar's bytes when the caller has them already (a cached feed)."""
    if body is None:
        body = calendar_bytes(events, name, request, parent_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # No Cache-Control here: the site's page cache decides (public for anonymous visitors,
    # private for logged-in ones, who may see events behind a view restriction).
    return response
