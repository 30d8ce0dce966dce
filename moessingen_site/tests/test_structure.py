"""The site structure every page needs (moessingen_site/structure.py): the one-query router
gives exactly Wagtail's answer, memoised values follow every content change – also one
made by another process – and view restrictions are honoured without their queries."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import Http404
from django.test import RequestFactory, override_settings
from wagtail.models import Page, PageViewRestriction, Site

from concept.factories import ConceptPageFactory, FieldOfActionPageFactory, MeasurePageFactory
from moessingen_site import structure
from moessingen_site.cache import VERSION_KEY
from moessingen_site.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def wagtail_route(path):
    request = RequestFactory().get(path)
    site = Site.find_for_request(request)
    components = [c for c in path.split("/") if c]
    try:
        return site.root_page.specific.route(request, components)
    except Http404:
        return None


def our_route(path):
    request = RequestFactory().get(path)
    site = structure.site_for_request(request)
    components = [c for c in path.split("/") if c]
    try:
        return structure.route(request, site, components)
    except Http404:
        return None


def same(ours, theirs):
    if theirs is None:
        return ours is None
    if ours is None:
        return False
    page, args, kwargs = ours
    their_page, their_args, their_kwargs = theirs
    if type(page) is not type(their_page) or page.pk != their_page.pk or kwargs != their_kwargs:
        return False
    if their_args:  # a routable page's sub-route: (view, args, kwargs)
        return args[0].__func__ is their_args[0].__func__ and args[1:] == their_args[1:]
    return args == their_args


def test_every_demo_url_routes_as_wagtail_routes_it(demo_site):
    paths = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    extra = [
        "/veranstaltungen/monat/2018-11/",
        "/veranstaltungen/archiv/",
        "/veranstaltungen/feed.ics/",
        "/integrationskonzept/umsetzungsstand/offene-daten/massnahmen-csv/",
        "/gibt-es-nicht/",
        "/integrationskonzept/gibt-es-nicht/",
        "/integrationskonzept/umsetzungsstand/gibt-es-nicht/weiter/",
        "/veranstaltungen/monat/2018-13/",
    ]
    assert len(paths) > 30
    for path in paths + extra:
        assert same(our_route(path), wagtail_route(path)), path


def test_unpublished_pages_and_their_children_are_not_found(client, home_page):
    concept = ConceptPageFactory(parent=home_page, slug="konzept")
    field = FieldOfActionPageFactory(parent=concept, slug="wohnen")
    measure = MeasurePageFactory(parent=field, slug="raumteiler")
    assert client.get("/konzept/wohnen/raumteiler/").status_code == 200
    measure.unpublish()
    assert client.get("/konzept/wohnen/raumteiler/").status_code == 404
    assert our_route("/konzept/wohnen/raumteiler/") is None is wagtail_route("/konzept/wohnen/raumteiler/")
    measure.save_revision().publish()
    field.unpublish()
    # As in Wagtail: a live child of an unpublished page is still served.
    assert same(our_route("/konzept/wohnen/raumteiler/"), wagtail_route("/konzept/wohnen/raumteiler/"))
    assert client.get("/konzept/wohnen/").status_code == 404


def test_wagtails_own_util_urls_are_not_taken_for_pages(client, home_page):
    assert client.get("/_util/login/").status_code == 200


def test_a_page_costs_one_query_for_its_route_at_any_depth(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    shallow = StandardPageFactory(parent=home_page, slug="flach")
    deep = StandardPageFactory(parent=StandardPageFactory(parent=StandardPageFactory(parent=shallow)), slug="tief")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    # Site, pages on the path, the page, view restrictions, settings, the pages navigation
    # and footer link to – with the page cache off (per request); Wagtail's router alone
    # needs two queries per level.
    assert count(shallow.url) == count(deep.url) == 6


# --- memo ------------------------------------------------------------------------------


def test_memo_lasts_for_the_request_only_while_the_page_cache_is_off():
    calls = []
    token = structure.begin_request(None)
    try:
        assert structure.memo(("k",), lambda: calls.append(1) or "a") == "a"
        assert structure.memo(("k",), lambda: calls.append(1) or "b") == "a"
    finally:
        structure.end_request(token)
    token = structure.begin_request(None)
    try:
        assert structure.memo(("k",), lambda: calls.append(1) or "c") == "c"
    finally:
        structure.end_request(token)
    assert len(calls) == 2


def test_memo_lasts_for_the_content_version_while_the_page_cache_is_on():
    token = structure.begin_request("v1")
    try:
        assert structure.memo(("k",), lambda: "first") == "first"
    finally:
        structure.end_request(token)
    token = structure.begin_request("v1")
    try:
        assert structure.memo(("k",), lambda: "second") == "first"
    finally:
        structure.end_request(token)
    token = structure.begin_request("v2")  # any change, in any process
    try:
        assert structure.memo(("k",), lambda: "third") == "third"
    finally:
        structure.end_request(token)


def test_outside_a_request_nothing_is_kept():
    assert structure.memo(("k",), lambda: 1) == 1
    assert structure.memo(("k",), lambda: 2) == 2


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(MOESSINGEN_PAGE_CACHE=True):
        yield
    cache.clear()


def test_navigation_follows_a_change_made_by_another_process(client, home_page, page_cache):
    page = StandardPageFactory(parent=home_page, title="Alter Titel", show_in_menus=True)
    other = StandardPageFactory(parent=home_page, title="Andere Seite")
    assert "Alter Titel" in client.get(other.url + "?a").content.decode()
    # Another process publishes: the database changes and the shared version with it; this
    # process's memo must not be used any more.
    Page.objects.filter(pk=page.pk).update(title="Neuer Titel")
    cache.set(VERSION_KEY, "changed-elsewhere", None)
    html = client.get(other.url + "?b").content.decode()
    assert "Neuer Titel" in html and "Alter Titel" not in html


def test_routing_follows_a_move_and_a_new_page(client, home_page, page_cache):
    StandardPageFactory(parent=home_page, slug="ueber-uns")
    assert client.get("/neu/").status_code == 404
    StandardPageFactory(parent=home_page, slug="neu", title="Neue Seite")
    response = client.get("/neu/")
    assert response.status_code == 200 and "Neue Seite" in response.content.decode()


# --- view restrictions -----------------------------------------------------------------


def test_public_listings_and_serving_honour_a_new_restriction(client, home_page, page_cache):
    concept = ConceptPageFactory(parent=home_page, slug="konzept", show_in_menus=True)
    other = StandardPageFactory(parent=home_page, slug="anderes")
    assert 'href="/konzept/"' in client.get(other.url).content.decode()
    assert client.get(concept.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=concept, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Redaktion"))
    assert 'href="/konzept/"' not in client.get(other.url).content.decode()  # gone from the navigation
    assert client.get(concept.url).status_code == 302  # to the login
    assert list(Page.objects.public().filter(pk=concept.pk)) == []
    restriction.delete()
    assert client.get(concept.url).status_code == 200
    assert list(Page.objects.public().filter(pk=concept.pk)) == [concept.page_ptr]


def test_without_restrictions_a_page_checks_none(home_page, django_assert_num_queries):
    page = StandardPageFactory(parent=home_page)
    token = structure.begin_request(None)
    try:
        structure.view_restrictions()
        with django_assert_num_queries(0):
            assert list(page.get_view_restrictions()) == []
            assert str(Page.objects.public().query)  # builds without a query
    finally:
        structure.end_request(token)


def test_a_cache_miss_costs_only_the_page_itself(client, home_page, page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from moessingen_site.models import SiteSettings

    page = StandardPageFactory(parent=StandardPageFactory(parent=home_page), slug="seite")
    SiteSettings.for_site(Site.objects.get())  # created on first use otherwise: a change
    client.get(page.url + "?warm")  # fills the memo for this content version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url + "?anders")  # another address: not in the page cache
    assert response["X-Page-Cache"] == "miss"
    assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]
