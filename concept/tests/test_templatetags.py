"""The concept's template tags: the home page's summary and the one status badge."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from concept.factories import StatusReportFactory
from concept.status import MeasureStatus

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template(source).render(Context(context))


def test_concept_summary_on_the_home_page(concept_tree, home_page):
    StatusReportFactory(measure=concept_tree["raumteiler"], status=MeasureStatus.DONE, published=True)
    request = RequestFactory().get("/")
    html = render("{% load concept_tags %}{% concept_summary %}", request=request, page=home_page)
    assert "Was die Stadt schon umgesetzt hat" in html
    assert "2. Dezember 2019" in html
    assert "Es enthält 1 Maßnahme." in html
    assert '<span class="status-summary__count">1</span> <span class="status status--umgesetzt">' in html
    assert '<span class="status-summary__count">0</span> <span class="status status--geplant">' in html
    assert f'href="{concept_tree["concept"].url}"' in html
    # Without the page in the context: below the site's root.
    assert render("{% load concept_tags %}{% concept_summary %}", request=request) == html


def test_concept_summary_is_empty_without_a_concept(home_page):
    request = RequestFactory().get("/")
    assert render("{% load concept_tags %}{% concept_summary %}", request=request, page=home_page).strip() == ""


@pytest.mark.parametrize("status", ["umgesetzt", MeasureStatus.DONE])
def test_one_badge_for_a_stored_value_or_a_status(status):
    html = render('{% include "includes/status_badge.html" %}', status=status)
    assert html.strip() == (
        '<span class="status status--umgesetzt"><span class="status__symbol" aria-hidden="true">✔</span> umgesetzt</span>'
    )


def test_an_unknown_status_shows_no_badge_instead_of_failing():
    assert render('{% include "includes/status_badge.html" %}', status="erfunden").strip() == ""
