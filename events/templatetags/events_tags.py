"""The calendar for templates: its routes and feeds in the active language, the webcal:// one,
its archive's events in that language, and the home page's next events (``{% next_events 3 %}``:
other apps' templates show the calendar without importing it)."""

from django import template
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from events import words
from events.ical import webcal_url as absolute_webcal_url
from events.event_page import event_queryset
from events.listings import UpcomingEvents
from events.models import EventIndexPage
from moessingen_site.base_page import public
from moessingen_site.languages import in_default_language, page_address

register = template.Library()


@register.simple_tag
def route_url(page, name, *args):
    """The address of the routable `page`'s route `name` in the active language's frame: a
    German calendar served under /ar/ (no translation yet) keeps its links there."""
    return page_address(page, get_language()) + page.reverse_subpage(name, args=args or None)


@register.simple_tag
def feed_url(calendar, category=None):
    """The feed of the calendar page `calendar`, or of one EventCategory of it, in the active
    language, as subscribers have it (without the route's trailing slash)."""
    if category is None:
        return route_url(calendar, "feed").removesuffix("/")
    return route_url(calendar, "category_feed", category.slug).removesuffix("/")


@register.simple_tag(takes_context=True)
def webcal_url(context, url):
    """The subscription address of a feed: absolute, with the webcal:// scheme."""
    return absolute_webcal_url(context["request"], url)


@register.filter
def localized_events(events):
    """German `events` (a page of the archive) as the active language's visitor reads them
    (events.words.LocalizedEvent): one query for their translations, none in German."""
    return words.localized_events(events)


@register.inclusion_tag("events/includes/next_events.html", takes_context=True)
def next_events(context, limit=3):
    """The home page's „Nächste Veranstaltungen“: the next `limit` events of the request's
    site's calendar – a series once, with its next dates – in the visitor's language, with
    their registration state and a link to the calendar; nothing without a calendar.

    Kept as a fragment per language, content version and minute (the template): an event
    that has ended is gone within the minute, as in the calendar's own lists. The queries
    run only when the fragment is not current; their number does not depend on the number
    of events."""
    request = context.get("request")
    now = timezone.now()

    def calendar():
        # A child of the home page, as the calendar usually is, comes with the navigation's pages.
        site_parts = context.get("site_parts")
        found = site_parts.home_child(EventIndexPage) if site_parts is not None else None
        if found is not None:
            return found
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return None
        return public(in_default_language(EventIndexPage.objects.live().in_site(site))).defer_streamfields().first()

    calendar = SimpleLazyObject(calendar)

    def upcoming():
        if not calendar:
            return []
        return UpcomingEvents(
            event_queryset().descendant_of(calendar), now, now + EventIndexPage.recurrence_horizon, request, ("upcoming", calendar.pk, None, None)
        )[:limit]

    return {
        "request": request,
        "calendar": calendar,
        "occurrences": SimpleLazyObject(upcoming),
        "calendar_url": SimpleLazyObject(lambda: page_address(calendar, get_language()) if calendar else ""),
        "cache_version": context.get("cache_version"),
        "language": get_language(),
        "minute": now.strftime("%Y%m%d%H%M"),
    }
