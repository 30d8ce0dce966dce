"""Open data: every published measure with its current status and its full status
history, as CSV (UTF-8 with BOM, semicolons — what German spreadsheets open directly)
and as JSON, with Last-Modified and ETag so clients can ask "changed since?".
"""

import csv
import hashlib
import io

from django.db.models import Count, Max
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from .models import MeasureStatus, StatusReport
from .progress import field_lookup, fields_of, measures_of, private_pages

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
ATTRIBUTION = "Stadt Mössingen"

MEASURE_FIELDS = [
    ("id", _("Eindeutige Nummer der Maßnahme")),
    ("titel", _("Titel der Maßnahme")),
    ("handlungsfeld", _("Handlungsfeld des Integrationskonzepts")),
    ("federfuehrung", _("Federführende Stelle")),
    ("stand", _("Aktueller Umsetzungsstand als Schlüssel: %(keys)s")),
    ("stand_bezeichnung", _("Aktueller Umsetzungsstand in Worten")),
    ("stand_vom", _("Datum der neuesten veröffentlichten Statusmeldung (JJJJ-MM-TT), leer ohne Meldung")),
    ("anzahl_meldungen", _("Zahl der veröffentlichten Statusmeldungen")),
    ("url", _("Adresse der Maßnahme auf dieser Website")),
]
REPORT_FIELDS = [
    ("meldung_id", _("Eindeutige Nummer der Statusmeldung")),
    ("massnahme_id", _("Nummer der Maßnahme (Spalte „id“ der Maßnahmen)")),
    ("massnahme", _("Titel der Maßnahme")),
    ("handlungsfeld", _("Handlungsfeld der Maßnahme")),
    ("datum", _("Stand vom (JJJJ-MM-TT)")),
    ("stand", _("Gemeldeter Umsetzungsstand als Schlüssel")),
    ("stand_bezeichnung", _("Gemeldeter Umsetzungsstand in Worten")),
    ("begruendung", _("Begründung der Meldung")),
    ("beschluss", _("Beschluss oder Sitzung, auf die die Meldung zurückgeht")),
    ("beschluss_url", _("Adresse zum Beschluss oder zur Sitzung")),
    ("sitzung", _("Termin im Veranstaltungskalender, auf den die Meldung zurückgeht")),
    ("sitzung_url", _("Adresse dieses Termins auf dieser Website")),
    ("gemeldet_von", _("Wer die Meldung abgegeben hat")),
    ("veroeffentlicht_am", _("Zeitpunkt der Veröffentlichung (ISO 8601)")),
]

# A cell starting with one of these is a formula to a spreadsheet; a leading apostrophe
# keeps it text (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dataset(page, request):
    """Measures and their published reports: a fixed number of queries for any amount of data."""
    concept = page.get_parent()
    fields = fields_of(concept, page.open_data_private)
    field_of = field_lookup(concept, fields)
    measures = list(
        page.open_data_measures.defer_streamfields()
        .only("pk", "title", "path", "url_path", "responsible_unit", "status", "status_date")
        .order_by("path")
    )
    reports = (
        StatusReport.objects.live()
        .filter(measure__in=[m.pk for m in measures])
        .select_related("reported_by__person", "meeting")
        .order_by("measure_id", "date", "pk")
    )
    history = {}
    for report in reports:
        history.setdefault(report.measure_id, []).append(report)
    for reports_of_measure in history.values():
        for report in reports_of_measure:
            meeting = report.meeting if report.meeting is not None and report.meeting.live else None
            report.meeting_title = meeting.title if meeting else ""
            report.meeting_url = meeting.get_full_url(request) if meeting else ""
    for measure in measures:
        measure.field_of_action = field_of(measure.path)
        measure.history = history.get(measure.pk, [])
        measure.public_url = measure.get_full_url(request)
    return measures


def fingerprint(page):
    """ETag and Last-Modified of the data: two aggregate queries."""
    measures = page.open_data_measures
    measure_stats = measures.aggregate(n=Count("pk"), changed=Max("last_published_at"))
    report_stats = StatusReport.objects.live().filter(measure__in=measures).aggregate(
        n=Count("pk"), ids=Max("pk"), changed=Max("last_published_at")
    )
    stamps = [s for s in (measure_stats["changed"], report_stats["changed"]) if s is not None]
    last_modified = max(stamps) if stamps else None
    key = "|".join(
        str(v) for v in (measure_stats["n"], report_stats["n"], report_stats["ids"], *stamps, page.last_published_at)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32], last_modified


