"""Drives the benchmark: picks the URLs, counts their queries, starts gunicorn, runs wrk.

Run through bench/run, which prepares the database and the environment. Steps:

1. Picks one URL per kind of page that exists: home, "Umsetzungsstand", a field of
   action, the measure with the most status reports, the event list, the month view,
   the committee page with the most members, a search, the .ics feed, the CSV export.
2. Counts each URL's database queries in this process (Django's test client and
   CaptureQueriesContext, same settings) in each of the three runs below.
3. Three runs of gunicorn with the Dockerfile's flags on loopback, and for each URL and
   the bare view one wrk run in a separate process:
   - "cold": the first request after a content change: page cache on, but every request
     gets a fresh content version (the header's value "cold"), so no page and no fragment
     is current – what remains cached is Wagtail's own (the site's root paths);
   - "miss": page cache on (Redis), but every request misses it (a header that only the
     benchmark's settings name): the page is rendered with the fragment caches warm
     ({% wagtailcache %}, cache.kept) – as after a page-cache entry expired;
   - "hit": page cache on, the page served from it.
4. Prints requests/s, p50 and p99 latency, errors and queries per URL, and the ratio
   of each URL's requests/s to the bare view's in the same run; checks the targets
   (queries ≤ 15 in every run; miss ≥ 0.1× the bare view, search excepted; hit ≥ 0.8×;
   p99 < 250 ms on miss and hit) and writes a cProfile of every URL that misses a target
   in the cold or miss run to bench/out/. The cold run has no ratio target: compare it
   with an earlier run of the same machine.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
BARE = "/bench-bare/"

TARGET_QUERIES = 15
TARGET_MISS_RATIO = 0.1
TARGET_HIT_RATIO = 0.8
TARGET_P99_MS = 250
# Results depend on the words searched: nothing to keep, so no miss target (the exception).
NO_MISS_TARGET = {"search"}


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def pick_urls():
    """(name, url) for every kind of page the installed apps provide."""
    from django.apps import apps
    from django.conf import settings
    from django.db.models import Count
    from django.utils import timezone
    from wagtail.models import Page

    def first(label, order=None):
        app_label, name = label.split(".")
        if not apps.is_installed(app_label):
            return None
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            return None
        # The German pages (the rows for other languages name their language).
        pages = model.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)
        if order is not None:
            pages = pages.annotate(n=Count(order)).order_by("-n", "path")
        else:
            pages = pages.order_by("depth", "path")
        return pages.first()

    urls = [("home", "/")]
    progress = first("concept.ProgressPage")
    if progress is not None:
        urls.append(("Umsetzungsstand", progress.url))
    field = first("concept.FieldOfActionPage")
    if field is not None:
        urls.append(("field of action", field.url))
    measure = first("concept.MeasurePage", order="status_reports") if progress else first("concept.MeasurePage")
    if measure is not None:
        urls.append(("measure", measure.url))
    news = first("news.NewsIndexPage")
    if news is not None:
        urls.append(("news list", news.url))
    calendar = first("events.EventIndexPage")
    if calendar is not None:
        today = timezone.localdate()
        urls.append(("event list", calendar.url))
        urls.append(("month view", calendar.url + calendar.reverse_subpage("month", args=(f"{today:%Y}", f"{today:%m}"))))
        # The calendar serves its feed without the route's trailing slash (feed.ics).
        urls.append((".ics feed", calendar.url + calendar.reverse_subpage("feed").removesuffix("/")))
    committee = first("committee.CommitteePage")  # the current committee, nearest the home page
    if committee is not None:
        urls.append(("committee", committee.url))
    urls.append(("search", "/suche/?q=Wohnen"))
    # Two other languages: the Arabic overview (a translation, right to left) and the
    # Leichte-Sprache home page (its own locale).
    if progress is not None:
        urls.append(("Umsetzungsstand (ar)", "/ar" + progress.url))
    urls.append(("home (Leichte Sprache)", "/de-x-ls/"))
    if progress is not None:
        urls.append(("CSV export", progress.url + progress.reverse_subpage("measures_csv")))
    assert Page.objects.live().exists()
    return urls


# (name, value of the X-Bench-Miss header or None)
PHASES = (("cold", "cold"), ("miss", "miss"), ("hit", None))


def phase_headers(phase):
    value = dict(PHASES)[phase]
    return {"HTTP_X_BENCH_MISS": value} if value else {}


def count_queries(urls):
    """{(phase, url): (queries, status)} measured here, each on a warmed second request."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    cache.clear()
    for phase, _value in PHASES:
        headers = phase_headers(phase)
        for _name, url in urls:
            client.get(url, **headers)  # warm: renditions, fragments, the cache entry
            with CaptureQueriesContext(connection) as captured:
                status = client.get(url, **headers).status_code
            # Read now: the next request's request_started signal empties the query log.
            counts[(phase, url)] = (len(captured), status)
    cache.clear()
    return counts


def profile(url, phase, requests=20):
    """Top functions by cumulative time for `requests` renders of `url` as in `phase`."""
    from django.test import Client

    client = Client()
    headers = phase_headers(phase)
    client.get(url, **headers)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url, **headers)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(30)
    return stream.getvalue()


