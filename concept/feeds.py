"""Atom feed of published status reports: site-wide and per field of action."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from .reports import StatusReport

FEED_LENGTH = 50


class StatusReportFeed(Feed):
    """The newest published reports of the measures of ``concept`` (or of one field)."""

    feed_type = Atom1Feed

    def __init__(self, progress_page, concept, field=None):
        super().__init__()
        self.progress_page = progress_page
        self.concept = concept
        self.field = field

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.field

    def title(self, field):
        if field is None:
            return _("Umsetzungsstand: neue Statusmeldungen – Zuhause in Mössingen")
        return _("Umsetzungsstand im Handlungsfeld „%(field)s“ – Zuhause in Mössingen") % {"field": field.title}

    def subtitle(self, field):
        return _("Neue Meldungen zum Umsetzungsstand der Maßnahmen des Integrationskonzepts.")

    def link(self, field):
        return self.progress_page.get_url(self.request)

    def feed_url(self, field):
        return self.progress_page.feed_url(field)

    def items(self, field):
        measures = self.concept.measures()
        if field is not None:
            measures = measures.child_of(field)
        return (
            StatusReport.objects.live()
            .filter(measure__in=measures)
            .select_related("measure", "meeting", "reported_by__person")
            .defer("measure__body")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, report):
        return f"{report.measure.title}: {report.status_choice.label}"

    def item_description(self, report):
        # Atom's summary is typed "html": the note is plain text and must be escaped.
        text = f"{_('Stand vom')} {report.date:%d.%m.%Y}: {report.note}"
        if report.decision:
            text += f" ({_('Beschluss / Sitzung')}: {report.decision})"
        if report.public_meeting:
            text += f" ({_('Sitzung')}: {report.meeting.title})"
        return escape(text)

    def item_link(self, report):
        return f"{report.measure.get_url(self.request)}#meldung-{report.pk}"

    def item_pubdate(self, report):
        return report.first_published_at

    def item_updateddate(self, report):
        return report.last_published_at

    def item_author_name(self, report):
        return report.reporter_name or None
