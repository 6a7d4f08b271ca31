"""Rebuild the search index from the database with a progress bar; the cluster alias switches at the end."""

import time

from django.core.management.base import BaseCommand, CommandError

from search.engines import EngineUnavailable, current_engine, database_engine, sync_engines
from search.indexing import rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Build a new search index of every live document and switch searches to it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["all", "configured", "database"],
            default="all",
            help="all: the database engine and the configured cluster (default); "
            "configured: SEARCH_ENGINE only; database: the database engine only.",
        )

    def handle(self, *args, **options):
        engine = {"all": None, "configured": current_engine(), "database": database_engine()}[options["engine"]]
        started = time.monotonic()
        try:
            total = rebuild(engine, progress=self._progress)
        except EngineUnavailable as error:
            raise CommandError(f"search engine unavailable: {error}") from error
        elapsed = time.monotonic() - started
        self.stdout.write(f"indexed {total} documents in {elapsed:.1f} s")
        for target in [engine] if engine else sync_engines():
            self.stdout.write(f"{target.name}: {target.count()} documents in the index")

    def _progress(self, engine, done, total):
        filled = BAR_WIDTH * done // max(total, 1)
        end = "\n" if done >= total else ""
        self.stderr.write(f"\r{engine:<13} [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total}", ending=end)
        self.stderr.flush()
