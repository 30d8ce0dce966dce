"""Atom feed of published status reports: site-wide and per field of action, in every
language: under /ar/… the feed's own words are Arabic, each entry's title and link those
of the measure's Arabic page where one is live (the German ones otherwise); the facts
(status, date, reason) are the German page's, the reason as the committee wrote it.

Every address in the feed is absolute from the one configured base URL
(``moessingen_site.base_url``), not from the host a request happened to name; a meeting
is named only when the public may see it (``pages.with_meeting_visibility``)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from moessingen_site.base_url import absolute_url
from moessingen_site.languages import default_language, localized

from .pages import with_meeting_visibility
from .reports import StatusReport

FEED_LENGTH = 50


class StatusReportFeed(Feed):
    """The newest published reports of the measures of ``concept`` (or of one field);
    ``concept`` and ``field`` are the German pages."""

    feed_type = Atom1Feed
    # Atom's summary is typed "html": the template escapes the note and marks it German.
    description_template = "concept/feed_item.html"

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
        return _("Umsetzungsstand im Handlungsfeld „%(field)s“ – Zuhause in Mössingen") % {
            "field": localized([field])[0].title
        }

    def subtitle(self, field):
        return _("Neue Meldungen zum Umsetzungsstand der Maßnahmen des Integrationskonzepts.")

    def link(self, field):
        return absolute_url(self.progress_page.address())

    def feed_url(self, field):
        return absolute_url(self.progress_page.feed_url(field))

    def items(self, field):
        """The reports, each with ``shown``: its measure as the visitor's language shows it
        (``Localized``): two queries, three in other languages."""
        measures = self.concept.measures()
        if field is not None:
            measures = measures.child_of(field)
        reports = list(
            with_meeting_visibility(StatusReport.objects.live().filter(measure__in=measures))
            .select_related("measure", "reported_by__person")
            .defer("measure__body")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )
        shown = {entry.source.pk: entry for entry in localized({r.measure_id: r.measure for r in reports}.values())}
        for report in reports:
            report.shown = shown[report.measure_id]
        return reports

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["note_lang"] = default_language() if get_language() != default_language() else ""
        return context

    def item_title(self, report):
        return f"{report.shown.title}: {report.status_choice.label}"

    def item_link(self, report):
        return absolute_url(f"{report.shown.url}#meldung-{report.pk}")

    def item_pubdate(self, report):
        return report.first_published_at

    def item_updateddate(self, report):
        return report.last_published_at

    def item_author_name(self, report):
        return report.reporter_name or None
