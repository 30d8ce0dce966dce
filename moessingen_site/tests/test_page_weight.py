"""Page weight for visitors on old phones and slow connections: small HTML, small
stylesheets, images with their size known in advance, content without JavaScript."""

import gzip
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from wagtail.models import Page

pytestmark = pytest.mark.django_db

HOME_HTML_LIMIT = 60 * 1024
ASSETS_LIMIT = 150 * 1024


class Tags(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def of(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def parse(response):
    tags = Tags()
    tags.feed(response.content.decode())
    return tags


def first_party_assets(tags):
    """Paths of the stylesheets and scripts a page loads from the site itself."""
    urls = [attrs["href"] for attrs in tags.of("link") if attrs.get("rel") == "stylesheet"]
    urls += [attrs["src"] for attrs in tags.of("script") if attrs.get("src")]
    assert all(url.startswith(staticfiles_storage.base_url) for url in urls), urls  # nothing third-party
    return [url.removeprefix(staticfiles_storage.base_url) for url in urls]


def check_home_page_html(client):
    response = client.get("/")
    assert response.status_code == 200
    assert len(response.content) < HOME_HTML_LIMIT, f"home page HTML is {len(response.content)} bytes"


def check_css_and_js_weight(client):
    """Both what travels and what the phone has to parse: whitenoise serves the files
    gzip-compressed (Brotli where the browser accepts it, smaller still), but an old phone
    decompresses and parses every byte of every stylesheet and script the home page links.
    The vendored KERN stylesheet counts – it is served from the site, so the visitor pays
    for it; that is why pages link the subset built by scripts/build_kern_subset.py."""
    assets = first_party_assets(parse(client.get("/")))
    assert any(asset.endswith("site.css") for asset in assets)
    assert "vendor/kern/kern.subset.min.css" in assets, assets
    compressed, uncompressed = {}, {}
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as file:
            content = file.read()
        uncompressed[asset] = len(content)
        compressed[asset] = len(gzip.compress(content, compresslevel=9))
    assert sum(compressed.values()) < ASSETS_LIMIT, compressed
    assert sum(uncompressed.values()) < ASSETS_LIMIT, uncompressed


def check_news_pictures(client):
    """Teaser pictures: width and height known before they load (no layout shift), lazy –
    but the first, the list's largest contentful paint on a phone (issue 14)."""
    from news.models import NewsIndexPage

    news = NewsIndexPage.objects.live().get()
    tags = parse(client.get(news.url))
    images = tags.of("img")
    teaser_images = [attrs for attrs in images if "teaser__image" in attrs.get("class", "")]
    assert teaser_images, "the demo news have pictures"
    # AVIF and WebP first, each in two widths for ordinary and dense screens.
    sources = tags.of("source")
    assert {"image/avif", "image/webp"} <= {attrs.get("type") for attrs in sources}
    assert all(len(attrs["srcset"].split(",")) == 2 for attrs in sources), sources
    for position, attrs in enumerate(teaser_images):
        assert attrs.get("width") and attrs.get("height"), attrs
        assert attrs.get("loading") == ("eager" if position == 0 else "lazy"), attrs
        assert attrs.get("alt"), attrs


def check_article_picture(client):
    """The article's main picture: WebP (and AVIF) in three widths, with its size."""
    from news.models import NewsArticlePage

    article = NewsArticlePage.objects.live().exclude(main_image=None).first()
    tags = parse(client.get(article.url))
    types = {attrs.get("type") for attrs in tags.of("source")}
    assert "image/webp" in types
    srcsets = [attrs["srcset"] for attrs in tags.of("source")]
    assert all(len(srcset.split(",")) == 3 for srcset in srcsets), srcsets
    (img,) = [attrs for attrs in tags.of("img") if attrs.get("alt") == article.main_image_alt]
    assert img.get("width") and img.get("height")


def one_page_per_type():
    seen = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        seen.setdefault(type(page), page)
    return list(seen.values())


def check_no_scripts_needed(client):
    """The only scripts are data (JSON-LD for events); every page's text is in the HTML."""
    pages = one_page_per_type()
    assert len(pages) >= 8
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        for attrs in parse(response).of("script"):
            assert attrs.get("type") == "application/ld+json", (page.url, attrs)
        assert re.search(r"<h1[^>]*>", response.content.decode()), page.url


def test_page_weight_of_the_demo_site(client, demo_site):
    # One test for the demo site, which takes a while to build.
    check_home_page_html(client)
    check_css_and_js_weight(client)
    check_news_pictures(client)
    check_article_picture(client)
    check_no_scripts_needed(client)


def load_subset_builder():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_kern_subset.py"
    spec = importlib.util.spec_from_file_location("build_kern_subset", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_kern_class_our_templates_use_is_in_the_subset_stylesheet():
    """The subset keeps only the KERN rules for classes in use when it was built; a template
    that starts using another KERN class would look unstyled until the subset is rebuilt."""
    builder = load_subset_builder()
    used = builder.used_kern_classes()  # also fails on class names assembled from values
    assert "kern-link" in used and "kern-form-input__input" in used  # templates and widget attrs
    subset = builder.TARGET.read_text(encoding="utf-8")
    missing = sorted(name for name in used if not re.search(r"\.%s(?![\w-])" % re.escape(name), subset))
    assert not missing, (
        f"KERN classes without a rule in {builder.TARGET.name}: {missing}. "
        "Run `python3 scripts/build_kern_subset.py` and commit the result "
        "(a class that is not in KERN's kern.min.css either is a typo)."
    )
