"""SitePage.route (and HomePage.route above it): Wagtail's routing with the pages on a path
read in one query.

It must give Wagtail's own answer for every URL (pages, routable sub-routes, unknown
paths, drafts) and honour every page type's own ``route()``.
"""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from moessingen_site.factories import StandardPageFactory
from moessingen_site.models import HomePage

from .public_urls import page_urls


def wagtail_route(home, request, components):
    """What Wagtail's own Page.route answers, without the override."""
    return Page.route(home, request, components)


def outcome(route, home, path):
    request = RequestFactory().get(path)
    components = [part for part in path.split("/") if part]
    try:
        page, args, kwargs = route(home, request, components)
    except Http404:
        return "404"
    # A routable page's args hold its view as a method bound to that page instance.
    args = tuple(getattr(arg, "__func__", arg) for arg in (args or ()))
    return (type(page), page.pk, args, repr(kwargs))


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_every_demo_url_routes_as_wagtail_routes_it(self, demo_site):
        home = demo_site
        paths = [url for url, _kind in page_urls() if not url.startswith("http")]
        paths += [
            "/integrationskonzept/umsetzungsstand/feed/",
            "/integrationskonzept/umsetzungsstand/offene-daten/massnahmen-csv/",
            "/integrationskonzept/umsetzungsstand/feed/wohnen/",
            "/veranstaltungen/monat/2019-11/",
            "/veranstaltungen/feed.ics/",
            "/gibt-es-nicht/",
            "/integrationskonzept/gibt-es-nicht/",
            "/integrationskonzept/leitbild/zu-tief/",
            "/veranstaltungen/monat/kein-monat/",
        ]
        assert len(paths) > 30
        for path in paths:
            assert outcome(HomePage.route, home, path) == outcome(wagtail_route, home, path), path

    @pytest.mark.django_db
    def test_a_routable_page_answers_its_own_routes(self, demo_site):
        """The walk hands over to the calendar, whose route() knows `monat/…` and `.ics`."""
        home = demo_site
        page, args, kwargs = HomePage.route(home, RequestFactory().get("/"), ["veranstaltungen", "monat", "2019-11"])
        assert page.slug == "veranstaltungen"
        assert args or kwargs


@pytest.mark.django_db
def test_drafts_and_their_children(home_page):
    draft = StandardPageFactory(parent=home_page, slug="entwurf", live=False)
    child = StandardPageFactory(parent=draft, slug="kind")
    for path in ("/entwurf/", "/entwurf/kind/", "/entwurf/fehlt/"):
        assert outcome(HomePage.route, home_page, path) == outcome(wagtail_route, home_page, path), path
    assert outcome(HomePage.route, home_page, "/entwurf/kind/")[1] == child.pk
    assert outcome(HomePage.route, home_page, "/entwurf/") == "404"


@pytest.mark.django_db
def test_routing_costs_the_same_few_queries_at_any_depth(home_page, django_assert_max_num_queries):
    parent = home_page
    for depth in range(8):
        parent = StandardPageFactory(parent=parent, slug=f"ebene-{depth}")
    request = RequestFactory().get("/")
    shallow = ["ebene-0"]
    deep = [f"ebene-{depth}" for depth in range(8)]
    # One query for the pages on the path, one for the last page's specific row.
    with django_assert_max_num_queries(2):
        assert HomePage.route(home_page, request, shallow).page.slug == "ebene-0"
    with django_assert_max_num_queries(2):
        assert HomePage.route(home_page, request, deep).page.slug == "ebene-7"


@pytest.mark.django_db
def test_public_excludes_what_wagtails_public_excludes(home_page):
    """``public()`` (one query) keeps exactly the pages Wagtail's ``.public()`` keeps:
    restricted pages and everything below them go, by password, login or group."""
    from wagtail.models import PageViewRestriction

    from moessingen_site.base_page import public

    open_section = StandardPageFactory(parent=home_page, slug="offen")
    StandardPageFactory(parent=open_section, slug="offen-kind")
    closed = StandardPageFactory(parent=home_page, slug="geschlossen")
    below = StandardPageFactory(parent=closed, slug="darunter")
    StandardPageFactory(parent=below, slug="ganz-unten")
    protected = StandardPageFactory(parent=open_section, slug="mit-passwort")
    # A sibling whose path starts like the closed page's must stay public.
    StandardPageFactory(parent=home_page, slug="geschlossen-nicht")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    pages = Page.objects.all()
    expected = set(pages.public().values_list("pk", flat=True))
    assert set(public(pages).values_list("pk", flat=True)) == expected
    assert closed.pk not in expected and below.pk not in expected and protected.pk not in expected
    assert open_section.pk in expected


