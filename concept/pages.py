"""The concept's pages, as the page tree shows them: ConceptPage → LeitbildPage,
FieldOfActionPage (with its goals) → MeasurePage, and HistoryPage (with its timeline).

What a status means is in ``status.py``; how the status reports make it the measure's
current status is in ``reports.py``; the progress overview with its feeds and open data
(``ProgressPage``) is in ``progress.py``.
"""

from collections import Counter

from dateutil.relativedelta import relativedelta
from django import forms
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from moessingen_site.blocks import RICHTEXT_FEATURES, BaseStreamBlock
from moessingen_site.base_page import SitePage, public
from moessingen_site.languages import (
    Localized, default_language, localized, read_translations, source_of, with_translations,
)
from moessingen_site.site_settings import SiteSettings
from moessingen_site.slugs import SitePageForm

from .status import MeasureStatus


class LocalizedWords(Localized):
    """A ``Localized`` entry whose words besides the title – `words`, text fields of the
    page type, such as a measure's summary – are the translation's too where one is live
    (the German page's otherwise, marked by ``lang`` as the title is)."""

    def __init__(self, source, translation, language, words):
        super().__init__(source, translation, language)
        self.words = words

    def __getattr__(self, name):
        if name in self.__dict__.get("words", ()) and self.__dict__.get("translation") is not None:
            return getattr(self.translation, name)
        return super().__getattr__(name)


def localized_words(pages, *words):
    """`pages` (of the default language, all of one page type) as ``LocalizedWords`` for the
    active language: one query for their translations with `words`, none in German or where
    the pages were read ``with_translations`` of their `words`."""
    pages = list(pages)
    language = get_language()
    found = {}
    read = read_translations(pages) if pages and language != default_language() else None
    if read is not None:
        found = read
    elif pages and language != default_language():
        # A restricted translation (login, password) names nothing in a public list.
        translations = public(
            type(pages[0]).objects.filter(
                translation_key__in={page.translation_key for page in pages}, locale__language_code=language
            ).live()
        )
        found = {page.translation_key: page for page in translations.only("title", "url_path", "translation_key", *words)}
    return [LocalizedWords(page, found.get(page.translation_key), language, words) for page in pages]


# What a measure's history shows of each report, its meeting (a link) and its reporter (a
# name): without them, the query read some 90 columns a row, the reporter's password hash included.
HISTORY_FIELDS = (
    "measure_id", "status", "date", "note", "decision", "decision_url", "live",
    "meeting__title", "meeting__slug", "meeting__url_path", "meeting__path", "meeting__depth",
    "meeting__translation_key", "meeting__locale_id", "meeting__live",
    "reported_by__first_name", "reported_by__last_name", "reported_by__person__name", "reported_by__person__user_id",
)


def with_meeting_visibility(reports):
    """Status reports with their meeting and ``meeting_public``: whether the public may
    see that meeting – live, and neither it nor a page above it restricted (login,
    password, groups). A subquery of the reports' own query, no query of its own. Every
    public place that names a report's meeting (measure page, feeds, open data) asks
    ``meeting_public``: a report by the committee may point to a meeting held behind a
    login, whose title and address are not for the public."""
    return reports.select_related("meeting").annotate(
        meeting_public=Exists(public(Page.objects.live().filter(pk=OuterRef("meeting_id"))))
    )


class Freshness:
    """When a measure's status counts as not current: its newest report is older than the
    months the staff set (site settings, „Hinweis auf veraltete Meldungen nach“; 12 by
    default), as Kausal Watch's timeliness bands. Read (one query, once per request) only
    when a template asks."""

    def __init__(self, request, today=None):
        self.request = request
        self.today = today or timezone.localdate()

    @cached_property
    def months(self):
        if self.request is None:
            return SiteSettings._meta.get_field("stale_after_months").default
        return SiteSettings.for_request(self.request).stale_after_months

    @cached_property
    def before(self):
        """Reports dated before this day are stale."""
        return self.today - relativedelta(months=self.months)

    def is_stale(self, status_date):
        return status_date is not None and status_date < self.before


