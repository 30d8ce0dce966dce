"""Open data: every published measure with its current status and its full status
history, as CSV (UTF-8 with BOM, semicolons — what German spreadsheets open directly)
and as JSON, with Last-Modified and ETag so clients can ask "changed since?".
"""

import csv
import hashlib
import io
from collections import namedtuple

from django.db.models import Count, Max
from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from moessingen_site import structure

from .models import MeasureStatus, StatusReport
from .progress import concept_of, field_lookup, fields_of, measures_of, private_pages

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


# What the files say about one published status report and one measure: plain data,
# read as value rows (no model instances for thousands of reports).
Report = namedtuple(
    "Report",
    "pk date status status_label note decision decision_url meeting_title meeting_url reporter_name "
    "first_published_at",
)
Measure = namedtuple(
    "Measure", "pk title field_title responsible_unit status status_label status_date history public_url"
)


def reporter_name(person_id, person_name, first_name, last_name, user_id):
    """``StatusReport.reporter_name`` from value columns: the linked Person's name, else
    the account's full name (as ``User.get_full_name``)."""
    if user_id is None:
        return ""
    if person_id is not None:
        return person_name
    return f"{first_name} {last_name}".strip()


def dataset(page, request):
    """Measures and their published reports as plain data; a fixed number of queries for
    any amount of data, memoised per content version (the URLs per site)."""

    def compute():
        concept = concept_of(page)
        private = private_pages()
        fields = fields_of(concept, private)
        field_of = field_lookup(concept, fields)
        labels = {status.value: str(status.label) for status in MeasureStatus}
        measures = list(
            measures_of(concept, private)
            .order_by("path")
            .values_list("pk", "title", "path", "url_path", "responsible_unit", "status", "status_date")
        )
        reports = (
            StatusReport.objects.live()
            .filter(measure__in=[m[0] for m in measures])
            .order_by("measure_id", "date", "pk")
            .values_list(
                "measure_id", "pk", "date", "status", "note", "decision", "decision_url",
                "meeting__title", "meeting__live", "meeting__url_path",
                "reported_by_id", "reported_by__first_name", "reported_by__last_name",
                "reported_by__person__id", "reported_by__person__name", "first_published_at",
            )
        )
        history = {}
        for (measure_id, pk, date, status, note, decision, decision_url, meeting_title, meeting_live,
             meeting_url_path, user_id, first_name, last_name, person_id, person_name, published) in reports:
            meeting = bool(meeting_live)  # a meeting that is no longer live is not named
            history.setdefault(measure_id, []).append(
                Report(
                    pk, date, status, labels.get(status, status), note, decision, decision_url,
                    meeting_title if meeting else "",
                    structure.page_url(meeting_url_path, request, full=True) if meeting else "",
                    reporter_name(person_id, person_name, first_name, last_name, user_id),
                    published,
                )
            )
        result = []
        for pk, title, path, url_path, responsible_unit, status, status_date in measures:
            field = field_of(path)
            result.append(
                Measure(
                    pk, title, field.title if field else "", responsible_unit, status, labels.get(status, status),
                    status_date, tuple(history.get(pk, ())), structure.page_url(url_path, request, full=True),
                )
            )
        return tuple(result)

    return structure.memo(("open-data", page.pk, structure.site_key(request), get_language()), compute)


def fingerprint(page):
    """ETag and Last-Modified of the data: two aggregate queries, memoised per version."""

    def compute():
        measures = measures_of(concept_of(page), private_pages())
        measure_stats = measures.aggregate(n=Count("pk"), changed=Max("last_published_at"))
        report_stats = StatusReport.objects.live().filter(measure__in=measures).aggregate(
            n=Count("pk"), ids=Max("pk"), changed=Max("last_published_at")
        )
        stamps = [s for s in (measure_stats["changed"], report_stats["changed"]) if s is not None]
        last_modified = max(stamps) if stamps else None
        key = "|".join(
            str(v)
            for v in (measure_stats["n"], report_stats["n"], report_stats["ids"], *stamps, page.last_published_at)
        )
        return hashlib.sha256(key.encode()).hexdigest()[:32], last_modified

    return structure.memo(("open-data-fingerprint", page.pk), compute)


def conditional(view):
    """Answers 304 when the client has the current data; sets ETag and Last-Modified.
    The file itself is made once per content version (and site and language)."""

    def wrapped(page, request):
        etag, last_modified = fingerprint(page)
        etag = f'"{etag}-{view.__name__}"'
        timestamp = int(last_modified.timestamp()) if last_modified else None
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if response is None:
            response = shared_response(
                ("open-data-file", view.__name__, page.pk, structure.site_key(request), get_language()),
                lambda: view(page, request),
            )
        response["ETag"] = etag
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        response["Cache-Control"] = "public, max-age=300"
        return response

    wrapped.__name__ = view.__name__
    return wrapped


def shared_response(key, make):
    """The response of ``make()``, made once per content version for ``key`` (which must
    name everything the response depends on) and kept as plain data: body, status and
    headers. Only for responses that are the same for every visitor."""

    def frozen():
        response = make()
        return response.status_code, response.content, tuple(response.items())

    status, content, headers = structure.memo(key, frozen)
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response[header] = value
    return response


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


@conditional
def measures_csv(page, request):
    rows = [
        [
            m.pk, m.title, m.field_title, m.responsible_unit, m.status, m.status_label,
            m.status_date.isoformat() if m.status_date else "", len(m.history), m.public_url,
        ]
        for m in dataset(page, request)
    ]
    return csv_response("massnahmen.csv", [name for name, _ in MEASURE_FIELDS], rows)


def report_values(report):
    return {
        "datum": report.date.isoformat(),
        "stand": report.status,
        "stand_bezeichnung": report.status_label,
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
            rows.append([report.pk, m.pk, m.title, m.field_title] + [values[name] for name, _ in REPORT_FIELDS[4:]])
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
                "handlungsfeld": m.field_title,
                "federfuehrung": m.responsible_unit,
                "stand": m.status,
                "stand_bezeichnung": m.status_label,
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

