"""Bad input never gets a 5xx: the public URLs of the demo site, malformed in more than
20 ways (bad and huge query values, unknown parameters, odd paths, wrong methods,
bytes that are not UTF-8). URLs come from a crawl, so other apps' pages and routes are
included without editing this test: one URL for each view (page type and route, or
service URL), query parameters and language, since the other URLs of a kind run the same
code with other content (all of them answer the crawl itself, unmalformed)."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from .public_urls import discover, language_prefix

# Parameter names the site's listings, filters and forms use or might use.
PARAMETER_NAMES = ["q", "seite", "status", "kategorie", "jahr", "monat"]
BAD_VALUES = ["-1", "9" * 40, "abc", "'\"<script>", "%00", "%ff%fe", "x" * 5000, "2020-13"]


def query_variants(url):
    """Query strings (raw, already percent-encoded) to append to the URL's path."""
    parts = urlsplit(url)
    own = [pair.split("=")[0] for pair in parts.query.split("&") if pair]
    variants = [f"{name}={value}" for name in dict.fromkeys(own) for value in BAD_VALUES[:4]]
    # Each common name with a different bad value, so all values are tried somewhere.
    variants += [f"{name}={BAD_VALUES[n % len(BAD_VALUES)]}" for n, name in enumerate(PARAMETER_NAMES)]
    variants += [f"q={value}&seite={value}" for value in ("9" * 40, "%ff%fe", "x" * 5000, "'\"<script>")]
    variants += [
        "unbekannt=1",
        "%ff=%fe",
        "%00=%00",
        "seite=1&seite=2&seite=abc",
        "&".join(f"p{n}={n}" for n in range(500)),
    ]
    return variants


def path_variants(path):
    stem = path.rstrip("/")
    return [
        path + "%ff/",
        path + "%c3%28/",
        stem + "%00/",
        path + "../../../etc/passwd",
        path + "x" * 300 + "/",
        stem + ";jsessionid=1/",
    ]


def served_by(path):
    """The page type that answers a path (without its language prefix) and, on a routable
    page, the route's view; None for what no page answers (search, documents, service URLs)."""
    result = Page.route_for_request(RequestFactory().get(path), path)
    if result is None:
        return None
    page, args, _kwargs = result
    return f"{type(page).__name__}:{args[0].__name__ if args else 'serve'}"


def one_per_kind_and_language(found):
    """One URL for each view, query parameters and language: the other URLs of that kind
    run the same code with other content."""
    prefix = language_prefix()
    chosen = {}
    for url, info in found.items():
        parts = urlsplit(url)
        language = prefix.match(parts.path)
        parameters = tuple(sorted(name for name, _value in parse_qsl(parts.query, keep_blank_values=True)))
        kind = served_by(prefix.sub("", parts.path) or "/") or info["kind"]
        chosen.setdefault((kind, parameters, language.group(1) if language else ""), url)
    return list(chosen.values())


def method_variants(client, url):
    yield "POST (Müll)", client.post(url, data=b"\xff\xfe\x00garbage", content_type="application/x-www-form-urlencoded")
    yield "PUT", client.put(url, data="x")
    yield "DELETE", client.delete(url)
    yield "OPTIONS", client.options(url)
    yield "HEAD", client.head(url)
    yield "GET (Host)", client.get(url, HTTP_HOST="evil.example")


@pytest.mark.django_db
def test_no_public_url_answers_5xx_to_malformed_requests(client, demo_site):
    found, _broken = discover(client)
    urls = one_per_kind_and_language(found)
    client.raise_request_exception = False
    failures = []
    requests = 0
    per_url = []
    for url in urls:
        path = urlsplit(url).path
        count = 0
        for query in query_variants(url):
            target = f"{path}?{query}"
            response = client.get(target)
            count += 1
            if response.status_code >= 500:
                failures.append(("GET", target[:200], response.status_code))
        for target in path_variants(path):
            response = client.get(target)
            count += 1
            if response.status_code >= 500:
                failures.append(("GET", target[:200], response.status_code))
        for method, response in method_variants(client, url):
            count += 1
            if response.status_code >= 500:
                failures.append((method, url, response.status_code))
        requests += count
        per_url.append(count)
    print(f"\nfuzz: {len(urls)} of {len(found)} URLs, {requests} malformed requests (min {min(per_url)} per URL), "
          f"{len(failures)} answered 5xx")
    assert min(per_url) >= 20
    assert not failures, "5xx answers:\n" + "\n".join(f"{m} {u} → {s}" for m, u, s in failures)
