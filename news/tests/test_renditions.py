"""News pictures are drawn in every size and format when an article is published, so that
the first visitors of the news list do not wait for AVIF encoding."""

import pytest
from django.test import override_settings
from wagtail.images.models import Filter

from news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from news.models import ARTICLE_PICTURE, TEASER_PICTURE

pytestmark = pytest.mark.django_db


@override_settings(MOESSINGEN_PREPARE_RENDITIONS=True)
def test_publishing_an_article_draws_its_renditions(home_page, client, django_assert_max_num_queries):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(parent=news, live=False)
    image = article.main_image
    assert not image.renditions.exists()
    article.save_revision().publish()
    specs = set(Filter.expand_spec(TEASER_PICTURE)) | set(Filter.expand_spec(ARTICLE_PICTURE))
    assert set(image.renditions.values_list("filter_spec", flat=True)) >= specs
    # The list and the article then find them all: the first render of each draws none.
    count = image.renditions.count()
    html = client.get(news.url).content.decode()
    assert 'type="image/avif"' in html and 'type="image/webp"' in html
    assert client.get(article.url).status_code == 200
    assert image.renditions.count() == count
