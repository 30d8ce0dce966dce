"""`manage.py backup [folder]`: database and media folder into one new folder."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from moessingen_site.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sichert Datenbank (PostgreSQL: pg_dump, SQLite: Kopie) und Medienordner in einen neuen Ordner."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?",
            help="Zielordner (neu oder leer); Standard: backups/<Datum-Uhrzeit>",
        )

    def handle(self, *args, folder=None, **options):
        folder = folder or f"backups/{datetime.datetime.now():%Y-%m-%d-%H%M%S}"
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Gesichert nach {folder}: Datenbank ({manifest['engine']}) und {manifest['media_files']} Mediendateien."
        ))
