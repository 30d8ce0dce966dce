"""The demo content: built from the seeds, idempotent, safe under production settings."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from concept.models import ConceptPage, FieldOfActionPage, HistoryPage, MeasurePage


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "timeline": HistoryPage.objects.filter(locale__language_code="de").get().timeline_entries.count(),
    }


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_runs_twice_without_duplicating_anything(self, demo_site):
        first = snapshot()
        call_command("load_demo_content", verbosity=0)
        assert snapshot() == first
        assert Site.objects.count() == 1
        assert Site.objects.get().root_page.specific == demo_site

    @pytest.mark.django_db
    def test_concept_facts_come_from_the_seeds(self, demo_site):
        concept = ConceptPage.objects.filter(locale__language_code="de").get()
        assert concept.adopted_on == datetime.date(2019, 12, 2)
        assert concept.adoption_note == "einstimmig"
        assert [f.title for f in FieldOfActionPage.objects.filter(locale__language_code="de").order_by("path")] == [
            "Bildung und Betreuung", "Wohnen und Wohnumfeld", "Arbeit und Beschäftigung", "Orte der Begegnung",
        ]
        raumteiler = MeasurePage.objects.filter(locale__language_code="de").get(slug="raumteiler")
        assert raumteiler.get_parent().title == "Wohnen und Wohnumfeld"
        assert "leerstehende" in raumteiler.summary
        assert raumteiler.partners.split("\n") == ["Gebäudemanagement", "Integration", "Öffentlichkeit"]

    @pytest.mark.django_db
    def test_timeline_has_every_dated_step_of_the_seeds(self, demo_site):
        dates = set(HistoryPage.objects.filter(locale__language_code="de").get().timeline_entries.values_list("date", flat=True))
        expected = {
            (2018, 6, 25), (2018, 11, 24), (2019, 2, 14), (2019, 4, 11), (2019, 7, 5), (2019, 5, 7), (2019, 6, 27),
            (2019, 7, 10), (2019, 9, 11), (2019, 5, 28), (2019, 9, 23), (2019, 11, 12), (2019, 12, 2), (2020, 1, 28),
        }
        assert {datetime.date(*d) for d in expected} <= dates

    @pytest.mark.django_db
    def test_sample_content_says_it_is_sample(self, demo_site):
        for measure in MeasurePage.objects.exclude(slug="raumteiler"):
            assert "(Beispiel)" in measure.title

    @pytest.mark.django_db
    def test_demo_users_can_log_in_to_the_admin(self, client, demo_site):
        for username, password in (("redaktion", "redaktion-demo-2026"), ("gremium", "gremium-demo-2026")):
            assert client.login(username=username, password=password)
            assert client.get("/admin/").status_code == 200
            client.logout()

    @pytest.mark.django_db
    def test_staff_user_can_open_the_page_editor(self, client, demo_site):
        client.login(username="redaktion", password="redaktion-demo-2026")
        measure = MeasurePage.objects.filter(locale__language_code="de").get(slug="raumteiler")
        assert client.get(f"/admin/pages/{measure.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_no_demo_users_under_production_settings(settings):
    settings.DEMO_USERS_ALLOWED = False
    call_command("load_demo_content", verbosity=0)
    assert not get_user_model().objects.exists()
    assert MeasurePage.objects.filter(slug="raumteiler").exists()
