import pytest


@pytest.mark.django_db
def test_search_finds_the_measure_by_a_word_of_its_text(client, demo_site):
    html = client.get("/suche/", {"q": "Raumteiler"}).content.decode()
    assert 'href="/integrationskonzept/wohnen-und-wohnumfeld/raumteiler/"' in html


@pytest.mark.django_db
def test_search_without_query_shows_the_form(client, demo_site):
    response = client.get("/suche/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 5000}, {"q": "Wohnen", "seite": "999"}, {"q": "Wohnen", "seite": "-1"}, {"q": "Wohnen", "seite": "abc"},
     {"q": "\x00"}, {"q": "'\"<script>"}, {"unbekannt": "1"}],
)
def test_bad_search_input_never_500(client, demo_site, params):
    response = client.get("/suche/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]
