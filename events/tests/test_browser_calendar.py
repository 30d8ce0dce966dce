"""In Chromium: the month as a grid of weeks at 1280 px (right to left in Arabic), as a list at
320 px without horizontal scrolling, with no axe-core violation; the list and the home page's
next events at 320 px."""

import pytest
from wagtail.models import Locale

from events.factories import EventIndexPageFactory, EventPageFactory
from moessingen_site.tests.test_browser_checks import AXE_SOURCE, RUN_AXE, TOO_WIDE, WCAG_TAGS
from moessingen_site.tests.test_languages import translate

from .conftest import NOW, berlin, fresh_site, frozen_time

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRID = """() => {
  const list = document.querySelector(".month-days");
  const style = getComputedStyle(list);
  const cells = [...list.children].map(li => {
    const box = li.getBoundingClientRect();
    return {x: box.x, y: box.y, width: box.width, visible: box.width > 0 && box.height > 0};
  });
  return {
    display: style.display, columns: style.gridTemplateColumns.split(" ").length, cells,
    weekdays: getComputedStyle(document.querySelector(".month-grid__weekdays")).display,
    dir: document.documentElement.dir,
  };
}"""


@pytest.fixture
def month(db):
    """A calendar with a weekly series and an event with registration in November 2026, the
    server's clock at Saturday 21 November (the live server runs in this process)."""
    with frozen_time(NOW):
        calendar = EventIndexPageFactory(parent=fresh_site())
        EventPageFactory(
            parent=calendar, title="Sprachcafé", start=berlin(2026, 11, 3, 17), end=berlin(2026, 11, 3, 19),
            recurrence_frequency="WEEKLY",
        )
        EventPageFactory(
            parent=calendar, title="Mitmach-Workshop mit einem recht langen Titel", start=berlin(2026, 11, 21, 18),
            end=berlin(2026, 11, 21, 20), registration_enabled=True, capacity=10,
        )
        yield calendar, f"{calendar.url}monat/2026-11/"


def axe_violations(page):
    return [f"{v['id']}: {v['help']} {v['nodes']}" for v in page.evaluate(RUN_AXE, WCAG_TAGS)]


def open_page(browser, width, url, locale="de-DE"):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale)
    context.add_init_script(script=AXE_SOURCE)
    page = context.new_page()
    page.goto(url)
    return context, page


def test_the_month_is_a_grid_at_1280_px_and_a_list_at_320_px(browser, live_server, month):
    _calendar, url = month
    context, page = open_page(browser, 1280, live_server.url + url)
    grid = page.evaluate(GRID)
    assert grid["display"] == "grid" and grid["columns"] == 7 and grid["weekdays"] == "grid"
    week = grid["cells"][:7]
    assert all(cell["visible"] for cell in grid["cells"])
    assert len({round(cell["y"]) for cell in week}) == 1  # one row
    assert [cell["x"] for cell in week] == sorted(cell["x"] for cell in week)  # Monday on the left
    assert page.locator('.month-day[aria-current="date"]').is_visible()
    assert axe_violations(page) == []
    context.close()

    context, page = open_page(browser, 320, live_server.url + url)
    grid = page.evaluate(GRID)
    assert grid["display"] != "grid" and grid["weekdays"] == "none"
    visible = [cell for cell in grid["cells"] if cell["visible"]]
    assert 4 <= len(visible) <= 6  # the days with dates, one under the other
    assert len({round(cell["x"]) for cell in visible}) == 1
    wide = page.evaluate(TOO_WIDE)
    assert wide["scroll"] <= 320, wide
    assert page.get_by_text("Mitmach-Workshop mit einem recht langen Titel").is_visible()
    assert axe_violations(page) == []
    context.close()


def test_the_arabic_month_grid_runs_from_right_to_left(browser, live_server, month):
    calendar, url = month
    Locale.objects.get_or_create(language_code="ar")
    translate(calendar, "ar")
    context, page = open_page(browser, 1280, live_server.url + "/ar" + url, locale="ar")
    grid = page.evaluate(GRID)
    assert grid["dir"] == "rtl" and grid["display"] == "grid" and grid["columns"] == 7
    week = grid["cells"][:7]
    assert [cell["x"] for cell in week] == sorted((cell["x"] for cell in week), reverse=True)  # Monday on the right
    assert axe_violations(page) == []
    context.close()


def test_the_list_and_the_home_pages_next_events_at_320_px(browser, live_server, month):
    calendar, _url = month
    for url in (calendar.url, "/"):
        context, page = open_page(browser, 320, live_server.url + url)
        wide = page.evaluate(TOO_WIDE)
        assert wide["scroll"] <= 320, (url, wide)
        assert page.get_by_text("Nächste Termine:").first.is_visible()  # the series once
        assert page.get_by_text("Anmeldung offen: noch 10 Plätze frei").is_visible()
        assert axe_violations(page) == [], url
        context.close()
