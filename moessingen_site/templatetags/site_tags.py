"""Navigation and breadcrumb built from the page tree."""

from django import template
from wagtail.models import Page, Site

from moessingen_site.cache import versioned

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    current = context.get("page")
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        items = versioned(f"main-nav:{site.pk}", lambda: menu_items(site))
    for item in items:
        item.is_current = current is not None and current.pk == item.pk
        item.is_ancestor = (
            current is not None and item.depth > 2 and current.path.startswith(item.path) and not item.is_current
        )
    return {"items": items, "request": request}


def menu_items(site):
    root = site.root_page
    items = list(root.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth"))
    return [root, *items]


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth"))
    return {"ancestors": ancestors, "page": page, "request": context["request"]}
