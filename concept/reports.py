"""Status reports: how a report becomes a measure's current status, and how it enters
the "Freigabe durch Redaktion" workflow.

The measure keeps a denormalised copy of its current status (`MeasurePage.status`,
`status_date`) so listings cost one query. It is recomputed from the newest published
report whenever a report is published, unpublished or deleted — never edited by hand.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.signals import published, unpublished

from .models import MeasurePage, MeasureStatus, StatusReport

WORKFLOW_NAME = "Freigabe durch Redaktion"
TASK_NAME = "Freigabe durch Redaktion"


def refresh_measure_status(measure_id):
    """Sets the measure's status and status date from its newest published report.

    Without any published report a measure counts as "geplant" without a date.
    An UPDATE, not a page revision: the page's own history stays untouched.
    """
    newest = StatusReport.objects.live().filter(measure_id=measure_id).newest_first().first()
    if newest is None:
        values = {"status": MeasureStatus.PLANNED, "status_date": None}
    else:
        values = {"status": newest.status, "status_date": newest.date}
    MeasurePage.objects.filter(pk=measure_id).update(**values)


@receiver(published, sender=StatusReport)
@receiver(unpublished, sender=StatusReport)
def report_changed(sender, instance, **kwargs):
    refresh_measure_status(instance.measure_id)


@receiver(post_delete, sender=StatusReport)
def report_deleted(sender, instance, **kwargs):
    measure_id = instance.measure_id
    transaction.on_commit(lambda: refresh_measure_status(measure_id))


class AlreadyReported(Exception):
    """The same report (same measure, status, date and note) is already on its way."""


def submit_report(report, user, publish_directly=False):
    """Saves a new report by `user` and sends it on its way.

    Staff (`publish_directly`) publish at once. Otherwise, with the approval workflow
    active, the report is a draft in moderation; when the staff have switched the
    workflow off, it is published at once — there is then no one whose approval it
    waits for. Returns True when the report went to moderation.
    """
    duplicate = StatusReport.objects.filter(
        measure_id=report.measure_id,
        status=report.status,
        date=report.date,
        note=report.note,
        reported_by=user,
    ).exists()
    if duplicate:
        raise AlreadyReported(_("Diese Meldung liegt bereits vor."))

    report.reported_by = user
    report.live = False
    with transaction.atomic():
        report.save()
        revision = report.save_revision(user=user)
        log(instance=report, action="wagtail.create", user=user, revision=revision, content_changed=True)
        workflow = None if publish_directly else report.get_workflow()
        if workflow is not None and workflow.active:
            workflow.start(report, user)
            return True
        # Either staff with the publish permission, or nobody has to approve: the
        # approval is switched off, which is the staff's decision, not the reporter's.
        revision.publish(user=user, skip_permission_checks=not publish_directly)
        return False


def create_approval_workflow(apps, schema_editor=None):
    """Data migration: the "Freigabe durch Redaktion" workflow for status reports."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    from moessingen_site.roles import REDAKTION

    redaktion = Group.objects.get(name=REDAKTION)
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(redaktion)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    report_type, _ = ContentType.objects.get_or_create(app_label="concept", model="statusreport")
    WorkflowContentType.objects.get_or_create(content_type=report_type, defaults={"workflow": workflow})
