"""Calendar files (…/feed.ics, …/termin.ics) are page routes; Wagtail's own URL pattern allows no dots."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)*[\w\-]+\.ics)$", views.serve_calendar_file, name="events_calendar_file"),
]
