from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("suche/", views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Calendar files (…/feed.ics) are page routes too; Wagtail's own pattern allows no dots.
urlpatterns += [path("", include("events.urls"))]
urlpatterns += [path("", include(wagtail_urls))]
