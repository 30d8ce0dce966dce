"""The site in six languages: addresses, the switcher, hreflang, the German fallback,
and caches kept apart per language."""

import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Locale, Page

from moessingen_site.factories import StandardPageFactory

LANGUAGES = ["de", "de-x-ls", "en", "tr", "ar", "uk"]


def translate(page, code, title=None):
    """A published translation of `page` in `code` (its ancestors translated first), as
    wagtail-localize leaves one after staff publish it."""
    locale = Locale.objects.get(language_code=code)
    for ancestor in [*page.get_ancestors()[1:], page]:
        ancestor = ancestor.specific
        found = ancestor.get_translation_or_none(locale)
        if found is None:
            found = ancestor.copy_for_translation(locale)
            found.title = f"{ancestor.title} ({code})" if ancestor.pk != page.pk or title is None else title
            found.save_revision().publish()
    return page.get_translation(locale).specific


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.fixture
def pages(home_page):
    kontakt = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    impressum = StandardPageFactory(parent=home_page, title="Impressum", slug="impressum")
    return {"home": home_page, "kontakt": kontakt, "impressum": impressum}


@pytest.mark.django_db
def test_every_language_is_a_locale():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == sorted(LANGUAGES)


@pytest.mark.django_db
def test_german_addresses_stay_and_the_others_are_prefixed(client, pages):
    translate(pages["kontakt"], "ar", title="اتصل بنا")
    german = client.get("/kontakt/")
    assert german.status_code == 200 and html_tag(german) == '<html lang="de" dir="ltr">'
    arabic = client.get("/ar/kontakt/")
    assert arabic.status_code == 200 and html_tag(arabic) == '<html lang="ar" dir="rtl">'
    assert "اتصل بنا" in arabic.content.decode() and "language-notice" not in arabic.content.decode()
    for code in ("de-x-ls", "en", "tr", "uk"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200 and f'lang="{code}"' in html_tag(response), code


@pytest.mark.django_db
def test_a_page_without_translation_is_german_in_the_chosen_language_frame(client, pages):
    """Never a 404 for a page that exists in German: the German page under the language's
    prefix, with a notice in the visitor's language and lang="de" on the German content."""
    response = client.get("/uk/impressum/")
    html = response.content.decode()
    assert response.status_code == 200 and html_tag(response) == '<html lang="uk" dir="ltr">'
    assert "language-notice" in html
    assert re.search(r'<h1[^>]*lang="de"', html) and not re.search(r'<main[^>]*lang=', html)
    assert client.get("/uk/gibt-es-nicht/").status_code == 404


@pytest.mark.django_db
def test_the_switcher_leads_to_the_translation_or_the_german_page_in_that_language(client, pages):
    translate(pages["kontakt"], "ar", title="اتصل بنا")
    html = client.get("/kontakt/").content.decode()
    links = {lang: href for href, lang in re.findall(r'language-switcher__link[^"]*" href="([^"]*)" lang="([^"]*)"', html)}
    assert links == {
        "de": "/kontakt/", "de-x-ls": "/de-x-ls/kontakt/", "en": "/en/kontakt/", "tr": "/tr/kontakt/",
        "ar": "/ar/kontakt/", "uk": "/uk/kontakt/",
    }
    names = re.findall(r'language-switcher__link[^>]*>([^<]*)</a>', html)
    assert names == ["Deutsch", "Leichte Sprache", "English", "Türkçe", "العربية", "Українська"]
    for url in links.values():
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_hreflang_alternates_point_back(client, pages):
    translate(pages["kontakt"], "ar", title="اتصل بنا")
    translate(pages["kontakt"], "uk", title="Контакт")

    def alternates(url):
        html = client.get(url).content.decode()
        return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="https?://[^/"]+([^"]+)">', html))

    german = alternates("/kontakt/")
    assert german == {"de": "/kontakt/", "ar": "/ar/kontakt/", "uk": "/uk/kontakt/", "x-default": "/kontakt/"}
    for code, url in german.items():
        assert alternates(url) == german, code
    assert alternates("/impressum/") == {}  # no translation: no alternates


@pytest.mark.django_db
def test_cached_pages_and_fragments_are_kept_apart_per_language(client, pages, settings):
    """With the page cache on, an Arabic visitor never gets the German page and the reverse."""
    assert settings.MOESSINGEN_PAGE_CACHE
    translate(pages["kontakt"], "ar", title="اتصل بنا")
    for _ in range(2):  # the second round from the caches
        german = client.get("/kontakt/").content.decode()
        arabic = client.get("/ar/kontakt/").content.decode()
        assert 'lang="de"' in german[:200] and "اتصل بنا" not in german
        assert 'lang="ar"' in arabic[:200] and "اتصل بنا" in arabic


@pytest.mark.django_db
def test_listings_show_the_translation_or_the_german_title_marked_german(pages, django_assert_num_queries):
    from django.utils.translation import override

    from moessingen_site.languages import localized

    translate(pages["kontakt"], "ar", title="اتصل بنا")
    german_pages = [pages["kontakt"], pages["impressum"]]
    with override("ar"), django_assert_num_queries(1):
        kontakt, impressum = localized(german_pages)
    assert (kontakt.title, kontakt.url, kontakt.lang) == ("اتصل بنا", "/ar/kontakt/", "")
    assert (impressum.title, impressum.url, impressum.lang) == ("Impressum", "/ar/impressum/", "de")
    assert impressum.source == pages["impressum"] and impressum.slug == "impressum"
    with override("de"), django_assert_num_queries(0):
        kontakt, _ = localized(german_pages)
    assert (kontakt.title, kontakt.url, kontakt.lang) == ("Kontakt", "/kontakt/", "")


@pytest.mark.django_db
def test_the_sitemap_lists_every_language_with_its_alternates(client, pages):
    translate(pages["kontakt"], "ar", title="اتصل بنا")
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", xml)
    assert "/kontakt/" in locations and "/ar/kontakt/" in locations and "/impressum/" in locations
    for loc in ("/kontakt/", "/ar/kontakt/"):
        entry = re.search(r"<url><loc>https?://[^/]+%s</loc>(.*?)</url>" % re.escape(loc), xml).group(1)
        alternates = dict(re.findall(r'hreflang="([^"]+)" href="https?://[^/"]+([^"]+)"', entry))
        assert alternates == {"de": "/kontakt/", "ar": "/ar/kontakt/", "x-default": "/kontakt/"}, loc
    impressum = re.search(r"<url><loc>https?://[^/]+/impressum/</loc>(.*?)</url>", xml).group(1)
    assert "hreflang" not in impressum


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    def test_every_page_in_every_language_has_reciprocal_alternates(self, client, demo_site):
        """Walks every live page of the demo site in every locale: its hreflang alternates
        answer 200 and name the same set, the page itself included."""
        pattern = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="https?://[^/"]+([^"]+)">')
        seen = {}
        pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
        assert {page.locale.language_code for page in pages} == set(LANGUAGES)
        for page in pages:
            url = page.url
            response = client.get(url)
            assert response.status_code == 200, url
            alternates = dict(pattern.findall(response.content.decode()))
            if not alternates:
                continue
            assert alternates.get(page.locale.language_code) == url, url
            for code, target in alternates.items():
                if target not in seen:
                    answer = client.get(target)
                    assert answer.status_code == 200, target
                    seen[target] = dict(pattern.findall(answer.content.decode()))
                assert seen[target] == alternates, (url, target)

    @pytest.mark.django_db
    def test_german_pages_in_another_language_mark_only_the_german_content(self, client, demo_site):
        """On a German page shown under /ar/, the interface around the content stays Arabic –
        labels and dates in Arabic, marked Arabic – and only the page's German content (its
        title, text) carries lang="de". Dates read „28. يناير 2020“ inside German-marked text."""
        arabic_keys = set(Page.objects.filter(locale__language_code="ar").values_list("translation_key", flat=True))
        german = Page.objects.live().public().filter(locale__language_code="de", depth__gt=2).exclude(translation_key__in=arabic_keys)
        assert german.count() > 5
        times = 0
        for page in german:
            response = client.get("/ar" + page.url)
            assert response.status_code == 200, page.url
            found = languages_of(response.content.decode())
            assert ("main", "ar") in found, page.url
            assert [lang for tag, lang in found if tag == "h1"] == ["de"], page.url
            dates = [lang for tag, lang in found if tag == "time"]
            assert set(dates) <= {"ar"}, page.url
            times += len(dates)
        assert times > 5


class LanguageOfElements(HTMLParser):
    """The language each <h1> and <time> in <main> is in: its own or its nearest ancestor's lang."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self.stack[-1][1] if self.stack else None)
        if tag in ("h1", "time", "main"):
            self.found.append((tag, lang))
        if tag not in self.VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def languages_of(html):
    parser = LanguageOfElements()
    parser.feed(html)
    return parser.found


