"""Backup and restore of the whole site: database (Django fixtures) and files, in one archive.

The database is dumped with `dumpdata` using natural keys for content types and permissions,
so the same archive restores on SQLite and PostgreSQL alike. Search indexes are derived data:
they are left out and rebuilt after a restore. The archive (tar.gz) holds `manifest.json`
(format, time, record counts, SHA-256 of every file), `data.json`, `media/` (MEDIA_ROOT) and
`private/` (citizens' attachments, INTERACTION_PRIVATE_ROOT).
"""
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, get_commands
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "portal-backup-1"
# Rebuilt or recreated rather than restored: content types and permissions (recreated by
# migrate, referred to by natural key), sessions, login-attempt records, captchas, search indexes.
EXCLUDED = [
    "contenttypes", "auth.permission", "sessions", "axes", "captcha",
    "wagtailsearch", "search.searchentry", "search.indexchange", "search.searchterm",
]
# Records whose counts the manifest keeps (and a restore verifies).
COUNTED = ["wagtailcore.page", "wagtailcore.revision", "interaction.case", "wagtaildocs.document",
           "wagtailimages.image", "subsites.unit"]


class BackupError(Exception):
    """A clear, translated reason why a backup or restore cannot go on."""


def file_roots():
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.INTERACTION_PRIVATE_ROOT)}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes():
    """{"media/original_images/x.jpg": sha256, …} of every file below the file roots."""
    hashes = {}
    for name, root in file_roots().items():
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                hashes[f"{name}/{path.relative_to(root).as_posix()}"] = sha256(path)
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


def create_backup(directory=None):
    """Write a timestamped archive to `directory` (BACKUP_DIR); returns its path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"portal-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        with transaction.atomic():  # one consistent snapshot of every table
            call_command("dumpdata", natural_foreign=True, exclude=excluded(), output=str(data), verbosity=0)
            manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(),
                        "counts": record_counts(), "files": file_hashes()}
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            tar.add(data, "data.json")
            for name, root in file_roots().items():
                if root.is_dir():
                    tar.add(root, name)
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
        raise BackupError(_("This installation is not empty (%(found)s); a backup is restored only into "
                            "a freshly installed, empty site. Nothing was changed.") % {"found": found})
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = extract(archive, work)
        with transaction.atomic():
            # CASCADE: tables outside Django's models (the search engine's full-text table) refer to ours.
            call_command("flush", interactive=False, allow_cascade=True, verbosity=0)
            call_command("loaddata", str(work / "data.json"), verbosity=0)
            ContentType.objects.clear_cache()  # the restored content types may have other ids
            if record_counts() != manifest["counts"]:
                raise BackupError(_("The restored records do not match the backup's manifest; nothing was "
                                    "changed in the database."))
        for name, root in file_roots().items():
            if (work / name).is_dir():
                shutil.copytree(work / name, root, dirs_exist_ok=True)
    if file_hashes() != manifest["files"]:
        raise BackupError(_("The restored files do not match the backup's manifest."))
    rebuild_search_indexes()
    return manifest


def extract(archive, work):
    """Unpack `archive` into `work` and return its manifest; refuse anything but a backup_site archive."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, members=safe_members(tar))
        manifest = json.loads((work / "manifest.json").read_text())
    except (OSError, ValueError, tarfile.TarError):
        manifest = {}
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not (work / "data.json").is_file():
        raise BackupError(_("This file is not a backup made by backup_site; nothing was changed."))
    return manifest


def rebuild_search_indexes():
    commands = get_commands()
    call_command("update_index", verbosity=0)
    if "rebuild_search_index" in commands:
        call_command("rebuild_search_index", verbosity=0)
