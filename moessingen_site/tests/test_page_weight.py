"""Page weight for visitors on old phones and slow connections: small HTML, small
stylesheets, images with their size known in advance, content without JavaScript."""

import gzip
import re
from html.parser import HTMLParser

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


def check_css_and_js_transfer(client):
    """Counts what a visitor downloads: whitenoise serves the files gzip-compressed (and
    Brotli where the browser accepts it, which is smaller still), so the compressed size
    of every stylesheet and script the home page links is what travels. The vendored KERN
    stylesheet is included – it is served from the site, so the visitor pays for it."""
    assets = first_party_assets(parse(client.get("/")))
    assert any(asset.endswith("site.css") for asset in assets)
    sizes = {}
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as file:
            sizes[asset] = len(gzip.compress(file.read(), compresslevel=9))
    assert sum(sizes.values()) < ASSETS_LIMIT, sizes


def check_news_pictures(client):
    """Teaser pictures: width and height known before they load (no layout shift), lazy."""
    from concept.models import NewsIndexPage

    news = NewsIndexPage.objects.live().get()
    images = parse(client.get(news.url)).of("img")
    teaser_images = [attrs for attrs in images if "teaser__image" in attrs.get("class", "")]
    assert teaser_images, "the demo news have pictures"
    for attrs in teaser_images:
        assert attrs.get("width") and attrs.get("height"), attrs
        assert attrs.get("loading") == "lazy", attrs
        assert attrs.get("alt"), attrs


def check_article_picture(client):
    """The article's main picture: WebP (and AVIF) in three widths, with its size."""
    from concept.models import NewsArticlePage

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
    check_css_and_js_transfer(client)
    check_news_pictures(client)
    check_article_picture(client)
    check_no_scripts_needed(client)

