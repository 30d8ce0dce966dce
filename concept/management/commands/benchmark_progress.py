"""Prints requests per second for the "Umsetzungsstand" overview and a measure page with
many measures and reports (default 300 and 2,000), and the queries each request costs.

Needs the demo content (`load_demo_content`). Everything it adds is rolled back at the
end; use a throwaway database anyway, e.g.
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py load_demo_content
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py benchmark_progress
"""

import datetime
import itertools
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from concept.pages import FieldOfActionPage, MeasurePage
from concept.progress import ProgressPage
from concept.reports import StatusReport, refresh_measure_status
from concept.status import MeasureStatus


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Misst Anfragen pro Sekunde für die Umsetzungsstand-Übersicht und eine Maßnahmenseite."

    def add_arguments(self, parser):
        parser.add_argument("--measures", type=int, default=300)
        parser.add_argument("--reports", type=int, default=2000)
        parser.add_argument("--seconds", type=float, default=5.0, help="Messdauer je Adresse")

    def handle(self, *args, measures, reports, seconds, **options):
        progress = ProgressPage.objects.live().first()
        fields = list(FieldOfActionPage.objects.live().order_by("path"))
        if progress is None or not fields:
            raise CommandError("Bitte zuerst load_demo_content ausführen.")
        try:
            with transaction.atomic():
                measure_url = self.populate(fields, measures, reports)
                with override_settings(ALLOWED_HOSTS=["*"]):
                    for label, url in (("Übersicht", progress.url), ("Maßnahme", measure_url),
                                       ("Übersicht, gefiltert", progress.url + "?status=umgesetzt&sortierung=aktualisiert"),
                                       ("CSV", progress.url + "offene-daten/statusmeldungen-csv/")):
                        self.measure(label, url, seconds)
                raise Rollback
        except Rollback:
            pass

    def populate(self, fields, measures, reports):
        started = time.perf_counter()
        existing = MeasurePage.objects.count()
        created = []
        for i, field in zip(range(max(0, measures - existing)), itertools.cycle(fields)):
            page = MeasurePage(title=f"Benchmark-Maßnahme {i}", slug=f"benchmark-{i}", summary="Benchmark",
                               responsible_unit=f"Stelle {i % 7}")
            field.add_child(instance=page)
            created.append(page)
            field.refresh_from_db()  # numchild changed
        all_measures = list(MeasurePage.objects.live().order_by("pk"))
        now = timezone.now()
        statuses = list(MeasureStatus)
        StatusReport.objects.bulk_create(
            StatusReport(measure=all_measures[i % len(all_measures)], status=statuses[i % len(statuses)],
                         date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 2000), note=f"Meldung {i}",
                         live=True, first_published_at=now, last_published_at=now)
            for i in range(reports)
        )
        for measure in all_measures:
            refresh_measure_status(measure.pk)
        self.stdout.write(
            f"{len(all_measures)} Maßnahmen, {StatusReport.objects.live().count()} Meldungen "
            f"(aufgebaut in {time.perf_counter() - started:.1f} s)"
        )
        return (created[0] if created else all_measures[0]).url

    def measure(self, label, url, seconds):
        client = Client()
        response = client.get(url)  # warm caches
        if response.status_code != 200:
            raise CommandError(f"{url}: {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries.captured_queries)  # read now: the next request resets the log
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            client.get(url)
            count += 1
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{label:22} {count / elapsed:7.1f} Anfragen/s  {1000 * elapsed / count:6.1f} ms  "
            f"{query_count:3d} Abfragen  {url}"
        )
