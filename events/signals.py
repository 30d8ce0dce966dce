"""A registration that goes away — cancelled by its owner or deleted by staff — frees its
places on its date; a single event moved to another day takes its registrations along."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published

from .event_page import EventPage
from .recurrence import BERLIN
from .registration import Registration, fill_from_waitlist, first_day


@receiver(post_delete, sender=Registration, dispatch_uid="events_registration_freed")
def registration_deleted(sender, instance, **kwargs):
    # Past dates (the retention clean-up) have nobody left to move up; unconfirmed
    # registrations held no place.
    if (
        instance.status == Registration.Status.CONFIRMED
        and instance.occurrence >= timezone.localtime(timezone.now(), BERLIN).date()
        and EventPage.objects.filter(pk=instance.event_id).exists()
    ):
        fill_from_waitlist(instance.event_id, instance.occurrence)


@receiver(page_published, sender=EventPage, dispatch_uid="events_registration_follows_its_event")
def single_event_published(sender, instance, **kwargs):
    """A single event has one date: its registrations stay on it when staff move the event.
    (A series' registrations belong to its dates; EventPage.clean keeps a page with
    registrations from switching between the two.)"""
    if not instance.is_recurring:
        Registration.objects.filter(event_id=instance.pk).exclude(occurrence=first_day(instance)).update(
            occurrence=first_day(instance)
        )
