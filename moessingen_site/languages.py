"""The site's languages: which there are, how a visitor reaches a page in each, and which
translations a page has.

Words and facts
---------------
A page's words (title, texts) are translated with wagtail-localize: each translation is a
page of its own in its locale's tree (/ar/…, /uk/…). A page's *facts* – a measure's status
and history, an event's dates, people, places – are one record, kept on the page in the
default language (German), the *source*; translated pages show the source's facts, so that
an approved status report is on every language's page at once, with no sync step.
Listings therefore query the German tree and show each entry's translation where one is
live (``localize``), read in the listing's own query where the listing asks for it
(``with_translations``).

Reaching a page in a language
-----------------------------
German keeps today's addresses (no prefix), the other languages have one (``/ar/…``). A
page that has no translation yet is still reachable in every language: under the
language's prefix and the German page's path (``/ar/integrationskonzept/…``) the German
page is served with the interface in the visitor's language and a notice
(``HomePage.route``). So a visitor's choice is kept only by the address, never a cookie.
"""

from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db.models import JSONField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override
from wagtail.models import Locale, Page, Site

from .base_page import public
from .base_url import absolute_url

CACHE_SECONDS = 3600


def default_language():
    return settings.LANGUAGE_CODE


def site_languages():
    """(code, name in itself) of every language of the site, German first."""
    return list(settings.LANGUAGES)


def is_rtl(code):
    try:
        return get_language_info(code)["bidi"]
    except KeyError:
        return False


LOCALES_KEY = "moessingen:locales"


def locale_ids(request=None):
    """{language code: Locale id}, from the shared cache (the locales change once a year;
    ``forget_locales`` drops the entry when one is added, changed or removed), read once
    per request."""
    found = getattr(request, "moessingen_locale_ids", None)
    if found is None:
        found = cache.get(LOCALES_KEY)
        if found is None:
            found = dict(Locale.objects.values_list("language_code", "id"))
            cache.set(LOCALES_KEY, found, CACHE_SECONDS)
        if request is not None:
            request.moessingen_locale_ids = found
    return found


def forget_locales(**kwargs):
    """Signal receiver (connected in the app config) for Locale's post_save and post_delete."""
    cache.delete(LOCALES_KEY)


def active_locale_id(request=None):
    return locale_ids(request).get(get_language())


def translations(page, request=None):
    """{language code: page} of the live, public versions of `page` in every language, the
    page itself included: one query, once per request (the switcher and hreflang share it)."""
    memo = getattr(request, "moessingen_translations", None) if request is not None else None
    if memo is not None and memo[0] == page.pk:
        return memo[1]
    found = public(
        Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
    ).only("id", "title", "slug", "url_path", "path", "depth", "locale", "translation_key")
    result = {translated.locale.language_code: translated for translated in found}
    if request is not None:
        request.moessingen_translations = (page.pk, result)
    return result


def default_locale_id(request=None):
    """The default language's locale: the site's home page is in it, and Wagtail has read
    that page already while routing the request (no query then)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_page.locale_id
    return locale_ids(request).get(default_language())


def source_of(page, request=None):
    """The page in the default language (the record of its facts); `page` if it is one.
    Read once per page instance (kept on it as ``moessingen_source``): a translated page's
    methods ask for it several times in one request."""
    default_id = default_locale_id(request)
    if page.locale_id == default_id or default_id is None:
        return page
    found = getattr(page, "moessingen_source", None)
    if found is None:
        found = page.get_translation_or_none(default_id)
        found = found.specific if found is not None else page
        page.moessingen_source = found
    return found


def below_source(pages, page, children_only=False):
    """`pages` narrowed to the descendants (children) of `page`'s version in the default
    language, found by a subquery: no query of its own, where ``source_of`` costs one for a
    translated page. `page` itself if it has no such version."""
    default_id = default_locale_id()
    if page.locale_id == default_id or default_id is None:
        return pages.child_of(page) if children_only else pages.descendant_of(page)
    source_path = Page.objects.filter(translation_key=page.translation_key, locale_id=default_id).values("path")[:1]
    pages = pages.filter(path__startswith=Coalesce(Subquery(source_path), Value(page.path)))
    return pages.filter(depth=page.depth + 1) if children_only else pages.filter(depth__gt=page.depth)


def url_in_language(url, language, read_in=None):
    """The address `url` – a path of this site in the language `read_in` (German by
    default) – has under `language`'s prefix."""
    with override(read_in or default_language()):
        return translate_url(url, language)


def path_in_tree(page):
    """`page`'s path below its locale's home page: "integrationskonzept/leitbild/" ("" for
    the home page). The same in every language where the slugs are the same."""
    return page.url_path.split("/", 2)[2]


def page_address(page, language):
    """The address of `page` – or, for a page of another language, of its path in that
    language's frame – under `language`'s prefix: "/ar/integrationskonzept/"."""
    with override(language):
        return reverse("wagtail_serve", args=[path_in_tree(page)])


