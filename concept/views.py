"""The committee's one admin task: "Umsetzungsstand melden".

Measures grouped by field of action, each with its current status, the date of its
last report, reports still waiting for approval, and one short form. Posting a form
creates a StatusReport by the logged-in user and sends it into the approval workflow
(staff with the publish permission publish it at once).
"""

import datetime

from django import forms
from django.apps import apps as django_apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState, WorkflowState

from moessingen_site.languages import in_default_language

from .pages import FieldOfActionPage, MeasurePage
from .reports import EVENT_PAGE_TYPE, AlreadyReported, StatusReport, submit_report
from .status import MeasureStatus

ADD_PERMISSION = "concept.add_statusreport"
PENDING_SHOWN = 5
MEETING_WINDOW_DAYS = 400
PUBLISH_PERMISSION = "concept.publish_statusreport"
CHANGE_PERMISSION = "concept.change_statusreport"


def meeting_choices():
    """Calendar events a report may refer to: those of the last months and today, and
    series still running. One query, shared by every form on the page.

    Only public events: a report is public once approved, and a meeting behind a
    password or login must not show up there (nor be offered to the committee)."""
    if EVENT_PAGE_TYPE is None:
        return []
    EventPage = django_apps.get_model(EVENT_PAGE_TYPE)
    now = timezone.now()
    since = now - datetime.timedelta(days=MEETING_WINDOW_DAYS)
    recurring_since = Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=since.date())
    events = (
        in_default_language(EventPage.objects.live().public())
        .filter(start__lte=now + datetime.timedelta(days=1))
        .filter(Q(start__gte=since) | (~Q(recurrence_frequency="") & recurring_since))
        .defer_streamfields()
        .only("pk", "title", "start")
        .order_by("-start", "title")
    )
    return [(event.pk, f"{timezone.localtime(event.start):%d.%m.%Y} – {event.title}") for event in events]


class StatusReportForm(forms.ModelForm):
    """Only these fields come from the request; measure and reporter come from the server."""

    meeting = forms.TypedChoiceField(
        label=gettext_lazy("Sitzung im Kalender"), required=False, coerce=int, empty_value=None,
        help_text=gettext_lazy("Optional: der Termin, auf den die Meldung zurückgeht."),
    )

    class Meta:
        model = StatusReport
        fields = ["status", "date", "note", "decision", "decision_url"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, measure, meetings=(), **kwargs):
        super().__init__(*args, prefix=f"measure-{measure.pk}", **kwargs)
        self.instance.measure = measure
        self.fields["status"].initial = measure.status
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if meetings:
            self.fields["meeting"].choices = [("", gettext_lazy("– keine –"))] + list(meetings)
        else:
            del self.fields["meeting"]

    def clean(self):
        cleaned = super().clean()
        self.instance.meeting_id = cleaned.get("meeting")
        return cleaned


def reportable_measures():
    """Measures one may report on: published and public, in the default language.

    A measure behind a password or a login is not part of the public concept; its status
    is not reported here (and its title is not shown to the committee)."""
    return in_default_language(MeasurePage.objects.live().public())


def pending_reports_by_measure(measure_ids, user):
    """Unpublished reports (in moderation, sent back, drafts) per measure: two queries.

    The committee sees only its own: other members' reports and the staff's drafts are
    not published, so they are not its to read. The staff, who approve them, see all."""
    pending = StatusReport.objects.filter(measure_id__in=measure_ids, live=False)
    if not user.has_perm(CHANGE_PERMISSION):
        pending = pending.filter(reported_by=user)
    pending = (
        pending
        .select_related("reported_by__person")
        .prefetch_related(
            Prefetch(
                "workflow_states",
                queryset=WorkflowState.objects.order_by("-created_at").prefetch_related(
                    Prefetch(
                        "task_states",
                        queryset=TaskState.objects.filter(status=TaskState.STATUS_REJECTED)
                        .order_by("-finished_at")
                        .only("id", "workflow_state_id", "status", "comment", "finished_at"),
                        to_attr="rejections",
                    )
                ),
                to_attr="states_newest_first",
            )
        )
        .order_by("-created_at")
    )
    by_measure = {}
    for report in pending:
        states = report.states_newest_first
        report.moderation_state = states[0].status if states else None
        # The staff's reason for sending it back (their comment on rejecting), shown to
        # the reporter here rather than only in an e-mail.
        report.rejection = states[0].rejections[0] if states and states[0].rejections else None
        by_measure.setdefault(report.measure_id, []).append(report)
    # The newest few are enough to see what is on its way; older ones stay in the history.
    return {measure_id: reports[:PENDING_SHOWN] for measure_id, reports in by_measure.items()}


class ReportStatusView(WagtailAdminTemplateMixin, View):
    template_name = "concept/admin/report_status.html"
    page_title = gettext_lazy("Umsetzungsstand melden")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ADD_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_list(request, {})

    def render_list(self, request, bound_forms, status=200):
        fields = list(
            in_default_language(FieldOfActionPage.objects.live().public()).defer_streamfields().order_by("path")
        )
        measures = list(
            reportable_measures().defer_streamfields().only("pk", "title", "path", "status", "status_date")
            .order_by("path")
        )
        pending = pending_reports_by_measure([m.pk for m in measures], request.user)
        meetings = meeting_choices()
        groups = {field.path: (field, []) for field in fields}
        for measure in measures:
            measure.status_choice_value = MeasureStatus(measure.status)
            measure.form = bound_forms.get(measure.pk) or StatusReportForm(measure=measure, meetings=meetings)
            measure.pending_reports = pending.get(measure.pk, [])
            parent_path = measure.path[: -MeasurePage.steplen]
            if parent_path in groups:
                groups[parent_path][1].append(measure)
        context = self.get_context_data(
            groups=[group for group in groups.values() if group[1]],
            can_publish=request.user.has_perm(PUBLISH_PERMISSION),
        )
        return TemplateResponse(request, self.template_name, context, status=status)

    def post(self, request):
        return HttpResponseNotAllowed(["GET"])


class SubmitStatusReportView(ReportStatusView):
    def get(self, request, measure_id):
        return redirect("concept_report_status")

    def post(self, request, measure_id):
        measure = get_object_or_404(reportable_measures(), pk=measure_id)
        form = StatusReportForm(request.POST, measure=measure, meetings=meeting_choices())
        if not form.is_valid():
            messages.error(request, _("Die Meldung zu „%(title)s“ enthält Fehler.") % {"title": measure.title})
            return self.render_list(request, {measure.pk: form}, status=400)
        report = form.instance
        try:
            in_moderation = submit_report(
                report, request.user, publish_directly=request.user.has_perm(PUBLISH_PERMISSION)
            )
        except AlreadyReported:
            messages.warning(
                request, _("Diese Meldung zu „%(title)s“ liegt bereits vor.") % {"title": measure.title}
            )
            return redirect(reverse("concept_report_status") + f"#measure-{measure.pk}")
        if in_moderation:
            messages.success(
                request,
                _(
                    "Danke! Ihre Meldung zu „%(title)s“ wartet jetzt auf Freigabe durch die Redaktion. "
                    "Öffentlich ist sie erst nach der Freigabe. Weist die Redaktion sie zurück, steht "
                    "der Grund hier bei der Maßnahme."
                )
                % {"title": measure.title},
            )
        else:
            messages.success(
                request, _("Die Meldung zu „%(title)s“ ist veröffentlicht.") % {"title": measure.title}
            )
        return redirect(reverse("concept_report_status") + f"#measure-{measure.pk}")

