"""The one CSV format the site writes, public or staff: the open data files and the admin
exports of registrations, status reports and people.

- UTF-8 with a byte order mark and semicolons: what German spreadsheets open directly.
- Formula-safe: a cell that starts with = + - @ (or a tab or carriage return) is a formula
  to a spreadsheet, so a visitor's name "=HYPERLINK(…)" would run in the office. Such a
  cell gets a leading apostrophe, which keeps it text (CSV injection, OWASP).

Wagtail's admin exports go through ``SafeCSVExportMixin``, an override of the public
``stream_csv``/``write_csv_response`` of Wagtail's SpreadsheetExportMixin; the view
classes below are the viewsets' ``index_view_class``. Wagtail's XLSX export already
stores formula-looking cells as text.
"""

import csv

from django.http import StreamingHttpResponse
from wagtail.admin.views.generic import IndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


def cell(value):
    """A value as CSV text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value):
        return value


def _writer():
    return csv.writer(_Line(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def csv_lines(header, rows):
    """The file line by line as UTF-8 bytes, the first one starting with the BOM."""
    writer = _writer()
    yield (BOM + writer.writerow([cell(value) for value in header])).encode("utf-8")
    for row in rows:
        yield writer.writerow([cell(value) for value in row]).encode("utf-8")


def csv_bytes(header, rows):
    """The whole file as bytes."""
    return b"".join(csv_lines(header, rows))


class SafeCSVExportMixin:
    """For a Wagtail IndexView with ``list_export``: its CSV in the site's one format."""

    def stream_csv(self, queryset):
        fields = list(self.list_export)
        header = [self.get_heading(queryset, field) for field in fields]

        def rows():
            for item in queryset:
                row = self.to_row_dict(item)
                yield [self.preprocess_field_value(field, row[field], self.FORMAT_CSV) for field in fields]

        return csv_lines(header, rows())

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response


class SafeExportIndexView(SafeCSVExportMixin, IndexView):
    """index_view_class for a ModelViewSet with a CSV export."""


class SafeExportSnippetIndexView(SafeCSVExportMixin, SnippetIndexView):
    """index_view_class for a SnippetViewSet with a CSV export."""
