"""A registration that goes away — cancelled by its owner or deleted by staff — frees its places."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from .event_page import EventPage
from .registration import Registration, fill_from_waitlist


@receiver(post_delete, sender=Registration, dispatch_uid="events_registration_freed")
def registration_deleted(sender, instance, **kwargs):
    # Past events (the retention clean-up) have nobody left to move up.
    if instance.status == Registration.Status.CONFIRMED and EventPage.objects.filter(
        pk=instance.event_id, start__gt=timezone.now()
    ).exists():
        fill_from_waitlist(instance.event_id)
