"""The site's URLs and the bare view, which does nothing but answer."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from moessingen_site.urls import handler500, urlpatterns as site_urlpatterns  # noqa: F401


@never_cache  # never stored by the page cache: the yardstick must cost the same in both runs
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare, name="bench_bare")] + site_urlpatterns
