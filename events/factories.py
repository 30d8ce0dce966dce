"""Factories for every model of the events calendar."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import EventCategory, EventException, EventIndexPage, EventPage, Place, Registration
from .recurrence import BERLIN


class EventCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Veranstaltungsart {n}")
    slug = factory.Sequence(lambda n: f"art-{n}")

    class Meta:
        model = EventCategory
        django_get_or_create = ["slug"]


class PlaceFactory(factory.django.DjangoModelFactory):
    name = "Bürgersaal, Rathaus Mössingen"
    address = "Beispieladresse"

    class Meta:
        model = Place


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Veranstaltungen"
    slug = "veranstaltungen"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    teaser = "Beispiel-Kurzbeschreibung"
    start = factory.LazyFunction(lambda: timezone.now().astimezone(BERLIN).replace(microsecond=0) + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    category = factory.SubFactory(EventCategoryFactory)

    class Meta:
        model = EventPage


class EventExceptionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    date = factory.LazyAttribute(lambda o: o.page.local_start.date())
    show_as_cancelled = True
    reason = "Beispiel: Ferien"

    class Meta:
        model = EventException


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (the registrant followed the e-mailed link) for the
    event's first date; ``status="unbestaetigt"`` with ``confirm_before`` for a pending one."""

    event = factory.SubFactory(EventPageFactory, registration_enabled=True)
    occurrence = factory.LazyAttribute(lambda o: o.event.local_start.date())
    name = factory.Sequence(lambda n: f"Teilnehmende {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    people = 1
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(lambda o: None if o.status == Registration.Status.PENDING else timezone.now())

    class Meta:
        model = Registration
