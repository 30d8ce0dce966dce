"""The committee reaches its task and nothing else: every admin URL, generated.

The URLs are not a hand list: the test walks Django's URL resolver through every pattern
Wagtail, its contrib apps, wagtail-localize, wagtail-2fa and this site register under the
admin, fills each path parameter with the id of a real demo object (the model comes
from the view where the view names one), and requests it as the demo committee account.
A URL added by a future release is requested too, and must refuse unless it is put on
the allow-list below — a decision made here, in review, not by default.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, PageViewRestriction

from concept.models import MeasurePage, StatusReport

pytestmark = pytest.mark.django_db

# The committee may open these (URL names with namespace). Kept apart from the
# middleware's list on purpose: widening what the committee reaches changes this test.
ALLOWED = {
    "wagtailadmin_home",
    "concept_report_status",
    "concept_submit_status_report",
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_dismissibles",
    "wagtail_2fa_auth",
    "wagtail_2fa_device_list",
    "wagtail_2fa_device_new",
    "wagtail_2fa_device_update",
    "wagtail_2fa_device_remove",
    "wagtail_2fa_device_qrcode",
}
REFUSED_STATUSES = {403, 404, 405}

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_PARAMETER = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def walk(patterns, prefix="", namespace=None):
    """(route with parameters, URL name with namespace, pattern) of every URL below."""
    for pattern in patterns:
        route = prefix + regex_to_route(str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name, pattern


def regex_to_route(text):
    """A regex pattern (wagtail-2fa, the admin API) in the route syntax: `(?P<pk>\\d+)` -> `<pk>`."""
    return REGEX_PARAMETER.sub(lambda m: f"<{m['name']}>", text).removeprefix("^").removesuffix("$").replace("\\", "")


def view_model(pattern):
    """The model a class-based view works on, where it names one."""
    callback = pattern.callback
    for source in (getattr(callback, "view_initkwargs", {}), getattr(callback, "view_class", None)):
        model = source.get("model") if isinstance(source, dict) else getattr(source, "model", None)
        if isinstance(model, type) and issubclass(model, Model):
            return model
    return None


@pytest.fixture
def demo(demo_site):
    """The demo, plus what the committee must never see: a private image and document,
    a restricted measure, a staff draft."""
    private = Collection.get_first_root_node().add_child(name="Intern")
    image = get_image_model().objects.create(title="Internes Bild", file=get_test_image_file(), collection=private)
    document = get_document_model().objects.create(
        title="Internes Protokoll", file=get_test_image_file(filename="intern.png"), collection=private
    )
    measure = MeasurePage.objects.live().first()
    PageViewRestriction.objects.create(page=measure, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return {"image": image, "document": document, "measure": measure,
            "committee": get_user_model().objects.get(username="gremium")}


def parameter_values(demo, model):
    page_id = demo["measure"].pk
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first() if model else None
    if model is not None and issubclass(model, Page):
        first = page_id
    object_id = first or page_id
    return {
        "app_label": "wagtailcore", "app_name": "moessingen_site", "model_name": "page",
        "action": "delete", "mode": "", "uidb64": "MQ", "token": "x-x",
        "pk": object_id, "object_id": object_id, "id": object_id,
        "user_id": demo["committee"].pk,
        "image_id": demo["image"].pk, "document_id": demo["document"].pk,
        "page_id": page_id, "parent_page_id": page_id, "page_to_move_id": page_id, "page_pk": page_id,
        "destination_id": Page.objects.get(depth=2, locale__language_code="de").pk,
        "report_id": StatusReport.objects.order_by("pk").values_list("pk", flat=True).first(),
    }


def admin_urls(demo):
    """Every admin URL, filled: (url, URL name)."""
    admin_prefix = reverse("wagtailadmin_home").lstrip("/")
    urls = []
    for route, name, pattern in walk(get_resolver().url_patterns):
        if not route.startswith(admin_prefix):
            continue
        values = parameter_values(demo, view_model(pattern))
        if "settings/" in route:
            values["model_name"] = "sitesettings"
        path = "/" + ROUTE_PARAMETER.sub(lambda m: str(values.get(m["name"], 1)), route)
        # Bulk actions and searches read ids and terms from the query: give them some.
        urls.append((f"{path}?id={values['page_id']}&q=a", name))
        if "<" not in route:  # listings: their spreadsheet export too
            urls.append((f"{path}?export=csv", name))
    return urls


def is_refused(response):
    if response.status_code in REFUSED_STATUSES:
        return True
    if response.status_code == 302:
        location = response["Location"].split("?")[0]
        return location in (reverse("wagtailadmin_home"), reverse("wagtailadmin_login"))
    return False


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    def test_every_admin_url_refuses_the_committee_except_the_allow_list(self, demo):
        urls = admin_urls(demo)
        assert len(urls) > 300  # the walk found Wagtail's URLs, not just ours
        unresolved = []
        for url, name in urls:
            try:
                resolve(url.split("?")[0])
            except Resolver404:
                unresolved.append(url)
        assert not unresolved, unresolved
        client = Client()
        client.force_login(demo["committee"])
        leaks = []
        for url, name in urls:
            if name in ALLOWED:
                continue
            response = client.get(url)
            if not is_refused(response):
                leaks.append((url, name, response.status_code))
        assert not leaks, leaks

    def test_named_leaks_of_the_audit_are_closed(self, demo):
        """The URLs the audit found open, with what they showed."""
        client = Client()
        client.force_login(demo["committee"])
        report = StatusReport.objects.first()
        for url in ["/admin/api/main/images/", "/admin/api/main/documents/",
                    f"/admin/api/main/images/{demo['image'].pk}/", "/admin/choose-page/",
                    "/admin/choose-page/search/?q=a", "/admin/snippets/choose/concept/statusreport/",
                    "/admin/snippets/choose/committee/person/", "/admin/snippets/choose/events/place/",
                    "/admin/reports/site-history/", "/admin/reports/site-history/?export=csv",
                    f"/admin/bulk/wagtailcore/page/delete/?id={demo['measure'].pk}",
                    f"/admin/pages/{demo['measure'].pk}/move/{demo['measure'].get_parent().pk}/confirm/"]:
            response = client.get(url)
            assert is_refused(response), (url, response.status_code)
            body = response.content.decode()
            assert "Internes Bild" not in body and "Internes Protokoll" not in body, url
            assert demo["measure"].title not in body, url
        for headers in ({}, {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}):
            response = client.post("/admin/snippets/choose/concept/statusreport/create/",
                                   {"measure": report.measure_id}, **headers)
            assert response.status_code in (302, 403), response.status_code

    def test_allowed_pages_answer_the_committee_and_staff_keep_their_admin(self, demo):
        client = Client()
        client.force_login(demo["committee"])
        for name in ("wagtailadmin_home", "concept_report_status", "wagtailadmin_account"):
            assert client.get(reverse(name)).status_code == 200, name
        devices = reverse("wagtail_2fa_device_list", kwargs={"user_id": demo["committee"].pk})
        assert client.get(devices).status_code == 200
        staff = Client()
        staff.force_login(get_user_model().objects.get(username="redaktion"))
        for url in ("/admin/api/main/images/", "/admin/choose-page/", "/admin/snippets/choose/committee/person/",
                    "/admin/reports/site-history/", "/admin/pages/"):
            assert staff.get(url).status_code == 200, url


