"""Backup and restore of the database and the media folder, used by the `backup` and
`restore` management commands.

A backup is one folder:
    database.dump     PostgreSQL: pg_dump's custom format (restored with pg_restore)
    database.sqlite3  SQLite: a consistent copy made with SQLite's online backup API
    media.tar.gz      the media folder (original images, renditions, documents)
    backup.json       what was backed up, when, and from which engine

PostgreSQL needs the client programs pg_dump and pg_restore of the server's major
version (Debian: postgresql-client).
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "backup.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


def engine_of(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Datenbank {vendor!r} wird nicht unterstützt (nur PostgreSQL und SQLite).")
    return vendor


def pg_environment(settings_dict):
    """Connection parameters for the PostgreSQL client programs, passed as PG* variables
    so that the password never appears on a command line."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def require_program(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} fehlt: bitte die PostgreSQL-Client-Programme installieren (postgresql-client).")
    return path


def backup(target, alias="default"):
    """Writes a backup into the folder `target` (created; must be empty). Returns the manifest."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"Der Ordner {target} ist nicht leer.")
    connection = connections[alias]
    vendor = engine_of(alias)
    if vendor == "postgresql":
        subprocess.run(
            [require_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target / PG_DUMP}"],
            env=pg_environment(connection.settings_dict), check=True, capture_output=True,
        )
        database_file = PG_DUMP
    else:
        connection.ensure_connection()
        destination = sqlite3.connect(target / SQLITE_COPY)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        database_file = SQLITE_COPY

    media_root = Path(settings.MEDIA_ROOT)
    media_files = 0
    with tarfile.open(target / MEDIA_ARCHIVE, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media_root)))
                    media_files += 1
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": vendor,
        "database": database_file,
        "media": MEDIA_ARCHIVE,
        "media_files": media_files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(source, alias="default"):
    """Restores a backup folder into the configured database and media folder.

    PostgreSQL: into an empty database or over the existing one (objects in the dump are
    dropped and recreated). SQLite: the database file is replaced.
    """
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} ist keine Sicherung: {MANIFEST} fehlt.") from None
    connection = connections[alias]
    vendor = engine_of(alias)
    if manifest["engine"] != vendor:
        raise BackupError(f"Die Sicherung stammt aus {manifest['engine']}, die Datenbank ist {vendor}.")
    if vendor == "postgresql":
        connection.close()
        subprocess.run(
            [require_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(source / PG_DUMP)],
            env=pg_environment(connection.settings_dict), check=True, capture_output=True,
        )
    else:
        name = str(connection.settings_dict["NAME"])
        connection.close()
        if name.startswith("file:") or name == ":memory:":
            # The in-memory test database: restore through SQLite's backup API.
            connection.ensure_connection()
            backup_copy = sqlite3.connect(source / SQLITE_COPY)
            try:
                backup_copy.backup(connection.connection)
            finally:
                backup_copy.close()
        else:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / SQLITE_COPY, name)

    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # refuses absolute paths and "../"
    return manifest