def conditional(view):
    """Answers 304 when the client has the current data; sets ETag and Last-Modified."""

    def wrapped(page, request):
        # One query for view restrictions, shared by the fingerprint and the data.
        page.open_data_private = private_pages()
        page.open_data_measures = measures_of(page.get_parent(), page.open_data_private)
        etag, last_modified = fingerprint(page)
        etag = f'"{etag}-{view.__name__}"'
        timestamp = int(last_modified.timestamp()) if last_modified else None
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if response is None:
            response = view(page, request)
        response["ETag"] = etag
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        response["Cache-Control"] = "public, max-age=300"
        return response

    wrapped.__name__ = view.__name__
    return wrapped


def cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: spreadsheets then read UTF-8 correctly
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def field_title(measure):
    return measure.field_of_action.title if measure.field_of_action else ""


@conditional
def measures_csv(page, request):
    rows = [
        [
            m.pk, m.title, field_title(m), m.responsible_unit, m.status, m.get_status_display(),
            m.status_date.isoformat() if m.status_date else "", len(m.history), m.public_url,
        ]
        for m in dataset(page, request)
    ]
    return csv_response("massnahmen.csv", [name for name, _ in MEASURE_FIELDS], rows)


def report_values(report):
    return {
        "datum": report.date.isoformat(),
        "stand": report.status,
        "stand_bezeichnung": str(report.status_choice.label),
        "begruendung": report.note,
        "beschluss": report.decision,
        "beschluss_url": report.decision_url,
        "sitzung": report.meeting_title,
        "sitzung_url": report.meeting_url,
        "gemeldet_von": report.reporter_name,
        "veroeffentlicht_am": report.first_published_at.isoformat() if report.first_published_at else "",
    }


@conditional
def reports_csv(page, request):
    rows = []
    for m in dataset(page, request):
        for report in m.history:
            values = report_values(report)
            rows.append([report.pk, m.pk, m.title, field_title(m)] + [values[name] for name, _ in REPORT_FIELDS[4:]])
    return csv_response("statusmeldungen.csv", [name for name, _ in REPORT_FIELDS], rows)


@conditional
def measures_json(page, request):
    data = {
        "titel": "Umsetzungsstand des Integrationskonzepts „Zuhause in Mössingen“",
        "herausgeber": ATTRIBUTION,
        "lizenz": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "dokumentation": page.get_full_url(request) + page.reverse_subpage("open_data"),
        "staende": {status.value: str(status.label) for status in MeasureStatus},
        "massnahmen": [
            {
                "id": m.pk,
                "titel": m.title,
                "handlungsfeld": field_title(m),
                "federfuehrung": m.responsible_unit,
                "stand": m.status,
                "stand_bezeichnung": m.get_status_display(),
                "stand_vom": m.status_date.isoformat() if m.status_date else None,
                "url": m.public_url,
                "meldungen": [{"meldung_id": r.pk, **report_values(r)} for r in m.history],
            }
            for m in dataset(page, request)
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'inline; filename="massnahmen.json"'
    return response


def documentation_context(page, request):
    def url(name):
        return page.url + page.reverse_subpage(name)

    keys = ", ".join(f"{status.value} ({status.label})" for status in MeasureStatus)
    return {
        "downloads": [
            {"url": url("measures_csv"), "label": _("Maßnahmen mit aktuellem Stand (CSV)"), "format": "CSV"},
            {"url": url("reports_csv"), "label": _("Alle Statusmeldungen (CSV)"), "format": "CSV"},
            {"url": url("measures_json"), "label": _("Maßnahmen mit vollständiger Historie (JSON)"),
             "format": "JSON"},
        ],
        "measure_fields": [(name, str(text) % {"keys": keys} if "%(keys)s" in str(text) else text)
                           for name, text in MEASURE_FIELDS],
        "report_fields": REPORT_FIELDS,
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "feed_url": page.feed_url(),
    }

