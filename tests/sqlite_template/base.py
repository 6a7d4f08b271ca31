"""SQLite for the tests, with the migrated test database kept between runs (config/settings/test.py).

Migrating an empty database takes 20 seconds on the project's machines (about 280 migrations), once
per pytest process: each worker of `make test`, its serial phase, every `make test-app`. The first
process to migrate copies the result to var/test-db/<key>.sqlite3, the key a digest of every migration
file and of the installed packages' versions; any later process with the same key copies that file
into its in-memory database instead of migrating. A changed or new migration changes the key, and
the next run migrates afresh (older copies are deleted then).
"""

import hashlib
import os
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db.backends.sqlite3 import base, creation
from django.db.migrations.loader import MigrationLoader


def template_key():
    """A digest of every migration module's source and of the installed distributions' versions."""
    digest = hashlib.sha256()
    for key, migration in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items()):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()):
        digest.update(dist.encode())
    return digest.hexdigest()[:16]


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        template = Path(settings.VAR_DIR) / "test-db" / f"{template_key()}.sqlite3"
        if keepdb or not self.is_in_memory_db(self._get_test_db_name()) or not template.exists():
            name = super().create_test_db(verbosity, autoclobber, serialize, keepdb)
            if not keepdb and self.is_in_memory_db(name):
                self._save_template(template)
            return name
        name = self._get_test_db_name()
        if verbosity >= 1:
            self.log(f"Copying the migrated test database for alias '{self.connection.alias}' from {template}...")
        self.connection.close()
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
