"""Fixtures for the cross-cutting checks in this package."""

import pytest


@pytest.fixture
def disk_media(settings, tmp_path):
    """Media on disk in a folder of this test's own, as in production: Wagtail's document
    view (serve_view with sendfile) needs real files, and the backup test counts them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT
