"""Navigation, breadcrumb and footer: the parts every page repeats.

Each is built from data kept by ``structure.memo`` (per request, or per content version
while the page cache is on), so a page pays for them at most once per content change.
"""

from django import template
from django.urls import reverse
from wagtail.models import Page

from moessingen_site import structure

register = template.Library()


def _link(page, request):
    return {"id": page.pk, "title": page.title, "url": page.get_url(request), "path": page.path, "depth": page.depth}


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    current = context.get("page")
    site = structure.site_for_request(request)
    items = []
    if site is not None:
        items = structure.memo(("main-nav", site.pk), lambda: [_link(page, request) for page in menu_pages(site)])
    current_path = getattr(current, "path", None)
    current_id = getattr(current, "pk", None)
    entries = []
    for item in items:
        is_current = item["id"] == current_id
        is_ancestor = not is_current and item["depth"] > 2 and bool(current_path) and current_path.startswith(item["path"])
        entries.append(dict(item, is_current=is_current, is_ancestor=is_ancestor))
    return {"items": entries, "request": request}


def menu_pages(site):
    root = site.root_page
    children = root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
    return [root, *children]


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    request = context["request"]
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        trail = structure.path_pages(request, page)
        if trail is not None:
            # Found by the router: the site root and every page down to this one.
            root_path = trail[0].url_path
            ancestors = [
                {"title": node.title, "url": reverse("wagtail_serve", args=(node.url_path[len(root_path):],))}
                for node in trail[:-1]
            ]
        else:
            ancestors = [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth")
            ]
    return {"ancestors": ancestors, "page": page, "request": request}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    """Contact data and legal pages from the site settings."""
    from moessingen_site.models import SiteSettings

    request = context["request"]
    site = structure.site_for_request(request)
    if site is None:
        return {"contact": None, "links": []}

    def compute():
        site_settings = SiteSettings.for_site(site)
        contact = {
            "organisation": site_settings.organisation,
            "address": site_settings.address,
            "email": site_settings.email,
            "phone": site_settings.phone,
        }
        return contact, [{"title": page.title, "url": page.get_url(request)} for page in site_settings.footer_links()]

    contact, links = structure.memo(("footer", site.pk), compute)
    return {"contact": contact, "links": links}
