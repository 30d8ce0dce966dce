"""Site search over all public pages."""

import re

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def search(request):
    # Over-long queries are cut rather than refused: the visitor still gets results.
    query = "".join(c for c in request.GET.get("q", "") if c.isprintable()).strip()[:MAX_QUERY_LENGTH]
    # Only words go to the search backend: quotes, brackets and control characters are
    # query syntax for SQLite's full-text search and made it fail with a 500.
    terms = " ".join(re.findall(r"\w+", query))
    results = Page.objects.none()
    if terms:
        # Pages in the visitor's language (German for German, Arabic for Arabic …).
        results = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(terms, operator="and")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "search.html", {"query": query, "results": page})
