"""Template tags other apps' templates use to show news without importing this app."""

from django import template
from wagtail.models import Site

from ..models import NewsArticlePage

register = template.Library()


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    """The home page's „Aktuelles" section: the newest ``limit`` live, public articles of
    the request's site, as teasers; nothing when there are none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        articles = NewsArticlePage.objects.none()
    else:
        articles = NewsArticlePage.objects.in_site(site).teasers()[:limit]
    return {"request": request, "articles": articles}
