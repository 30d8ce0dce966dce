"""Site search over all public pages, in the visitor's language.

Neither database finds „Maßnahmen“ for „Maßnahme“ or „Massnahmen“ on its own: SQLite's
full-text search has no German stemmer, and Wagtail's PostgreSQL index keeps one text-search
configuration for every language. So the site stems words itself, the same way on both:
every page indexes ``search_words`` – its searchable text reduced to Snowball stems of the
page's language (German for Deutsch and Leichte Sprache, the algorithm PostgreSQL's
``german`` configuration uses; English, Turkish, Arabic; Ukrainian, which Snowball lacks,
only case-folded) – and a query is reduced the same way before it reaches the backend.
On PostgreSQL the index itself uses the ``simple`` configuration (settings), so nothing
stems twice. Case and ß/ss fold away (``casefold``); Snowball's German folds ä/ae.
"""

import html
import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10

ALGORITHMS = {"de": "german", "en": "english", "tr": "turkish", "ar": "arabic"}


@lru_cache(maxsize=None)
def stemmer(language):
    algorithm = ALGORITHMS.get((language or "").split("-")[0])
    return snowballstemmer.stemmer(algorithm) if algorithm else None


def stems(text, language):
    """The words of ``text`` as they are indexed and searched: case-folded, normalised,
    stemmed in ``language`` where Snowball knows it."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
    language_stemmer = stemmer(language)
    if not language_stemmer:
        return words
    # Each distinct word once: a text repeats its words, and Snowball's stemmers are plain
    # Python (the Arabic one about 0.1 ms a word).
    distinct = list(dict.fromkeys(words))
    stemmed = dict(zip(distinct, language_stemmer.stemWords(distinct)))
    return [stemmed[word] for word in words]


def flatten(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return str(value)


OWN_FIELDS = ("search_title_words", "search_words")


def texts(obj, fields, title, related=False):
    """The text of ``obj``'s search fields, related objects' fields included."""
    for field in fields:
        if isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None or title:
                continue
            for item in related.all() if hasattr(related, "all") else [related]:
                yield from texts(item, field.fields, title, related=True)
        elif (
            isinstance(field, index.SearchField)
            and field.field_name not in OWN_FIELDS
            and (related or (field.field_name == "title") == title)
        ):
            yield flatten(field.get_value(obj))


def search_words(page, title=False):
    """A page's searchable text as stems of its language: what ``SitePage`` indexes (its
    title apart, boosted like Wagtail's own title field)."""
    text = " ".join(texts(page, page.get_search_fields(), title))
    language = page.locale.language_code
    # The search index asks for the same fields several times while it saves one page:
    # the stems of a text are kept on the instance (keyed by the text, so an edit counts).
    memo = page.__dict__.setdefault("moessingen_search_stems", {})
    if (text, language) not in memo:
        memo[(text, language)] = " ".join(stems(text, language))
    return memo[(text, language)]


def snippet(page):
    """The text shown under a result: the page's search description, else its summary,
    teaser or introduction – as plain text (rich text showed its markup, „<p>Von …“)."""
    for name in ("search_description", "summary", "teaser", "intro"):
        value = getattr(page, name, None)
        if value:
            return html.unescape(strip_tags(str(value))).strip()
    return ""


def search(request):
    # Over-long queries are cut rather than refused: the visitor still gets results.
    query = "".join(c for c in request.GET.get("q", "") if c.isprintable()).strip()[:MAX_QUERY_LENGTH]
    # Only words go to the backend: quotes, brackets and control characters are query
    # syntax for SQLite's full-text search and made it fail with a 500.
    words = re.findall(r"\w+", query)
    results = Page.objects.none()
    if words:
        # Each word as typed or as its stem: the stem finds every form; the word as typed
        # also matches the title as Wagtail indexes it, which ranks title matches first.
        language = get_language()
        terms = And([Or([PlainText(word), PlainText(" ".join(stems(word, language)) or word)]) for word in words])
        # Pages in the visitor's language (German for German, Arabic for Arabic …).
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(terms)
        )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "search.html", {"query": query, "results": page})
