"""Template helpers for the parts every page repeats (see moessingen_site/layout.py)."""

from django import template
from django.utils.translation import get_language

from .. import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, page):
    """The address of `page` for a visitor reading the active language: the page's own
    when it is in that language, else the German page's path under the language's prefix
    (served in German with a notice, see ``languages``)."""
    request = context.get("request")
    url = page.get_url(request)
    if url is None or languages.locale_ids(request).get(get_language()) in (None, page.locale_id):
        return url
    return languages.url_in_language(url, get_language())


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Every language of the site, named in itself, leading to the current page's
    translation or, where there is none, to the German page in that language's frame."""
    request = context.get("request")
    return {"entries": languages.links(context.get("page"), request), "request": request}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    page = context.get("page")
    if page is None or not hasattr(page, "translation_key"):
        return {"alternates": []}
    return {"alternates": languages.alternates(page, context.get("request"))}


@register.simple_tag(takes_context=True)
def shown_in_german(context, page):
    """True when `page` is the German page shown to a visitor of another language."""
    if page is None or not hasattr(page, "locale_id"):
        return False
    request = context.get("request")
    active = languages.locale_ids(request).get(get_language())
    return active is not None and active != page.locale_id


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it (by tree path, no query)."""
    path = getattr(page, "path", None)
    return bool(path) and path.startswith(section.path)


@register.filter
def ancestors_of(site_parts, page):
    """The breadcrumb's pages above ``page`` (see ``layout.SiteParts.ancestors``)."""
    return site_parts.ancestors(page)


@register.filter
def localized(pages):
    """`pages` of the default language as the active language's visitor sees them in a
    listing: translated title and address where a translation is live (see
    ``languages.Localized``); one query."""
    return languages.localized(pages)
