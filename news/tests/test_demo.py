"""The demo news: the seeds' two articles with locally drawn pictures, loaded through the
``load_demo_content`` hook, idempotent."""

import datetime

import pytest
from wagtail import hooks
from wagtail.images import get_image_model

from news import demo
from news.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


def test_two_articles_from_the_seeds_with_locally_drawn_pictures(client, home_page, monkeypatch):
    prepared = []
    monkeypatch.setattr(demo, "prepare_pictures", prepared.append)
    demo.load(home_page)
    index = NewsIndexPage.objects.get()
    assert (index.url, index.show_in_menus) == ("/aktuelles/", True)
    articles = NewsArticlePage.objects.order_by("date")
    assert [(a.slug, a.date) for a in articles] == [
        ("auftaktveranstaltung-zusammenleben-in-moessingen", datetime.date(2018, 11, 24)),
        ("integrationskonzept-vorgestellt", datetime.date(2020, 1, 28)),
    ]
    assert all(a.main_image and a.main_image_alt and "Platzhalterbild" in a.main_image_caption for a in articles)
    assert "Rund 60 Teilnehmende" in articles[0].teaser
    assert any(block.block_type == "gallery" for block in articles[1].body)
    # Their renditions are drawn as publishing in the admin draws them (news/tests/test_renditions.py).
    assert sorted(a.pk for a in prepared) == sorted(a.pk for a in articles)
    html = client.get("/aktuelles/").content.decode()
    assert all(f'href="{a.url}"' in html for a in articles)


def test_runs_twice_without_duplicating_anything(home_page):
    demo.load(home_page)
    pages, images = NewsArticlePage.objects.count(), get_image_model().objects.count()
    demo.load(home_page)
    assert (NewsArticlePage.objects.count(), get_image_model().objects.count()) == (pages, images)


def test_loaded_after_the_concept_and_before_the_committee():
    """The menu lists the home page's children in the order they were created."""
    modules = [fn.__module__ for fn in hooks.get_hooks("load_demo_content")]
    assert modules.index("concept.wagtail_hooks") < modules.index("news.wagtail_hooks")
    assert modules.index("news.wagtail_hooks") < modules.index("committee.wagtail_hooks")
