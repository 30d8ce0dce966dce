"""The editor's preview panel shows the page (issue 13).

The panel frames Wagtail's preview URL, which renders the page through the public
middleware chain; with the public pages' `frame-ancestors 'none'` the panel stayed blank
("Framing … violates … frame-ancestors 'none'" in Chromium's console). Preview responses
may be framed by the site's own origin (moessingen_site/security.py). Here an editor of
the Redaktion opens a page's editor in Chromium, opens the preview panel, changes the
title, and finds the changed title rendered inside the panel's frame, with no
Content-Security-Policy violation reported by the browser.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from moessingen_site.roles import REDAKTION

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "vorschau-test-2026"
TITLE = "Vorschau im Redaktionsbereich"


def test_preview_panel_renders_the_page_in_chromium(browser, live_server, home_page):
    from moessingen_site.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Vorschau-Test", slug="vorschau-test")
    editor = get_user_model().objects.create_user(username="redaktion-vorschau", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=REDAKTION))

    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="de-DE")
    tab = context.new_page()
    console = []
    tab.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    base = live_server.url
    tab.goto(f"{base}/admin/login/")
    tab.fill("#id_username", editor.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base}/admin/")

    tab.goto(f"{base}/admin/pages/{page.pk}/edit/", wait_until="load")
    tab.fill("#id_title", TITLE)
    tab.locator("[data-side-panel-toggle='preview']").click()
    # Wagtail loads the preview into a second frame and then replaces the first with it.
    try:
        tab.wait_for_function(
            """(title) => [...document.querySelectorAll("iframe[data-w-preview-target='iframe']")].some(
                 frame => frame.contentDocument && frame.contentDocument.body
                   && frame.contentDocument.body.innerText.includes(title))""",
            arg=TITLE, timeout=30_000,
        )
    finally:
        tab.screenshot(path="/tmp/preview-panel.png")
    frame = tab.frame_locator("iframe[data-w-preview-target='iframe'] >> nth=-1")
    heading = frame.locator("main h1")
    assert heading.inner_text().strip() == TITLE
    assert frame.locator("main#main").count() == 1
    violations = [line for line in console if re.search(r"Content.Security.Policy|frame-ancestors|violates", line, re.I)]
    assert not violations, violations
    context.close()
