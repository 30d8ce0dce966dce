import re

import pytest


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_search_finds_the_measure_by_a_word_of_its_text(self, client, demo_site):
        html = client.get("/suche/", {"q": "Raumteiler"}).content.decode()
        assert 'href="/integrationskonzept/wohnen-und-wohnumfeld/raumteiler/"' in html

    @pytest.mark.django_db
    def test_search_without_query_shows_the_form(self, client, demo_site):
        response = client.get("/suche/")
        assert response.status_code == 200
        assert 'name="q"' in response.content.decode()

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        "params",
        [{"q": "x" * 5000}, {"q": "Wohnen", "seite": "999"}, {"q": "Wohnen", "seite": "-1"}, {"q": "Wohnen", "seite": "abc"},
         {"q": "\x00"}, {"q": "'\"<script>"}, {"unbekannt": "1"}],
    )
    def test_bad_search_input_never_500(self, client, demo_site, params):
        response = client.get("/suche/", params)
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</header>")[1]

    @pytest.mark.django_db
    @pytest.mark.parametrize("query", ["Maßnahme", "Massnahmen", "massnahme", "MASSNAHMEN"])
    def test_singular_plural_and_sharp_s_find_the_same_pages(self, client, demo_site, query):
        # „Maßnahme“ found nothing while „Maßnahmen“ found 13, and „Massnahmen“ nothing – on both databases.
        expected = sorted(result_links(client, "/suche/", "Maßnahmen"))
        assert len(expected) >= 13
        assert sorted(result_links(client, "/suche/", query)) == expected

    @pytest.mark.django_db
    def test_words_are_stemmed_in_the_visitors_language(self, client, demo_site):
        # English pages in English (measure/measures), Arabic pages in Arabic; never the German tree.
        assert sorted(result_links(client, "/en/suche/", "measure")) == sorted(result_links(client, "/en/suche/", "measures")) != []
        assert all(link.startswith("/en/") for link in result_links(client, "/en/suche/", "Raumteiler"))
        arabic = result_links(client, "/ar/suche/", "السكن")
        assert arabic and all(link.startswith("/ar/") for link in arabic)

    @pytest.mark.django_db
    def test_snippets_show_text_not_markup(self, client, demo_site):
        # A page whose snippet is rich text (the history page's introduction) showed „<p>Von Herbst 2018 …“.
        from concept.factories import HistoryPageFactory
        from concept.pages import ConceptPage

        concept = ConceptPage.objects.get(locale__language_code="de")
        HistoryPageFactory(
            parent=concept, title="Zusammenleben im Quartier", slug="quartier", search_description="",
            intro="<p>Von Herbst 2018 <b>an</b> trafen sich die Arbeitsgruppen.</p>",
        )
        html = client.get("/suche/", {"q": "Quartier"}).content.decode().split('<ol class="search-results">')[1]
        assert "Von Herbst 2018 an trafen sich die Arbeitsgruppen." in html
        assert "&lt;" not in html


def result_links(client, path, query):
    """The addresses of every result, over all result pages, in order."""
    links = []
    for number in range(1, 20):
        html = client.get(path, {"q": query, "seite": number}).content.decode()
        if '<ol class="search-results">' not in html:
            break
        links += re.findall(r'<h3 class="kern-heading-small"><a class="kern-link" href="([^"]+)"', html.split('<ol class="search-results">')[1])
        if f'seite={number + 1}' not in html:
            break
    return links


