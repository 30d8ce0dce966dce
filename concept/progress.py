"""The public "Umsetzungsstand": counts per field of action and status, the filterable
list of measures and the status over time (per quarter since the adoption).

Every function costs a fixed number of queries, whatever the number of measures or
reports; the counting happens in Python on narrow value lists.
"""

import datetime
from collections import Counter

from django import forms
from django.core.paginator import Paginator
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from moessingen_site import structure

from .models import (
    ConceptPage,
    FieldOfActionPage,
    MeasurePage,
    MeasureStatus,
    StatusReport,
    status_badges,
)

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


def private_pages():
    """A filter for pages under a view restriction, reusable for several listings."""
    return Page.objects.all().private_q()


def concept_of(progress):
    """The concept page above the progress page, fetched once per request (memoised per
    version): the overview, the feeds and the open data all start from it."""
    return structure.memo(
        ("progress-concept", progress.path),
        lambda: ConceptPage.objects.get(path=progress.path[: -progress.steplen]),
    )


def public_fields(progress):
    """The live, public fields of action of the progress page's concept, in tree order:
    memoised per version (the instances are shared; nothing may modify them)."""
    return structure.memo(
        ("progress-fields", progress.path), lambda: fields_of(concept_of(progress), private_pages())
    )


def fields_of(concept, private=None):
    fields = FieldOfActionPage.objects.child_of(concept).live()
    fields = fields.public() if private is None else fields.exclude(private)
    return list(fields.defer_streamfields().order_by("path"))


def measures_of(concept, private=None):
    measures = MeasurePage.objects.live().descendant_of(concept)
    return measures.public() if private is None else measures.exclude(private)


def field_lookup(concept, fields):
    """Maps a measure's path to its field of action (measures are children of fields)."""
    prefix_length = len(concept.path) + concept.steplen
    by_path = {field.path: field for field in fields}
    return lambda measure_path: by_path.get(measure_path[:prefix_length])


def status_rows(counter):
    """[(MeasureStatus, count, percent)] in the vocabulary's order, zeros kept."""
    total = sum(counter.values())
    rows = []
    offset = 0.0
    for status in MeasureStatus:
        count = counter.get(status.value, 0)
        share = 100.0 * count / total if total else 0.0
        rows.append({"status": status, "count": count, "percent": round(share), "x": offset, "width": share})
        offset += share
    return rows


def status_summary(concept, fields, pairs):
    """Per field and overall: how many measures are in which status, from (path, status)
    pairs of the measures."""
    field_of = field_lookup(concept, fields)
    per_field = {field.pk: Counter() for field in fields}
    overall = Counter()
    for path, status in pairs:
        field = field_of(path)
        if field is not None:
            per_field[field.pk][status] += 1
        overall[status] += 1
    return {
        "field_summaries": [
            {"field": field, "total": sum(per_field[field.pk].values()), "rows": status_rows(per_field[field.pk])}
            for field in fields
        ],
        "overall_summary": {"total": sum(overall.values()), "rows": status_rows(overall)},
    }


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


# One row of the list of measures: what the template shows, nothing else.
ROW_FIELDS = ("title", "url_path", "path", "status", "status_date", "responsible_unit")


def listed_rows(concept, fields, rows, values):
    """The measures matching the filter ``values``, in the chosen order, as value rows.

    ``rows`` are all listed measures in tree order (``path``). Filtering and ordering them
    here gives what the database would: equality filters, a path prefix for the field,
    dates, and paths made of digits and capitals (ordered alike everywhere). Titles are
    the exception: the database's collation orders them, so that order costs a query."""
    if values.get("sortierung") == "titel":
        measures = measures_of(concept, private_pages())
        if "handlungsfeld" in values:
            measures = measures.child_of(next(f for f in fields if f.slug == values["handlungsfeld"]))
        if "status" in values:
            measures = measures.filter(status=values["status"])
        if "federfuehrung" in values:
            measures = measures.filter(responsible_unit=values["federfuehrung"])
        return tuple(measures.order_by(*SORT_ORDERS["titel"]).values_list(*ROW_FIELDS))
    if "handlungsfeld" in values:
        field = next(f for f in fields if f.slug == values["handlungsfeld"])
        child_length = len(field.path) + field.steplen
        rows = [r for r in rows if len(r[2]) == child_length and r[2].startswith(field.path)]
    if "status" in values:
        rows = [r for r in rows if r[3] == values["status"]]
    if "federfuehrung" in values:
        rows = [r for r in rows if r[5] == values["federfuehrung"]]
    sort = values.get("sortierung", "handlungsfeld")
    if sort in ("aktualisiert", "aktualisiert-alt"):
        # Python's sort is stable (also reversed): equal dates keep the path order.
        dated = [r for r in rows if r[4] is not None]
        undated = [r for r in rows if r[4] is None]
        if sort == "aktualisiert":
            rows = sorted(dated, key=lambda r: r[4], reverse=True) + undated
        else:
            rows = undated + sorted(dated, key=lambda r: r[4])
    return tuple(rows)


