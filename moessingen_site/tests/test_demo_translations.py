"""The demo's translations (demo_translations): every main page in the five other
languages, the Leichte-Sprache home replacing the former entry page, idempotent loading."""

import html

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from moessingen_site.accessibility import EasyLanguagePage
from moessingen_site.demo_translations import SOURCES, TRANSLATIONS


def titled(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        "url, title",
        [
            ("/ar/", TRANSLATIONS["ar"]["home"]["title"]),
            ("/uk/integrationskonzept/wohnen-und-wohnumfeld/raumteiler/", TRANSLATIONS["uk"]["raumteiler"]["title"]),
            ("/de-x-ls/", TRANSLATIONS["de-x-ls"]["home"]["title"]),
            ("/en/barrierefreiheit/", TRANSLATIONS["en"]["statement"]["title"]),
            ("/tr/veranstaltungen/", TRANSLATIONS["tr"]["calendar"]["title"]),
        ],
    )
    def test_translated_pages_answer_in_their_language(self, client, demo_site, url, title):
        page = titled(client, url)
        assert f"<h1" in page and title in page
        assert "language-notice" not in page  # a real translation, not the German page with a notice

    @pytest.mark.django_db
    def test_every_page_has_a_translation_in_every_language_with_the_german_slug(self, demo_site):
        german = Locale.objects.get(language_code="de")
        sources = Page.objects.filter(locale=german, url_path__in=[demo_site.url_path + below for _key, below in SOURCES])
        assert sources.count() == len(SOURCES)
        for source in sources:
            translations = Page.objects.filter(translation_key=source.translation_key).exclude(locale=german).live()
            assert {page.locale.language_code for page in translations} == set(TRANSLATIONS), source.url_path
            if source.depth > 2:  # home pages are siblings below the root: Wagtail adds the language to their slug
                assert {page.slug for page in translations} == {source.slug}

    @pytest.mark.django_db
    def test_translations_are_marked_as_samples(self, client, demo_site):
        for language, word in (("en", "Sample translation"), ("ar", "ترجمة نموذجية"), ("de-x-ls", "Beispiel-Übersetzung")):
            page = titled(client, f"/{language}/integrationskonzept/")
            assert word in page and ("Beispielübersetzung" in page or language == "de-x-ls"), language

    @pytest.mark.django_db
    def test_facts_stay_the_german_records(self, demo_site):
        from concept.models import MeasurePage

        german = MeasurePage.objects.get(slug="raumteiler", locale__language_code="de")
        arabic = MeasurePage.objects.get(slug="raumteiler", locale__language_code="ar")
        assert arabic.title != german.title
        assert (arabic.status, arabic.status_date, arabic.partners) == (german.status, german.status_date, german.partners)

    @pytest.mark.django_db
    def test_leichte_sprache_home_replaces_the_entry_page(self, client, demo_site):
        assert not EasyLanguagePage.objects.exists()
        response = client.get("/leichte-sprache/")
        assert response.status_code == 301
        assert response["Location"].endswith("/de-x-ls/")
        page = titled(client, "/de-x-ls/")
        assert "Was steht auf dieser Internet-Seite?" in page
        # The header's "Leichte Sprache" link leads there, in every language.
        for url in ("/", "/ar/", "/integrationskonzept/"):
            assert 'href="/de-x-ls/"' in titled(client, url), url

    @pytest.mark.django_db
    def test_loading_twice_changes_nothing(self, client, demo_site):
        def snapshot():
            return sorted(Page.objects.values_list("url_path", "locale__language_code", "title", "latest_revision_id"))

        from wagtail.contrib.redirects.models import Redirect

        first, redirects = snapshot(), Redirect.objects.count()
        call_command("load_demo_content", verbosity=0)
        assert snapshot() == first
        assert Redirect.objects.count() == redirects
        assert client.get("/leichte-sprache/").status_code == 301

    @pytest.mark.django_db
    def test_an_earlier_demo_with_the_entry_page_is_converted(self, client, demo_site):
        """A database loaded before the change still has the EasyLanguagePage: the next run
        removes it, so that the redirect applies."""
        from moessingen_site.factories import EasyLanguagePageFactory

        EasyLanguagePageFactory(parent=demo_site)
        call_command("load_demo_content", verbosity=0)
        assert not EasyLanguagePage.objects.exists()
        assert client.get("/leichte-sprache/").status_code == 301


