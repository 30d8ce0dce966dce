"""The news list and its articles render from model instances: a paginated queryset, one
include per teaser, the list kept in a fragment cache that any content change makes stale."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from moessingen_site.factories import StandardPageFactory
from moessingen_site.models import SiteSettings
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from news.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

# The whole news list on a cold render (nothing cached): routing, the site-wide parts of
# base.html and three for the list (count, articles with their pictures, renditions; view
# restrictions are a subquery of the articles' query).
MAX_QUERIES = 15
# What the list itself costs: on a fragment hit none of these run.
LIST_QUERIES = 3


@pytest.fixture
def news(home_page):
    # The footer's settings row would otherwise be created by the first request (a change).
    SiteSettings.for_site(Site.objects.get())
    return NewsIndexPageFactory(parent=home_page, intro="Nachrichten rund um das Konzept.")


def add_articles(news, n):
    return [NewsArticlePageFactory(parent=news) for _ in range(n)]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def cold_queries(client, url):
    """Queries of a render with nothing cached. A first request draws the renditions (off
    on publish in the test settings); the cache is emptied before the counted one."""
    get(client, url)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        get(client, url)
    return ctx.captured_queries


def test_list_shows_teasers_newest_first_with_pictures_and_links(client, news):
    old = NewsArticlePageFactory(parent=news, title="Ältere Nachricht", date=datetime.date(2019, 1, 1))
    new = NewsArticlePageFactory(parent=news, title="Neue Nachricht", date=datetime.date(2020, 1, 28))
    html = get(client, "/aktuelles/")
    assert "Nachrichten rund um das Konzept." in html
    assert html.index("Neue Nachricht") < html.index("Ältere Nachricht")
    assert html.count('<article class="teaser">') == 2
    assert f'href="{new.url}"' in html and f'href="{old.url}"' in html
    assert '<time datetime="2020-01-28">28. Januar 2020</time>' in html
    assert 'class="teaser__image"' in html and 'type="image/avif"' in html and 'alt="Beispielbild"' in html


def test_empty_list_says_so(client, news):
    assert "Noch keine Nachrichten." in get(client, "/aktuelles/")


def test_list_leaves_out_drafts_and_private_articles(client, news):
    NewsArticlePageFactory(parent=news, title="Öffentlich")
    NewsArticlePageFactory(parent=news, title="Entwurf", live=False)
    private = NewsArticlePageFactory(parent=news, title="Geschützt")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = get(client, "/aktuelles/")
    assert "Öffentlich" in html
    assert "Entwurf" not in html and "Geschützt" not in html


def test_list_paginates_ten_per_page(client, news):
    add_articles(news, 25)
    first = get(client, "/aktuelles/")
    assert first.count('<article class="teaser">') == 10
    assert "Seite 1 von 3" in first and 'rel="next" href="?seite=2"' in first
    third = get(client, "/aktuelles/?seite=3")
    assert third.count('<article class="teaser">') == 5
    assert "Seite 3 von 3" in third and 'rel="prev" href="?seite=2"' in third
    # As Django's get_page: no number is the first page, a number past the end the last.
    assert "Seite 1 von 3" in get(client, "/aktuelles/?seite=abc")
    assert "Seite 3 von 3" in get(client, "/aktuelles/?seite=99")


def test_context_holds_a_page_of_the_articles_queryset(news):
    add_articles(news, 12)
    request = RequestFactory().get("/aktuelles/", {"seite": "2"})
    articles = news.get_context(request)["articles"]
    assert isinstance(articles, PaginatorPage)
    assert articles.number == 2 and len(articles) == 2
    assert all(type(article) is NewsArticlePage for article in articles)
    expected = list(NewsArticlePage.objects.child_of(news).order_by("-date", "-pk")[10:])
    assert list(articles) == expected


def test_article_page_shows_date_teaser_picture_and_body(client, news):
    article = NewsArticlePageFactory(
        parent=news,
        title="Integrationskonzept vorgestellt",
        date=datetime.date(2020, 1, 28),
        teaser="Bis auf den letzten Platz war der Bürgersaal besetzt!",
        main_image_caption="Der Bürgersaal",
        body=json.dumps([{"type": "paragraph", "value": "<p>Am Dienstag wurde das Konzept vorgestellt.</p>"}]),
    )
    html = get(client, article.url)
    assert article.url == "/aktuelles/integrationskonzept-vorgestellt/"
    assert "<h1" in html and "Integrationskonzept vorgestellt" in html
    assert '<time datetime="2020-01-28">28. Januar 2020</time>' in html
    assert "Bis auf den letzten Platz war der Bürgersaal besetzt!" in html
    assert "<figcaption>Der Bürgersaal</figcaption>" in html and 'type="image/avif"' in html
    assert "Am Dienstag wurde das Konzept vorgestellt." in html


def test_a_published_article_shows_in_the_list_at_once(client, news):
    """The list's fragment cache is keyed by the content version: publishing makes it stale."""
    add_articles(news, 2)
    assert "Frisch veröffentlicht" not in get(client, "/aktuelles/")
    article = NewsArticlePageFactory(parent=news, title="Frisch veröffentlicht", live=False)
    article.save_revision().publish()
    assert "Frisch veröffentlicht" in get(client, "/aktuelles/")
    article.refresh_from_db()
    article.unpublish()
    assert "Frisch veröffentlicht" not in get(client, "/aktuelles/")


