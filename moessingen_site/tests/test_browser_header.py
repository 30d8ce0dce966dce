"""The phone's first screen (issue 14): the header leaves room for the content.

At 360 × 740 px the header took about 440 px before any content. Now, on a phone, it is
one bar (the site's name, the language disclosure) and a „Menü und Suche“ line; both open
as <details> disclosures, so they work without JavaScript. Checked in Chromium, German
and Arabic (right to left):

- the header is at most a quarter of the viewport's height, the navigation hidden;
- by keyboard alone, with JavaScript off: Tab reaches the menu's summary with visible
  focus, Enter opens it, the next Tabs reach the search and the navigation links; the same
  for the languages, whose links keep their lang and dir;
- axe finds nothing, closed and opened;
- at 1280 px the navigation and the language links are shown at once, no summary.
"""

import pytest
from django.core.management import call_command

from .test_browser_checks import AXE_SOURCE, FOCUS_STYLE, RUN_AXE, TOO_WIDE, WCAG_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 900}
HEADER_HEIGHT = "() => document.querySelector('.site-header').getBoundingClientRect().height"
SHOWN = "(selector) => [...document.querySelectorAll(selector)].filter(el => el.checkVisibility()).length"
FOCUSED_CLASS = "() => document.activeElement ? String(document.activeElement.className) : ''"
FOCUSED_LINK = """() => {
  const el = document.activeElement;
  return el && el.tagName === "A" ? {nav: !!el.closest(".main-nav"), lang: el.getAttribute("lang"),
    dir: el.getAttribute("dir"), switcher: !!el.closest(".language-switcher")} : null;
}"""


def tab_to(page, css_class, limit=12):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if css_class in page.evaluate(FOCUSED_CLASS):
            return True
    return False


def keyboard_problems(page, url):
    """Both disclosures, opened and walked by keyboard (the page has JavaScript off)."""
    problems = []
    page.goto(url, wait_until="load")
    if not tab_to(page, "site-menu__toggle"):
        return [f"{url}: the menu's summary not reached by Tab"]
    focus = page.evaluate(FOCUS_STYLE)
    if not (focus["visible"] and (focus["outline"] or focus["shadow"])):
        problems.append(f"{url}: no visible focus on the menu's summary: {focus}")
    page.keyboard.press("Enter")
    if not page.evaluate(SHOWN, ".main-nav"):
        problems.append(f"{url}: Enter on the menu's summary does not show the navigation")
    if not tab_to(page, "site-search__input", limit=6):
        problems.append(f"{url}: the search field not reached by Tab in the opened menu")
    for _ in range(8):
        page.keyboard.press("Tab")
        link = page.evaluate(FOCUSED_LINK)
        if link and link["nav"]:
            focus = page.evaluate(FOCUS_STYLE)
            if not (focus["visible"] and (focus["outline"] or focus["shadow"])):
                problems.append(f"{url}: no visible focus on a navigation link: {focus}")
            break
    else:
        problems.append(f"{url}: no navigation link reached by Tab in the opened menu")

    page.goto(url, wait_until="load")
    if not tab_to(page, "language-switcher__toggle"):
        return problems + [f"{url}: the language summary not reached by Tab"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    link = page.evaluate(FOCUSED_LINK)
    if not (link and link["switcher"] and link["lang"] == "de" and link["dir"] == "ltr"):
        problems.append(f"{url}: after opening the languages, Tab reaches {link}, not the link to Deutsch")
    return problems


def test_phone_header_in_chromium(browser, live_server):
    call_command("load_demo_content", verbosity=0)
    origin = live_server.url
    phone = browser.new_context(viewport=PHONE, locale="de-DE")
    phone.add_init_script(script=AXE_SOURCE)
    keyboard_only = browser.new_context(viewport=PHONE, locale="de-DE", java_script_enabled=False)
    wide = browser.new_context(viewport=WIDE, locale="de-DE")
    page, plain, desktop = phone.new_page(), keyboard_only.new_page(), wide.new_page()

    report, heights = [], {}
    for prefix in ("", "/ar"):
        for path in ("/", "/integrationskonzept/umsetzungsstand/"):
            url = origin + prefix + path
            page.goto(url, wait_until="load")
            height = heights[prefix + path] = page.evaluate(HEADER_HEIGHT)
            if height > PHONE["height"] / 4:
                report.append(f"{url}: header {height:.0f} px high at 360 × 740, more than a quarter")
            if page.evaluate(SHOWN, ".main-nav__link"):
                report.append(f"{url}: navigation links shown on a phone before the menu is opened")
            for state in ("closed", "open"):
                if state == "open":
                    page.click(".site-menu__toggle")
                    page.click(".language-switcher__toggle")
                    if not page.evaluate(SHOWN, ".main-nav__link") or not page.evaluate(SHOWN, ".language-switcher__link"):
                        report.append(f"{url}: a click does not open the menu and the languages")
                for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
                    report.append(f"{url} ({state}): axe {violation['id']} {violation['help']}: {violation['nodes']}")
                width = page.evaluate(TOO_WIDE)
                if width["scroll"] > width["width"] + 1:
                    report.append(f"{url} ({state}): {width['scroll']} px wide at 360 px: {width['wide']}")
            report += keyboard_problems(plain, url)

            desktop.goto(url, wait_until="load")
            if desktop.evaluate(SHOWN, ".main-nav__link") < 3 or desktop.evaluate(SHOWN, ".language-switcher__link") != 6:
                report.append(f"{url}: at 1280 px the navigation or the language links are not all shown")
            if desktop.evaluate(SHOWN, ".site-disclosure__toggle"):
                report.append(f"{url}: at 1280 px a disclosure's summary is shown")

    for context in (phone, keyboard_only, wide):
        context.close()
    print(f"\nheader heights at 360 × 740: {heights}")
    assert not report, "\n".join(report)
