"""Atom feed of published status reports: site-wide and per field of action."""

from collections import namedtuple

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from moessingen_site import structure

from .models import MeasureStatus, StatusReport
from .opendata import reporter_name
from .progress import concept_of, measures_of

FEED_LENGTH = 50

# One entry of the feed as plain data, read as a value row: the feed needs a few columns
# of the report, its measure, meeting and reporter, not whole pages.
FeedItem = namedtuple("FeedItem", "title description link pubdate updateddate author_name")


class StatusReportFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, progress_page, field=None):
        super().__init__()
        self.progress_page = progress_page
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
        measures = measures_of(concept_of(self.progress_page))
        if field is not None:
            measures = measures.child_of(field)
        rows = (
            StatusReport.objects.live()
            .filter(measure__in=measures)
            .order_by("-first_published_at", "-pk")
            .values_list(
                "pk", "status", "date", "note", "decision", "meeting__title", "meeting__live",
                "measure__title", "measure__url_path",
                "reported_by_id", "reported_by__first_name", "reported_by__last_name",
                "reported_by__person__id", "reported_by__person__name",
                "first_published_at", "last_published_at",
            )[:FEED_LENGTH]
        )
        labels = {status.value: str(status.label) for status in MeasureStatus}
        items = []
        for (pk, status, date, note, decision, meeting_title, meeting_live, measure_title, measure_url_path,
             user_id, first_name, last_name, person_id, person_name, published, updated) in rows:
            # Atom's summary is typed "html": the note is plain text and must be escaped.
            text = f"{_('Stand vom')} {date:%d.%m.%Y}: {note}"
            if decision:
                text += f" ({_('Beschluss / Sitzung')}: {decision})"
            if meeting_live:
                text += f" ({_('Sitzung')}: {meeting_title})"
            items.append(
                FeedItem(
                    title=f"{measure_title}: {labels.get(status, status)}",
                    description=escape(text),
                    link=f"{structure.page_url(measure_url_path, self.request)}#meldung-{pk}",
                    pubdate=published,
                    updateddate=updated,
                    author_name=reporter_name(person_id, person_name, first_name, last_name, user_id) or None,
                )
            )
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.pubdate

    def item_updateddate(self, item):
        return item.updateddate

    def item_author_name(self, item):
        return item.author_name
