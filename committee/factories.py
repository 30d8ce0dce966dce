"""Factories for every model of the committee app."""

import factory
import wagtail_factories

from .models import CommitteePage, Membership, MembershipGroup, Person


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    function = "Beispielfunktion"

    class Meta:
        model = Person


class CommitteePageFactory(wagtail_factories.PageFactory):
    title = "Begleitgremium Integrationskonzept"
    slug = factory.Sequence(lambda n: f"gremium-{n}")
    intro = "Beispiel-Einleitung"

    class Meta:
        model = CommitteePage


class MembershipFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(CommitteePageFactory)
    person = factory.SubFactory(PersonFactory)
    role = "Beispielrolle"
    group = MembershipGroup.VERWALTUNG
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Membership
