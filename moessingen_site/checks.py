"""System checks of this site (registered in apps.py).

Links that leave the site (e-mails, feeds, .ics, JSON-LD, open data) are only right when
the configured base URL names the public address; a forgotten setting shows up as
``http://localhost/…`` in every registration e-mail. Production settings set
MOESSINGEN_BASE_URL_REQUIRED, so ``manage.py check`` (and ``check --deploy``) warns there.
"""

from django.conf import settings
from django.core.checks import Warning

from .base_url import base_url, is_local

HINT = (
    "Set WAGTAILADMIN_BASE_URL to the public address (e.g. https://integration.moessingen.de) "
    "and give the default Site (Settings → Sites) the same hostname and port."
)


def base_url_is_public(app_configs=None, **kwargs):
    if not getattr(settings, "MOESSINGEN_BASE_URL_REQUIRED", False):
        return []
    url = base_url()
    if not url:
        return [Warning("WAGTAILADMIN_BASE_URL is not set.", hint=HINT, id="moessingen_site.W001")]
    if not url.startswith(("https://", "http://")) or is_local(url):
        return [
            Warning(
                f"WAGTAILADMIN_BASE_URL is {url!r}: links in e-mails and feeds would point at this machine.",
                hint=HINT,
                id="moessingen_site.W001",
            )
        ]
    return []


def site_agrees_with_base_url(app_configs=None, databases=None, **kwargs):
    """Page links come from the default Site; it must name the configured address.
    Reads the database, so only runs when the check is asked to (``--database default``)."""
    if not databases or not getattr(settings, "MOESSINGEN_BASE_URL_REQUIRED", False) or not base_url():
        return []
    from django.db import DatabaseError
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # not migrated yet
    if site is not None and site.root_url.rstrip("/") != base_url():
        return [
            Warning(
                f"The default Site's address {site.root_url!r} differs from WAGTAILADMIN_BASE_URL {base_url()!r}.",
                hint=HINT,
                id="moessingen_site.W002",
            )
        ]
    return []
