"""`manage.py backup` and `manage.py restore`: a backup of the demo site, restored into an
empty database in a separate process, holds the same pages, status reports, events,
people and media files."""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SNAPSHOT = {
    "pages": "SELECT title, url_path FROM wagtailcore_page ORDER BY path",
    "reports": "SELECT id, status FROM concept_statusreport ORDER BY id",
    "events": "SELECT page_ptr_id FROM events_eventpage ORDER BY page_ptr_id",
    "people": "SELECT name FROM committee_person ORDER BY id",
}


def snapshot(cursor):
    result = {}
    for name, sql in SNAPSHOT.items():
        cursor.execute(sql)
        result[name] = [tuple(row) for row in cursor.fetchall()]
    return result


def media_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def run_restore(folder, database_url, media_root):
    # Development settings: the test settings fix MEDIA_ROOT to their own temporary folder.
    env = dict(
        {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        DJANGO_SETTINGS_MODULE="moessingen_site.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder), "--noinput"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Wiederhergestellt" in result.stdout


@pytest.fixture
def demo_backup(disk_media, tmp_path):
    call_command("load_demo_content", verbosity=0)
    with connection.cursor() as cursor:
        before = snapshot(cursor)
    folder = tmp_path / "sicherung"
    call_command("backup", str(folder), verbosity=0)
    return folder, before, media_files(disk_media)


def assert_same(before, after, files_before, restored_media):
    assert after == before
    assert len(before["pages"]) >= 20 and before["reports"] and before["events"] and len(before["people"]) >= 8
    assert files_before and media_files(restored_media) == files_before
    print(f"\nbackup/restore: {', '.join(f'{len(v)} {k}' for k, v in before.items())}, "
          f"{len(files_before)} media files — identical after restore")


def test_backup_restores_into_an_empty_database(demo_backup, tmp_path):
    folder, before, files_before = demo_backup
    restored_media = tmp_path / "media-wiederhergestellt"
    if connection.vendor == "sqlite":
        target = tmp_path / "leer" / "db.sqlite3"
        run_restore(folder, f"sqlite:///{target}", restored_media)
        with sqlite3.connect(target) as restored:
            after = snapshot(restored.cursor())
        assert_same(before, after, files_before, restored_media)
        return

    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed (Debian: postgresql-client)")
    import psycopg

    params = connection.settings_dict
    empty = f"{params['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    credentials = dict(host=params["HOST"] or None, port=params["PORT"] or None, user=params["USER"] or None,
                       password=params["PASSWORD"] or None)
    with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as admin:
        admin.execute(f'CREATE DATABASE "{empty}"')
    try:
        user = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
        run_restore(folder, f"postgres://{user}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{empty}",
                    restored_media)
        with psycopg.connect(dbname=empty, **credentials) as restored:
            after = snapshot(restored.cursor())
        assert_same(before, after, files_before, restored_media)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "alt.txt").write_text("x")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nicht leer"):
        call_command("backup", str(tmp_path))


def test_restore_refuses_a_folder_without_backup(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="keine Sicherung"):
        call_command("restore", str(tmp_path), interactive=False)
