"""BITV 2.0 / WCAG 2.1 AA and privacy, checked in Chromium on every page type of the demo site.

One pass over the site runs every check, because building the demo site and crawling
it costs more than the checks themselves on a small CI machine:

- axe-core (vendored, tests/vendor/axe-core) with the wcag2a, wcag2aa, wcag21a and
  wcag21aa rules: no violation;
- privacy: every network request goes to the site's own origin; no cookie unless the
  page has a form; no Content-Security-Policy violation (the real CSP is enforced);
- keyboard: the first Tab reaches the visible skip link, Enter moves focus to <main>,
  the main navigation is reachable by Tab and focus is visible on it;
- reflow: no horizontal scrolling at 320 CSS pixels;
- without JavaScript: the page's main content and heading are there;
- print: navigation, search and forms hidden on measure, event and committee pages.

URLs: one per page type from `Page.objects.live()`, plus one per other HTML route found
by crawling the links (search, month views, archives, open data), plus the 404 page.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from .public_urls import discover, html_urls_one_per_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " → " + n.failureSummary.split("\\n").slice(1).join(" "))
  }));
}"""
COLLECT_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName, id: el.id, cls: el.className, text: (el.innerText || "").trim().slice(0, 40),
    inNav: !!el.closest(".main-nav"),
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== "none",
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
  };
}"""
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""
PRINT_KINDS = ("MeasurePage", "EventPage", "CommitteePage")
PRINT_HIDDEN = [".main-nav", ".site-search", ".skip-link", ".accessibility-links"]


def keyboard_problems(page):
    problems = []
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STYLE)
    if not first or "skip-link" not in str(first["cls"]):
        return [f"first Tab reaches {first}, not the skip link"]
    if not (first["visible"] and (first["outline"] or first["shadow"])):
        problems.append(f"skip link not visibly focused: {first}")
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement && document.activeElement.id") != "main":
        problems.append("the skip link does not move focus to <main>")
    # From the top again: the main navigation within a few Tabs, with visible focus.
    page.reload(wait_until="load")
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused and focused["inNav"]:
            if not (focused["outline"] or focused["shadow"]):
                problems.append(f"no visible focus on the navigation link {focused['text']!r}")
            break
    else:
        problems.append("main navigation not reached within 15 Tabs")
    return problems


def test_every_page_type_in_chromium(browser, live_server, disk_media):
    call_command("load_demo_content", verbosity=0)
    from django.test import Client

    found, _broken = discover(Client())
    urls = html_urls_one_per_kind(found) + ["/gibt-es-nicht/"]
    kinds = {url: found[url]["kind"] if url in found else "404" for url in urls}
    origin = live_server.url

    report = {name: [] for name in ("axe", "privacy", "csp", "cookies", "keyboard", "reflow", "nojs", "print")}
    requests = []

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    desktop.add_init_script(script=AXE_SOURCE)
    desktop.add_init_script(script=COLLECT_CSP_VIOLATIONS)
    desktop.on("request", lambda request: requests.append(request.url))
    narrow = browser.new_context(viewport={"width": 320, "height": 640}, locale="de-DE")
    nojs = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False, locale="de-DE")
    nojs.on("request", lambda request: requests.append(request.url))
    page, small, plain = desktop.new_page(), narrow.new_page(), nojs.new_page()

    violations_total = 0
    for url in urls:
        cookies_before = {c["name"] for c in desktop.cookies()}
        page.goto(origin + url, wait_until="load")
        for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
            violations_total += 1
            report["axe"].append(f"{url} [{kinds[url]}]: {violation['id']} ({violation['impact']}) "
                                 f"{violation['help']}: {violation['nodes']}")
        for blocked in page.evaluate("() => window.__cspViolations"):
            report["csp"].append(f"{url}: {blocked}")
        new_cookies = {c["name"] for c in desktop.cookies()} - cookies_before
        has_form = page.locator("form[method=post]").count() > 0
        if new_cookies and (not has_form or new_cookies != {"csrftoken"}):
            report["cookies"].append(f"{url} sets {new_cookies} (POST form on page: {has_form})")
        report["keyboard"] += [f"{url}: {problem}" for problem in keyboard_problems(page)]

        small.goto(origin + url, wait_until="load")
        width = small.evaluate(TOO_WIDE)
        if width["scroll"] > width["width"] + 1:
            report["reflow"].append(f"{url}: {width['scroll']} px wide at 320 px, too wide: {width['wide']}")

        # Without JavaScript the same main content, heading included.
        plain.goto(origin + url, wait_until="load")
        heading = plain.locator("main h1")
        with_js = len(page.locator("main").inner_text())
        without_js = len(plain.locator("main").inner_text())
        if heading.count() != 1 or not heading.inner_text().strip() or without_js < 0.9 * with_js:
            report["nojs"].append(f"{url}: without JavaScript {without_js} characters of main content "
                                  f"(with: {with_js}), headings {heading.count()}")

        if kinds[url] in PRINT_KINDS:
            page.emulate_media(media="print")
            for selector in PRINT_HIDDEN:
                shown = page.locator(selector).evaluate_all(
                    "els => els.filter(e => getComputedStyle(e).display !== 'none').length"
                )
                if shown:
                    report["print"].append(f"{url}: {selector} is printed")
            page.emulate_media(media="screen")

    # The feedback form with its error messages, as a visitor sees it after a mistake.
    page.goto(origin + "/barrierefreiheit/")
    page.get_by_role("button", name="Rückmeldung senden").click()
    page.wait_for_load_state()
    for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
        violations_total += 1
        report["axe"].append(f"/barrierefreiheit/ (form errors): {violation['id']} {violation['help']}: "
                             f"{violation['nodes']}")

    foreign = sorted({r for r in requests if not r.startswith((origin, "data:", "blob:"))})
    report["privacy"] = [f"request to another origin: {r}" for r in foreign]
    own_paths = {urlsplit(r).path for r in requests if r.startswith(origin)}
    print_checked = [u for u in urls if kinds[u] in PRINT_KINDS]
    for context in (desktop, narrow, nojs):
        context.close()

    print(
        f"\nbrowser: {len(urls)} URLs ({len(set(kinds.values()))} kinds: {sorted(set(kinds.values()))}); "
        f"axe violations {violations_total}; network requests {len(requests)} "
        f"({len(own_paths)} distinct paths), to other origins {len(foreign)}; "
        f"CSP violations {len(report['csp'])}; keyboard problems {len(report['keyboard'])}; "
        f"too wide at 320 px {len(report['reflow'])}; without JavaScript {len(report['nojs'])}; "
        f"print-checked {print_checked}"
    )
    problems = {name: found_problems for name, found_problems in report.items() if found_problems}
    assert not problems, "\n".join(f"== {name}\n" + "\n".join(items) for name, items in problems.items())
    assert len(urls) >= 15
    assert print_checked
