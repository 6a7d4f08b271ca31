"""Backup and restore of the whole site: database and files, in one archive.

On PostgreSQL the database is dumped with `pg_dump` (custom format, from the same snapshot as the
manifest's counts) and restored with `pg_restore`; elsewhere (SQLite) with `dumpdata`, using natural
keys for content types and permissions. Search indexes are derived data: rebuilt after a restore.
Files are read and written through the storages, so media and citizens' attachments in an object
store are copied as well as files on disk. The archive (tar.gz) holds `manifest.json` (format,
time, database format, record counts, SHA-256 of every file), `database.dump` or `data.json`,
`media/` (the default storage) and `private/` (citizens' attachments).
"""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "portal-backup-1"
# Rebuilt or recreated rather than restored: content types and permissions (recreated by
# migrate, referred to by natural key), sessions, login-attempt records, captchas, search indexes.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "captcha",
    "wagtailsearch",
    "search.searchentry",
    "search.indexchange",
    "search.searchterm",
]
# Records whose counts the manifest keeps (and a restore verifies).
COUNTED = [
    "wagtailcore.page",
    "wagtailcore.revision",
    "interaction.case",
    "wagtaildocs.document",
    "wagtailimages.image",
    "subsites.unit",
]


class BackupError(Exception):
    """A clear, translated reason why a backup or restore cannot go on."""


def file_storages():
    from interaction.models import private_storage

    return {"media": default_storage, "private": private_storage()}


