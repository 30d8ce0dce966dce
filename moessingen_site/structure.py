"""What every public page needs besides its own content – the site, the pages on the
requested path, view restrictions, site settings, navigation – read once and reused.

``memo(key, compute)`` keeps ``compute()``:

- for the rest of the request, always;
- for the rest of the *content version* in this process, while the page cache is on
  (see ``cache.py``: every publish and every change of a first-party model, image,
  document, site or view restriction replaces the version in the shared cache, which
  each request reads once). Another process's change therefore reaches this process
  with its very next request – no stale navigation, no stale routing.

With the page cache off (tests, a single dev server without Redis) nothing outlives its
request, because nothing would tell this process about a change made by another.

Values kept for a version are shared by the requests of this process: they are plain
data or model instances that no request may modify (the page being shown is *not* kept:
it is fetched for each request, see ``serve``).

``serve`` replaces Wagtail's page-serving view: it finds the page for a path with one
query for all the pages on the path (Wagtail's ``Page.route`` needs two per level) and
then hands over to Wagtail's view, which runs the ``before_serve_page`` hooks (view
restrictions) and the page's ``serve``. Routable pages (``RoutablePageMixin``) get their
sub-routes exactly as Wagtail would give them.
"""

import contextvars
from collections import namedtuple

from django.conf import settings
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

# Entries kept per process and version; beyond this, new keys are computed per request
# (a crawler asking for thousands of unknown paths must not grow the process).
MAX_PROCESS_ENTRIES = 5000

_request_state = contextvars.ContextVar("moessingen_structure", default=None)
_process = {"version": None, "values": {}}


def begin_request(version=None):
    """Called by the page cache middleware for every request; ``version`` is the content
    version when the page cache is on, else None. Returns a token for ``end_request``."""
    return _request_state.set({"version": version, "values": {}})


def end_request(token):
    _request_state.reset(token)


def memo(key, compute):
    state = _request_state.get()
    if state is None:  # outside a request: management commands, the shell
        return compute()
    values = state["values"]
    if key in values:
        return values[key]
    version = state["version"]
    if version is None:
        value = compute()
    else:
        global _process
        if _process["version"] != version:
            _process = {"version": version, "values": {}}
        shared = _process["values"]
        if key in shared:
            value = shared[key]
        else:
            value = compute()
            if len(shared) < MAX_PROCESS_ENTRIES:
                shared[key] = value
    values[key] = value
    return value


# --- site and view restrictions --------------------------------------------------------


def site_for_request(request):
    """Wagtail's ``Site.find_for_request``, memoised by host and port."""
    if not hasattr(request, "_wagtail_site"):
        key = ("site", request._get_raw_host(), request.get_port())
        request._wagtail_site = memo(key, lambda: Site._find_for_request(request))
    return request._wagtail_site


def site_key(request):
    """What a memoised URL depends on besides the page: the site serving the request
    (Wagtail gives relative URLs for pages of the current site, absolute ones otherwise)."""
    site = site_for_request(request) if request is not None else None
    return site.pk if site is not None else None


def page_url(url_path, request, full=False):
    """A page's URL from its ``url_path`` alone, exactly as ``Page.get_url(request)`` (or
    ``get_full_url``) gives it, without loading the page: for value rows and path pages."""
    stub = Page(url_path=url_path)
    return stub.get_full_url(request) if full else stub.get_url(request)


Restriction = namedtuple("Restriction", "id page_id path")


def view_restrictions():
    """Every page view restriction on the site (usually none), as plain data."""
    return memo(
        ("view-restrictions",),
        lambda: tuple(
            Restriction(*row)
            for row in PageViewRestriction.objects.order_by("id").values_list("id", "page_id", "page__path")
        ),
    )


def restricted_paths():
    return tuple(restriction.path for restriction in view_restrictions())


# --- routing ---------------------------------------------------------------------------

# One page on the requested path: enough to route, to draw the breadcrumb and to link.
PathPage = namedtuple("PathPage", "id title url_path path depth content_type_id live")
PATH_FIELDS = PathPage._fields


def site_root_paths(request=None):
    """Wagtail's ``Site.get_site_root_paths()`` (one cache or database read), memoised; also
    handed to Wagtail's URL building for the request, which would read it once more."""
    paths = memo(("site-root-paths",), Site.get_site_root_paths)
    if request is not None:
        request._wagtail_cached_site_root_paths = paths
    return paths


def _root_url_path(site):
    for root in site_root_paths():
        if root.site_id == site.pk:
            return root.root_path
    return None


def pages_on_path(site, components):
    """The site's root page and each existing page below it along ``components``, by
    url_path – one query for the whole path, memoised per version."""

    def compute():
        root_path = _root_url_path(site)
        if root_path is None:
            return {}
        wanted = [root_path] + [root_path + "/".join(components[: i + 1]) + "/" for i in range(len(components))]
        return {
            row[2]: PathPage(*row) for row in Page.objects.filter(url_path__in=wanted).values_list(*PATH_FIELDS)
        }

    return memo(("path", site.pk, tuple(components)), compute)


def _specific_class(node):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_id(node.content_type_id).model_class() or Page


def _fetch(node):
    return _specific_class(node)._default_manager.get(pk=node.id)


