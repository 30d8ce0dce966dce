"""The scheduler: runs the site's jobs (moessingen_site/jobs.py) every minute.

    python manage.py run_jobs            # a loop, one tick every 60 seconds (a service)
    python manage.py run_jobs --once     # one tick and exit (for cron: * * * * *)
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from moessingen_site import jobs


class Command(BaseCommand):
    help = (
        "Führt die geplanten Aufgaben aus: geplante Veröffentlichungen, den E-Mail-Postausgang "
        "und täglich das Löschen alter Anmeldungen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Nur einen Durchlauf, dann beenden (für cron).")
        parser.add_argument("--interval", type=int, default=60, help="Sekunden zwischen zwei Durchläufen (Standard: 60).")

    def handle(self, *args, once=False, interval=60, **options):
        if interval < 1:
            raise CommandError("--interval muss mindestens 1 sein.")
        while True:
            started = time.monotonic()
            done = jobs.tick()
            if once:
                self.stdout.write("Ausgeführt: " + (", ".join(done) or "–"))
                return
            try:
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
            except KeyboardInterrupt:
                return
            close_old_connections()  # a long-running loop outlives database connections