def measure_list(progress, base, request, page_size):
    """The filtered, sorted, paginated list. The rows of a filter and the rendered list of
    a page are memoised per content version, keyed by every parameter they depend on."""
    concept, fields = base["concept"], base["fields"]
    form = MeasureFilterForm(request.GET, fields, base["units"])
    values = form.valid_values()
    filter_key = tuple(sorted(values.items()))
    rows = structure.memo(
        ("progress-rows", progress.pk, filter_key),
        lambda: listed_rows(concept, fields, base["rows"], values),
    )
    page = Paginator(rows, page_size).get_page(request.GET.get("seite"))

    def shown():
        field_of = field_lookup(concept, fields)
        badges = status_badges()
        result = []
        for title, url_path, path, status, status_date, responsible_unit in page.object_list:
            field = field_of(path)
            result.append(
                {
                    "title": title,
                    "url": structure.page_url(url_path, request),
                    "badge": badges[status],
                    "status_date": status_date,
                    "field_title": field.title if field is not None else "",
                    "responsible_unit": responsible_unit,
                }
            )
        return result

    measures_html = structure.memo(
        ("progress-page-html", progress.pk, filter_key, page.number, structure.site_key(request), get_language()),
        lambda: render_to_string("concept/includes/progress_measures.html", {"measures": shown()}),
    )
    # A clean, bookmarkable form of the current filter for the pagination links.
    return {
        "filter_form": form,
        "measures": page,
        "measures_html": measures_html,
        "filter_active": bool(set(values) - {"sortierung"}),
        "query_prefix": urlencode(values),
    }


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
    reports = (
        StatusReport.objects.live()
        .filter(measure__in=measures)
        .order_by("date", "pk")
        .values_list("measure_id", "date", "status")
    )
    reports = list(reports)
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


def overview_base(page, request):
    """What the overview needs whatever the request's parameters: the concept, its fields
    of action, every listed measure, the responsible units and the counts. Three queries,
    memoised per version."""

    def compute():
        concept = concept_of(page)
        private = private_pages()
        fields = public_fields(page)
        # One query for the list, the counts and the units; ordered by unit so that the
        # database's collation orders the unit filter's choices, as a DISTINCT query would.
        by_unit = measures_of(concept, private).order_by("responsible_unit", "path").values_list(*ROW_FIELDS)
        units = []
        for row in by_unit:
            unit = row[5]
            if unit and (not units or units[-1] != unit):
                units.append(unit)
        rows = sorted(by_unit, key=lambda row: row[2])  # tree order
        summary = status_summary(concept, fields, ((row[2], row[3]) for row in rows))
        for item in summary["field_summaries"]:
            item["url"] = structure.page_url(item["field"].url_path, request)
        return {"concept": concept, "fields": fields, "units": units, "rows": rows, **summary}

    return structure.memo(("progress-base", page.pk, structure.site_key(request)), compute)


def overview_context(page, request):
    """The overview's context. The two large, parameter-independent parts – the counts per
    field and the chart over time with its table – are rendered once per content version
    (and day, for the chart) instead of once per request."""
    base = overview_base(page, request)
    concept, fields = base["concept"], base["fields"]
    statuses = list(MeasureStatus)
    language = get_language()
    today = timezone.localdate()
    context = {
        "concept": concept,
        "fields_of_action": fields,
        "statuses": statuses,
        "adoption": concept.adopted_on or ADOPTION_FALLBACK,
    }
    context["summary_html"] = structure.memo(
        ("progress-summary-html", page.pk, structure.site_key(request), language),
        lambda: render_to_string(
            "concept/includes/progress_summary.html",
            {
                "statuses": statuses,
                "field_summaries": base["field_summaries"],
                "overall_summary": base["overall_summary"],
            },
        ),
    )
    context.update(measure_list(page, base, request, page.page_size))

    def history_html():
        history = status_over_time(concept, measures_of(concept, private_pages()), today)
        return render_to_string("concept/includes/progress_history.html", {"statuses": statuses, **history})

    context["history_html"] = structure.memo(("progress-history-html", page.pk, today, language), history_html)
    # Not memoised: the page may be a preview with its own URL.
    context["field_feeds"] = [(field, page.feed_url(field)) for field in fields]
    return context
