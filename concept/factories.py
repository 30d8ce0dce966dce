"""Factories for every page type and model of the concept."""

import datetime

import factory
import wagtail_factories

from .pages import ConceptPage, FieldOfActionPage, Goal, HistoryPage, LeitbildPage, MeasurePage, TimelineEntry
from .progress import ProgressPage
from .reports import StatusReport
from .status import MeasureStatus


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


class ProgressPageFactory(wagtail_factories.PageFactory):
    title = "Umsetzungsstand"
    slug = "umsetzungsstand"

    class Meta:
        model = ProgressPage


class StatusReportFactory(factory.django.DjangoModelFactory):
    """A status report; `published=True` publishes it as the staff would (and so sets the
    measure's current status)."""

    measure = factory.SubFactory(MeasurePageFactory)
    status = MeasureStatus.IN_PROGRESS
    date = datetime.date(2021, 3, 1)
    note = factory.Sequence(lambda n: f"Beispielbegründung {n}")
    live = False

    class Meta:
        model = StatusReport
        skip_postgeneration_save = True

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.save_revision(user=obj.reported_by).publish(user=obj.reported_by)
            obj.refresh_from_db()


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