def test_list_query_count_does_not_grow_with_content(client, news):
    add_articles(news, 5)
    small = len(cold_queries(client, "/aktuelles/"))
    add_articles(news, 45)
    large = len(cold_queries(client, "/aktuelles/"))
    assert small == large, f"{small} queries for 5 articles, {large} for 50"


def test_list_costs_four_queries_beyond_a_plain_page(client, news, home_page):
    """The list's own share of a cold render, measured against a plain content page at the
    same depth (routing and base.html cost the same there)."""
    add_articles(news, 30)
    plain = StandardPageFactory(parent=home_page, slug="kontakt")
    assert len(cold_queries(client, "/aktuelles/")) - len(cold_queries(client, plain.url)) == LIST_QUERIES


def test_article_costs_two_queries_beyond_a_plain_page(client, news, home_page):
    """The teaser picture and its renditions; the article is found by Wagtail's routing."""
    article, *_ = add_articles(news, 5)
    plain = StandardPageFactory(parent=StandardPageFactory(parent=home_page), slug="impressum")
    assert len(cold_queries(client, article.url)) - len(cold_queries(client, plain.url)) == 2
    add_articles(news, 45)
    assert len(cold_queries(client, article.url)) - len(cold_queries(client, plain.url)) == 2


@pytest.mark.parametrize("path", ["/aktuelles/", "/aktuelles/?seite=3", "/aktuelles/nachricht/"])
def test_no_news_page_needs_more_than_fifteen_queries_cold(client, news, path):
    add_articles(news, 30)
    NewsArticlePageFactory(parent=news, slug="nachricht")
    queries = cold_queries(client, path)
    assert len(queries) <= MAX_QUERIES, "\n".join(q["sql"][:120] for q in queries)


def test_a_page_cache_miss_reads_the_list_from_its_fragment_cache(client, news):
    """Two addresses of the same list page are two page-cache entries but one fragment:
    the second one's render, a page-cache miss, runs no query for the list."""
    add_articles(news, 12)
    cold = cold_queries(client, "/aktuelles/?seite=2")
    with CaptureQueriesContext(connection) as ctx:
        html = get(client, "/aktuelles/?seite=2&utm_source=newsletter")
    assert html.count('<article class="teaser">') == 2
    warm = ctx.captured_queries
    assert len(warm) <= len(cold) - LIST_QUERIES
    assert not [q["sql"] for q in warm if "newsarticlepage" in q["sql"] or "wagtailimages" in q["sql"]]


def test_index_and_articles_live_where_they_did(home_page):
    assert NewsIndexPage._meta.db_table == "concept_newsindexpage"
    assert NewsArticlePage._meta.db_table == "concept_newsarticlepage"
    assert NewsIndexPage.allowed_subpage_models() == [NewsArticlePage]
    assert NewsArticlePage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsIndexPage in home_page.specific_class.allowed_subpage_models()
