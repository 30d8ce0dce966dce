"""Addresses of the calendar for templates: its routes and feeds in the active language, the webcal:// one, and its archive's events in that language."""

from django import template

from events import words
from django.utils.translation import get_language

from events.ical import webcal_url as absolute_webcal_url
from moessingen_site.languages import page_address

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
