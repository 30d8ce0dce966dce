"""`manage.py restore <folder>`: puts a backup made by `manage.py backup` back."""

from django.core.management.base import BaseCommand, CommandError

from moessingen_site.backup import BackupError, restore


class Command(BaseCommand):
    help = "Stellt eine Sicherung (manage.py backup) wieder her: Datenbank und Medienordner werden ersetzt."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Ordner einer Sicherung")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Ohne Rückfrage wiederherstellen.")

    def handle(self, *args, folder, interactive=True, **options):
        if interactive:
            answer = input("Die Datenbank und der Medienordner werden überschrieben. Fortfahren? [ja/nein] ")
            if answer.strip().lower() not in ("ja", "j", "yes", "y"):
                raise CommandError("Abgebrochen.")
        try:
            manifest = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Wiederhergestellt aus {folder} (gesichert {manifest['created']}, {manifest['media_files']} Mediendateien)."
        ))
