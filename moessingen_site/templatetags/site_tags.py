"""Navigation, breadcrumb and footer: the parts every page repeats.

Built from ``structure.site_parts`` and the pages the router found, which are kept per
request – or per content version while the page cache is on – so a page pays for them
at most once per content change.
"""

from django import template
from wagtail.models import Page

from moessingen_site import structure

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context["request"]
    current = context.get("page")
    current_path = getattr(current, "path", None)
    current_id = getattr(current, "pk", None)
    entries = []
    for item in structure.site_parts(request).navigation:
        is_current = item["id"] == current_id
        is_ancestor = not is_current and item["depth"] > 2 and bool(current_path) and current_path.startswith(item["path"])
        entries.append(dict(item, is_current=is_current, is_ancestor=is_ancestor))
    return {"items": entries, "request": request}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    page = context.get("page")
    request = context["request"]
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        trail = structure.path_pages(request, page)
        if trail is not None:
            # Found by the router: the site root and every page down to this one.
            ancestors = [{"title": node.title, "url": structure.page_url(node.url_path, request)} for node in trail[:-1]]
        else:
            ancestors = [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth")
            ]
    return {"ancestors": ancestors, "page": page, "request": request}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    """Contact data and legal pages from the site settings."""
    parts = structure.site_parts(context["request"])
    return {"contact": parts.contact, "links": parts.footer_links}