@pytest.mark.django_db
def test_view_restrictions_are_wagtails_in_one_query(home_page, django_assert_num_queries):
    """``SitePage.get_view_restrictions`` finds exactly what Wagtail's finds – the page's
    own, its ancestors', an alias's source's – with one query instead of two."""
    from wagtail.models import PageViewRestriction

    closed = StandardPageFactory(parent=home_page, slug="geschlossen")
    below = StandardPageFactory(parent=closed, slug="darunter")
    protected = StandardPageFactory(parent=below, slug="mit-passwort")
    sibling = StandardPageFactory(parent=home_page, slug="geschlossen-nicht")
    alias = closed.create_alias(parent=sibling, update_slug="alias-von-geschlossen")
    alias_child = StandardPageFactory(parent=alias, slug="unter-dem-alias")
    login = PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    password = PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    expected = {closed: {login}, below: {login}, protected: {login, password}, sibling: set(), alias: {login}, alias_child: {login}}
    for page, restrictions in expected.items():
        page = Page.objects.get(pk=page.pk).specific
        assert set(Page.get_view_restrictions(page)) == restrictions, page.slug
        with django_assert_num_queries(1):
            assert set(page.get_view_restrictions()) == restrictions, page.slug


@pytest.mark.django_db
def test_a_routed_page_knows_its_view_restrictions_from_the_walk(home_page, django_assert_num_queries):
    """Routing reads each page on the path with whether it has a restriction of its own, so
    the page it serves tells Wagtail's check its restrictions – none, without a query, for
    an open page; a restricted page, one below it or an alias of one still has them."""
    from wagtail.models import PageViewRestriction

    open_section = StandardPageFactory(parent=home_page, slug="offen")
    StandardPageFactory(parent=open_section, slug="offen-kind")
    closed = StandardPageFactory(parent=home_page, slug="geschlossen")
    StandardPageFactory(parent=closed, slug="darunter")
    closed.create_alias(parent=open_section, update_slug="alias-von-geschlossen")
    login = PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    expected = {
        "/offen/": set(), "/offen/offen-kind/": set(), "/geschlossen/": {login},
        "/geschlossen/darunter/": {login}, "/offen/alias-von-geschlossen/": {login},
    }
    for path, restrictions in expected.items():
        request = RequestFactory().get(path)
        page = HomePage.route(home_page, request, [part for part in path.split("/") if part]).page
        if restrictions:
            assert set(page.get_view_restrictions()) == restrictions, path
        else:
            with django_assert_num_queries(0):
                assert set(page.get_view_restrictions()) == set(), path


@pytest.mark.django_db
def test_routing_is_kept_for_the_content_version(home_page, django_assert_num_queries):
    """What routing reads – the pages on the path with their restrictions, the page served –
    is kept in the shared cache for the content version: a page-cache miss (another
    language, an expired entry) reads nothing for it again. A restriction, a publication
    or an unpublication makes a new version, and routing sees it at once."""
    from wagtail.models import PageViewRestriction

    section = StandardPageFactory(parent=home_page, slug="abschnitt")
    child = StandardPageFactory(parent=section, slug="kind")
    path = ["abschnitt", "kind"]

    def route(components):
        request = RequestFactory().get("/" + "".join(f"{part}/" for part in components))
        return HomePage.route(home_page, request, components).page

    route(path), route([])
    with django_assert_num_queries(0):
        assert route(path).pk == child.pk
        assert set(route(path).get_view_restrictions()) == set()
        assert route([]).pk == home_page.pk
        assert set(route([]).get_view_restrictions()) == set()

    login = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert set(route(path).get_view_restrictions()) == {login}
    child.title = "Neuer Titel"
    child.save_revision().publish()
    assert route(path).title == "Neuer Titel"
    child.unpublish()
    with pytest.raises(Http404):
        route(path)
