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
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from .models import ConceptPage, FieldOfActionPage, MeasurePage, MeasureStatus, StatusReport

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
    """A filter for pages under a view restriction: one query, reusable for several listings."""
    return Page.objects.all().private_q()


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


def status_summary(concept, fields, measures):
    """Per field and overall: how many measures are in which status. One query."""
    field_of = field_lookup(concept, fields)
    per_field = {field.pk: Counter() for field in fields}
    overall = Counter()
    for path, status in measures.order_by().values_list("path", "status"):
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


def measure_list(concept, fields, all_measures, request, page_size):
    units = list(
        all_measures.exclude(responsible_unit="").order_by("responsible_unit")
        .values_list("responsible_unit", flat=True).distinct()
    )
    form = MeasureFilterForm(request.GET, fields, units)
    values = form.valid_values()
    measures = all_measures.defer_streamfields()
    if "handlungsfeld" in values:
        field = next(f for f in fields if f.slug == values["handlungsfeld"])
        measures = measures.child_of(field)
    if "status" in values:
        measures = measures.filter(status=values["status"])
    if "federfuehrung" in values:
        measures = measures.filter(responsible_unit=values["federfuehrung"])
    measures = measures.order_by(*SORT_ORDERS[values.get("sortierung", "handlungsfeld")])
    page = Paginator(measures, page_size).get_page(request.GET.get("seite"))
    field_of = field_lookup(concept, fields)
    for measure in page:
        measure.field_of_action = field_of(measure.path)
    # A clean, bookmarkable form of the current filter for the pagination links.
    return {
        "filter_form": form,
        "measures": page,
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


def overview_context(page, request):
    from django.utils import timezone

    concept = ConceptPage.objects.get(path=page.path[: -page.steplen])
    private = private_pages()  # one query for view restrictions, reused below
    fields = fields_of(concept, private)
    measures = measures_of(concept, private)
    context = {"concept": concept, "fields_of_action": fields, "statuses": list(MeasureStatus)}
    context.update(status_summary(concept, fields, measures))
    context.update(measure_list(concept, fields, measures, request, page.page_size))
    context.update(status_over_time(concept, measures, timezone.localdate()))
    context["field_feeds"] = [(field, page.feed_url(field)) for field in fields]
    return context
