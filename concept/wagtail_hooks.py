"""Admin for status reports: the snippet for the staff, the committee's narrow
"Umsetzungsstand melden" view, and the staff's dashboard panel."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.db.models import F, Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.models import TaskState
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet, WorkflowActionView

from moessingen_site.admin_ui import YesNoColumn
from moessingen_site.exports import SafeExportSnippetIndexView
from moessingen_site.languages import in_default_language

from . import views
from .pages import MeasurePage
from .reports import StatusReport
from .status import MeasureStatus
from .permissions import StaffOnlyStatusReportPolicy

# Measures in these states need no further reports.
FINAL_STATUSES = [MeasureStatus.DONE, MeasureStatus.DROPPED]


class StatusReportCreateView(CreateView):
    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.reported_by = self.request.user  # never from the submitted form
        return instance


def moderation_message(report, status):
    """What the staff read after deciding on a report: which measure, and what follows."""
    values = {"title": report.measure.title}
    if status == TaskState.STATUS_APPROVED:
        return gettext("Statusmeldung für „%(title)s“ freigegeben; sie ist jetzt öffentlich.") % values
    if status == TaskState.STATUS_REJECTED:
        return gettext(
            "Statusmeldung für „%(title)s“ zurückgewiesen; wer sie gemeldet hat, sieht Ihren Kommentar "
            "unter „Umsetzungsstand melden“."
        ) % values
    return None


class StatusReportEditView(EditView):
    """Wagtail says only „Statusmeldung … geändert“ after an approval in the editor."""

    def get_success_message(self, instance=None):
        if self.action == "workflow-action":
            report = instance or self.object
            state = TaskState.objects.filter(
                workflow_state__base_content_type_id=report.get_base_content_type().pk,
                workflow_state__object_id=str(report.pk),
            ).order_by("-started_at", "-pk").first()
            message = moderation_message(report, state.status if state else None)
            if message:
                return message
        return super().get_success_message(instance)


class StatusReportWorkflowActionView(WorkflowActionView):
    """The same message when the staff approve or reject from the dashboard's list."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        message = moderation_message(self.object, self.task_state.status)
        if message:
            messages.success(request, message)
        return response


class ChooserCreateWithoutFormView(SnippetCreateView):
    """The chooser's "create" URL exists even where the chooser offers no creation form;
    a POST there would crash on the missing form. Without a form there is nothing to
    create: 404."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class StatusReportChooserViewSet(SnippetChooserViewSet):
    create_view_class = ChooserCreateWithoutFormView
    permission_policy = StaffOnlyStatusReportPolicy(StatusReport)


class StatusReportViewSet(SnippetViewSet):
    model = StatusReport
    icon = "tasks"
    menu_label = _("Statusmeldungen")
    menu_order = 205
    add_to_admin_menu = True
    add_view_class = StatusReportCreateView
    edit_view_class = StatusReportEditView
    workflow_action_view_class = StatusReportWorkflowActionView
    chooser_viewset_class = StatusReportChooserViewSet
    list_display = ["measure", "status", "date", "reported_by", YesNoColumn("live", label=_("Veröffentlicht"))]
    list_filter = ["status", "live"]
    list_export = ["measure", "status", "date", "note", "decision", "decision_url", "reported_by"]
    export_filename = "statusmeldungen"
    index_view_class = SafeExportSnippetIndexView  # the site's CSV format (moessingen_site/exports.py)
    search_fields = ["note", "decision"]
    ordering = ["-date", "-pk"]

    @property
    def permission_policy(self):
        return StaffOnlyStatusReportPolicy(self.model)

    def get_queryset(self, request):
        return StatusReport.objects.select_related("measure", "reported_by")


register_snippet(StatusReportViewSet)


@hooks.register("register_admin_urls")
def register_report_status_urls():
    return [
        path("umsetzungsstand-melden/", views.ReportStatusView.as_view(), name="concept_report_status"),
        path(
            "umsetzungsstand-melden/<int:measure_id>/",
            views.SubmitStatusReportView.as_view(),
            name="concept_submit_status_report",
        ),
    ]


class ReportStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.ADD_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_report_status_menu_item():
    return ReportStatusMenuItem(
        _("Umsetzungsstand melden"), reverse("concept_report_status"), icon_name="tasks", order=150
    )


def overdue_after_months():
    return getattr(settings, "CONCEPT_STATUS_REPORT_OVERDUE_MONTHS", 6)


def months_ago(today, months):
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(today.day, 28)
    return datetime.date(year, month + 1, day)


def overdue_measures(limit=20):
    """Published measures without a report for longer than the configured months, oldest first.

    Measures that are done or dropped need no more reports and are left out.
    """
    cutoff = months_ago(timezone.localdate(), overdue_after_months())
    measures = (
        in_default_language(MeasurePage.objects.live())
        .exclude(status__in=FINAL_STATUSES)
        .filter(Q(status_date__lt=cutoff) | Q(status_date__isnull=True))
        .defer_streamfields()
        .only("pk", "title", "status", "status_date")
        .order_by(F("status_date").asc(nulls_first=True), "path")
    )
    return measures[:limit], measures.count(), cutoff


class ProgressDashboardPanel(Component):
    """For the staff: reports waiting for approval and measures waiting for a report."""

    name = "concept_progress"
    template_name = "concept/admin/dashboard_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        waiting = (
            StatusReport.objects.filter(live=False, workflow_states__status="in_progress")
            .select_related("measure", "reported_by__person")
            .order_by("created_at")
            .distinct()
        )
        measures, overdue_count, cutoff = overdue_measures()
        return {
            "waiting_reports": list(waiting[:20]),
            "waiting_count": waiting.count(),
            "overdue_measures": list(measures),
            "overdue_count": overdue_count,
            "overdue_months": overdue_after_months(),
            "cutoff": cutoff,
            "report_status_url": reverse("concept_report_status"),
        }


@hooks.register("construct_homepage_panels")
def add_progress_panel(request, panels):
    if request.user.has_perm("concept.publish_statusreport"):
        panels.append(ProgressDashboardPanel(request))
    if not request.user.has_perm("concept.change_statusreport"):
        # Wagtail's "your items in moderation" links to the snippet editor, which the
        # committee may not open; its own view shows the state of its reports instead.
        panels[:] = [panel for panel in panels if panel.name != "user_objects_in_workflow_moderation"]


@hooks.register("load_demo_content", order=10)
def load_demo_content(home):
    from . import demo

    demo.load(home)


@hooks.register("load_demo_content_after_users", order=20)
def load_demo_status_reports(home):
    from django.contrib.auth import get_user_model

    from . import demo

    demo.load_status_reports(get_user_model().objects.filter(username="redaktion").first())