def start_gunicorn(port, workers):
    env = dict(os.environ, MOESSINGEN_PAGE_CACHE="true")
    command = [
        sys.executable, "-m", "gunicorn", "moessingen_site.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
    ]
    process = subprocess.Popen(command, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"gunicorn did not answer on port {port}")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non2xx.group(1)) if non2xx else 0
    if socket:
        errors += sum(int(value) for value in socket.groups())
    return {"rps": float(rps.group(1)) if rps else 0.0, "p50": latency(50), "p99": latency(99), "errors": errors}


def load(port, url, duration, connections, header=None):
    base = f"http://127.0.0.1:{port}"
    headers = {"X-Bench-Miss": header} if header else {}
    for _ in range(6):  # warm: the cache entry, renditions, fragments and connection of each worker
        try:
            urllib.request.urlopen(urllib.request.Request(base + url, headers=headers), timeout=60).read()
        except (urllib.error.URLError, TimeoutError):
            break  # errors and timeouts are counted by wrk and reported
    command = [
        "wrk", "--latency", "--timeout", "5s", "-t", "2", "-c", str(connections), "-d", f"{duration}s", base + url,
    ]
    if header:
        command[1:1] = ["-H", f"X-Bench-Miss: {header}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8017)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--build", action="store_true", help="only build the data set")
    parser.add_argument("--only", help="comma-separated names of the URLs to measure, e.g. 'home,event list'")
    args = parser.parse_args()

    setup_django()
    if args.build:
        from bench import dataset

        dataset.build()
        return
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    urls = pick_urls()
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        urls = [(name, url) for name, url in urls if name in wanted]
    print(f"URLs: {len(urls)}; counting queries …", flush=True)
    queries = count_queries(urls)
    results = {}
    process = start_gunicorn(args.port, args.workers)
    try:
        for phase, header in PHASES:
            print(f"Run '{phase}': gunicorn, {args.workers} workers; wrk, {args.connections} connections, "
                  f"{args.duration} s per URL", flush=True)
            for name, url in [("bare Django view", BARE)] + urls:
                results[(phase, url)] = load(args.port, url, args.duration, args.connections, header=header)
                print(f"  {name:<18} {results[(phase, url)]['rps']:8.1f} req/s", flush=True)
    finally:
        stop(process)

    report(urls, queries, results)


TARGET_RATIO = {"cold": 0.0, "miss": TARGET_MISS_RATIO, "hit": TARGET_HIT_RATIO}


def report(urls, queries, results):
    OUT.mkdir(exist_ok=True)
    header = (f"{'URL':<18} {'run':<5} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'errors':>6} {'queries':>7}")
    lines = ["", header, "-" * len(header)]
    missed = []
    for phase, _header in PHASES:
        bare = results[(phase, BARE)]
        lines.append(f"{'bare Django view':<18} {phase:<5} {bare['rps']:8.1f} {1:6.2f} {bare['p50']:8.1f} "
                     f"{bare['p99']:8.1f} {bare['errors']:6d} {'':>7}")
        for name, url in urls:
            result = results[(phase, url)]
            ratio = result["rps"] / bare["rps"] if bare["rps"] else 0.0
            count, status = queries[(phase, url)]
            lines.append(f"{name:<18} {phase:<5} {result['rps']:8.1f} {ratio:6.2f} {result['p50']:8.1f} "
                         f"{result['p99']:8.1f} {result['errors']:6d} {count:7d}")
            target = 0.0 if phase == "miss" and name in NO_MISS_TARGET else TARGET_RATIO[phase]
            reasons = []
            if ratio < target:
                reasons.append(f"ratio {ratio:.2f} < {target}")
            if phase != "cold" and result["p99"] >= TARGET_P99_MS:
                reasons.append(f"p99 {result['p99']:.0f} ms ≥ {TARGET_P99_MS} ms")
            if count > TARGET_QUERIES:
                reasons.append(f"{count} queries > {TARGET_QUERIES}")
            if result["errors"] or status != 200:
                reasons.append(f"{result['errors']} errors, status {status}")
            if reasons:
                missed.append((name, url, phase, reasons))
    lines.append("")
    lines.append("URLs: " + ", ".join(f"{name} = {url}" for name, url in urls))
    if missed:
        lines.append("Targets missed:")
        for name, url, phase, reasons in missed:
            lines.append(f"  {name} ({phase}): {'; '.join(reasons)}")
    else:
        lines.append("All targets met.")
    text = "\n".join(lines)
    print(text)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"results-{stamp}.txt").write_text(text + "\n")
    (OUT / f"results-{stamp}.json").write_text(json.dumps(
        {f"{phase} {url}": value for (phase, url), value in results.items()}
        | {f"queries {phase} {url}": value for (phase, url), value in queries.items()},
        indent=2,
    ))
    for name, url, phase, _reasons in missed:
        if phase == "hit":
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", f"{name} {phase}".lower()).strip("-")
        path = OUT / f"profile-{stamp}-{slug}.txt"
        path.write_text(profile(url, phase))
        print(f"Profile of {name} ({phase} run, 20 requests): {path.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
