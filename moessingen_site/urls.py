from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import search, security, service

urlpatterns = [
    # Before the admin's own URLs: replaces wagtail-2fa's code form (see security.py).
    path("admin/2fa/auth", security.SecondFactorView.as_view(), name="wagtail_2fa_auth"),
    # An unknown device is a 404, not wagtail-2fa's 500 (see security.py).
    re_path(
        r"^admin/2fa/devices/(?P<pk>\d+)/remove$", security.DeviceRemoveView.as_view(), name="wagtail_2fa_device_remove"
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("healthz", service.healthz, name="healthz"),
    path("robots.txt", service.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": service.SiteSitemap}}, name="sitemap"),
    path(".well-known/security.txt", service.security_txt, name="security_txt"),
    # Only resized images are public; originals and documents are not (see service.py).
    path("media/images/<path:path>", service.image_rendition, name="image_rendition"),
]

# What a visitor reads, in every language: German without a prefix (today's addresses),
# the others under theirs (/en/…, /ar/…).
urlpatterns += i18n_patterns(
    path("suche/", search.search, name="search"),
    # Following measures by e-mail (the follow app; included by name, not imported).
    path("benachrichtigen/", include("follow.urls")),
    # Calendar files (…/feed.ics) are page routes too; Wagtail's own pattern allows no dots.
    path("", include("events.urls")),
    # Pages: Wagtail's own serving view (HomePage.route reads the pages on a path in one query).
    path("", include(wagtail_urls)),
    prefix_default_language=settings.PREFIX_DEFAULT_LANGUAGE,
)

handler500 = "moessingen_site.service.server_error"
