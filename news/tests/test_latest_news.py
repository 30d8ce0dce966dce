"""``{% latest_news %}``: the home page's „Aktuelles" section, without the home page's app
importing this one."""

import datetime

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from moessingen_site.factories import HomePageFactory
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load news_tags %}{% latest_news 3 %}")


def render(template=TEMPLATE):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    return template.render(Context({"request": request}))


@pytest.fixture
def news(home_page):
    return NewsIndexPageFactory(parent=home_page)


def test_shows_the_newest_three_articles_under_a_heading(news):
    for day in range(1, 6):
        NewsArticlePageFactory(parent=news, title=f"Nachricht vom {day}. März", date=datetime.date(2020, 3, day))
    html = render()
    assert '<h2 class="kern-heading-large" id="news-heading">Aktuelles</h2>' in html
    assert '<section class="section" aria-labelledby="news-heading">' in html
    assert html.count('<article class="teaser">') == 3
    assert html.index("vom 5. März") < html.index("vom 4. März") < html.index("vom 3. März")
    assert "vom 2. März" not in html
    assert 'href="/aktuelles/' in html and 'class="teaser__image"' in html


def test_renders_nothing_without_articles(news):
    NewsArticlePageFactory(parent=news, live=False)
    assert render().strip() == ""


def test_leaves_out_private_articles_and_other_sites(news):
    NewsArticlePageFactory(parent=news, title="Öffentlich")
    private = NewsArticlePageFactory(parent=news, title="Geschützt")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    # A second tree beside the site's (no site points at it).
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="anderswo")
    NewsArticlePageFactory(parent=NewsIndexPageFactory(parent=other_home), title="Anderswo")
    html = render()
    assert "Öffentlich" in html
    assert "Geschützt" not in html and "Anderswo" not in html


def test_limit_is_an_argument(news):
    for _ in range(4):
        NewsArticlePageFactory(parent=news)
    html = render(Template("{% load news_tags %}{% latest_news 1 %}"))
    assert html.count('<article class="teaser">') == 1


def test_query_count_does_not_grow_with_the_number_of_articles(news):
    def count():
        render()  # renditions are drawn on the first render
        with CaptureQueriesContext(connection) as ctx:
            render()
        return len(ctx.captured_queries)

    for _ in range(3):
        NewsArticlePageFactory(parent=news)
    small = count()
    for _ in range(30):
        NewsArticlePageFactory(parent=news)
    # The site, the articles with their pictures (view restrictions in the same query), renditions.
    assert small == count() == 3
