"""Factories for every page type and model of the concept."""

import datetime

import factory
import wagtail_factories

from .models import (
    ConceptPage,
    FieldOfActionPage,
    Goal,
    HistoryPage,
    LeitbildPage,
    MeasurePage,
    MeasureStatus,
    NewsArticlePage,
    NewsIndexPage,
    TimelineEntry,
)


class ConceptPageFactory(wagtail_factories.PageFactory):
    title = "Integrationskonzept"
    slug = "integrationskonzept"
    adopted_on = datetime.date(2019, 12, 2)
    adoption_note = "einstimmig"

    class Meta:
        model = ConceptPage


class LeitbildPageFactory(wagtail_factories.PageFactory):
    title = "Leitbild"

    class Meta:
        model = LeitbildPage


class FieldOfActionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    intro = "Beispieltext"

    class Meta:
        model = FieldOfActionPage


class GoalFactory(factory.django.DjangoModelFactory):
    field_of_action = factory.SubFactory(FieldOfActionPageFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")

    class Meta:
        model = Goal


class MeasurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    summary = "Beispiel-Kurzbeschreibung"
    status = MeasureStatus.PLANNED

    class Meta:
        model = MeasurePage


class HistoryPageFactory(wagtail_factories.PageFactory):
    title = "Entstehung"

    class Meta:
        model = HistoryPage


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(HistoryPageFactory)
    date = datetime.date(2019, 12, 2)
    title = "Gemeinderat verabschiedet das Konzept"

    class Meta:
        model = TimelineEntry


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
