"""The parts every page repeats: navigation, breadcrumb, footer and the links to the
Leichte Sprache and Gebärdensprache pages (BITV 2.0 § 4).

Each tag hands its template lazy querysets. The templates keep what they render with
``{% wagtailcache %}`` per host, language and content version (``cache_version``), so a
page rendered on a warm cache runs none of these queries; any published change makes a
new content version and with it new navigation, breadcrumbs and footers everywhere.
"""

from django import template
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from moessingen_site.accessibility import EasyLanguagePage, SignLanguagePage
from moessingen_site.site_settings import SiteSettings

register = template.Library()


def _cache_context(context):
    """What the fragment cache tags in the included templates need from the page's context."""
    return {
        "request": context.get("request"),
        "cache_version": context.get("cache_version"),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site is not None else None


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it (by tree path, no query)."""
    path = getattr(page, "path", None)
    return bool(path) and path.startswith(section.path)


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The home page and its children shown in menus."""
    request = context.get("request")

    def items():
        root = _site_root(request)
        if root is None:
            return []
        return [root, *root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")]

    return {**_cache_context(context), "page": context.get("page"), "items": SimpleLazyObject(items)}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    """The pages above this one, from the site's home page down (none on the home page)."""
    page = context.get("page")
    ancestors = ()
    if isinstance(page, Page) and page.depth > 2:
        ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth")
    return {**_cache_context(context), "page": page, "ancestors": ancestors}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    """Contact data and the legal pages named in the site settings."""
    request = context.get("request")

    def settings():
        return SiteSettings.for_request(request) if request is not None else None

    def links():
        site_settings = settings()
        return site_settings.footer_links() if site_settings is not None else []

    return {**_cache_context(context), "contact": SimpleLazyObject(settings), "links": SimpleLazyObject(links)}


@register.inclusion_tag("moessingen_site/includes/accessibility_links.html", takes_context=True)
def accessibility_links(context):
    """The site's Leichte Sprache and Gebärdensprache pages, if published."""
    request = context.get("request")

    def pages():
        root = _site_root(request)
        if root is None:
            return {}
        return {
            "easy_language": EasyLanguagePage.objects.live().public().descendant_of(root).first(),
            "sign_language": SignLanguagePage.objects.live().public().descendant_of(root).first(),
        }

    return {**_cache_context(context), "links": SimpleLazyObject(pages)}