def stored_names(storage, directory=""):
    """Every file's name in `storage` below `directory`, sorted."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a storage on disk whose directory was never created
        return []
    prefix = f"{directory}/" if directory else ""
    names = [prefix + name for name in files]
    for name in directories:
        names += stored_names(storage, prefix + name)
    return sorted(names)


def sha256(handle):
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_hashes():
    """{"media/original_images/x.jpg": sha256, …} of every stored file."""
    hashes = {}
    for root, storage in file_storages().items():
        for name in stored_names(storage):
            with storage.open(name, "rb") as handle:
                hashes[f"{root}/{name}"] = sha256(handle)
    return hashes


def record_counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def excluded():
    """EXCLUDED, less what this installation does not have (dumpdata refuses unknown labels)."""
    labels = []
    for label in EXCLUDED:
        app_label, _dot, model = label.partition(".")
        try:
            apps.get_app_config(app_label).get_model(model) if model else apps.get_app_config(app_label)
        except LookupError:
            continue
        labels.append(label)
    return labels


def uses_pg_dump():
    return connection.vendor == "postgresql" and settings.BACKUP_FORMAT != "fixtures"


def pg_command(program, *args):
    """Run pg_dump / pg_restore on Django's database; a failure becomes a BackupError with its message."""
    db = connection.settings_dict
    options = [
        "--host",
        db["HOST"] or "localhost",
        "--port",
        str(db["PORT"] or 5432),
        "--username",
        db["USER"],
        "--dbname",
        db["NAME"],
        "--no-owner",
        "--no-privileges",
    ]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    done = subprocess.run([program, *options, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(
            _("%(program)s failed: %(error)s") % {"program": program, "error": done.stderr.strip()[-500:]}
        )


def dump_database(work):
    """Dump the database into `work`; returns the manifest's database part and counts, of one snapshot."""
    if not uses_pg_dump():
        with transaction.atomic():  # one consistent snapshot of every table
            call_command(
                "dumpdata", natural_foreign=True, exclude=excluded(), output=str(work / "data.json"), verbosity=0
            )
            return "fixtures", record_counts()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = record_counts()
        pg_command("pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(work / "database.dump"))
    return "pg_dump", counts


def create_backup(directory=None):
    """Write a timestamped archive to `directory` (BACKUP_DIR); returns its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"portal-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database, counts = dump_database(work)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": database,
            "counts": counts,
            "files": file_hashes(),
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            for dump in ("data.json", "database.dump"):
                if (work / dump).exists():
                    tar.add(work / dump, dump)
            for root, storage in file_storages().items():
                for name in stored_names(storage):
                    info = tarfile.TarInfo(f"{root}/{name}")
                    info.size = storage.size(name)
                    info.mtime = int(timezone.now().timestamp())
                    with storage.open(name, "rb") as handle:
                        tar.addfile(info, handle)
        partial.rename(archive)
    return archive


def add_bytes(tar, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


def installation_contents():
    """What makes an installation non-empty: anything beyond what `migrate` creates."""
    found = {
        _("users"): get_user_model().objects.count(),
        _("units"): apps.get_model("subsites.unit").objects.count(),
        _("pages"): apps.get_model("wagtailcore.page").objects.filter(depth__gt=2).count(),
        _("interaction cases"): apps.get_model("interaction.case").objects.count(),
        _("documents"): apps.get_model("wagtaildocs.document").objects.count(),
        _("images"): apps.get_model("wagtailimages.image").objects.count(),
        _("files"): len(file_hashes()),
    }
    return {label: count for label, count in found.items() if count}


def safe_members(tar):
    for member in tar.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(_("The archive contains an unsafe entry: %(name)s") % {"name": member.name})
    return tar.getmembers()


def restore_backup(archive):
    """Restore `archive` into an empty installation; returns the manifest's counts."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("Backup archive not found: %(path)s") % {"path": archive})
    contents = installation_contents()
    if contents:
        found = "、".join(f"{label} {count}" for label, count in contents.items())
        raise BackupError(
            _(
                "This installation is not empty (%(found)s); a backup is restored only into "
                "a freshly installed, empty site. Nothing was changed."
            )
            % {"found": found}
        )
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = extract(archive, work)
        restore_database(manifest, work)
        for root, storage in file_storages().items():
            for path in sorted(p for p in (work / root).rglob("*") if p.is_file()):
                name = path.relative_to(work / root).as_posix()
                with open(path, "rb") as handle:
                    if storage.save(name, File(handle)) != name:
                        raise BackupError(_("The restored files do not match the backup's manifest."))
    if file_hashes() != manifest["files"]:
        raise BackupError(_("The restored files do not match the backup's manifest."))
    rebuild_search_indexes()
    return manifest


def restore_database(manifest, work):
    if manifest.get("database") == "pg_dump":
        if connection.vendor != "postgresql":
            raise BackupError(
                _("This backup was made with pg_dump and restores only on PostgreSQL; nothing was changed.")
            )
        pg_command("pg_restore", "--clean", "--if-exists", "--single-transaction", str(work / "database.dump"))
        connection.close()  # the tables were replaced: no cached statement or type may outlive them
    else:
        with transaction.atomic():
            # CASCADE: tables outside Django's models (the search engine's full-text table) refer to ours.
            call_command("flush", interactive=False, allow_cascade=True, verbosity=0)
            call_command("loaddata", str(work / "data.json"), verbosity=0)
    ContentType.objects.clear_cache()  # the restored content types may have other ids
    if record_counts() != manifest["counts"]:
        raise BackupError(
            _("The restored records do not match the backup's manifest; nothing was changed in the database.")
        )


def extract(archive, work):
    """Unpack `archive` into `work` and return its manifest; refuse anything but a backup_site archive."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, members=safe_members(tar))
        manifest = json.loads((work / "manifest.json").read_text())
    except (OSError, ValueError, tarfile.TarError):
        manifest = {}
    dump = "database.dump" if isinstance(manifest, dict) and manifest.get("database") == "pg_dump" else "data.json"
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not (work / dump).is_file():
        raise BackupError(_("This file is not a backup made by backup_site; nothing was changed."))
    return manifest


def rebuild_search_indexes():
    commands = get_commands()
    call_command("update_index", verbosity=0)
    if "rebuild_search_index" in commands:
        call_command("rebuild_search_index", verbosity=0)
