"""Factories for the news page types."""

import datetime

import factory
import wagtail_factories

from .models import NewsArticlePage, NewsIndexPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuelles"
    slug = "aktuelles"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nachricht {n}")
    teaser = "Beispiel-Vorspann"
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    main_image = factory.SubFactory(wagtail_factories.ImageFactory)
    main_image_alt = "Beispielbild"

    class Meta:
        model = NewsArticlePage
