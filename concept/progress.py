"""The public "Umsetzungsstand" (``ProgressPage``): progress per field of action and
overall, the filterable list of measures, the status over time (per quarter since the
adoption), and under it the Atom feeds (``feeds.py``) and the open data (``opendata.py``).

The overview's parts are computed when its template first asks for them (``Overview``),
inside the template's fragment caches: a stored fragment costs no query.
"""

import datetime
from collections import Counter

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from moessingen_site.base_page import SitePage
from moessingen_site.blocks import RICHTEXT_FEATURES
from moessingen_site.languages import default_locale_id, localized, page_address, with_translations

from . import opendata
from .feeds import StatusReportFeed
from .pages import ConceptPage, Freshness
from .reports import StatusReport
from .status import MeasureStatus

ADOPTION_FALLBACK = datetime.date(2019, 12, 2)

SORT_CHOICES = [
    ("handlungsfeld", _("nach Handlungsfeld")),
    ("aktualisiert", _("zuletzt aktualisiert zuerst")),
    ("aktualisiert-alt", _("am längsten nicht aktualisiert zuerst")),
    ("titel", _("nach Titel")),
]
SORT_ORDERS = {
    "handlungsfeld": ["path"],
    "aktualisiert": [F("status_date").desc(nulls_last=True), "path"],
    "aktualisiert-alt": [F("status_date").asc(nulls_first=True), "path"],
    "titel": ["title", "path"],
}


def status_rows(counter):
    """[{status, count, percent, x, width}] in the vocabulary's order, zeros kept: one
    stacked bar of the summary."""
    total = sum(counter.values())
    rows = []
    offset = 0.0
    for status in MeasureStatus:
        count = counter.get(status.value, 0)
        share = 100.0 * count / total if total else 0.0
        rows.append({"status": status, "count": count, "percent": round(share), "x": offset, "width": share})
        offset += share
    return rows


