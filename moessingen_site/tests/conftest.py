"""Fixtures for the cross-cutting checks in this package."""

import pytest


@pytest.fixture
def disk_media(settings, tmp_path):
    """Media on disk in a temporary folder, as in production.

    The test settings keep media in memory, where Wagtail's document view (serve_view
    with sendfile) finds no file and answers 404.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT
