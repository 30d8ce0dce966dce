"""Open data: every published measure with its current status and its full status
history, as CSV (UTF-8 with BOM, semicolons — what German spreadsheets open directly)
and as JSON, with Last-Modified and ETag so clients can ask "changed since?".
"""

import hashlib
import json

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import override
from django.utils.translation import gettext_lazy as _

from moessingen_site.base_url import absolute_url, page_url
from moessingen_site.cache import kept
from moessingen_site.exports import CONTENT_TYPE as CSV_CONTENT_TYPE
from moessingen_site.exports import csv_bytes
from moessingen_site.languages import default_language, source_of

from .pages import with_meeting_visibility
from .reports import StatusReport
from .status import MeasureStatus

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
ATTRIBUTION = "Stadt Mössingen"
# The files are kept for the content version at most this long (seconds).
FILE_TIMEOUT = 3600

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

class Dataset:
    """The published measures of the concept, each with its published reports (oldest
    first, ``measure.published_reports``): four queries for any amount of data."""

    def __init__(self, concept, request):
        self.request = request
        self.field_titles = {field.path: field.title for field in concept.fields_of_action()}
        self.field_prefix = len(concept.path) + concept.steplen
        reports = (
            with_meeting_visibility(StatusReport.objects.live())
            .select_related("reported_by__person")
            .order_by("date", "pk")
        )
        self.measures = list(
            concept.measures()
            .defer_streamfields()
            .order_by("path")
            .prefetch_related(Prefetch("status_reports", queryset=reports, to_attr="published_reports"))
        )

    def field_title(self, measure):
        return self.field_titles.get(measure.path[: self.field_prefix], "")

    def last_modified(self):
        stamps = [m.last_published_at for m in self.measures] + [
            r.last_published_at for m in self.measures for r in m.published_reports
        ]
        stamps = [stamp for stamp in stamps if stamp is not None]
        return max(stamps) if stamps else None


def report_values(report, request):
    # Only a meeting the public may see (live, not behind a login or password).
    meeting = report.meeting if report.meeting_public else None
    return {
        "datum": report.date.isoformat(),
        "stand": report.status,
        "stand_bezeichnung": str(report.status_choice.label),
        "begruendung": report.note,
        "beschluss": report.decision,
        "beschluss_url": report.decision_url,
        "sitzung": meeting.title if meeting else "",
        "sitzung_url": page_url(meeting) if meeting else "",
        "gemeldet_von": report.reporter_name,
        "veroeffentlicht_am": report.first_published_at.isoformat() if report.first_published_at else "",
    }


def measures_csv(data, page):
    rows = [
        [
            m.pk, m.title, data.field_title(m), m.responsible_unit, m.status, m.status_choice.label,
            m.status_date.isoformat() if m.status_date else "", len(m.published_reports),
            page_url(m),
        ]
        for m in data.measures
    ]
    content = csv_bytes([name for name, _ in MEASURE_FIELDS], rows)
    return content, CSV_CONTENT_TYPE, 'attachment; filename="massnahmen.csv"'


def reports_csv(data, page):
    rows = []
    for m in data.measures:
        for report in m.published_reports:
            values = report_values(report, data.request)
            rows.append([report.pk, m.pk, m.title, data.field_title(m)] + [values[name] for name, _ in REPORT_FIELDS[4:]])
    content = csv_bytes([name for name, _ in REPORT_FIELDS], rows)
    return content, CSV_CONTENT_TYPE, 'attachment; filename="statusmeldungen.csv"'


def measures_json(data, page):
    request = data.request
    document = {
        "titel": "Umsetzungsstand des Integrationskonzepts „Zuhause in Mössingen“",
        "herausgeber": ATTRIBUTION,
        "lizenz": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "dokumentation": absolute_url(page.address("open_data")),
        "staende": {status.value: str(status.label) for status in MeasureStatus},
        "massnahmen": [
            {
                "id": m.pk,
                "titel": m.title,
                "handlungsfeld": data.field_title(m),
                "federfuehrung": m.responsible_unit,
                "stand": m.status,
                "stand_bezeichnung": str(m.status_choice.label),
                "stand_vom": m.status_date.isoformat() if m.status_date else None,
                "url": page_url(m),
                "meldungen": [{"meldung_id": r.pk, **report_values(r, request)} for r in m.published_reports],
            }
            for m in data.measures
        ],
    }
    # As JsonResponse with these parameters wrote it, byte for byte.
    content = json.dumps(document, ensure_ascii=False, indent=1).encode()
    return content, "application/json", 'inline; filename="massnahmen.json"'


def build_file(page, request, write):
    # One language-neutral dataset: the German pages (page.concept() is the German
    # concept) with the status vocabulary in German, byte for byte the same file under
    # every language's address.
    page = source_of(page)  # the key page.concept() reads the locales under
    with override(default_language()):
        data = Dataset(page.concept(), request)
        content, content_type, disposition = write(data, page)
    last_modified = data.last_modified()
    return {
        "content": content,
        "content_type": content_type,
        "disposition": disposition,
        "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        "last_modified": int(last_modified.timestamp()) if last_modified else None,
    }


def file_response(page, request, write):
    """One of the files, answering 304 when the client has the current one.

    The file is kept in the shared cache for the content version: with 300 measures and
    2,000 reports it takes a few hundred milliseconds to build. Its absolute URLs come from
    the configured base URL, not from the request's host; it is the same in every language
    (``build_file``). Keyed by the overview's translation key, which every language's overview
    shares with the German one whose concept the file is built from: a miss reads nothing."""
    built = kept(request, "open-data", (write.__name__, page.translation_key), lambda: build_file(page, request, write), FILE_TIMEOUT)
    response = get_conditional_response(request, etag=built["etag"], last_modified=built["last_modified"])
    if response is None:
        response = HttpResponse(built["content"], content_type=built["content_type"])
        response["Content-Disposition"] = built["disposition"]
    response["ETag"] = built["etag"]
    if built["last_modified"] is not None:
        response["Last-Modified"] = http_date(built["last_modified"])
    response["Cache-Control"] = "public, max-age=300"
    return response


def documentation_context(page):
    """What the documentation page of the open data shows besides the page's own fields."""

    def url(name):
        return page.address(name)

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
        "overview_url": page.address(),
    }
