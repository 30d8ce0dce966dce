"""The one configured address of the site for links that leave it: e-mails, feeds, .ics
files, JSON-LD and open data.

WAGTAILADMIN_BASE_URL (environment) is the address, e.g. ``https://integration.moessingen.de``.
Wagtail uses it for its own admin e-mails; page links (``page.get_full_url()``) come from
the default Site, whose hostname and port must name the same address (Einstellungen →
Websites). moessingen_site/checks.py warns under production settings when the setting is
unset or points at this machine, and when the Site does not agree with it.
"""

from urllib.parse import urlsplit

from django.conf import settings

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def base_url():
    """The configured address without a trailing slash ("" when unset)."""
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def is_local(url):
    host = (urlsplit(url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127.")


def absolute_url(path, request=None):
    """`path` (or an address that is already absolute) as an absolute address on the site;
    from the request's host only where no base URL is configured and a request is given."""
    if urlsplit(path).scheme:
        return path
    if not base_url() and request is not None:
        return request.build_absolute_uri(path)
    return base_url() + "/" + path.lstrip("/")


def page_url(page):
    """A page's absolute address from the configured base URL, whatever the Site says."""
    _site_id, _root_url, page_path = page.get_url_parts()
    return absolute_url(page_path) if page_path is not None else None
