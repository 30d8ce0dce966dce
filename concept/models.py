"""The integration concept "Zuhause in Mössingen": its Leitbild, fields of action, goals,
measures and its history ("Entstehung").

The page tree mirrors the concept: ConceptPage → LeitbildPage, FieldOfActionPage →
MeasurePage, HistoryPage.
"""

import datetime
from collections import namedtuple

from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    PublishingPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from moessingen_site import structure
from moessingen_site.blocks import RICHTEXT_FEATURES, BaseStreamBlock


class MeasureStatus(models.TextChoices):
    """The implementation status of a measure, in the words the town uses.

    Each status has a symbol besides its colour so that it never relies on colour alone.
    """

    PLANNED = "geplant", _("geplant")
    IN_PROGRESS = "in_umsetzung", _("in Umsetzung")
    DONE = "umgesetzt", _("umgesetzt")
    ONGOING = "fortlaufend", _("fortlaufend (dauerhaft)")
    DEFERRED = "zurueckgestellt", _("zurückgestellt")
    DROPPED = "entfallen", _("entfallen")

    @property
    def symbol(self):
        return STATUS_SYMBOLS[self]


STATUS_SYMBOLS = {
    MeasureStatus.PLANNED: "○",
    MeasureStatus.IN_PROGRESS: "◐",
    MeasureStatus.DONE: "✔",
    MeasureStatus.ONGOING: "↻",
    MeasureStatus.DEFERRED: "‖",
    MeasureStatus.DROPPED: "✕",
}


def status_badges():
    """The status badge markup (``includes/status_badge.html``) for every status, keyed by
    value: rendered once instead of once per listed measure or report. Kept per content
    version like other memoised data; the language is part of the key (translated labels)."""
    return structure.memo(
        ("status-badges", get_language()),
        lambda: {
            status.value: render_to_string("includes/status_badge.html", {"status": status})
            for status in MeasureStatus
        },
    )


def goals_of(page, request):
    """A field's or a measure's goals. Served live pages read them from the database, so
    they are memoised per content version; a preview shows its own, unsaved goals."""
    if getattr(request, "is_preview", False):
        return list(page.goals.all())
    return structure.memo(("goals", page.pk), lambda: list(page.goals.all()))


# A linked page as plain data for templates: what a link to it needs.
PageLink = namedtuple("PageLink", "title slug url")
# The progress page's URL as ``Page.url`` gives it (feed links in the head) and as
# ``{% pageurl %}`` gives it for the request.
ProgressLink = namedtuple("ProgressLink", "url link")


def status_counts(measures):
    """Counts measures per status, in the order of the vocabulary, with zeros kept.

    One query whatever the number of measures.
    """
    counts = dict(measures.order_by().values_list("status").annotate(n=Count("pk")))
    return [(MeasureStatus(value), counts.get(value, 0)) for value in MeasureStatus.values]


