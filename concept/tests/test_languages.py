"""A measure's facts are the same in every language: the status and history of the German
page, shown on its translations at once, with no sync step."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from concept.factories import LeitbildPageFactory, MeasurePageFactory, StatusReportFactory
from concept.status import MeasureStatus
from moessingen_site.base_url import base_url
from moessingen_site.tests.test_languages import translate


@pytest.mark.django_db
def test_an_approved_report_shows_on_the_german_and_the_arabic_page_and_feeds(client, concept_tree):
    raumteiler = concept_tree["raumteiler"]
    translate(raumteiler, "ar", title="رومتايلر")
    translate(concept_tree["progress"], "ar", title="حالة التنفيذ")
    before = client.get("/ar/integrationskonzept/wohnen/raumteiler/").content.decode()
    assert "رومتايلر" in before and 'class="status status--umgesetzt"' not in before

    StatusReportFactory(
        measure=raumteiler, status=MeasureStatus.DONE, note="Beispielbegründung für Arabisch", published=True
    )
    for url in ("/integrationskonzept/wohnen/raumteiler/", "/ar/integrationskonzept/wohnen/raumteiler/"):
        html = client.get(url).content.decode()
        assert "Beispielbegründung für Arabisch" in html, url
        assert 'class="status status--umgesetzt"' in html, url
    for feed in ("/integrationskonzept/umsetzungsstand/feed/", "/ar/integrationskonzept/umsetzungsstand/feed/"):
        response = client.get(feed)
        assert response.status_code == 200 and "Beispielbegründung für Arabisch" in response.content.decode(), feed


@pytest.mark.django_db
def test_translations_do_not_count_twice(client, concept_tree):
    """The overview counts each measure once, in every language."""
    translate(concept_tree["raumteiler"], "uk", title="Раумтайлер")
    translate(concept_tree["progress"], "uk", title="Стан виконання")
    german = client.get("/integrationskonzept/umsetzungsstand/").content.decode()
    ukrainian = client.get("/uk/integrationskonzept/umsetzungsstand/").content.decode()
    assert german.count("raumteiler/") == ukrainian.count("raumteiler/") >= 1


# Listings in the visitor's language: translated titles and addresses where a translation
# is live, the German title marked lang="de" otherwise; the facts from the German pages.

FIELD_AR = "السكن والمحيط السكني"
MEASURE_AR = "رومتايلر"


@pytest.fixture
def arabic(concept_tree):
    """The housing field and Raumteiler translated into Arabic (with the concept and the
    overview); the education field and a second measure not."""
    tree = dict(concept_tree)
    tree["other"] = MeasurePageFactory(parent=tree["wohnen"], title="Nachbarschaftscafé", slug="cafe")
    translated = translate(tree["raumteiler"], "ar", title=MEASURE_AR)
    translated.summary = "ملخص عربي"
    translated.save_revision().publish()
    field = tree["wohnen"].get_translation(translated.locale).specific
    field.title = FIELD_AR
    field.intro = "مقدمة عربية"
    field.save_revision().publish()
    translate(tree["progress"], "ar", title="حالة التنفيذ")
    return tree


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_a_field_page_lists_its_measures_in_arabic_with_the_german_fallback_marked(client, arabic):
    html = get_html(client, "/ar/integrationskonzept/wohnen/")
    assert f'<a class="kern-link" href="/ar/integrationskonzept/wohnen/raumteiler/">{MEASURE_AR}</a>' in html
    assert "<p>ملخص عربي</p>" in html
    assert ('<h3 class="kern-heading-small" lang="de"><a class="kern-link" href="/ar/integrationskonzept/wohnen/cafe/">'
            "Nachbarschaftscafé</a></h3>") in html
    german = get_html(client, "/integrationskonzept/wohnen/")
    assert 'lang="de"' not in german.split("<main", 1)[1] and "Raumteiler</a>" in german


@pytest.mark.django_db
def test_the_concept_page_and_the_home_summary_in_arabic(client, arabic):
    LeitbildPageFactory(parent=arabic["concept"], title="Leitbild", slug="leitbild", show_in_menus=True)
    Page.objects.filter(pk=arabic["progress"].pk).update(show_in_menus=True)
    html = get_html(client, "/ar/integrationskonzept/")
    assert f'href="/ar/integrationskonzept/wohnen/">{FIELD_AR}</a>' in html and "<p>مقدمة عربية</p>" in html
    assert ('<h3 class="kern-heading-medium" lang="de"><a class="kern-link kern-link--stretched" '
            'href="/ar/integrationskonzept/bildung/">Bildung und Betreuung</a></h3>') in html
    assert '<li><a class="kern-link" href="/ar/integrationskonzept/umsetzungsstand/">حالة التنفيذ</a></li>' in html
    assert '<li lang="de"><a class="kern-link" href="/ar/integrationskonzept/leitbild/">Leitbild</a></li>' in html
    home = get_html(client, "/ar/")
    assert 'href="/ar/integrationskonzept/"><span class="kern-label">' in home
    assert "2 ديسمبر، 2019" in home  # the date in Arabic's own format


@pytest.mark.django_db
def test_the_overview_in_arabic(client, arabic):
    html = get_html(client, "/ar/integrationskonzept/umsetzungsstand/")
    # Field summaries, table and the filter's options.
    assert f'<strong>{FIELD_AR}</strong>' in html and '<strong lang="de">Bildung und Betreuung</strong>' in html
    assert f'<th scope="row"><a class="kern-link" href="/ar/integrationskonzept/wohnen/">{FIELD_AR}</a></th>' in html
    assert ('<th scope="row" lang="de"><a class="kern-link" href="/ar/integrationskonzept/bildung/">'
            "Bildung und Betreuung</a></th>") in html
    assert f'<option value="wohnen">{FIELD_AR}</option>' in html
    # The listed measures with their fields.
    assert f'href="/ar/integrationskonzept/wohnen/raumteiler/">{MEASURE_AR}</a>' in html
    assert ('<h3 class="kern-heading-small" lang="de"><a class="kern-link" href="/ar/integrationskonzept/wohnen/cafe/">'
            "Nachbarschaftscafé</a></h3>") in html
    assert f"<span>{FIELD_AR}</span>" in html
    # Filtering by the (translated) field still works on the German tree.
    filtered = get_html(client, "/ar/integrationskonzept/umsetzungsstand/?handlungsfeld=wohnen")
    assert MEASURE_AR in filtered and "Nachbarschaftscafé" in filtered


@pytest.mark.django_db
def test_the_feeds_in_arabic(client, arabic):
    StatusReportFactory(measure=arabic["raumteiler"], status=MeasureStatus.DONE, note="Fertig & gut",
                        date=datetime.date(2024, 3, 5), published=True)
    StatusReportFactory(measure=arabic["other"], status=MeasureStatus.DONE, note="Läuft", published=True)
    for url in ("/ar/integrationskonzept/umsetzungsstand/feed/", "/ar/integrationskonzept/umsetzungsstand/feed/wohnen/"):
        xml = get_html(client, url)
        assert 'xml:lang="ar"' in xml, url
        assert f"<title>{MEASURE_AR}: مُنفَّذ</title>" in xml, url
        assert "<title>Nachbarschaftscafé: مُنفَّذ</title>" in xml, url
        # Absolute from the configured base URL (moessingen_site/base_url.py).
        assert f'href="{base_url()}/ar/integrationskonzept/wohnen/raumteiler/#meldung-' in xml, url
        assert f'href="{base_url()}/ar/integrationskonzept/wohnen/cafe/#meldung-' in xml, url
        # The reason as written, marked German, escaped in the html summary; the date Arabic.
        assert '&lt;span lang="de"&gt;Fertig &amp;amp; gut&lt;/span&gt;' in xml, url
        assert "5 مارس، 2024" in xml, url
    assert "<title>حالة التنفيذ: تقارير حالة جديدة – في بيتنا في موسينغن</title>" in get_html(
        client, "/ar/integrationskonzept/umsetzungsstand/feed/")
    assert FIELD_AR in get_html(client, "/ar/integrationskonzept/umsetzungsstand/feed/wohnen/").split("<entry>")[0]
    german = get_html(client, "/integrationskonzept/umsetzungsstand/feed/")
    assert "<title>Raumteiler: umgesetzt</title>" in german and 'span lang="de"' not in german
    assert "5. März 2024" in german


@pytest.mark.django_db
def test_the_reason_is_marked_german_on_other_languages_pages(client, arabic):
    report = StatusReportFactory(measure=arabic["raumteiler"], note="Begründung", decision="GR 12/2024",
                                 date=datetime.date(2024, 3, 5), published=True)
    html = get_html(client, "/ar/integrationskonzept/wohnen/raumteiler/")
    assert f'id="meldung-{report.pk}"' in html
    assert '<p lang="de">Begründung</p>' in html and '<span lang="de">GR 12/2024</span>' in html
    assert "5 مارس، 2024" in html
    # The untranslated measure, served in German under /ar/, too.
    StatusReportFactory(measure=arabic["other"], note="Zweite Begründung", published=True)
    assert '<p lang="de">Zweite Begründung</p>' in get_html(client, "/ar/integrationskonzept/wohnen/cafe/")
    german = get_html(client, "/integrationskonzept/wohnen/raumteiler/")
    assert "<p>Begründung</p>" in german and "5. März 2024" in german


@pytest.mark.django_db
def test_open_data_is_one_dataset_in_every_language(client, arabic):
    StatusReportFactory(measure=arabic["raumteiler"], published=True)
    translate(arabic["raumteiler"], "uk", title="Раумтайлер")
    base = "integrationskonzept/umsetzungsstand/offene-daten/"
    for name in ("massnahmen-csv/", "statusmeldungen-csv/", "massnahmen-json/"):
        german = client.get(f"/{base}{name}")
        for code in ("ar", "uk"):
            other = client.get(f"/{code}/{base}{name}")
            assert other.content == german.content and other["ETag"] == german["ETag"], (code, name)
    rows = client.get(f"/{base}massnahmen-csv/").content.decode("utf-8-sig").strip().split("\r\n")
    assert len(rows) == 1 + 2  # the header, Raumteiler and the café: no row for a translation
    assert sum("Raumteiler" in row for row in rows) == 1 and "umgesetzt" not in rows[0]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["de", "de-x-ls", "en", "tr", "ar", "uk"])
def test_the_open_data_documentation_in_every_language(client, concept_tree, code):
    """Rendered in each language – the overview untranslated, so in German in the
    language's frame – with its links keeping the visitor's language."""
    prefix = "" if code == "de" else f"/{code}"
    overview = f"{prefix}/integrationskonzept/umsetzungsstand/"
    html = get_html(client, f"{overview}offene-daten/")
    assert f'<html lang="{code}"' in html
    for link in ("", "feed/", "offene-daten/massnahmen-csv/", "offene-daten/massnahmen-json/"):
        assert f'href="{overview}{link}"' in html, link


def listing_queries(urls):
    """Queries of a cold render of each address (nothing cached)."""
    counts = {}
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            get_html(Client(), url)
        counts[url] = len(captured.captured_queries)
    return counts


@pytest.mark.django_db
def test_listings_cost_the_same_for_3_and_30_measures_in_german_and_arabic(arabic):
    urls = [
        f"{prefix}/integrationskonzept/{path}"
        for prefix in ("", "/ar")
        for path in ("", "wohnen/", "umsetzungsstand/", "umsetzungsstand/feed/", "umsetzungsstand/feed/wohnen/")
    ] + ["/", "/ar/"]
    MeasurePageFactory(parent=arabic["wohnen"], title="Dritte Maßnahme", slug="dritte")
    StatusReportFactory(measure=arabic["raumteiler"], published=True)
    listing_queries(urls)  # the footer's settings row is created on the first request
    small = listing_queries(urls)
    for i in range(27):
        measure = MeasurePageFactory(parent=arabic["wohnen"], title=f"Maßnahme {i}", slug=f"m-{i}")
        StatusReportFactory(measure=measure, published=True)
        if i % 3 == 0:
            translate(measure, "ar", title=f"إجراء {i}")
    large = listing_queries(urls)
    assert small == large
    html = get_html(Client(), "/ar/integrationskonzept/wohnen/")
    assert "إجراء 0</a>" in html and 'lang="de"><a class="kern-link" href="/ar/integrationskonzept/wohnen/m-1/">' in html
    german, arabic_counts = small["/integrationskonzept/wohnen/"], small["/ar/integrationskonzept/wohnen/"]
    # Another language's own queries: Wagtail's lookup of the Arabic home page, the
    # translations of the layout's pages and of the breadcrumb's, the field's German source
    # and the translations of the listed measures.
    assert arabic_counts - german <= 5, small
