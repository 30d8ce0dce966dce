"""The overview on a 320 px phone (issue 14), in German and in Arabic (right to left): the
page does not scroll sideways; the table of fields × statuses shows every count with its
status and its caption whole; the chart over time keeps readable labels in a labelled
region reachable by keyboard; axe finds nothing."""

from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_SOURCE = (
    Path(__file__).resolve().parents[2] / "moessingen_site" / "tests" / "vendor" / "axe-core" / "axe.min.js"
).read_text()
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const inside = el => { const box = el.getBoundingClientRect(); return box.left >= -1 && box.right <= width + 1; };
  const table = document.querySelector("main table");  // fields × statuses, the first of the overview
  const cells = [...table.querySelectorAll("tbody td, tfoot td")];
  const region = document.querySelector(".timeline-chart__scroll");
  const label = document.querySelector(".timeline-chart__label");
  return {
    pageScrolls: document.documentElement.scrollWidth > width,
    captionWhole: inside(table.querySelector("caption")),
    cells: cells.length,
    cellsVisible: cells.filter(inside).length,
    labelled: cells.every(td => !!td.dataset.label && getComputedStyle(td, "::before").content.includes(td.dataset.label)),
    region: !!region && region.getAttribute("role") === "region" && region.tabIndex === 0
            && !!document.getElementById(region.getAttribute("aria-labelledby")),
    chartLabelPx: label.getBoundingClientRect().height,
  };
}"""


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_the_overview_reads_on_a_320px_phone(browser, live_server, prefix):
    call_command("load_demo_content", verbosity=0)
    context = browser.new_context(viewport={"width": 320, "height": 740}, locale="de-DE")
    context.add_init_script(script=AXE_SOURCE)  # as the site's checks do: no inline script under the CSP
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/integrationskonzept/umsetzungsstand/")
    found = page.evaluate(LAYOUT)
    assert not found["pageScrolls"], found
    assert found["captionWhole"], found
    assert found["cells"] == 5 * 7 and found["cellsVisible"] == found["cells"], found  # 4 fields + all, 6 statuses + sum
    assert found["labelled"] and found["region"], found
    assert found["chartLabelPx"] >= 10, found  # the year labels at their drawn size, not shrunk to 4 px
    # The chart's region is reached by keyboard and scrolls from there.
    region = page.locator(".timeline-chart__scroll")
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('timeline-chart__scroll')")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    page.keyboard.press("ArrowLeft" if prefix == "/ar" else "ArrowRight")
    page.wait_for_function("() => document.querySelector('.timeline-chart__scroll').scrollLeft !== 0")
    assert page.evaluate(RUN_AXE) == []
    page.screenshot(path=f"/tmp/public-overview-320{prefix.replace('/', '-')}.png", full_page=True)
    context.close()
