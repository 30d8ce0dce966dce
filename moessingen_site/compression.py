"""Gzip for the public site's text responses: pages, feeds, open data, .ics.

A phone on a slow connection waited for 10–12 KB of uncompressed HTML before it could even
ask for the stylesheets (Lighthouse, issue 14); gzipped it is about a quarter of that.

Django's GZipMiddleware, narrowed at its documented hook (process_response) in two ways:

- Only text: WhiteNoise sends static files precompressed and returns before this
  middleware (it sits below WhiteNoise), but image renditions and documents come from
  views; compressing an AVIF or a PDF again costs time and saves nothing.
- Only for visitors without a session (BREACH): compression leaks the length of a
  response, which lets an attacker who can inject text into a page guess a secret on the
  same page byte by byte. A page for an anonymous visitor holds one secret at most, the
  CSRF token of a form, and Django masks that token afresh in every response and adds
  random bytes to every gzipped response (Heal The Breach), so nothing stays fixed to be
  guessed. Logged-in pages (the admin, previews) carry more – personal data, e-mail
  addresses of registrants – and are sent uncompressed.

It sits above the page cache, so a cached page is compressed on the way out while the
cache keeps one uncompressed copy for every Accept-Encoding (Vary: Accept-Encoding is set
here, after the page cache has stored the entry).
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/ld+json",
    "image/svg+xml",
)


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return response
        if not response.get("Content-Type", "").startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
