"""The admin report „Fehlende Übersetzungen“: staff see which German pages lack a live
translation in which language; the committee does not see it; its cost does not grow with
the number of pages."""

import csv
import io

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.wagtail_hooks import reports_menu
from wagtail.models import Locale

from concept.tests.conftest import make_user
from moessingen_site.factories import StandardPageFactory
from moessingen_site.roles import BEGLEITGREMIUM, REDAKTION
from moessingen_site.tests.test_languages import translate

URL = reverse("moessingen_translation_report")


@pytest.fixture
def staff_user(db):
    return make_user("redaktion-test", REDAKTION)


@pytest.fixture
def committee_user(db):
    return make_user("gremium-test", BEGLEITGREMIUM)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def committee_client(client, committee_user):
    client.force_login(committee_user)
    return client


def reports_menu_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.name for item in reports_menu.menu_items_for_request(request)]


@pytest.fixture
def pages(home_page):
    kontakt = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    impressum = StandardPageFactory(parent=home_page, title="Impressum", slug="impressum")
    translate(kontakt, "ar", title="اتصل بنا")
    return {"home": home_page, "kontakt": kontakt, "impressum": impressum}


def row(html, page):
    """The table row of `page` (from its edit link to the end of the row)."""
    start = html.index(f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}">{page.title}</a>')
    return html[start : html.index("</tr>", start)]


def cell(row_html, code):
    start = row_html.index(f'data-translation="{code}"')
    return row_html[start : row_html.index("</td>", start)]


@pytest.mark.django_db
def test_staff_see_a_page_lacking_its_arabic_translation(staff_client, pages):
    response = staff_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    impressum = row(html, pages["impressum"])
    missing = cell(impressum, "ar")
    # „fehlt“ leads to the German page's editor, where „Übersetzen“ starts the translation.
    assert "fehlt" in missing
    assert reverse("wagtailadmin_pages:edit", args=[pages["impressum"].pk]) in missing
    arabic = pages["kontakt"].get_translation(Locale.objects.get(language_code="ar"))
    present = cell(row(html, pages["kontakt"]), "ar")
    assert "✓" in present and reverse("wagtailadmin_pages:edit", args=[arabic.pk]) in present
    assert "fehlt" in cell(row(html, pages["kontakt"]), "uk")
    # The counts: 3 German pages (home, Kontakt, Impressum); Kontakt and the home page
    # (translated as Kontakt's ancestor) have Arabic.
    assert 'data-missing-count="ar">1<' in html
    assert 'data-missing-count="uk">3<' in html
    # Only live German pages are rows; no translation is a row of its own.
    assert "اتصل بنا" not in html


@pytest.mark.django_db
def test_filter_by_language_lists_only_pages_lacking_it(staff_client, pages):
    html = staff_client.get(URL, {"missing": "ar"}).content.decode()
    assert "Impressum" in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[pages["kontakt"].pk])}">Kontakt<' not in html
    # The fragment the filter refreshes without reloading the page.
    results = staff_client.get(reverse("moessingen_translation_report_results"), {"missing": "ar"})
    assert results.status_code == 200 and "Impressum" in results.content.decode()
    # An unknown language is a form error, not a 500.
    assert staff_client.get(URL, {"missing": "xx"}).status_code == 200


@pytest.mark.django_db
def test_a_draft_translation_is_missing_and_links_to_the_draft(staff_client, pages):
    draft = pages["impressum"].copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    draft.live = False
    draft.save()
    html = staff_client.get(URL).content.decode()
    english = cell(row(html, pages["impressum"]), "en")
    assert "fehlt (Entwurf)" in english and reverse("wagtailadmin_pages:edit", args=[draft.pk]) in english


@pytest.mark.django_db
def test_the_report_is_in_the_staffs_reports_menu(staff_user):
    assert "missing-translations" in reports_menu_names(staff_user)


@pytest.mark.django_db
def test_the_committee_is_refused(committee_client, committee_user, pages):
    # Wagtail's admin answers a refused view with its "no permission" redirect to the dashboard.
    for params in ({}, {"export": "csv"}):
        response = committee_client.get(URL, params)
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert committee_client.get(reverse("moessingen_translation_report_results")).status_code == 302
    assert "missing-translations" not in reports_menu_names(committee_user)


@pytest.mark.django_db
def test_csv_export_has_a_column_per_language(staff_client, pages):
    pages["impressum"].title = "=HYPERLINK(1)"
    pages["impressum"].save_revision().publish()
    response = staff_client.get(URL, {"export": "csv", "missing": "ar"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Seite", "Adresse", "Leichte Sprache", "English", "Türkçe", "العربية", "Українська"]
    assert rows[1:] == [["'=HYPERLINK(1)", "/impressum/", "fehlt", "fehlt", "fehlt", "fehlt", "fehlt"]]
    xlsx = staff_client.get(URL, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_pages(staff_client, pages):
    staff_client.get(URL)  # the session and the locales are read once
    few = count_queries(staff_client)
    for number in range(12):
        page = StandardPageFactory(parent=pages["home"], title=f"Seite {number}", slug=f"seite-{number}")
        if number % 2:
            translate(page, "uk")
    assert count_queries(staff_client) == few
