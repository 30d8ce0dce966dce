"""Values for `{% wagtailcache %}` around parts every page repeats (see base.html):
cached until the next content change, and only while the page cache is on."""

from django import template

from moessingen_site import cache

register = template.Library()


@register.simple_tag
def part_cache_timeout():
    """Seconds for `{% wagtailcache %}`; 0 (nothing stored) while the page cache is off."""
    return cache.entry_timeout() if cache.enabled() else 0


@register.simple_tag
def content_version():
    """Part of the fragment's key, so that any content change makes it stale."""
    return cache.content_version() if cache.enabled() else ""