def route(request, site, components):
    """The same result as ``site.root_page.specific.route(request, components)``."""
    found = pages_on_path(site, components)
    root_path = _root_url_path(site)
    node = found.get(root_path)
    if node is None:
        raise Http404
    trail = [node]
    for index, slug in enumerate(components):
        cls = _specific_class(node)
        if node.live and issubclass(cls, RoutablePageMixin):
            remaining = components[index:]
            try:
                cls.get_resolver().resolve("/" + "/".join(remaining) + "/")
            except Http404:
                pass  # not one of its routes: a child page, as in Wagtail's route
            else:
                request._moessingen_path_pages = trail
                return _fetch(node).route(request, remaining)
        node = found.get(node.url_path + slug + "/")
        if node is None:
            raise Http404
        trail.append(node)
    request._moessingen_path_pages = trail
    page = _fetch(node)
    if isinstance(page, RoutablePageMixin):
        return page.route(request, [])
    if not page.live:
        raise Http404
    return RouteResult(page)


def path_pages(request, page):
    """The pages from the site root down to ``page`` as found by ``route`` (no query), or
    None when ``page`` was not routed through it."""
    trail = getattr(request, "_moessingen_path_pages", None)
    if trail and trail[-1].id == page.pk:
        return trail
    return None


def serve(request, path):
    """Wagtail's ``serve`` view with the route found by ``route``. With more than one
    content language Wagtail picks the root page's translation first: its own routing."""
    if len(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", ())) <= 1 and not hasattr(
        request, "_wagtail_route_for_request"
    ):
        site = site_for_request(request)
        site_root_paths(request)
        result = None
        if site is not None:
            components = [component for component in path.split("/") if component]
            try:
                result = route(request, site, components)
            except Http404:
                result = None
        request._wagtail_route_for_request = result
    return wagtail_views.serve(request, path)


# --- view restrictions for Wagtail's own checks ----------------------------------------

_original_get_view_restrictions = Page.get_view_restrictions


def _private_q(queryset):
    """``PageQuerySet.private_q`` from the memoised restrictions instead of one query per
    ``.public()`` call; the same condition (a restricted page and its descendants)."""
    from django.db.models import Q

    condition = Q()
    for path in restricted_paths():
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])


def _get_view_restrictions(page):
    """``Page.get_view_restrictions``, without its two queries when the site has no view
    restriction at all (the usual case); otherwise Wagtail's own."""
    if not view_restrictions():
        return PageViewRestriction.objects.none()
    return _original_get_view_restrictions(page)


def install():
    """Called from the app config's ready(): every ``.public()`` listing and every page's
    view-restriction check (``before_serve_page``) reads the memoised restrictions. The
    content version changes with every saved or deleted restriction (see cache.py)."""
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = _private_q
    Page.get_view_restrictions = _get_view_restrictions


# --- parts every page shows ------------------------------------------------------------

SiteParts = namedtuple("SiteParts", "navigation contact footer_links easy_language sign_language")


def site_parts(request):
    """The navigation (the home page and its children in the menu), the footer's contact
    data and legal pages, and the Leichte Sprache / Gebärdensprache pages: two queries –
    the settings row and every page these name – memoised per content version."""
    site = site_for_request(request)
    if site is None:
        return SiteParts((), None, (), None, None)
    return memo(("site-parts", site.pk), lambda: _site_parts(request, site))


def _site_parts(request, site):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from moessingen_site.accessibility import EasyLanguagePage, SignLanguagePage
    from moessingen_site.models import SiteSettings

    site_settings = SiteSettings.for_site(site)
    footer_ids = [
        site_settings.contact_page_id,
        site_settings.imprint_page_id,
        site_settings.privacy_page_id,
        site_settings.accessibility_page_id,
    ]
    types = ContentType.objects.get_for_models(EasyLanguagePage, SignLanguagePage)
    root_id = site.root_page_id
    trail = getattr(request, "_moessingen_path_pages", None)
    if trail and trail[0].id == root_id:  # routed by `route`: the root's place is known
        root_path, root_depth = trail[0].path, trail[0].depth
    else:
        root_path, root_depth = Page.objects.filter(pk=root_id).values_list("path", "depth").first() or ("", 0)
    pages = list(
        Page.objects.live()
        .filter(
            Q(pk=root_id)
            | Q(depth=root_depth + 1, path__startswith=root_path, show_in_menus=True)
            | Q(pk__in=[pk for pk in footer_ids if pk])
            | Q(content_type__in=types.values())
        )
        .public()
        .order_by("path")
        .only("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type_id")
    )
    by_id = {page.pk: page for page in pages}
    root = by_id.get(root_id)

    def link(page):
        return {"id": page.pk, "title": page.title, "url": page.get_url(request), "path": page.path, "depth": page.depth}

    navigation = ()
    if root is not None:
        children = [
            page
            for page in pages
            if page.show_in_menus and page.depth == root.depth + 1 and page.path.startswith(root.path)
        ]
        navigation = tuple(link(page) for page in [root, *children])
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, page)
    easy = by_type.get(types[EasyLanguagePage].pk)
    sign = by_type.get(types[SignLanguagePage].pk)
    contact = {
        "organisation": site_settings.organisation,
        "address": site_settings.address,
        "email": site_settings.email,
        "phone": site_settings.phone,
    }
    return SiteParts(
        navigation=navigation,
        contact=contact,
        footer_links=tuple(link(by_id[pk]) for pk in footer_ids if pk in by_id),
        easy_language=link(easy) if easy else None,
        sign_language=link(sign) if sign else None,
    )
