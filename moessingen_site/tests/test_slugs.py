"""Slugs of new pages spell umlauts out (ä → ae, ß → ss), in the admin and on the server,
and an abandoned, autosaved „Neue Nachricht“ does not block a second attempt (slugs.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client

from moessingen_site.roles import REDAKTION
from moessingen_site.slugs import german_slugify
from news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db

TITLE = "Wohnraumbörse für Geflüchtete – Straße"
EXPECTED = "wohnraumboerse-fuer-gefluechtete-strasse"


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("redaktion-slug", password="x" * 16)
    user.groups.add(Group.objects.get(name=REDAKTION))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, title="Aktuelles", slug="aktuelles")


def create_url(news_index):
    return f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"


def article_data(title, slug=""):
    return {"title": title, "slug": slug, "teaser": "Beispiel.", "date": "2026-01-05", "body-count": "0"}


def test_german_slugify():
    assert german_slugify("Arbeit und Beschäftigung") == "arbeit-und-beschaeftigung"
    assert german_slugify("ÄÖÜ äöü ß Café") == "aeoeue-aeoeue-ss-cafe"


def test_admin_create_with_the_title_only_gets_a_transliterated_slug(staff, news_index):
    response = staff.post(create_url(news_index), article_data(TITLE))
    assert response.status_code == 302
    assert NewsArticlePage.objects.get().slug == EXPECTED


def test_a_posted_slug_with_umlauts_is_transliterated(staff, news_index):
    response = staff.post(create_url(news_index), article_data("Neu", slug="bürgerfest-größe"))
    assert response.status_code == 302
    assert NewsArticlePage.objects.get().slug == "buergerfest-groesse"


def test_the_admin_slug_input_carries_the_german_rules(staff, news_index):
    html = staff.get(create_url(news_index)).content.decode()
    assert 'data-w-slug-formatters-value="' in html and "&quot;ae&quot;" in html and "&quot;ss&quot;" in html
    assert "data-w-slug-allow-unicode-value" not in html  # WAGTAIL_ALLOW_UNICODE_SLUGS = False


def test_a_page_saved_in_code_without_a_slug(news_index):
    article = NewsArticlePage(title=TITLE, slug="", teaser="Beispiel.")
    news_index.add_child(instance=article)
    second = NewsArticlePage(title=TITLE, slug="", teaser="Beispiel.", live=False)
    news_index.add_child(instance=second)
    assert (article.slug, second.slug) == (EXPECTED, f"{EXPECTED}-2")


def test_an_abandoned_autosaved_new_article_does_not_block_the_next_attempt(staff, news_index):
    """The cause: Wagtail's autosave posts the create form in the background (JSON) as soon
    as the title is typed, which creates the page as a draft; the editor who leaves the
    form leaves that draft behind. A second attempt with the same title used to fail with
    „Der Kurztitel … wird bereits verwendet“."""
    title = "Sommerfest im Bürgersaal"
    slug = "sommerfest-im-buergersaal"
    autosave = staff.post(create_url(news_index), article_data(title, slug), HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200 and autosave.json()["success"]
    leftover = NewsArticlePage.objects.get()
    assert (leftover.slug, leftover.live, leftover.first_published_at) == (slug, False, None)

    # The second attempt, again autosaved first: the still-open form is told the new slug.
    autosave = staff.post(create_url(news_index), article_data(title, slug), HTTP_ACCEPT="application/json")
    assert autosave.status_code == 200, autosave.content
    assert autosave.json()["field_updates"]["slug"] == f"{slug}-2"
    second = NewsArticlePage.objects.exclude(pk=leftover.pk).get()
    assert second.slug == f"{slug}-2"

    # … and a plain save of a third attempt works too, and says which page holds the slug.
    response = staff.post(create_url(news_index), article_data(title, slug))
    assert response.status_code == 302
    third = NewsArticlePage.objects.exclude(pk__in=[leftover.pk, second.pk]).get()
    assert third.slug == f"{slug}-3"
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("nie veröffentlichter Entwurf" in text and f"{slug}-3" in text for text in texts), texts


def test_an_explicit_slug_of_another_page_is_still_refused(staff, news_index):
    NewsArticlePageFactory(parent=news_index, title="Sommerfest", slug="sommerfest")
    response = staff.post(create_url(news_index), article_data("Ganz anders", slug="sommerfest"))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert NewsArticlePage.objects.count() == 1


def test_editing_keeps_the_slug_rule_for_existing_pages(staff, news_index):
    NewsArticlePageFactory(parent=news_index, title="Sommerfest", slug="sommerfest")
    other = NewsArticlePageFactory(parent=news_index, title="Sommerfest", slug="sommerfest-2")
    data = article_data("Sommerfest", slug="sommerfest")
    response = staff.post(f"/admin/pages/{other.pk}/edit/", data)
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    assert NewsArticlePage.objects.get(pk=other.pk).slug == "sommerfest-2"
