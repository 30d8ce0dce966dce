"""Template tags other apps' templates use to show news without importing this app."""

from django import template
from wagtail.models import Site

from moessingen_site.languages import in_default_language, with_translations

from ..models import TEASER_WORDS, NewsArticlePage, localized_articles

register = template.Library()


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    """The home page's „Aktuelles" section: the newest ``limit`` live, public articles of
    the request's site (German, the records) as teasers in the visitor's language; nothing
    when there are none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        articles = NewsArticlePage.objects.none()
    else:
        articles = in_default_language(NewsArticlePage.objects.in_site(site)).teasers()
        articles = localized_articles(with_translations(articles, fields=TEASER_WORDS)[:limit])
    return {"request": request, "articles": articles}


@register.filter(name="localized_articles")
def localized_articles_filter(articles):
    """German `articles` (a page of the news list) in the visitor's language (one query)."""
    return localized_articles(articles)
