"""Finds every public URL of the demo site, so that the cross-cutting checks (axe, privacy,
headers, cookies, fuzzing) cover page types and routes that other apps add later without
anyone editing these tests.

Sources: every live page, every argument-free route of RoutablePageMixin pages, the
service URLs, and a crawl of the same-origin links in the HTML those return (which finds
routes with arguments: month views, .ics files, feeds, exports, pagination, filters).
"""

import re
from collections import OrderedDict
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

from django.conf import settings
from django.urls import NoReverseMatch
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

EXTRA_URLS = [
    "/suche/",
    "/suche/?q=Wohnen",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/.well-known/security.txt",
]
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
MAX_CRAWL = 400
# Variants of one listing (filter combinations, page numbers) add little: keep a few.
MAX_PER_SHAPE = 3


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in(html):
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def same_origin_path(href):
    """The path?query of a same-origin link, or None for other origins and mail links."""
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
        return None
    if parts.netloc and parts.netloc not in ("localhost", "testserver", "127.0.0.1"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def language_prefix():
    codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return re.compile(r"^/(%s)(?=/|$)" % "|".join(re.escape(code) for code in codes))


def shape(url):
    """URLs of one shape differ only in numbers and query values – and in the language
    prefix: the same address in another language runs the same code, so one language
    besides German is enough (``MAX_PER_SHAPE`` does not apply to those)."""
    parts = urlsplit(url)
    path = language_prefix().sub("/~", parts.path)
    keys = sorted(key for key, _value in parse_qsl(parts.query, keep_blank_values=True))
    return re.sub(r"\d+", "N", path), tuple(keys)


def page_urls():
    """(url, kind) for every live page of the default site; kind is the page type."""
    result = []
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        if url:
            result.append((url, type(page).__name__))
            if isinstance(page, RoutablePageMixin):
                for pattern in page.get_subpage_urls():
                    name = getattr(pattern, "name", None)
                    if not name:
                        continue
                    try:
                        sub = page.reverse_subpage(name)
                    except NoReverseMatch:
                        continue  # needs arguments: the crawl finds it through links
                    if sub:
                        result.append((url + sub, f"{type(page).__name__}:{name}"))
    return result


def discover(client):
    """Crawls the demo site with the test client.

    Returns an OrderedDict url -> {"kind", "content_type", "response"} of every URL that answered
    200 (redirects are followed), and the (url, status) pairs that answered 4xx/5xx.
    """
    queue = OrderedDict()
    # Argument-free routes that no page links to may be internal (e.g. "feed.ics/", which
    # the site serves as "feed.ics"): a 404 there is no broken link.
    unlinked_routes = set()
    for url, kind in page_urls():
        queue.setdefault(url, kind)
        if ":" in kind:
            unlinked_routes.add(url)
    for url in EXTRA_URLS:
        queue.setdefault(url, url)
    found = OrderedDict()
    broken = []
    shapes = {}
    while queue and len(found) + len(broken) < MAX_CRAWL:
        url, kind = queue.popitem(last=False)
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = same_origin_path(response["Location"])
            if target and not target.startswith(SKIP_PREFIXES) and target not in found and target not in queue:
                queue[target] = kind
            continue
        if response.status_code != 200:
            if url not in unlinked_routes:
                broken.append((url, response.status_code))
            continue
        content_type = response.get("Content-Type", "")
        found[url] = {"kind": kind, "content_type": content_type, "response": response}
        if not content_type.startswith("text/html"):
            continue
        for href in links_in(response.content.decode()):
            path = same_origin_path(href)
            unlinked_routes.discard(path)
            if not path or path.startswith(SKIP_PREFIXES) or path in found or path in queue:
                continue
            if any(path == b for b, _status in broken):
                continue
            key = shape(path)
            if shapes.get(key, 0) >= (1 if key[0].startswith("/~") else MAX_PER_SHAPE):
                continue
            shapes[key] = shapes.get(key, 0) + 1
            queue[path] = "route " + key[0] + (f"?{'&'.join(key[1])}" if key[1] else "")
    return found, broken


def html_urls_one_per_kind(found):
    """One HTML URL per page type, plus one per other HTML shape (routes, search)."""
    chosen = OrderedDict()
    for url, info in found.items():
        if not info["content_type"].startswith("text/html"):
            continue
        chosen.setdefault(info["kind"], url)
    return list(chosen.values())


def with_query(url, **params):
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return parts.path + "?" + urlencode(query)
