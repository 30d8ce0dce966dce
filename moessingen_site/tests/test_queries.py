"""Listings cost the same few queries whatever the amount of content, on a cold render:
the first request after a content change, when no page and no fragment is current."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from moessingen_site.cache import bump_content_version

from concept.factories import (
    ConceptPageFactory,
    FieldOfActionPageFactory,
    GoalFactory,
    MeasurePageFactory,
)
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

from .public_urls import language_prefix, page_urls

# Seven for Wagtail's routing and view-restriction check, two for the layout, the rest for
# the page's own listing.
MAX_QUERIES = 15


def count_queries(client, url):
    """The queries of a cold render. A first request creates the settings row and image
    renditions (both content changes); then the content version is made new, as by any
    publish, so neither the page nor any fragment is current."""
    client.get(url)
    bump_content_version()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return len(ctx.captured_queries)


@pytest.fixture
def concept_tree(home_page):
    concept = ConceptPageFactory(parent=home_page)
    field = FieldOfActionPageFactory(parent=concept, slug="wohnen")
    GoalFactory(field_of_action=field)
    news = NewsIndexPageFactory(parent=home_page)
    return field, news


def add_measures(field, n):
    for _ in range(n):
        MeasurePageFactory(parent=field)


def add_articles(news, n):
    for _ in range(n):
        NewsArticlePageFactory(parent=news)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, grow",
    [
        ("/", lambda field, news, n: (add_measures(field, n), add_articles(news, n))),
        ("/integrationskonzept/", lambda field, news, n: add_measures(field, n)),
        ("/integrationskonzept/wohnen/", lambda field, news, n: add_measures(field, n)),
        ("/aktuelles/", lambda field, news, n: add_articles(news, n)),
    ],
)
def test_query_count_does_not_grow_with_content(client, concept_tree, url, grow):
    field, news = concept_tree
    grow(field, news, 5)
    small = count_queries(client, url)
    grow(field, news, 45)  # 50 measures / 50 articles in all
    large = count_queries(client, url)
    assert small == large, f"{url}: {small} queries at small size, {large} at large size"
    assert large <= MAX_QUERIES


@pytest.mark.django_db
def test_news_index_with_30_articles(client, concept_tree, django_assert_max_num_queries):
    _field, news = concept_tree
    add_articles(news, 30)
    client.get("/aktuelles/?seite=2")  # renditions are drawn on the first visit
    bump_content_version()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/aktuelles/?seite=2")
    assert response.status_code == 200
    assert response.content.decode().count('class="teaser"') == 10


# Every page of the demo site and every argument-free route of its routable pages, under
# every language's prefix: in another language each listing reads its entries' translations
# in its own query (languages.with_translations), the layout reads the shown page's versions
# and the pages above it with its own pages, a German page under another prefix finds the
# German home page without a query, routing reads the pages on a path once per request
# (base_page.SitePage.route), an event reads its facts in one query.
def demo_addresses():
    prefixes = ["/" + code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    addresses = set()
    for url, _kind in page_urls():
        path = language_prefix().sub("", url) or "/"
        addresses.add(path)
        addresses.update(prefix + path for prefix in prefixes)
    return sorted(addresses)


@pytest.mark.django_db
def test_no_demo_page_needs_more_than_fifteen_queries_cold_in_any_language(client, demo_site):
    counts = {}
    for url in demo_addresses():
        client.get(url)
        bump_content_version()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        if response.status_code == 200:
            counts[url] = len(ctx.captured_queries)
    assert len(counts) > 200
    over = {url: n for url, n in counts.items() if n > MAX_QUERIES}
    assert not over, over
