"""Status reports: the dated entries of a measure's status history, how the newest
published one becomes the measure's current status, and how a report enters the
"Freigabe durch Redaktion" workflow.

The measure keeps a copy of its current status (`MeasurePage.status`, `status_date`) so
that listings and filters cost one query. It is recomputed from the newest published
report whenever a report is published, unpublished or deleted — never edited by hand —
and only then is the content version made new (``status_changed``): whatever is cached
under the new version was rendered with the new status.
"""

import datetime

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel, PublishingPanel
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.signals import published, unpublished

from moessingen_site.cache import bump_content_version

from .pages import ConceptPage, MeasurePage
from .status import MeasureStatus

WORKFLOW_NAME = "Freigabe durch Redaktion"
TASK_NAME = "Freigabe durch Redaktion"

# Status reports may point to a meeting in the calendar when the events app is installed.
EVENT_PAGE_TYPE = "events.EventPage" if django_apps.is_installed("events") else None


class StatusReportQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def newest_first(self):
        return self.order_by("-date", "-pk")


class StatusReport(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """One dated entry of a measure's status history ("Umsetzungsstand").

    A report is published directly by the staff or, when a committee member sends it,
    after the "Freigabe durch Redaktion" workflow. The newest published report is the
    measure's current status; reports are added, never overwritten, so the history stays.
    """

    measure = models.ForeignKey(
        MeasurePage, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="status_reports"
    )
    status = models.CharField(_("Umsetzungsstand"), max_length=20, choices=MeasureStatus.choices)
    date = models.DateField(_("Stand vom"), default=datetime.date.today)
    note = models.TextField(
        _("Begründung"),
        max_length=1000,
        help_text=_("Was ist geschehen? Zwei, drei Sätze in einfachem Deutsch."),
    )
    decision = models.CharField(
        _("Beschluss / Sitzung"),
        max_length=200,
        blank=True,
        help_text=_("Optional: die Sitzung oder der Beschluss, auf den die Meldung zurückgeht."),
    )
    decision_url = models.URLField(
        _("Link zu Beschluss / Sitzung"),
        blank=True,
        help_text=_("Optional: Adresse der Sitzung, des Protokolls oder des Beschlusses."),
    )
    # A Page, not events.EventPage: the concept does not depend on the calendar app;
    # choosers and the committee's form offer only event pages.
    meeting = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Sitzung im Kalender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: der Termin im Veranstaltungskalender, auf den die Meldung zurückgeht."),
    )
    # Set by the server from the logged-in user, never from submitted data.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gemeldet von"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="status_reports",
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now, editable=False)

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="status_report",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="status_report",
        for_concrete_model=False,
    )

    objects = StatusReportQuerySet.as_manager()

    panels = [
        FieldPanel("measure"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("date")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("decision"), FieldPanel("decision_url")]),
        PageChooserPanel("meeting", page_type=EVENT_PAGE_TYPE) if EVENT_PAGE_TYPE else FieldPanel("meeting"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("Statusmeldung")
        verbose_name_plural = _("Statusmeldungen")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["measure", "live", "date"])]

    def __str__(self):
        return f"{self.measure.title}: {self.status_choice.label} ({self.date:%d.%m.%Y})"

    @property
    def status_choice(self):
        return MeasureStatus(self.status)

    @property
    def reporter_name(self):
        """Who reported, as the public may read it: the linked Person's name, else the
        account's full name. Never the username — that is half of a login."""
        user = self.reported_by
        if user is None:
            return ""
        person = getattr(user, "person", None)
        if person is not None:
            return person.name
        return user.get_full_name()

    @property
    def public_meeting(self):
        """The meeting in the calendar, if it is still published."""
        meeting = self.meeting
        return meeting if meeting is not None and meeting.live else None

    def earliest_date(self):
        """The earliest date a report may have: the day the town council adopted the
        concept the measure belongs to (2 December 2019). Not the day the measure's page
        was created: the measures of the 2019 concept were entered into the site years
        later, and their history goes back to 2020. None when no adoption date is known."""
        if self.measure_id is None:
            return None
        measure = MeasurePage.objects.filter(pk=self.measure_id).only("path", "depth").first()
        if measure is None:
            return None
        concept = ConceptPage.objects.ancestor_of(measure).exclude(adopted_on=None).only("adopted_on").first()
        return concept.adopted_on if concept is not None else None

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Das Datum darf nicht in der Zukunft liegen.")
        earliest = self.earliest_date() if self.date else None
        if earliest is not None and self.date < earliest:
            errors["date"] = _(
                "Das Datum darf nicht vor dem %(date)s liegen: An diesem Tag hat der Gemeinderat das "
                "Integrationskonzept beschlossen."
            ) % {"date": date_format(earliest, "j. F Y")}
        if self.note is not None and not self.note.strip():
            errors["note"] = _("Bitte begründen Sie die Meldung kurz.")
        if errors:
            raise ValidationError(errors)


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


def status_changed(measure_id):
    """A report of the measure was published, unpublished or deleted: first the stored
    status, then a new content version (now and again on commit). The cache's own signal
    handlers have made the version new already; a page rendered since then, with the old
    status, is stored under that version and retired here."""
    refresh_measure_status(measure_id)
    bump_content_version()


@receiver(published, sender=StatusReport)
@receiver(unpublished, sender=StatusReport)
def report_changed(sender, instance, **kwargs):
    status_changed(instance.measure_id)


@receiver(post_delete, sender=StatusReport)
def report_deleted(sender, instance, **kwargs):
    # In the deleting transaction, not on commit: the new version written on commit must
    # come after the refreshed status.
    status_changed(instance.measure_id)


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


# Wagtail creates a page workflow "Moderators approval" for its "Moderators" group; the
# editors read its name in every page's status panel. Renamed, and the Redaktion approves.
WAGTAIL_DEFAULT_PAGE_WORKFLOW = "Moderators approval"
PAGE_WORKFLOW_NAME = "Freigabe von Seiten"
PAGE_TASK_NAME = "Seitenfreigabe durch Redaktion"


def rename_page_workflow(apps, schema_editor=None):
    """Data migration: Wagtail's default page workflow and its task get German names, and
    the Redaktion — who publish pages — may approve what is submitted to it."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    from moessingen_site.roles import REDAKTION

    Workflow.objects.filter(name=WAGTAIL_DEFAULT_PAGE_WORKFLOW).update(name=PAGE_WORKFLOW_NAME)
    redaktion = Group.objects.filter(name=REDAKTION).first()
    for task in GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_PAGE_WORKFLOW):
        task.name = PAGE_TASK_NAME
        task.save(update_fields=["name"])
        if redaktion is not None:
            task.groups.add(redaktion)


def restore_page_workflow_name(apps, schema_editor=None):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=PAGE_WORKFLOW_NAME).update(name=WAGTAIL_DEFAULT_PAGE_WORKFLOW)
    Task.objects.filter(name=PAGE_TASK_NAME).update(name=WAGTAIL_DEFAULT_PAGE_WORKFLOW)
