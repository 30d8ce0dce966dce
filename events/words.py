"""An event as a visitor of the active language reads it: the words (title, teaser) of its
live translation where there is one, else the German ones (marked ``lang="de"``); the
facts (dates, place, capacity, registrations) always of the German event, the source.

Below the page module: it works on the EventPage instances its callers give it and finds
their translations by translation key, as ``moessingen_site.languages.localize`` does.
"""

from dataclasses import replace

from django.apps import apps
from django.utils.translation import get_language

from moessingen_site.base_url import absolute_url, base_url
from moessingen_site.languages import Localized, default_language, read_translations

# What the calendar's lists and feeds read from a translation: its address and its words
# (``with_translations(events, fields=WORDS)`` reads them with the events).
WORD_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "locale", "translation_key", "teaser")
WORDS = ("teaser",)


class LocalizedEvent(Localized):
    """``Localized`` with the event's teaser in the same language as its title."""

    @property
    def teaser(self):
        return (self.translation or self.source).teaser

    def get_full_url(self, request=None):
        """The absolute address in the visitor's language (e-mails, .ics files)."""
        return site_root(self.source, request) + self.url


def site_root(page, request=None):
    """The root of the site's absolute addresses ("https://…", no trailing slash): the
    configured base URL (moessingen_site/base_url.py), so that e-mails, .ics files and
    JSON-LD name the public address, not the host a request came in by; the root URL of
    `page`'s Site only where no base URL is configured."""
    configured = base_url()
    if configured:
        return configured
    parts = page.get_url_parts(request)
    return parts[1] if parts else ""


def absolute(path, page, request=None):
    """`path` (an address on the site) as an absolute address, from the same root."""
    configured = base_url()
    return absolute_url(path) if configured else site_root(page, request) + path


def translations_of(events, language):
    """{translation_key: live EventPage translation} of the German `events` in `language`:
    one query, none in German."""
    keys = {event.translation_key for event in events}
    if language == default_language() or not keys:
        return {}
    read = read_translations(events)
    if read is not None:  # read with the events (``with_translations``)
        return read
    event_page = apps.get_model("events", "EventPage")
    found = (
        event_page.objects.filter(translation_key__in=keys, locale__language_code=language).live().only(*WORD_FIELDS)
    )
    return {event.translation_key: event for event in found}


def localized_events(events, language=None):
    """The German `events` as ``LocalizedEvent`` entries for `language` (the active one)."""
    language = language or get_language()
    events = list(events)
    found = translations_of(events, language)
    return [LocalizedEvent(event, found.get(event.translation_key), language) for event in events]


def localized_event(source, translation=None, language=None):
    """One German event for `language`: `translation` when the caller has it (the page being
    viewed), else looked up (one query)."""
    language = language or get_language()
    if translation is not None and translation.pk != source.pk:
        return LocalizedEvent(source, translation, language)
    return localized_events([source], language)[0]


def localize_occurrences(occurrences, language=None):
    """`occurrences` (recurrence.Occurrence) with their event as ``LocalizedEvent``: one
    query for all of them, however many dates each event has."""
    occurrences = list(occurrences)
    unique = {}
    for occurrence in occurrences:
        unique.setdefault(occurrence.event.pk, occurrence.event)
    entries = {entry.source.pk: entry for entry in localized_events(unique.values(), language)}
    return [replace(occurrence, event=entries[occurrence.event.pk]) for occurrence in occurrences]
