"""What other apps may ask of the calendar. Today one question: a committee's meetings.

The committee page (committee/models.py) shows the calendar's events of its meeting category;
it asks here instead of reading the calendar's models and listings itself, so the calendar
can change how it stores and expands events without touching the committee.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from moessingen_site.base_page import in_private_collection, public
from moessingen_site.languages import in_default_language, page_address, with_translations

from .event_page import event_queryset
from .forms import CATEGORY_PARAM
from .listings import UpcomingOccurrences
from .models import EventIndexPage
from .recurrence import Occurrence
from .snippets import EventCategory
from .words import WORDS, localize_occurrences


@dataclass
class Meetings:
    """The answer of ``meetings``."""

    upcoming: list  # Occurrence: the next dates, single meetings and dates of series, in order
    past: list  # Occurrence: the newest past single meetings (minutes belong to one), newest first
    archive_url: str  # the calendar's archive filtered to the category, or "" without a calendar


def meetings(category_id, request=None, *, upcoming=5, past=10, horizon=datetime.timedelta(days=365), now=None):
    """The meetings of the event category `category_id` (e.g. „Sitzung Begleitgremium“) as
    ``Meetings``: the `upcoming` next dates – single meetings however far ahead, dates of
    series up to `horizon` – and the `past` newest single meetings with their minutes
    (``event.minutes``; ``event.minutes_private`` when they are not for the public).

    A fixed number of queries whatever the number of meetings; the dates of series come from
    the shared cache (see events.listings).
    """
    now = now or timezone.now()
    events = event_queryset().filter(category_id=category_id)
    next_dates = UpcomingOccurrences(events, now, now + horizon, request, ("meetings", category_id))[:upcoming]
    past_events = with_translations(
        events.select_related("minutes")
        # Minutes kept in a collection behind a view restriction are not shown.
        .annotate(minutes_private=in_private_collection(OuterRef("minutes__collection__path")))
        .filter(recurrence_frequency="", end__lte=now).order_by("-start", "-pk"),
        fields=WORDS,
    )[:past]
    # The category's slug with the calendar, in one query: the archive's filter needs it.
    slug = EventCategory.objects.filter(pk=category_id).values("slug")[:1]
    calendar = public(in_default_language(EventIndexPage.objects.live())).defer_streamfields().annotate(category_slug=Subquery(slug)).first()
    archive_url = ""
    if calendar is not None and calendar.category_slug:
        # The German calendar's path under the visitor's prefix: its translation has the same slugs.
        archive_url = (
            f"{page_address(calendar, get_language())}{calendar.reverse_subpage('archive')}"
            f"?{CATEGORY_PARAM}={calendar.category_slug}"
        )
    return Meetings(
        upcoming=next_dates,
        past=localize_occurrences(
            Occurrence(event, event.start, event.end, event.cancelled, event.cancellation_reason) for event in past_events
        ),
        archive_url=archive_url,
    )
