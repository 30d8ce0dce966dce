"""The words of a measure's implementation status ("Umsetzungsstand"): the vocabulary
every other part of the concept uses – the measure's stored status, the status reports,
the progress overview, the open data and the one badge template
(``templates/includes/status_badge.html``) that shows a status on every page.

A leaf: it imports nothing of the project.
"""

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _


class MeasureStatus(models.TextChoices):
    """The implementation status of a measure, in the words the town uses.

    Each status has a symbol besides its colour so that it never relies on colour alone.
    """

    PLANNED = "geplant", _("geplant")
    IN_PROGRESS = "in_umsetzung", _("in Umsetzung")
    DONE = "umgesetzt", _("umgesetzt")
    ONGOING = "fortlaufend", _("fortlaufend (dauerhaft)")
    DEFERRED = "zurueckgestellt", _("zurückgestellt")
    DROPPED = "entfallen", _("entfallen")

    @property
    def symbol(self):
        return STATUS_SYMBOLS[self]


STATUS_SYMBOLS = {
    MeasureStatus.PLANNED: "○",
    MeasureStatus.IN_PROGRESS: "◐",
    MeasureStatus.DONE: "✔",
    MeasureStatus.ONGOING: "↻",
    MeasureStatus.DEFERRED: "‖",
    MeasureStatus.DROPPED: "✕",
}


def status_counts(measures):
    """Counts measures per status, in the order of the vocabulary, with zeros kept:
    ``[(MeasureStatus, count)]``. One query whatever the number of measures."""
    counts = dict(measures.order_by().values_list("status").annotate(n=Count("pk")))
    return [(status, counts.get(status.value, 0)) for status in MeasureStatus]
