"""Permission matrix as HTTP requests: anonymous, committee (Begleitgremium), staff (Redaktion).

The committee may use the admin dashboard, its account and "Umsetzungsstand melden" —
and nothing else. The staff edit content and approve reports but manage no users.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from committee.factories import PersonFactory
from concept.factories import StatusReportFactory
from concept.models import MeasurePage, StatusReport

pytestmark = pytest.mark.django_db

ALLOWED, DENIED = "allowed", "denied"


@pytest.fixture
def objects(concept_tree, committee_user, staff_user):
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Protokoll", file=SimpleUploadedFile("protokoll.txt", b"Protokoll")
    )
    report = StatusReportFactory(measure=concept_tree["raumteiler"], reported_by=committee_user)
    return {
        "home": concept_tree["concept"].get_parent(),
        "measure": concept_tree["raumteiler"],
        "field": concept_tree["wohnen"],
        "image": image,
        "document": document,
        "report": report,
        "person": PersonFactory(),
        "user": staff_user,
        "site": Site.objects.get(),
    }


# (url template, committee, staff)
ADMIN_URLS = [
    ("/admin/", ALLOWED, ALLOWED),
    ("/admin/umsetzungsstand-melden/", ALLOWED, ALLOWED),
    ("/admin/pages/", DENIED, ALLOWED),
    ("/admin/pages/{home.pk}/", DENIED, ALLOWED),
    ("/admin/pages/{measure.pk}/edit/", DENIED, ALLOWED),
    ("/admin/pages/{home.pk}/add_subpage/", DENIED, ALLOWED),
    ("/admin/pages/add/concept/measurepage/{field.pk}/", DENIED, ALLOWED),
    ("/admin/pages/{measure.pk}/delete/", DENIED, ALLOWED),
    ("/admin/pages/{measure.pk}/move/", DENIED, ALLOWED),
    ("/admin/pages/search/", DENIED, ALLOWED),
    ("/admin/images/", DENIED, ALLOWED),
    ("/admin/images/{image.pk}/", DENIED, ALLOWED),
    ("/admin/images/multiple/add/", DENIED, ALLOWED),
    ("/admin/documents/", DENIED, ALLOWED),
    ("/admin/documents/edit/{document.pk}/", DENIED, ALLOWED),
    ("/admin/documents/multiple/add/", DENIED, ALLOWED),
    ("/admin/snippets/", DENIED, ALLOWED),
    ("/admin/snippets/concept/statusreport/", DENIED, ALLOWED),
    ("/admin/snippets/concept/statusreport/add/", DENIED, ALLOWED),
    ("/admin/snippets/concept/statusreport/edit/{report.pk}/", DENIED, ALLOWED),
    ("/admin/snippets/concept/statusreport/history/{report.pk}/", DENIED, ALLOWED),
    ("/admin/snippets/concept/statusreport/delete/{report.pk}/", DENIED, ALLOWED),
    ("/admin/snippets/committee/person/", DENIED, ALLOWED),
    ("/admin/snippets/committee/person/add/", DENIED, ALLOWED),
    ("/admin/snippets/committee/person/edit/{person.pk}/", DENIED, ALLOWED),
    ("/admin/users/", DENIED, DENIED),
    ("/admin/users/new/", DENIED, DENIED),
    ("/admin/users/edit/{user.pk}/", DENIED, DENIED),
    ("/admin/groups/", DENIED, DENIED),
    ("/admin/groups/new/", DENIED, DENIED),
    ("/admin/sites/", DENIED, DENIED),
    ("/admin/collections/", DENIED, DENIED),
    ("/admin/locales/", DENIED, DENIED),
    ("/admin/settings/moessingen_site/sitesettings/{site.pk}/", DENIED, ALLOWED),
    ("/admin/workflows/list/", DENIED, ALLOWED),
    ("/admin/workflows/tasks/index/", DENIED, ALLOWED),
    ("/admin/redirects/", DENIED, ALLOWED),
    ("/admin/searchpicks/", DENIED, DENIED),
    ("/admin/reports/locked/", DENIED, ALLOWED),
    ("/admin/reports/aging-pages/", DENIED, ALLOWED),
]


def is_denied(response, url):
    if response.status_code == 403:
        return True
    if response.status_code == 302:
        location = response["Location"]
        return not location.startswith(url)
    return False


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("template", "committee", "staff"), ADMIN_URLS)
def test_admin_url_matrix(objects, committee_user, staff_user, template, committee, staff):
    url = template.format(**objects)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"], url
    for role, user, expected in (("committee", committee_user, committee), ("staff", staff_user, staff)):
        response = client_for(user).get(url)
        if expected == ALLOWED:
            assert response.status_code == 200, (role, url, response.status_code)
        else:
            assert is_denied(response, url), (role, url, response.status_code)


def test_committee_menu_shows_only_its_task(objects, committee_user):
    html = client_for(committee_user).get("/admin/").content.decode()
    assert "Umsetzungsstand melden" in html
    for label in ("Seiten", "Bilder", "Dokumente", "Snippets", "Statusmeldungen", "Personen", "Einstellungen"):
        assert f'"label": "{label}"' not in html, label


def test_committee_posts_elsewhere_change_nothing(objects, committee_user):
    client = client_for(committee_user)
    measure = objects["measure"]
    before = (Page.objects.count(), get_image_model().objects.count(), get_document_model().objects.count(),
              StatusReport.objects.count(), get_user_model().objects.filter(is_superuser=True).count())
    posts = [
        (f"/admin/pages/{measure.pk}/edit/", {"title": "Gehackt", "slug": "gehackt", "summary": "x"}),
        ("/admin/images/multiple/add/", {"files[]": get_test_image_file()}),
        ("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("a.txt", b"a")}),
        ("/admin/snippets/concept/statusreport/add/", {"measure": measure.pk, "status": "umgesetzt",
                                                       "date": "2024-01-01", "note": "x"}),
        (f"/admin/snippets/concept/statusreport/edit/{objects['report'].pk}/", {"note": "geändert"}),
        (f"/admin/snippets/concept/statusreport/delete/{objects['report'].pk}/", {}),
        ("/admin/users/new/", {"username": "neu", "password1": "x", "password2": "x", "is_superuser": "on"}),
        (f"/admin/users/edit/{committee_user.pk}/", {"username": committee_user.username, "is_superuser": "on"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert is_denied(response, url), (url, response.status_code)
    after = (Page.objects.count(), get_image_model().objects.count(), get_document_model().objects.count(),
             StatusReport.objects.count(), get_user_model().objects.filter(is_superuser=True).count())
    assert before == after
    assert MeasurePage.objects.get(pk=measure.pk).title == "Raumteiler"
    objects["report"].refresh_from_db()
    assert objects["report"].note != "geändert"


def test_report_view_requires_the_add_permission(objects):
    plain_admin = get_user_model().objects.create_user("nur-admin", password="x" * 12)
    plain_admin.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(plain_admin)  # admin access, but no report permission
    assert is_denied(client.get("/admin/umsetzungsstand-melden/"), "/admin/umsetzungsstand-melden/")
    url = f"/admin/umsetzungsstand-melden/{objects['measure'].pk}/"
    assert is_denied(client.post(url, {}), url)


def test_chooser_create_without_a_form_is_404_not_500(objects, staff_user):
    """The status-report chooser offers no creation form; a POST to its create URL crashed."""
    staff = Client(raise_request_exception=False)
    staff.force_login(staff_user)
    url = "/admin/snippets/choose/concept/statusreport/create/"
    response = staff.post(url, {"measure": objects["measure"].pk, "status": "umgesetzt", "date": "2024-01-01"})
    assert response.status_code == 404
    assert StatusReport.objects.count() == 1  # the fixture's report only
