"""Writes the due e-mails to followers into the outbox (run every tick by ``run_jobs``)."""

from django.core.management.base import BaseCommand

from follow import sending


class Command(BaseCommand):
    help = "Benachrichtigungen zu Statusänderungen in den Postausgang legen (sofort und wöchentlich)."

    def handle(self, *args, **options):
        result = sending.run()
        if any(result.values()):
            self.stdout.write(
                "follow: {immediate} sofort, {weekly} Wochen-Zusammenfassungen, {expired} abgelaufen gelöscht, "
                "{paused} pausiert".format(**result)
            )
