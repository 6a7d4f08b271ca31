"""Keeping the index in step with the database: the outbox, its processing, and full rebuilds.

`record_changes` runs inside the transaction that publishes, unpublishes, moves or deletes
something, and writes one `IndexChange` row per key and engine; after the commit a
`process_search_queue` task is enqueued. Processing re-reads each key's current state and
upserts or deletes it; rows stay pending while an engine is down (publishing never fails
because of the index) and the next run (task or `manage.py process_search_queue`) catches up.
The database engine's pass also keeps the documents' semantic vectors in step (search/semantic.py).
"""

import logging
from datetime import timedelta
from itertools import islice

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import documents, semantic, vocabulary
from .engines import EngineUnavailable, sync_engines
from .models import IndexChange, SearchEntry

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
KEEP_PROCESSED = timedelta(days=7)


def record_changes(keys):
    keys = list(dict.fromkeys(keys))
    if not keys:
        return
    pending = set(IndexChange.objects.filter(key__in=keys, processed_at__isnull=True).values_list("key", "engine"))
    IndexChange.objects.bulk_create(
        [
            IndexChange(key=key, engine=engine.name)
            for key in keys
            for engine in sync_engines()
            if (key, engine.name) not in pending
        ]
    )
    transaction.on_commit(_enqueue, robust=True)


def _enqueue():
    from .tasks import process_search_queue

    process_search_queue.enqueue()


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _apply(engine, keys):
    built = documents.build_many(keys)
    previous = []
    if engine.name == "database":  # its entries hold each indexed document's words
        previous = [
            w
            for words in SearchEntry.objects.filter(key__in=keys).values_list("words", flat=True)
            for w in words.split("\n")
            if w
        ]
    engine.upsert(built.values())
    engine.delete([key for key in keys if key not in built])
    if engine.name == "database":
        vocabulary.record([word for document in built.values() for word in document.suggest_words], previous)
        semantic.store(built.values())
        semantic.forget([key for key in keys if key not in built])


def process_queue():
    """Apply every pending change; returns (applied, failed) counts of outbox rows."""
    applied = failed = 0
    for engine in sync_engines():
        while True:
            with transaction.atomic():
                rows = list(
                    IndexChange.objects.select_for_update(skip_locked=True)
                    .filter(engine=engine.name, processed_at__isnull=True)
                    .order_by("pk")[:BATCH_SIZE]
                )
                if not rows:
                    break
                ids = [row.pk for row in rows]
                try:
                    _apply(engine, list(dict.fromkeys(row.key for row in rows)))
                except EngineUnavailable as error:
                    IndexChange.objects.filter(pk__in=ids).update(
                        attempts=F("attempts") + 1, last_error=str(error)[:1000]
                    )
                    failed += len(rows)
                    break
                IndexChange.objects.filter(pk__in=ids).update(processed_at=timezone.now())
                applied += len(rows)
    IndexChange.objects.filter(processed_at__lt=timezone.now() - KEEP_PROCESSED).delete()
    return applied, failed


def pending_count():
    return IndexChange.objects.filter(processed_at__isnull=True).count()


def rebuild(engine=None, progress=None, batch_size=500):
    """Rebuild one engine's index (default: every synced engine) from the database.

    Changes processed while the cluster index was being built went to the old index; they
    are marked pending again after the alias switch and re-applied.
    """
    engines = [engine] if engine else sync_engines()
    total = 0  # documents per engine
    for target in engines:
        started = timezone.now()
        keys = list(documents.all_keys())
        if target.name == "database":
            vocabulary.reset()

        def batches(keys=keys, target=target):
            done = 0
            for batch in _batches(keys, batch_size):
                built = documents.build_many(batch)
                if target.name == "database":
                    vocabulary.record([w for d in built.values() for w in d.suggest_words])
                    semantic.store(built.values())
                done += len(batch)
                if progress:
                    progress(target.name, done, len(keys))
                yield list(built.values())

        target.rebuild(batches())
        if target.name == "database":
            semantic.forget(set(semantic.stored_keys()) - set(keys))
        IndexChange.objects.filter(engine=target.name, processed_at__gte=started).update(processed_at=None)
        total = len(keys)
    process_queue()
    return total
