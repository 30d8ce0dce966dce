"""The whole-page cache for anonymous visitors (moessingen_site/cache.py): hits, and
invalidation by every kind of change that shows on a public page."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from committee.factories import MembershipFactory, PersonFactory
from concept.factories import ConceptPageFactory, FieldOfActionPageFactory, MeasurePageFactory
from concept.models import MeasureStatus, StatusReport
from events.factories import EventIndexPageFactory, EventPageFactory, PlaceFactory
from moessingen_site.cache import VERSION_KEY
from moessingen_site.factories import StandardPageFactory
from moessingen_site.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(MOESSINGEN_PAGE_CACHE=True):
        yield
    cache.clear()


@pytest.fixture
def measure(home_page):
    concept = ConceptPageFactory(parent=home_page)
    field = FieldOfActionPageFactory(parent=concept, title="Wohnen")
    # The footer's settings row is created on the first request otherwise, which counts
    # as a change and makes that first stored page stale.
    SiteSettings.for_site(Site.objects.get())
    return MeasurePageFactory(parent=field, title="Wohnraumbörse")


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, measure, django_assert_num_queries):
    first = get(client, measure.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = get(client, measure.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]


def test_query_strings_are_separate_entries(client, measure):
    get(client, measure.url)
    assert get(client, measure.url + "?seite=2")["X-Page-Cache"] == "miss"


def test_etag_answers_304(client, measure):
    etag = get(client, measure.url)["ETag"]
    response = client.get(measure.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert client.get(measure.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_publishing_a_page_refreshes_the_page_and_the_pages_listing_it(client, measure):
    field = measure.get_parent()
    assert "Wohnraumbörse" in get(client, field.url).content.decode()
    assert "Wohnraumbörse" in get(client, measure.url).content.decode()

    measure.title = "Wohnraumbörse für alle"
    measure.save_revision().publish()

    assert "Wohnraumbörse für alle" in get(client, field.url).content.decode()
    assert "Wohnraumbörse für alle" in get(client, measure.url).content.decode()


def test_unpublishing_a_page_removes_it_and_its_teaser(client, measure):
    field = measure.get_parent()
    url = measure.url
    get(client, url)
    assert "Wohnraumbörse" in get(client, field.url).content.decode()

    measure.unpublish()

    assert client.get(url).status_code == 404
    assert "Wohnraumbörse" not in get(client, field.url).content.decode()


def test_a_draft_neither_leaks_nor_invalidates(client, measure):
    get(client, measure.url)
    version = cache.get(VERSION_KEY)

    measure.title = "Entwurf: geheimer Titel"
    measure.save_revision()

    assert cache.get(VERSION_KEY) == version
    response = get(client, measure.url)
    assert response["X-Page-Cache"] == "hit"
    assert "geheimer Titel" not in response.content.decode()


def test_publishing_a_status_report_refreshes_the_measure(client, measure):
    assert "Die Börse ist online" not in get(client, measure.url).content.decode()

    report = StatusReport.objects.create(
        measure=measure, status=MeasureStatus.DONE, note="Die Börse ist online.", live=False
    )
    # A report saved as a draft is not shown …
    assert "Die Börse ist online" not in get(client, measure.url).content.decode()
    # … and appears as soon as it is published.
    report.save_revision().publish()
    assert "Die Börse ist online" in get(client, measure.url).content.decode()


def test_changing_an_event_or_its_place_refreshes_event_pages(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    place = PlaceFactory(name="Kulturscheune")
    event = EventPageFactory(parent=index, title="Sprachcafé", place=place)
    assert "Sprachcafé" in get(client, index.url).content.decode()
    assert "Kulturscheune" in get(client, event.url).content.decode()

    event.title = "Internationales Sprachcafé"
    event.save_revision().publish()
    assert "Internationales Sprachcafé" in get(client, index.url).content.decode()

    place.name = "Bürgersaal im Rathaus"
    place.save()
    assert "Bürgersaal im Rathaus" in get(client, event.url).content.decode()


def test_changing_a_person_refreshes_the_committee_page(client, home_page):
    person = PersonFactory(name="Erika Beispiel")
    membership = MembershipFactory(page__parent=home_page, person=person)
    page = membership.page
    assert "Erika Beispiel" in get(client, page.url).content.decode()

    person.name = "Erika Muster"
    person.save()
    assert "Erika Muster" in get(client, page.url).content.decode()

    membership.delete()
    assert "Erika Muster" not in get(client, page.url).content.decode()


def test_logged_in_editors_are_never_served_or_stored(client, measure, django_user_model):
    editor = django_user_model.objects.create_user("redakteurin", password="x" * 12, is_superuser=True)
    get(client, measure.url)  # stored for anonymous visitors

    client.force_login(editor)
    response = get(client, measure.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "wagtail-userbar" in response.content.decode()

    client.logout()
    cache.clear()
    client.force_login(editor)
    get(client, measure.url)  # an editor's page with the admin bar …
    client.logout()
    anonymous = get(client, measure.url)  # … is not what anonymous visitors get
    assert anonymous["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_pages_with_forms_or_restrictions_are_not_stored(client, measure):
    PageViewRestriction.objects.create(page=measure, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    first = client.get(measure.url)
    assert first.status_code == 200  # the password form, with a CSRF token
    assert "X-Page-Cache" not in first
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "X-Page-Cache" not in client.get(measure.url)


def test_a_committee_members_view_of_a_restricted_page_stays_private(client, measure, django_user_model):
    restriction = PageViewRestriction.objects.create(page=measure, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Begleitgremium"))
    assert client.get(measure.url).status_code == 302  # to the login
    member = django_user_model.objects.create_user("mitglied", password="x" * 12)
    member.groups.add(Group.objects.get(name="Begleitgremium"))
    client.force_login(member)
    response = get(client, measure.url)
    assert "private" in response["Cache-Control"]
    client.logout()
    assert client.get(measure.url).status_code == 302


def test_search_results_follow_publishing(client, measure):
    url = measure.url
    search = "/suche/?q=Wohnraumb%C3%B6rse"
    assert f'href="{url}"' in get(client, search).content.decode()
    assert get(client, search)["X-Page-Cache"] == "hit"
    measure.unpublish()
    assert f'href="{url}"' not in get(client, search).content.decode()


def test_admin_and_posts_bypass_the_cache(client, measure):
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.post(measure.url)


@override_settings(MOESSINGEN_PAGE_CACHE=False)
def test_switched_off_nothing_is_stored(client, measure):
    get(client, measure.url)
    assert "X-Page-Cache" not in get(client, measure.url)


def installed_apps_with(environment):
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = "import json; from moessingen_site.settings import base; print(json.dumps(base.INSTALLED_APPS))"
    env = {key: value for key, value in os.environ.items() if key != "FRONTEND_CACHE_PURGE_URL"} | environment
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def test_frontend_cache_purge_only_with_its_environment_variable():
    assert "wagtail.contrib.frontend_cache" not in installed_apps_with({})
    assert "wagtail.contrib.frontend_cache" in installed_apps_with({"FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081"})


def serve_twice(view, **request_kwargs):
    from django.test import RequestFactory

    from moessingen_site.cache import PageCacheMiddleware

    middleware = PageCacheMiddleware(view)
    return [middleware(RequestFactory().get("/formular/", **request_kwargs)) for _ in range(2)]


def test_responses_with_a_csrf_token_are_not_stored():
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    def form(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    first, second = serve_twice(form)
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_responses_that_set_a_cookie_are_not_stored_and_marked_private():
    from django.http import HttpResponse

    def sets_cookie(request):
        response = HttpResponse("hallo")
        response.set_cookie("besucht", "ja")
        return response

    first, second = serve_twice(sets_cookie)
    assert "X-Page-Cache" not in second
    assert "private" in second["Cache-Control"]


def test_a_session_cookie_bypasses_a_stored_page():
    from django.http import HttpResponse

    calls = []

    def page(request):
        calls.append(request)
        return HttpResponse("Seite")

    serve_twice(page)
    assert len(calls) == 1  # the second request was a hit
    serve_twice(page, HTTP_COOKIE="sessionid=abc")
    assert len(calls) == 3


def test_navigation_and_footer_are_cached_for_uncached_pages_until_a_change(client, measure, django_user_model):
    """Logged-in editors never get stored pages, but the navigation and footer parts are
    shared: fewer queries, and still fresh after a change."""
    editor = django_user_model.objects.create_user("redakteur", password="x" * 12, is_superuser=True)
    client.force_login(editor)

    with CaptureQueriesContext(connection) as first:
        get(client, measure.url)
    with CaptureQueriesContext(connection) as second:
        get(client, measure.url)
    assert len(second) <= len(first) - 2

    home = measure.get_parent().get_parent().get_parent()
    StandardPageFactory(parent=home, title="Beratungsstellen", show_in_menus=True)
    assert "Beratungsstellen" in get(client, measure.url).content.decode()

    site_settings = SiteSettings.for_site(Site.objects.get())
    site_settings.email = "neu@moessingen.example"
    site_settings.save()
    assert "neu@moessingen.example" in get(client, measure.url).content.decode()


def test_feeds_and_exports_answer_304_from_the_cache(client, measure):
    from concept.models import ProgressPage

    index = EventIndexPageFactory(parent=measure.get_parent().get_parent().get_parent())
    EventPageFactory(parent=index, title="Sprachcafé")
    progress = ProgressPage(title="Umsetzungsstand", slug="umsetzungsstand")
    measure.get_parent().get_parent().add_child(instance=progress)
    feed = index.url + "feed.ics"
    export = progress.url + progress.reverse_subpage("measures_csv")
    etags = {}
    for url in (feed, export):
        etags[url] = get(client, url)["ETag"]
        hit = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert hit.status_code == 304, url
        assert hit["X-Page-Cache"] == "hit"
    # After a change the client's copy is no longer current: the new feed, not a 304.
    EventPageFactory(parent=index, title="Elterncafé")
    fresh = client.get(feed, HTTP_IF_NONE_MATCH=etags[feed])
    assert fresh.status_code == 200
    assert "Elterncafé" in fresh.content.decode()


def test_the_benchmarks_miss_header_means_nothing_outside_the_benchmark(client, measure):
    get(client, measure.url)
    assert get(client, measure.url)["X-Page-Cache"] == "hit"
    assert client.get(measure.url, HTTP_X_BENCH_MISS="1")["X-Page-Cache"] == "hit"
    with override_settings(MOESSINGEN_PAGE_CACHE_BYPASS_HEADER="HTTP_X_BENCH_MISS"):
        assert client.get(measure.url, HTTP_X_BENCH_MISS="1")["X-Page-Cache"] == "miss"
