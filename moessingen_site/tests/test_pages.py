"""Every page type of the demo site renders; the tree cannot be built wrong."""

import pytest
from wagtail.models import Page

from concept.models import (
    ConceptPage,
    FieldOfActionPage,
    HistoryPage,
    LeitbildPage,
    MeasurePage,
)
from moessingen_site.models import HomePage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage

FOUNDATION_PAGE_TYPES = [
    HomePage, StandardPage, ConceptPage, LeitbildPage, FieldOfActionPage, MeasurePage, HistoryPage,
    NewsIndexPage, NewsArticlePage,
]


class TestOnTheDemoSite:
    """On the demo site, loaded once for the class (conftest.demo_content)."""

    @pytest.mark.django_db
    @pytest.mark.parametrize("page_type", FOUNDATION_PAGE_TYPES, ids=lambda m: m.__name__)
    def test_every_page_type_renders_with_demo_content(self, client, demo_site, page_type):
        page = page_type.objects.live().first()
        assert page is not None, f"demo content has no {page_type.__name__}"
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="de" dir="ltr">' in html
        assert html.count("<h1") == 1
        assert 'href="#main"' in html and 'id="main"' in html
        assert "<nav" in html and "<footer" in html

    @pytest.mark.django_db
    def test_every_live_page_of_the_demo_site_answers_200(self, client, demo_site):
        for page in Page.objects.live().filter(depth__gt=1):
            assert client.get(page.url).status_code == 200, page.url

    @pytest.mark.django_db
    def test_measure_page_shows_status_as_text_and_symbol(self, client, demo_site):
        html = client.get("/integrationskonzept/wohnen-und-wohnumfeld/raumteiler/").content.decode()
        assert 'class="status status--geplant"' in html
        assert '<span class="status__symbol" aria-hidden="true">○</span> geplant' in html
        assert "Gebäudemanagement" in html
        assert "Einfach erklärt" in html

    @pytest.mark.django_db
    def test_breadcrumb_and_navigation(self, client, demo_site):
        html = client.get("/integrationskonzept/entstehung/").content.decode()
        assert 'aria-label="Sie sind hier"' in html
        assert '<span aria-current="page">Entstehung</span>' in html
        assert 'aria-current="page">Start' not in html
        # The concept section is marked as the active one in the main navigation.
        assert 'main-nav__link main-nav__link--active" href="/integrationskonzept/"' in html

    @pytest.mark.django_db
    def test_footer_shows_contact_and_legal_links(self, client, demo_site):
        html = client.get("/").content.decode()
        assert "mailto:integration@moessingen.de" in html
        for title in ("Impressum", "Datenschutz", "Erklärung zur Barrierefreiheit", "Kontakt"):
            assert f">{title}</a>" in html

    @pytest.mark.django_db
    def test_unknown_url_is_404(self, client, demo_site):
        assert client.get("/gibt-es-nicht/").status_code == 404

    @pytest.mark.django_db
    def test_the_navigation_marks_where_the_visitor_is(self, demo_site, client):
        """The home page's own entry on the home page, the section on a page inside it."""
        home = client.get("/").content.decode()
        assert 'class="main-nav__link main-nav__link--active" href="/" aria-current="page"' in home
        measure = client.get("/integrationskonzept/wohnen-und-wohnumfeld/raumteiler/").content.decode()
        assert 'class="main-nav__link main-nav__link--active" href="/integrationskonzept/">' in measure
        assert 'class="main-nav__link" href="/">' in measure

    @pytest.mark.django_db
    def test_every_page_has_a_meta_description_without_markup(self, client, demo_site):
        """From the page's search description, else its summary or introduction, else its title
        and the site's name (W3C and Lighthouse ask for one on every page)."""
        import re

        from wagtail.models import Page

        for page in Page.objects.live().public().filter(depth__gt=1, locale__language_code="de"):
            html = client.get(page.url).content.decode()
            found = re.search(r'<meta name="description" content="([^"]+)">', html)
            assert found, page.url
            assert "<" not in found.group(1) and "&lt;" not in found.group(1), page.url

    @pytest.mark.django_db
    def test_headings_do_not_skip_a_level_and_forms_name_their_action(self, client, demo_site):
        """W3C Nu checker findings: the news list's teasers are h2 below its h1; the calendar's
        filter form has its own address as action, never an empty one."""
        import re

        for url in ("/aktuelles/", "/", "/veranstaltungen/"):
            html = client.get(url).content.decode()
            levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
            assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), (url, levels)
            assert 'action=""' not in html, url
        assert 'action="/veranstaltungen/"' in client.get("/veranstaltungen/").content.decode()


class TestPageTreeRules:
    def test_allowed_children(self):
        assert set(ConceptPage.allowed_subpage_models()) >= {LeitbildPage, FieldOfActionPage, HistoryPage}
        assert FieldOfActionPage.allowed_subpage_models() == [MeasurePage]
        assert MeasurePage.allowed_subpage_models() == []
        assert NewsIndexPage.allowed_subpage_models() == [NewsArticlePage]
        assert {ConceptPage, NewsIndexPage, StandardPage} <= set(HomePage.allowed_subpage_models())

    def test_allowed_parents(self):
        assert MeasurePage.allowed_parent_page_models() == [FieldOfActionPage]
        assert FieldOfActionPage.allowed_parent_page_models() == [ConceptPage]
        assert NewsArticlePage.allowed_parent_page_models() == [NewsIndexPage]
        assert ConceptPage.allowed_parent_page_models() == [HomePage]

    def test_a_measure_cannot_be_created_under_the_home_page(self, demo_site):
        assert not MeasurePage.can_create_at(demo_site)
        assert not HomePage.can_create_at(demo_site)  # only one home page


