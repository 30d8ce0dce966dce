"""Listens for published status reports (Wagtail's ``published`` signal, sent on direct
publishing and on approval in the workflow alike) and records the change followers are
told about. Drafts, reports in moderation and rejected ones never send this signal."""

from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import published

from concept.models import StatusReport

from .models import Change


@receiver(published, sender=StatusReport)
def report_published(sender, instance, **kwargs):
    record_change(instance)


def record_change(report):
    """A Change for `report` if it is now its measure's newest published report (a report
    dated before the current one changes no status); once per report."""
    newest = (
        StatusReport.objects.live().filter(measure_id=report.measure_id).newest_first().values_list("pk", flat=True).first()
    )
    if newest != report.pk:
        return None
    measure = report.measure
    change, _created = Change.objects.get_or_create(
        report=report,
        defaults={
            "measure_id": measure.pk,
            "field_of_action_id": measure.get_parent().pk if measure.depth > 1 else None,
            "published_at": timezone.now(),
        },
    )
    return change
