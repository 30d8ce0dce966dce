"""Lighthouse on one URL per page type of the production set-up, run by bench/lighthouse.

Steps: picks the URLs from the demo content (home, "Umsetzungsstand", the measure
"Raumteiler", a field of action, the calendar, an upcoming event, the committee, the news
index, a news article, a search, "Offene Daten"), starts gunicorn with the production
settings and the page cache on (static files from whitenoise), runs Lighthouse (the npm
package in bench/node_modules, default mobile emulation: slow 4G, mid-range phone) with
Debian's Chromium on each URL, prints performance / accessibility / best practices / SEO
and the largest contentful paint, and writes each report to bench/out/lighthouse/.

Each URL is fetched once before its audit, so the page cache holds it – as for the second
visitor of a page in production. Exit status 1 when a URL misses a target (performance
< 95, any other category < 100) for a reason not listed in EXPECTED.
"""

import argparse
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from bench.drive import start_gunicorn, stop

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out" / "lighthouse"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Failed audits that are decisions, not defects: robots.txt keeps crawlers off the search
# results (Disallow: /suche/, moessingen_site/service.py), as search engines ask of sites'
# own result pages, and Lighthouse's SEO category counts that against the search page.
EXPECTED = {("search", "is-crawlable"): "robots.txt keeps crawlers off search results (deliberate)"}


def pick_urls():
    """(name, path) for each page type of the demo content."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.utils import timezone
    from wagtail.models import Locale

    from committee.models import CommitteePage
    from concept.pages import FieldOfActionPage, MeasurePage
    from concept.progress import ProgressPage
    from events.event_page import EventPage
    from events.models import EventIndexPage
    from news.models import NewsArticlePage, NewsIndexPage

    german = Locale.get_default()

    def first(model, **where):
        return model.objects.live().public().filter(locale=german, **where).order_by("path").first()

    progress = first(ProgressPage)
    measure = first(MeasurePage, title__icontains="Raumteiler") or first(MeasurePage)
    event = first(EventPage, start__gte=timezone.now()) or first(EventPage)
    # The Begleitgremium: the committee page nearest the home page (the Steuerungskreis is deeper).
    committee = CommitteePage.objects.live().public().filter(locale=german).order_by("depth", "path").first()
    article = NewsArticlePage.objects.live().public().filter(locale=german).order_by("-first_published_at").first()
    urls = [
        ("home", "/"),
        ("Umsetzungsstand", progress.url),
        ("measure", measure.url),
        ("field of action", first(FieldOfActionPage).url),
        ("calendar", first(EventIndexPage).url),
        ("event", event.url),
        ("committee", committee.url),
        ("news index", first(NewsIndexPage).url),
        ("news article", article.url),
        ("search", "/suche/?q=Wohnen"),
        ("Offene Daten", progress.url + progress.reverse_subpage("open_data")),
    ]
    return urls


def audit(origin, name, path):
    url = origin + path
    with urllib.request.urlopen(url, timeout=30) as response:  # fills the page cache
        response.read()
    slug = "".join(c if c.isalnum() else "-" for c in name)
    report = OUT / f"{slug}.json"
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
    ]
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")))
    result = json.loads(report.read_text())
    scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
    lcp = result["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    failed = sorted(
        audit["id"] for category in CATEGORIES if category != "performance"
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"] and (audit := result["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
    )
    return scores, lcp, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8018)
    parser.add_argument("--only", help="audit only the page types whose name contains this")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    urls = [(n, p) for n, p in pick_urls() if not args.only or args.only in n]
    server = start_gunicorn(args.port, workers=2)
    origin = f"http://127.0.0.1:{args.port}"
    missed = []
    try:
        print(f"{'page type':<17} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'SEO':>5} {'LCP s':>6}  URL")
        for name, path in urls:
            scores, lcp, failed = audit(origin, name, path)
            print(f"{name:<17} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES) + f" {lcp:>6.2f}  {path}", flush=True)
            for audit_id in failed:
                print(f"{'':<17} failed audit {audit_id}" + (f": {EXPECTED[name, audit_id]}" if (name, audit_id) in EXPECTED else ""), flush=True)
            if all((name, audit_id) in EXPECTED for audit_id in failed):
                missed += [f"{name} performance {scores['performance']}"] if scores["performance"] < TARGETS["performance"] else []
            else:
                missed += [f"{name} {c} {scores[c]}" for c in CATEGORIES if scores[c] < TARGETS[c]]
    finally:
        stop(server)
    if missed:
        print("below target: " + "; ".join(missed))
        sys.exit(1)


if __name__ == "__main__":
    main()