class MeasureFilterForm(forms.Form):
    """The list's GET parameters. Invalid values are dropped one by one, never an error page."""

    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    status = forms.ChoiceField(
        label=_("Umsetzungsstand"), required=False, choices=[("", _("alle"))] + list(MeasureStatus.choices)
    )
    federfuehrung = forms.ChoiceField(label=_("Federführung"), required=False)
    sortierung = forms.ChoiceField(label=_("Sortierung"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, fields, units):
        super().__init__(data)
        self.fields["handlungsfeld"].choices = [("", _("alle"))] + [(f.slug, f.title) for f in fields]
        self.fields["federfuehrung"].choices = [("", _("alle"))] + [(u, u) for u in units]

    def valid_values(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def quarter_ends(start, today):
    """The last day of every quarter from the one containing `start` to the one containing `today`."""
    year, quarter = start.year, (start.month - 1) // 3 + 1
    ends = []
    while True:
        month = quarter * 3
        end = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
        ends.append((year, quarter, end))
        if end >= today:
            return ends
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


CHART_COLUMN = 24
CHART_HEIGHT = 160


def status_over_time(concept, measures, today):
    """How many measures were in each status at the end of each quarter since the adoption.

    A measure counts from its first published report on; one query for all reports.
    """
    adoption = concept.adopted_on or ADOPTION_FALLBACK
    reports = list(
        StatusReport.objects.live()
        .filter(measure__in=measures)
        .order_by("date", "pk")
        .values_list("measure_id", "date", "status")
    )
    current = {}
    index = 0
    quarters = []
    for year, quarter, end in quarter_ends(adoption, today):
        cutoff = min(end, today)
        while index < len(reports) and reports[index][1] <= cutoff:
            measure_id, _date, status = reports[index]
            current[measure_id] = status
            index += 1
        counts = Counter(current.values())
        quarters.append(
            {
                "label": f"{quarter}/{year}" if end <= today else _("heute"),
                "year": year,
                "quarter": quarter,
                "end": cutoff,
                "counts": [counts.get(status.value, 0) for status in MeasureStatus],
                "total": sum(counts.values()),
            }
        )
    highest = max((q["total"] for q in quarters), default=0) or 1
    for position, q in enumerate(quarters):
        q["x"] = position * CHART_COLUMN + 4
        y = CHART_HEIGHT
        segments = []
        for status, count in zip(MeasureStatus, q["counts"]):
            height = CHART_HEIGHT * count / highest
            y -= height
            if count:
                segments.append({"status": status, "count": count, "y": round(y, 2), "height": round(height, 2)})
        q["segments"] = segments
        q["cells"] = list(zip(MeasureStatus, q["counts"]))
        q["show_label"] = q["quarter"] == 1
    return {
        "quarters": quarters,
        "chart_width": len(quarters) * CHART_COLUMN + 8,
        "chart_height": CHART_HEIGHT,
        "chart_label_y": CHART_HEIGHT + 16,
        "chart_total_height": CHART_HEIGHT + 24,
        "chart_bar_width": CHART_COLUMN - 6,
        "chart_highest": highest,
        "adoption": adoption,
    }


class Counted:
    """A queryset whose number of rows is known already, for Django's Paginator (which
    would otherwise count them in a query of its own)."""

    def __init__(self, queryset, count):
        self.queryset = queryset
        self.ordered = queryset.ordered
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]


class Overview:
    """What the overview shows, each part computed (once per request) when the template
    first asks for it."""

    statuses = list(MeasureStatus)

    def __init__(self, page, request, today):
        self.page = page
        self.request = request
        self.today = today

    @cached_property
    def concept(self):
        return self.page.concept()

    @cached_property
    def adoption(self):
        return self.concept.adopted_on or ADOPTION_FALLBACK

    @cached_property
    def fields(self):
        """The fields of action in the visitor's language (``Localized``; the German
        page, the record, is each one's ``source``): two queries, one in German."""
        return localized(with_translations(self.concept.fields_of_action()))

    def measures(self):
        return self.concept.measures()

    @cached_property
    def by_unit(self):
        """(path, status, responsible unit) of every listed measure, ordered by unit so
        that the database's collation orders the unit filter's choices: one query for the
        counts and the units."""
        return list(self.measures().order_by("responsible_unit", "path").values_list("path", "status", "responsible_unit"))

    @cached_property
    def units(self):
        units = []
        for _path, _status, unit in self.by_unit:
            if unit and (not units or units[-1] != unit):
                units.append(unit)
        return units

    @cached_property
    def summary(self):
        prefix = len(self.concept.path) + self.concept.steplen
        per_field = {field.path: Counter() for field in self.fields}
        overall = Counter()
        for measure_path, status, _unit in self.by_unit:
            if measure_path[:prefix] in per_field:
                per_field[measure_path[:prefix]][status] += 1
            overall[status] += 1
        return {
            "field_summaries": [
                {"field": field, "total": sum(per_field[field.path].values()), "rows": status_rows(per_field[field.path])}
                for field in self.fields
            ],
            "overall_summary": {"total": sum(overall.values()), "rows": status_rows(overall)},
        }

    @cached_property
    def filter_form(self):
        return MeasureFilterForm(self.request.GET, self.fields, self.units)

    @cached_property
    def filter_values(self):
        return self.filter_form.valid_values()

    @property
    def filter_active(self):
        return bool(set(self.filter_values) - {"sortierung"})

    @property
    def query_prefix(self):
        """A clean, bookmarkable form of the current filter for the pagination links."""
        return urlencode(self.filter_values)

    @cached_property
    def listed(self):
        """The page of measures the filter asks for: one query. Their number comes from
        ``by_unit``, which the summary has read already."""
        values = self.filter_values
        measures = self.measures()
        field_path = None
        if "handlungsfeld" in values:
            field = next(f.source for f in self.fields if f.slug == values["handlungsfeld"])
            field_path = field.path
            measures = measures.child_of(field)
        if "status" in values:
            measures = measures.filter(status=values["status"])
        if "federfuehrung" in values:
            measures = measures.filter(responsible_unit=values["federfuehrung"])
        count = sum(
            1
            for path, status, unit in self.by_unit
            if (field_path is None or (path.startswith(field_path) and len(path) == len(field_path) + self.concept.steplen))
            and values.get("status", status) == status
            and values.get("federfuehrung", unit) == unit
        )
        measures = with_translations(
            measures.defer_streamfields().order_by(*SORT_ORDERS[values.get("sortierung", "handlungsfeld")])
        )
        return Paginator(Counted(measures, count), self.page.page_size).get_page(self.request.GET.get("seite"))

    @cached_property
    def field_feeds(self):
        """(field, address of its feed in the visitor's language) of every field."""
        return [(field, self.page.feed_url(field)) for field in self.fields]

    @cached_property
    def listed_items(self):
        """The listed page's measures in the visitor's language, each as {measure, field}
        (``Localized``; ``field`` is None for a measure whose field is not listed, e.g. an
        unpublished one): one query more than ``listed`` in other languages."""
        prefix = len(self.concept.path) + self.concept.steplen
        fields = {field.path: field for field in self.fields}
        return [
            {"measure": measure, "field": fields.get(measure.path[:prefix])}
            for measure in localized(self.listed.object_list)
        ]

    @cached_property
    def freshness(self):
        return Freshness(self.request, self.today)

    @cached_property
    def history(self):
        return status_over_time(self.concept, self.measures(), self.today)


class ProgressPage(RoutablePageMixin, SitePage):
    """The public "Umsetzungsstand": progress per field and overall, the filterable list
    of measures, the status over time, the feeds of status reports and the open data."""

    intro = RichTextField(_("Einleitung"), features=RICHTEXT_FEATURES, blank=True)
    open_data_intro = RichTextField(
        _("Einleitung zu den offenen Daten"), features=RICHTEXT_FEATURES, blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("open_data_intro")]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["concept.ConceptPage"]
    subpage_types = []
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("Umsetzungsstand")

    def concept(self):
        """The concept page above, in the default language: every part of the overview
        starts from it, so every language's overview counts the same measures and reports
        (the facts are kept on the German pages, see moessingen_site/languages.py)."""
        default_id = default_locale_id()
        if self.locale_id != default_id:
            # The German overview's parent, found by the German overview in the same query.
            german = Page.objects.filter(
                translation_key=self.translation_key, locale_id=default_id,
                path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1,
            )
            found = ConceptPage.objects.filter(Exists(german)).first()
            if found is not None:
                return found
        return ConceptPage.objects.get(path=self.path[: -self.steplen])

    def address(self, name=None, args=()):
        """The address of this page, or of one of its routes, in the visitor's language:
        under /ar/… also where the overview has no Arabic translation yet (the German page
        in the Arabic frame), so that a link keeps the visitor's language."""
        url = page_address(self, get_language())
        return url if name is None else url + self.reverse_subpage(name, args=list(args))

    def feed_url(self, field=None):
        if field is None:
            return self.address("feed")
        return self.address("field_feed", [field.slug])

    @path("", name="overview")
    def overview(self, request):
        today = timezone.localdate()
        return self.render(
            request,
            context_overrides={
                "overview": Overview(self, request, today),
                "today": today,
                "overview_url": self.address(),
                "feed_url": self.feed_url(),
                "open_data_url": self.address("open_data"),
            },
        )

    @path("offene-daten/", name="open_data")
    def open_data(self, request):
        context = opendata.documentation_context(self)
        # The breadcrumb ends „… › Umsetzungsstand › Offene Daten“, the overview a link.
        context.update(breadcrumb_subpage=_("Offene Daten"), breadcrumb_page_url=self.address())
        return self.render(request, context_overrides=context, template="concept/open_data_page.html")

    # Page routes cannot contain dots; the files get their names from Content-Disposition.
    @path("offene-daten/massnahmen-csv/", name="measures_csv")
    def measures_csv(self, request):
        return opendata.file_response(self, request, opendata.measures_csv)

    @path("offene-daten/statusmeldungen-csv/", name="reports_csv")
    def reports_csv(self, request):
        return opendata.file_response(self, request, opendata.reports_csv)

    @path("offene-daten/massnahmen-json/", name="measures_json")
    def measures_json(self, request):
        return opendata.file_response(self, request, opendata.measures_json)

    @path("feed/", name="feed")
    def feed(self, request):
        return StatusReportFeed(self, self.concept())(request)

    @re_path(r"^feed/(?P<field_slug>[-\w]+)/$", name="field_feed")
    def field_feed(self, request, field_slug):
        concept = self.concept()
        field = concept.fields_of_action().filter(slug=field_slug).first()
        if field is None:
            raise Http404
        return StatusReportFeed(self, concept, field)(request)
