"""The committee page in a real browser: readable at 320 px, no third-party requests, no CSP violations."""

import pytest
from django.core.management import call_command


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_committee_page_at_320_px(live_server, browser):
    call_command("load_demo_content", verbosity=0)
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="de-DE")
    page = context.new_page()
    foreign, console_errors = [], []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.on("console", lambda m: console_errors.append(f"{m.text} {m.location.get('url', '')}") if m.type == "error" else None)
    try:
        response = page.goto(live_server.url + "/begleitgremium/")
        assert response.status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.locator("#mitglieder .member__name").count() == 8
        assert page.locator("#mitglieder h3").all_inner_texts() == [
            "Gemeinderat", "Engagierte Bürgerinnen und Bürger", "Verwaltung",
        ]
        # The in-page links reach their sections without JavaScript.
        page.click("a[href='#sitzungen']")
        assert page.evaluate("location.hash") == "#sitzungen"
        page.goto(live_server.url + "/integrationskonzept/entstehung/")
        assert page.locator(".committee-summary").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
    assert foreign == []
    # A missing /favicon.ico is the site's, not this page's; anything else (CSP violations) fails.
    assert [e for e in console_errors if not e.endswith("/favicon.ico")] == []
