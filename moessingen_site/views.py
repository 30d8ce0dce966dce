"""Site search over all public pages."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


def search(request):
    # Over-long queries are cut rather than refused: the visitor still gets results.
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query, operator="and")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "search.html", {"query": query, "results": page})
