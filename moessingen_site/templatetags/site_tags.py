"""Template helpers for the parts every page repeats (see moessingen_site/layout.py)."""

from django import template

register = template.Library()


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it (by tree path, no query)."""
    path = getattr(page, "path", None)
    return bool(path) and path.startswith(section.path)


@register.filter
def ancestors_of(site_parts, page):
    """The breadcrumb's pages above ``page`` (see ``layout.SiteParts.ancestors``)."""
    return site_parts.ancestors(page)
