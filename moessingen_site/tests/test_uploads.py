"""Uploads: images limited in bytes and pixels, no SVG; documents on an allow-list of
extensions and limited in size. Tried the way an editor does it, through the admin."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def png(width, height, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": name, "collection": Collection.get_first_root_node().pk,
         "file": SimpleUploadedFile(name, content)},
    )


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "collection": Collection.get_first_root_node().pk,
         "file": SimpleUploadedFile(name, content)},
    )


def test_limits_in_the_settings():
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert not {"html", "htm", "svg", "js", "exe", "php", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.django_db
def test_a_normal_image_is_accepted(admin_client):
    assert upload_image(admin_client, "foto.png", png(40, 30)).status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["bild.svg", "bild.svg.png"])
def test_svg_is_refused(admin_client, name):
    response = upload_image(admin_client, name, SVG)
    assert response.status_code == 200  # the form again, with an error
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_too_many_bytes_are_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = upload_image(admin_client, "gross.png", png(400, 400, "RGB") + b"\0" * 2000)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_too_many_pixels_are_refused(admin_client):
    # 7000 × 7000 = 49 million pixels, but a few kilobytes as a 1-bit PNG.
    content = png(7000, 7000, "1")
    assert len(content) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload_image(admin_client, "riesig.png", content)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["seite.html", "bild.svg", "programm.exe", "skript.js", "protokoll.pdf.html"])
def test_documents_outside_the_allow_list_are_refused(admin_client, name):
    response = upload_document(admin_client, name, b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_documents_are_limited_in_size(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    assert upload_document(admin_client, "protokoll.pdf", b"%PDF-1.4" + b"x" * 200).status_code == 200
    assert not get_document_model().objects.exists()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    assert upload_document(admin_client, "protokoll.pdf", b"%PDF-1.4" + b"x" * 200).status_code == 302


@pytest.mark.django_db
def test_documents_are_served_through_the_view_not_the_media_folder(client, admin_client, disk_media):
    upload_document(admin_client, "protokoll.pdf", b"%PDF-1.4 test")
    document = get_document_model().objects.get()
    assert document.url.startswith("/dokumente/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client.get(f"/media/{document.file.name}").status_code == 404


def bomb_png(width=30000, height=30000):
    """A tiny PNG whose header claims width × height pixels: Pillow refuses to open it
    (DecompressionBombError, beyond twice its own limit) before Wagtail counts the pixels."""
    import struct
    import zlib

    content = bytearray(png(1, 1, "1"))
    header = struct.pack(">II", width, height) + bytes(content[24:29])
    content[16:29] = header
    content[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header) & 0xFFFFFFFF)
    return bytes(content)


@pytest.mark.django_db
def test_a_decompression_bomb_is_a_form_error(admin_client):
    response = upload_image(admin_client, "bombe.png", bomb_png())
    assert response.status_code == 200
    assert "Pixel" in response.content.decode()
    assert not get_image_model().objects.exists()