def links(page, request, found=None):
    """The language switcher's entries for `page` (None: a view that is no page): each
    language with its name in itself, its address and whether a translation exists. A
    language without a translation leads to the German page under that language's prefix
    (served in German with a notice). A page's own sub-addresses (a month of the calendar)
    keep their tail."""
    if found is None:
        found = translations(page, request) if page is not None else {}
    german = found.get(default_language())
    tail = ""
    if page is not None:
        own = page_address(page, get_language())
        tail = request.path[len(own):] if request.path.startswith(own) else ""
    entries = []
    for code, name in site_languages():
        translated = found.get(code)
        if translated is not None:
            url = page_address(translated, code) + tail
        elif german is not None:
            url = page_address(german, code) + tail
        else:
            url = url_in_language(request.path, code, read_in=get_language())
        entries.append(
            {"code": code, "name": name, "url": url, "translated": translated is not None or page is None,
             "current": code == get_language(), "rtl": is_rtl(code)}
        )
    return entries


def alternates(page, request, found=None):
    """``hreflang`` alternates of `page`: (language code, absolute URL) of each live, public
    translation, and ``x-default`` (the German page). Every page named points back."""
    if found is None:
        found = translations(page, request)
    result = [
        (code, absolute_url(page_address(found[code], code), request))
        for code, _name in site_languages() if code in found
    ]
    if default_language() in found and len(result) > 1:
        result.append(("x-default", result[0][1]))
    return result if len(result) > 1 else []


# What a listing reads of a translation: its title and what its address is built from.
TRANSLATION_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "search_description")


def with_translations(pages, language=None, fields=()):
    """`pages` (a queryset of pages in the default language) with the live, public
    translation of each in `language` (the active one) read in the same query: a subquery
    gives its ``TRANSLATION_FIELDS`` and `fields` (of the queryset's page type) as one JSON
    object, ``translated`` (null without one). ``localize`` and the apps' own versions of it
    then need no query of their own. In the default language `pages` unchanged."""
    language = language or get_language()
    if language == default_language():
        return pages
    names = dict.fromkeys((*TRANSLATION_FIELDS, *fields))
    translations = public(
        pages.model.objects.filter(translation_key=OuterRef("translation_key"), locale__language_code=language).live()
    )
    return pages.annotate(
        translated=Subquery(translations.values(data=JSONObject(**{name: name for name in names}))[:1], output_field=JSONField())
    )


def read_translations(pages):
    """{translation_key: translation} of `pages` read by ``with_translations``, each
    translation an instance of its page's type with the fields read; None if the pages were
    not read so (the caller then queries)."""
    if not all(hasattr(page, "translated") for page in pages):
        return None
    return {
        page.translation_key: type(page)(**page.translated, translation_key=page.translation_key)
        for page in pages if page.translated
    }


def localize(pages, language=None):
    """The live, public translations of `pages` (pages in the default language) in `language` (the
    active one by default): {translation_key: translated page}; a page without one is
    missing from the result. One query, whatever the number of pages; none where the pages
    were read ``with_translations``."""
    language = language or get_language()
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    if language == default_language() or not keys:
        return {}
    found = read_translations(pages)
    if found is not None:
        return found
    # Public only: a translation behind a login or password names nothing in a listing.
    found = (
        public(Page.objects.filter(translation_key__in=keys, locale__language_code=language).live())
        .only("id", "title", "slug", "url_path", "path", "depth", "locale", "translation_key", "search_description")
    )
    return {page.translation_key: page for page in found}


def in_default_language(pages):
    """`pages` narrowed to the default language's: the records of the facts (what the
    committee reports on, what the calendar and the open data count)."""
    # By the locale's id, without a join: PostgreSQL planned the calendar's queries with the
    # join on the locale table as nested loops over every event (minutes in the tests).
    return pages.filter(locale_id=locale_ids().get(default_language()))


class Localized:
    """A page of the default language as a listing shows it to a visitor of the active
    language: the translation's title and address where one is live, else the German
    title (``lang`` says so, for the ``lang`` attribute) and the German page's path under
    the visitor's prefix. ``source`` is the German page itself, with the facts (status,
    dates); any other attribute is read from it."""

    def __init__(self, source, translation, language):
        self.source = source
        self.translation = translation
        self.language = language

    def __getattr__(self, name):
        return getattr(self.source, name)

    def __str__(self):
        return str(self.title)

    @property
    def title(self):
        return (self.translation or self.source).title

    @property
    def lang(self):
        """"de" when the German title is shown to a visitor of another language, else ""."""
        return default_language() if self.translation is None and self.language != default_language() else ""

    @cached_property
    def url(self):
        return page_address(self.translation or self.source, self.language)

    def get_url(self, request=None, current_site=None):
        return self.url


def localized(pages, language=None):
    """`pages` (of the default language) as ``Localized`` entries for `language` (the active
    one): one query for all their translations, none in German."""
    language = language or get_language()
    pages = list(pages)
    found = localize(pages, language)
    return [Localized(page, found.get(page.translation_key), language) for page in pages]
