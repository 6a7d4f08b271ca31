"""SQLite for the tests, with the migrated test database kept between runs (config/settings/test.py).

Migrating an empty database takes 20 seconds on the project's machines (about 280 migrations), once
per pytest process: each worker of `make test`, its serial phase, every `make test-app`. The first
process to migrate copies the result to var/test-db/<key>.sqlite3, the key a digest of what a
migration's result depends on: every migration file, the modules of the post_migrate handlers
(permission names, search tables) and the apps' compiled catalogues (the names they write), and the
installed packages' versions. Any later process with the same key copies that file into its test
database (in memory, or the file TEST_SQLITE_FILE names) instead of migrating; a change to any of
these changes the key, and the next run migrates afresh (older copies are deleted then).
"""

import hashlib
import inspect
import os
import sqlite3
import sys
import weakref
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.backends.sqlite3 import base, creation
from django.db.migrations.loader import MigrationLoader
from django.db.models.signals import post_migrate


def template_key():
    """A digest of the sources a migrated database depends on (the module docstring)."""
    files = {Path(sys.modules[m.__module__].__file__) for m in MigrationLoader(None).disk_migrations.values()}
    for _lookup, receiver, _is_async in post_migrate.receivers:
        handler = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        if handler is not None:
            files.add(Path(inspect.getsourcefile(handler)))
    for app in apps.get_app_configs():
        files.update(Path(app.path).glob("locale/*/LC_MESSAGES/*.mo"))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()):
        digest.update(dist.encode())
    return digest.hexdigest()[:16]


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if keepdb:
            return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
        template = Path(settings.VAR_DIR) / "test-db" / f"{template_key()}.sqlite3"
        if not template.exists():
            name = super().create_test_db(verbosity, autoclobber, serialize, keepdb)
            self._save_template(template)
            return name
        name = self._get_test_db_name()
        if verbosity >= 1:
            self.log(f"Copying the migrated test database for alias '{self.connection.alias}' from {template}...")
        self.connection.close()
        if not self.is_in_memory_db(name):
            Path(name).unlink(missing_ok=True)  # a file an interrupted run left
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        source = sqlite3.connect(template)
        source.backup(self.connection.connection)
        source.close()
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        call_command("createcachetable", database=self.connection.alias)
        return name

    def _save_template(self, template):
        """Copy the freshly migrated database to `template` (atomically: another worker may be reading)."""
        template.parent.mkdir(parents=True, exist_ok=True)
        for old in template.parent.glob("*.sqlite3"):
            if old != template:
                old.unlink(missing_ok=True)
        partial = template.with_suffix(f".{os.getpid()}.partial")
        target = sqlite3.connect(partial)
        self.connection.ensure_connection()
        self.connection.connection.backup(target)
        target.close()
        os.replace(partial, template)


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
