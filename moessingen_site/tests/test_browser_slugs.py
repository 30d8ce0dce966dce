"""In the admin's editor, the slug that the title fills in spells umlauts out (slugs.py):
Wagtail's own script would make „wohnraumborse“ (or keep „wohnraumbörse“)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from moessingen_site.factories import HomePageFactory, make_site
from moessingen_site.roles import REDAKTION
from news.factories import NewsIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_a_title_with_umlauts_fills_a_transliterated_slug(browser, live_server):
    home = HomePageFactory()
    make_site(home)
    news = NewsIndexPageFactory(parent=home, title="Aktuelles", slug="aktuelles")
    user = get_user_model().objects.create_user("redaktion-browser", password="redaktion-browser-2026")
    user.groups.add(Group.objects.get(name=REDAKTION))

    page = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "redaktion-browser")
    page.fill("#id_password", "redaktion-browser-2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/add/news/newsarticlepage/{news.pk}/")
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially("Wohnraumbörse für Geflüchtete – Große Straße")
    title.press("Tab")
    slug = page.locator("#id_slug")
    # The title fills the slug after a short pause (Wagtail's sync is debounced).
    expect(slug).to_have_value("wohnraumboerse-fuer-gefluechtete-grosse-strasse")

    # An editor who types a slug with umlauts gets it spelt out when leaving the field.
    page.get_by_role("tab", name="Veröffentlichung").click()
    slug.fill("Bürgerfest Öschingen")
    slug.blur()
    expect(slug).to_have_value("buergerfest-oeschingen")
    page.context.close()
