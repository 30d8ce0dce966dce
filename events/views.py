"""Hands URLs ending in .ics to Wagtail's page serving, so that page routes answer them."""

from wagtail.views import serve


def serve_calendar_file(request, path):
    # Page.route appends the slash; privacy and other before_serve_page hooks still apply.
    return serve(request, path)