class ConceptPage(Page):
    intro = RichTextField(_("Einleitung"), features=RICHTEXT_FEATURES, blank=True)
    adopted_on = models.DateField(
        _("Vom Gemeinderat verabschiedet am"), null=True, blank=True
    )
    adoption_note = models.CharField(
        _("Beschluss"), max_length=200, blank=True, help_text=_("z. B. „einstimmig“")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("adoption_note")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["moessingen_site.HomePage"]
    subpage_types = [
        "concept.LeitbildPage",
        "concept.FieldOfActionPage",
        "concept.HistoryPage",
        "concept.ProgressPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Integrationskonzept")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The fields with their counts and the other sections come from the database, never
        # from a draft of this page: memoised per content version.
        context.update(
            structure.memo(("concept", self.pk, structure.site_key(request), get_language()), lambda: self.sections(request))
        )
        return context

    def sections(self, request):
        """The fields of action with their measures per status, and the other sections, as
        plain data for the template: three queries."""
        fields = list(
            FieldOfActionPage.objects.child_of(self)
            .live()
            .public()
            .order_by("path")
            .values_list("path", "title", "url_path", "intro")
        )
        per_field = (
            MeasurePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by()
            .values_list("path", "status")
        )
        steplen = self.steplen
        by_field = {}
        for path, status in per_field:
            by_field.setdefault(path[: len(self.path) + steplen], []).append(status)
        badges = status_badges()
        fields_of_action = []
        for path, title, url_path, intro in fields:
            statuses = by_field.get(path, [])
            fields_of_action.append(
                {
                    "title": title,
                    "url": structure.page_url(url_path, request),
                    "intro": intro,
                    "measure_count": len(statuses),
                    "status_summary": [
                        (badges[value], statuses.count(value)) for value in MeasureStatus.values if value in statuses
                    ],
                }
            )
        other_children = [
            PageLink(title, slug, structure.page_url(url_path, request))
            for title, slug, url_path in self.get_children()
            .live()
            .public()
            .in_menu()
            .not_type(FieldOfActionPage)
            .values_list("title", "slug", "url_path")
        ]
        return {"fields_of_action": fields_of_action, "other_children": other_children}


class LeitbildPage(Page):
    intro = models.TextField(_("Kurzfassung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["concept.ConceptPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Leitbild")


class FieldOfActionPage(Page):
    intro = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("goals", label=_("Ziele"), heading=_("Ziele")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("goals", [index.SearchField("title"), index.SearchField("description")]),
    ]

    parent_page_types = ["concept.ConceptPage"]
    subpage_types = ["concept.MeasurePage"]

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")

    def measures(self):
        return (
            MeasurePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("contact_person")
            .order_by("path")
        )

    def measure_rows(self, request):
        """The listed measures as plain data for the template (title, URL, status badge,
        date, summary): one narrow query, memoised per content version – they come from
        the database, never from a draft of this page."""
        def compute():
            badges = status_badges()
            return [
                {
                    "title": title,
                    "url": structure.page_url(url_path, request),
                    "badge": badges[status],
                    "status_date": status_date,
                    "summary": summary,
                }
                for title, url_path, status, status_date, summary in self.measures().values_list(
                    "title", "url_path", "status", "status_date", "summary"
                )
            ]

        return structure.memo(("field-measures", self.pk, structure.site_key(request), get_language()), compute)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        measures = context["measures"] = self.measure_rows(request)
        context["measures_html"] = structure.memo(
            ("field-measures-html", self.pk, structure.site_key(request), get_language()),
            lambda: render_to_string("concept/includes/field_measures.html", {"measures": measures}),
        )
        context["goal_list"] = goals_of(self, request)
        return context


class Goal(Orderable):
    """A goal (Ziel) of a field of action; measures say which goals they serve."""

    field_of_action = ParentalKey(FieldOfActionPage, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("Ziel"), max_length=255)
    description = models.TextField(_("Erläuterung"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")

    def __str__(self):
        return self.title


class MeasurePageForm(WagtailAdminPageForm):
    """Offers only the goals of the measure's own field of action."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page
        if parent is not None and "goals" in self.fields:
            self.fields["goals"].queryset = Goal.objects.filter(field_of_action_id=parent.pk)

    def clean(self):
        cleaned = super().clean()
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
                self.add_error(end, _("Das Ende darf nicht vor dem Beginn liegen."))
        return cleaned


class MeasurePage(Page):
    """A measure (Maßnahme) of a field of action, with its current implementation status."""

    summary = models.TextField(_("Kurzbeschreibung"), help_text=_("Zwei, drei Sätze: Worum geht es?"))
    plain_language_summary = models.TextField(
        _("Einfach erklärt"),
        blank=True,
        help_text=_("Optional: die Maßnahme in einfacher Sprache. Wird zuerst gezeigt."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Beschreibung"), blank=True)
    goals = ParentalManyToManyField(Goal, verbose_name=_("Ziele, denen die Maßnahme dient"), blank=True)
    responsible_unit = models.CharField(_("Federführung"), max_length=200, blank=True)
    partners = models.TextField(_("Beteiligte und Partner"), blank=True)
    contact_person = models.ForeignKey(
        "committee.Person",
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_measures",
    )
    planned_start = models.DateField(_("Geplanter Beginn"), null=True, blank=True)
    planned_end = models.DateField(_("Geplantes Ende"), null=True, blank=True)
    actual_start = models.DateField(_("Tatsächlicher Beginn"), null=True, blank=True)
    actual_end = models.DateField(_("Tatsächliches Ende"), null=True, blank=True)
    # The current status. It is stored on the page so listings and filters cost one
    # query; only the newest published StatusReport sets it (see concept.reports), so
    # it is not in the editor's panels and survives publishing an older page revision.
    status = models.CharField(
        _("Umsetzungsstand"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    status_date = models.DateField(_("Stand vom"), null=True, blank=True)

    base_form_class = MeasurePageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("plain_language_summary"),
        FieldPanel("body"),
        FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("responsible_unit"), FieldPanel("partners"), FieldPanel("contact_person")],
            heading=_("Zuständigkeit"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
            ],
            heading=_("Zeitrahmen"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("plain_language_summary"),
        index.SearchField("body"),
        index.SearchField("responsible_unit"),
        index.SearchField("partners"),
        index.FilterField("status"),
    ]

    parent_page_types = ["concept.FieldOfActionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")

    @property
    def status_choice(self):
        return MeasureStatus(self.status)

    def with_content_json(self, content):
        # Status and its date belong to the status reports, not to page revisions:
        # restoring or publishing an old page revision must not roll them back.
        obj = super().with_content_json(content)
        obj.status = self.status
        obj.status_date = self.status_date
        return obj

    def field_of_action_link(self, request):
        """Title, slug and URL of the field of action above: from the pages found when
        routing the request (no query), else from the database."""
        trail = structure.path_pages(request, self)
        if trail and len(trail) >= 2:
            parent = trail[-2]
            url_path = parent.url_path
            slug = url_path.rstrip("/").rsplit("/", 1)[-1]
            return PageLink(parent.title, slug, structure.page_url(url_path, request))
        parent = self.get_parent()
        return PageLink(parent.title, parent.slug, parent.get_url(request))

    def status_history(self, request):
        """The published reports, newest first, as plain data for the template; memoised
        per content version (they come from the database, never from a page draft)."""
        def compute():
            badges = status_badges()
            reports = (
                self.status_reports.live()
                .select_related("reported_by__person", "meeting")
                .order_by("-date", "-pk")
            )
            history = []
            for report in reports:
                meeting = report.meeting
                history.append(
                    {
                        "pk": report.pk,
                        "date": report.date,
                        "badge": badges[report.status],
                        "note": report.note,
                        "meeting": PageLink(meeting.title, meeting.slug, meeting.get_url(request))
                        if meeting is not None and meeting.live
                        else None,
                        "decision": report.decision,
                        "decision_url": report.decision_url,
                        "reporter_name": report.reporter_name,
                        "last_published_at": report.last_published_at,
                    }
                )
            return history

        return structure.memo(("measure-history", self.pk, structure.site_key(request), get_language()), compute)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["field_of_action"] = self.field_of_action_link(request)
        context["goal_list"] = goals_of(self, request)
        history = context["status_history"] = self.status_history(request)
        context["history_html"] = structure.memo(
            ("measure-history-html", self.pk, structure.site_key(request), get_language()),
            lambda: render_to_string("concept/includes/status_history.html", {"status_history": history}),
        )
        stamps = [self.last_published_at] + [r["last_published_at"] for r in context["status_history"]]
        context["last_updated"] = max((s for s in stamps if s is not None), default=None)

        # Only for a link: a restricted progress page would simply ask for its password.
        def progress_link():
            progress = ProgressPage.objects.live().first()
            return ProgressLink(progress.url, progress.get_url(request)) if progress is not None else None

        context["progress_page"] = structure.memo(("progress-link", structure.site_key(request)), progress_link)
        return context


class HistoryPage(Page):
    """How the concept came about ("Entstehung"): a dated timeline."""

    intro = RichTextField(_("Einleitung"), features=RICHTEXT_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("timeline_entries", label=_("Station"), heading=_("Zeitleiste")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("timeline_entries", [index.SearchField("title"), index.SearchField("text")]),
    ]

    parent_page_types = ["concept.ConceptPage"]
    subpage_types = ["committee.CommitteePage"]  # the historic Steuerungskreis
    max_count = 1

    class Meta:
        verbose_name = _("Entstehung")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = self.timeline_entries.order_by("date", "sort_order")
        return context


class TimelineEntry(Orderable):
    page = ParentalKey(HistoryPage, on_delete=models.CASCADE, related_name="timeline_entries")
    date = models.DateField(_("Datum"))
    title = models.CharField(_("Titel"), max_length=255)
    text = RichTextField(_("Text"), features=RICHTEXT_FEATURES, blank=True)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("Station")
        verbose_name_plural = _("Stationen")

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.title}"


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

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Das Datum darf nicht in der Zukunft liegen.")
        if self.note is not None and not self.note.strip():
            errors["note"] = _("Bitte begründen Sie die Meldung kurz.")
        if errors:
            raise ValidationError(errors)


class ProgressPage(RoutablePageMixin, Page):
    """The public "Umsetzungsstand": progress per field and overall, the filterable list
    of measures, the status over time, the feeds of status reports and the open data."""

    intro = RichTextField(_("Einleitung"), features=RICHTEXT_FEATURES, blank=True)
    open_data_intro = RichTextField(
        _("Einleitung zu den offenen Daten"), features=RICHTEXT_FEATURES, blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("open_data_intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["concept.ConceptPage"]
    subpage_types = []
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("Umsetzungsstand")

    def feed_url(self, field=None):
        if field is None:
            return self.url + self.reverse_subpage("feed")
        return self.url + self.reverse_subpage("field_feed", args=[field.slug])

    @path("", name="overview")
    def overview(self, request):
        from .progress import overview_context

        context = self.get_context(request)
        context.update(overview_context(self, request))
        return self.render(request, context_overrides=context)

    @path("offene-daten/", name="open_data")
    def open_data(self, request):
        from .opendata import documentation_context

        context = self.get_context(request)
        context.update(documentation_context(self, request))
        return self.render(request, context_overrides=context, template="concept/open_data_page.html")

    # Page routes cannot contain dots; the files get their names from Content-Disposition.
    @path("offene-daten/massnahmen-csv/", name="measures_csv")
    def measures_csv(self, request):
        from .opendata import measures_csv

        return measures_csv(self, request)

    @path("offene-daten/statusmeldungen-csv/", name="reports_csv")
    def reports_csv(self, request):
        from .opendata import reports_csv

        return reports_csv(self, request)

    @path("offene-daten/massnahmen-json/", name="measures_json")
    def measures_json(self, request):
        from .opendata import measures_json

        return measures_json(self, request)

    def feed_response(self, request, field=None):
        """The Atom feed, made once per content version: its absolute URLs depend on the
        request's scheme and host, its words on the language."""
        from .feeds import StatusReportFeed
        from .opendata import shared_response

        key = (
            "progress-feed", self.pk, field.pk if field else None,
            request.scheme, request.get_host(), structure.site_key(request), get_language(),
        )
        return shared_response(key, lambda: StatusReportFeed(self, field)(request))

    @path("feed/", name="feed")
    def feed(self, request):
        return self.feed_response(request)

    @re_path(r"^feed/(?P<field_slug>[-\w]+)/$", name="field_feed")
    def field_feed(self, request, field_slug):
        from django.http import Http404

        from .progress import public_fields

        field = next((f for f in public_fields(self) if f.slug == field_slug), None)
        if field is None:
            raise Http404
        return self.feed_response(request, field)
