"""The base of every page type of the site (``SitePage``) and ``public()``, the
view-restriction filter for listings: one query where Wagtail needs two."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search import index

from . import search
from .cache import kept
from .slugs import SitePageForm, german_slugify, unique_slug


def public(pages):
    """``pages.public()`` without its extra query: the same condition – neither the page nor
    any of its ancestors has a view restriction – as a subquery of the listing's own query
    (Wagtail's ``public()`` first reads every restriction). Tested against ``public()``."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))


def in_private_collection(collection_path):
    """Whether the collection at `collection_path` (an ``OuterRef`` to a collection's path) or
    one above it has a view restriction: ``private_collections`` as a subquery of a
    listing's own query."""
    restricted = CollectionViewRestriction.objects.filter(collection__path=Substr(collection_path, 1, Length("collection__path")))
    return Exists(restricted)


def private_collections():
    """The ids of the document collections behind a view restriction, their own or one
    above them: what is kept there (titles included) is not for the public. One query."""
    return set(Collection.objects.filter(in_private_collection(OuterRef("path"))).values_list("pk", flat=True))


def translation_groups(request):
    """{translation_key: [page in each language]} of every live, public page, in the site's
    language order: one query per request (kept on it), for the sitemap's alternates."""
    groups = getattr(request, "moessingen_translation_groups", None)
    if groups is None:
        order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
        pages = public(Page.objects.live()).select_related("locale").only(
            "id", "path", "depth", "url_path", "translation_key", "locale__language_code"
        )
        groups = {}
        for page in sorted(pages, key=lambda found: order.get(found.locale.language_code, len(order))):
            groups.setdefault(page.translation_key, []).append(page)
        request.moessingen_translation_groups = groups
    return groups


class SitePage(Page):
    """What every page type of the site shares (the base of all of them)."""

    # Stems of the page's text in its language, so that singular and plural, ß and ss find
    # the same pages on SQLite and PostgreSQL (``search.py``). Page types extend this list.
    search_fields = Page.search_fields + [
        index.SearchField("search_title_words", boost=2),
        index.SearchField("search_words"),
    ]

    # New pages get German slugs without umlauts (slugs.py); page types with a form of
    # their own derive it from this one.
    base_form_class = SitePageForm

    class Meta:
        abstract = True

    def search_title_words(self):
        return search.search_words(self, title=True)

    def search_words(self):
        return search.search_words(self)

    def save(self, *args, **kwargs):
        """A page saved without a slug gets one from its title, umlauts spelt out and unique
        among its siblings (Wagtail would make ``wohnraumbörse``, see slugs.py)."""
        if not self.slug and self.path and self.title:
            base = german_slugify(self.title)
            if base:
                self.slug = unique_slug(base, self.get_parent(), self)
        return super().save(*args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, with the page's translations as ``hreflang`` alternates (and
        ``x-default``, the German page) when it has any."""
        urls = super().get_sitemap_urls(request)
        group = translation_groups(request).get(self.translation_key, []) if request is not None else []
        if len(group) > 1:
            alternates = [{"lang_code": page.locale.language_code, "location": page.get_full_url(request)} for page in group]
            default = [entry for entry in alternates if entry["lang_code"] == settings.LANGUAGE_CODE]
            alternates += [{"lang_code": "x-default", "location": entry["location"]} for entry in default]
            for url in urls:
                url["alternates"] = alternates
        return urls

    def route(self, request, path_components):
        """Wagtail's ``Page.route``, with the pages on the rest of the path read in one query
        (``PathPages``) where Wagtail reads two per level (the child by its slug, then its
        specific row).

        Each page type's own ``route()`` is honoured: the walk hands over to the first page on
        the path whose class overrides this one (the RoutablePageMixin pages: the calendar, an
        event, the Umsetzungsstand), and the last page always answers for itself (``Page.route``
        checks that it is live). When a routable page's own routes do not match, it hands the
        path back here (``super().route``) and the pages read before answer without a query."""
        pages = PathPages.of(request)
        if not path_components:
            # The page itself (a site's home page): only whether it is restricted is read.
            pages.read(self, path_components)
            return Page.route(pages.unrestricted(self), request, path_components)
        on_path = pages.read(self, path_components)
        for depth in range(len(path_components)):
            page = on_path.get(child_url_path(self, path_components[: depth + 1]))
            if page is None:
                raise Http404
            remaining = path_components[depth + 1 :]
            if remaining and page.specific_class is not None and page.specific_class.route is not SitePage.route:
                return pages.specific(page).route(request, remaining)
        return pages.specific(page).route(request, [])

    def get_view_restrictions(self):
        """Wagtail's rule – the restrictions of this page and of its ancestors, for an alias
        those of its source – in one query instead of two (Wagtail first reads the
        ancestors); none at all when routing read them (``PathPages.specific``). Checked on
        every page served; tested against ``Page.get_view_restrictions``."""
        if getattr(self, "moessingen_unrestricted", False):
            return PageViewRestriction.objects.none()
        paths = paths_down_to(self)
        aliases_on_path = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__in=aliases_on_path)
        )


# What the routing walk reads of each page on a path: enough to know its class, whether it
# exists and whether it is an alias; the pages served are then read with their own fields.
ROUTE_FIELDS = ("id", "path", "depth", "url_path", "content_type_id", "live", "alias_of_id")


def child_url_path(page, path_components):
    return page.url_path + "/".join(path_components) + "/"


def paths_down_to(page):
    """The tree paths of the pages from the tree's root down to `page` itself."""
    return [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]


class PathPages:
    """The pages the routing walk of one request has read (kept on the request as
    ``moessingen_route_pages``), each with whether it has a view restriction of its own.

    Read once: a routable page that hands the rest of the path back to ``SitePage.route``
    costs no query (an address asked for before and not found does not exist), and a page
    served with no restriction on it or above it needs no query for Wagtail's check.

    Kept in the shared cache for the content version (``cache.kept``), the pages on a path
    and the page served: on a page-cache miss (another language, an expired entry) routing
    was the largest part of a render (the benchmark's profile of the measure page: two
    queries, 4 of 15 ms). Any publication, move or restriction makes a new version.
    """

    def __init__(self, request=None):
        self.request = request
        self.asked = set()
        self.by_url_path = {}
        self.by_path = {}

    @classmethod
    def of(cls, request):
        pages = getattr(request, "moessingen_route_pages", None) if request is not None else None
        if pages is None:
            pages = cls(request)
            if request is not None:
                request.moessingen_route_pages = pages
        return pages

    def read(self, page, path_components):
        """{url_path: page} of the pages below `page` on the path `path_components`, with
        `page` and the pages above it: one query, none if they were read before."""
        wanted = {child_url_path(page, path_components[: depth + 1]) for depth in range(len(path_components))}
        missing = wanted - self.asked
        if missing or page.path not in self.by_path:
            found = kept(self.request, "route", (page.path, *sorted(missing)), lambda: list(
                Page.objects.filter(Q(path__startswith=page.path, url_path__in=missing) | Q(path__in=paths_down_to(page)))
                .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
                .only(*ROUTE_FIELDS)
            ))
            for found_page in found:
                self.by_path[found_page.path] = found_page
                if found_page.url_path in missing:
                    self.by_url_path[found_page.url_path] = found_page
            self.asked |= missing
        return self.by_url_path

    def specific(self, page):
        """`page` as its page type (``unrestricted``)."""
        return self.unrestricted(kept(self.request, "page", (page.pk,), lambda: page.specific))

    def unrestricted(self, page):
        """`page`, marked ``moessingen_unrestricted`` when neither it nor a page above it has
        a view restriction or is an alias (whose source's would count)."""
        page.moessingen_unrestricted = all(
            path in self.by_path and not self.by_path[path].restricted and self.by_path[path].alias_of_id is None
            for path in paths_down_to(page)
        )
        return page
