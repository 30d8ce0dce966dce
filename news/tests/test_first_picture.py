"""The news index's first picture is its largest contentful paint on a phone: loaded at
once with high priority, the others lazily (Lighthouse, issue 14)."""

import re

import pytest

from news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_first_teaser_picture_eager_the_rest_lazy(home_page, client):
    news = NewsIndexPageFactory(parent=home_page)
    for number in range(3):
        NewsArticlePageFactory(parent=news, title=f"Nachricht {number}", slug=f"nachricht-{number}")
    html = client.get(news.url).content.decode()
    pictures = re.findall(r'<img [^>]*class="teaser__image"[^>]*>', html)
    assert len(pictures) == 3
    assert 'loading="eager"' in pictures[0] and 'fetchpriority="high"' in pictures[0]
    assert all('loading="lazy"' in picture and 'fetchpriority="high"' not in picture for picture in pictures[1:])
