"""Addresses of the calendar's feeds for templates: the https address and the webcal:// one."""

from django import template

from events.ical import calendar_file_url, webcal_url as absolute_webcal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_url(context, calendar, category=None):
    """The feed of the calendar page `calendar`, or of one EventCategory of it, as subscribers
    have it (without the route's trailing slash)."""
    request = context.get("request")
    if category is None:
        return calendar_file_url(calendar, request, "feed")
    return calendar_file_url(calendar, request, "category_feed", category.slug)


@register.simple_tag(takes_context=True)
def webcal_url(context, url):
    """The subscription address of a feed: absolute, with the webcal:// scheme."""
    return absolute_webcal_url(context["request"], url)
