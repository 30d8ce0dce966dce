"""The home, a measure, the progress page (Umsetzungsstand), the event list and an event in Chromium, in
German, Arabic (right to left) and Leichte Sprache (issue 12).

For each page and language, in one pass (building the demo site costs more than the checks):

- `<html lang dir>` is the language's ("ar" right to left); a page without a translation
  yet is served in German under the language's prefix, with `lang="de" dir="ltr"` on
  <main> and a notice – that is expected, not a fault;
- axe-core (vendored) with the WCAG 2.1 A/AA rules: no violation;
- no horizontal scrolling at 320 CSS pixels;
- the language switcher is reached by Tab with visible focus, and each of its links
  names its language in that language, with that language's lang and dir;
- the switcher is one compact row at 1280 px (not a list of six lines);
- right to left mirrors the layout: the breadcrumb's separator keeps its space on the
  reading side (logical properties in site.css).
"""

import pytest
from django.conf import settings
from django.core.management import call_command

from .test_browser_checks import AXE_SOURCE, FOCUS_STYLE, RUN_AXE, TOO_WIDE, WCAG_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ("de", "ar", "de-x-ls")
SWITCHER_FOCUS = """() => {
  const el = document.activeElement;
  return el && el.closest(".language-switcher") ? true : false;
}"""
SWITCHER_LINK = """() => {
  const el = document.activeElement;
  if (!el || !el.closest(".language-switcher")) return null;
  return {text: el.innerText.trim(), lang: el.getAttribute("lang"), dir: el.getAttribute("dir")};
}"""
SWITCHER_ROWS = """() => new Set([...document.querySelectorAll(".language-switcher__link")]
  .map(a => Math.round(a.getBoundingClientRect().top))).size"""
BREADCRUMB_SEPARATOR = """() => {
  const li = document.querySelector(".breadcrumb__list li + li");
  if (!li) return null;
  const s = getComputedStyle(li, "::before");
  return {start: s.marginInlineStart, left: parseFloat(s.marginLeft), right: parseFloat(s.marginRight)};
}"""


def page_urls():
    """{name: German page} of the kinds of page the issue names; the event with its
    open registration form (whose honeypot once made /ar/ pages scroll sideways)."""
    from concept.pages import MeasurePage
    from concept.progress import ProgressPage
    from events.models import EventIndexPage, EventPage
    from moessingen_site.models import HomePage

    from django.utils import timezone

    upcoming = {"registration_enabled": True, "start__gte": timezone.now()}
    german = {"home": (HomePage, {}), "measure": (MeasurePage, {}), "progress": (ProgressPage, {}),
              "events": (EventIndexPage, {}), "event": (EventPage, upcoming)}
    found = {}
    for name, (model, where) in german.items():
        page = model.objects.live().filter(locale__language_code="de", **where).order_by("path").first()
        assert page is not None, f"demo content without a {model.__name__}"
        found[name] = page
    return found


def address(page, language):
    from moessingen_site.languages import page_address

    return page_address(page, language)


def switcher_problems(page, language):
    """Tab from the top to the switcher; then each of its links in turn."""
    problems = []
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(SWITCHER_FOCUS):
            break
    else:
        return ["language switcher not reached within 20 Tabs"]
    focus = page.evaluate(FOCUS_STYLE)
    if not (focus["visible"] and (focus["outline"] or focus["shadow"])):
        problems.append(f"no visible focus on the switcher link {focus}")
    seen = []
    for position, (code, name) in enumerate(settings.LANGUAGES):
        if position:
            page.keyboard.press("Tab")
        link = page.evaluate(SWITCHER_LINK)
        seen.append(link)
        expected = {"text": name, "lang": code, "dir": "rtl" if code == "ar" else "ltr"}
        if link != expected:
            problems.append(f"switcher link {position + 1}: {link}, expected {expected}")
    return problems


def test_languages_in_chromium(browser, live_server, disk_media):
    call_command("load_demo_content", verbosity=0)
    pages = page_urls()
    origin = live_server.url
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    desktop.add_init_script(script=AXE_SOURCE)
    narrow = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-DE")
    tab, small = desktop.new_page(), narrow.new_page()

    report, checked = [], []
    for language in LANGUAGES:
        for name, german in pages.items():
            url = address(german, language)
            checked.append(url)
            response = tab.goto(origin + url, wait_until="load")
            if response.status != 200:
                report.append(f"{url}: HTTP {response.status}")
                continue
            html = tab.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
            expected = [language, "rtl" if language == "ar" else "ltr"]
            if html != expected:
                report.append(f"{url}: <html lang dir> {html}, expected {expected}")
            main = tab.evaluate("() => [document.querySelector('main').lang, document.querySelector('main').dir]")
            notice = tab.locator(".language-notice").count()
            if main != ["", ""] and not (main == ["de", "ltr"] and notice and language != "de"):
                report.append(f"{url}: <main lang dir> {main} (notice shown: {bool(notice)})")
            for violation in tab.evaluate(RUN_AXE, WCAG_TAGS):
                report.append(f"{url} [{name}]: axe {violation['id']} ({violation['impact']}) "
                              f"{violation['help']}: {violation['nodes']}")
            rows = tab.evaluate(SWITCHER_ROWS)
            if rows != 1:
                report.append(f"{url}: the language switcher takes {rows} rows at 1280 px")
            if language == "ar":
                separator = tab.evaluate(BREADCRUMB_SEPARATOR)
                if separator is not None and not (separator["left"] > 0 and separator["right"] == 0):
                    report.append(f"{url}: breadcrumb separator spaced on the wrong side in rtl: {separator}")
            report += [f"{url}: {problem}" for problem in switcher_problems(tab, language)]

            small.goto(origin + url, wait_until="load")
            width = small.evaluate(TOO_WIDE)
            if width["scroll"] > width["width"] + 1:
                report.append(f"{url}: {width['scroll']} px wide at 320 px, too wide: {width['wide']}")

    desktop.close()
    narrow.close()
    print(f"\nlanguages in the browser: {len(checked)} URLs, problems {len(report)}")
    assert not report, "\n".join(report)
    assert len(checked) == len(LANGUAGES) * 5
