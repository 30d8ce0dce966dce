import factory
from django.utils import timezone

from .models import Change, Delivery, Follow, Follower, Frequency


class FollowerFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"leser{n}@example.org")
    language = "de"
    frequency = Frequency.IMMEDIATELY
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Follower


class FollowFactory(factory.django.DjangoModelFactory):
    """A confirmed follow of `page` (pass page=…)."""

    follower = factory.SubFactory(FollowerFactory)
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Follow


class ChangeFactory(factory.django.DjangoModelFactory):
    """A change for `report` (pass report=…, a published StatusReport)."""

    measure = factory.LazyAttribute(lambda o: o.report.measure)
    field_of_action = factory.LazyAttribute(lambda o: o.report.measure.get_parent())
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Change


class DeliveryFactory(factory.django.DjangoModelFactory):
    follower = factory.SubFactory(FollowerFactory)

    class Meta:
        model = Delivery