class ConceptPage(SitePage):
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
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

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

    def fields_of_action(self):
        """The live, public fields of action in tree order."""
        return public(FieldOfActionPage.objects.child_of(source_of(self)).live().defer_streamfields().order_by("path"))

    def measures(self):
        """Every live, public measure of the concept (measures are children of fields)."""
        return public(MeasurePage.objects.descendant_of(source_of(self)).live())

    def fields_with_counts(self):
        """The fields of action, each with ``measure_count`` and ``status_counts``
        (``[(MeasureStatus, count)]``, statuses without measures left out): two queries."""
        fields = list(with_translations(self.fields_of_action(), fields=("intro",)))
        per_field = {field.path: Counter() for field in fields}
        prefix = len(self.path) + self.steplen
        for path, status in self.measures().order_by().values_list("path", "status"):
            counts = per_field.get(path[:prefix])
            if counts is not None:
                counts[status] += 1
        for field in fields:
            counts = per_field[field.path]
            field.measure_count = sum(counts.values())
            field.status_counts = [(status, counts[status.value]) for status in MeasureStatus if counts[status.value]]
        return localized_words(fields, "intro")

    def other_sections(self):
        """The Leitbild, the history, the progress overview: children (of the German page)
        shown in menus, in the visitor's language where translated."""
        return localized(
            with_translations(
                public(source_of(self).get_children().live().in_menu().not_type(FieldOfActionPage).order_by("path"))
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Uncalled: the template calls them inside its fragment caches, so stored
        # sections cost no query at all.
        context["fields_of_action"] = self.fields_with_counts
        context["other_sections"] = self.other_sections
        return context


class LeitbildPage(SitePage):
    intro = models.TextField(_("Kurzfassung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["concept.ConceptPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Leitbild")


class FieldOfActionPage(SitePage):
    intro = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("goals", label=_("Ziele"), heading=_("Ziele")),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
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
        """The listed measures in the visitor's language (title and summary; status from
        the German page): one query, two in other languages, evaluated by the template
        inside its fragment cache."""
        return localized_words(
            with_translations(
                public(MeasurePage.objects.child_of(source_of(self)).live())
                .defer_streamfields()
                .only("title", "url_path", "path", "status", "status_date", "summary", "translation_key")
                .order_by("path"),
                fields=("summary",),
            ),
            "summary",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Uncalled: the template calls it inside its fragment cache, so a stored list costs
        # no query at all.
        context["measures"] = self.measures
        context["freshness"] = Freshness(request)
        context["today"] = timezone.localdate()
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


class MeasurePageForm(SitePageForm):
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


class MeasurePage(SitePage):
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
    search_fields = SitePage.search_fields + [
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

    def status_history(self):
        """The published status reports, newest first, with what the template shows of
        their meeting (only a public one, ``with_meeting_visibility``) and reporter: one query."""
        return with_meeting_visibility(
            self.status_reports.live().select_related("reported_by__person").order_by("-date", "-pk")
        ).only(*HISTORY_FIELDS)

    def neighbours(self):
        """The measure's field of action and the concept's progress overview (for its links
        and feeds; None without one), as specific pages in one query. The overview is
        live, not necessarily public: behind a password it asks for it, as any link would.
        Its model comes through the app registry: progress.py builds on this module."""
        progress_page_model = django_apps.get_model("concept", "ProgressPage")
        field_path = self.path[: -self.steplen]
        concept_path = field_path[: -self.steplen]
        found = (
            Page.objects.filter(
                models.Q(path=field_path)
                | models.Q(
                    live=True,
                    path__startswith=concept_path,
                    depth=self.depth - 1,
                    content_type=ContentType.objects.get_for_model(progress_page_model),
                )
            )
            .order_by("path")
            .specific(defer=True)
        )
        field = next((page for page in found if page.path == field_path), None)
        progress = next((page for page in found if isinstance(page, progress_page_model)), None)
        return field, progress

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when a fragment that shows them is not current (see the template).
        neighbours = SimpleLazyObject(self.neighbours)
        context["field_of_action"] = SimpleLazyObject(lambda: neighbours[0])
        context["progress_page"] = SimpleLazyObject(lambda: neighbours[1])
        context["field_feed_url"] = SimpleLazyObject(
            lambda: neighbours[1].feed_url(neighbours[0]) if neighbours[1] is not None else ""
        )
        # The status and its history are facts of the German page, the same in every
        # language (moessingen_site/languages.py); read only when a fragment needs them.
        facts = context["facts"] = SimpleLazyObject(lambda: source_of(self, request))
        context["status_history"] = SimpleLazyObject(lambda: list(facts.status_history()))
        # One honest date: the status date („Stand“), flagged when it is old. The page's
        # own save date said nothing about the measure's progress and made stale measures
        # look current.
        context["freshness"] = Freshness(request)
        # The committee writes a report's reason in German: marked so on other languages' pages.
        context["facts_lang"] = default_language() if get_language() != default_language() else ""
        return context


class HistoryPage(SitePage):
    """How the concept came about ("Entstehung"): a dated timeline."""

    intro = RichTextField(_("Einleitung"), features=RICHTEXT_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("timeline_entries", label=_("Station"), heading=_("Zeitleiste")),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
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
