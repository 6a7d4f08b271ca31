"""The documents' semantic vectors as each process holds them, and the search for the nearest ones
(the database engines: a cluster searches its own copy, search/engines/cluster.py).

`SearchVector` stores each vector as float16. In memory a vector is kept compactly twice: 512 sign
bits around the collection's mean (64 bytes, held word by word: eight arrays of one 64-bit word per
document, which numpy counts fastest) and int8 values with a scale (516 bytes). A search takes the
documents within the smallest Hamming distance of the query's bits that admits enough candidates,
then scores them exactly with the int8 values: at 100,000 documents a query reads ~60 MB instead
of the 200 MB of float32 vectors, in ~2 ms. With at most MIN_CANDIDATES documents every one is
scored exactly.
Before each search the copy is brought up to date: rows written since the last look are loaded;
when rows were deleted everything is loaded again (a deleted document's vector is harmless until
then: engines only return documents they hold). Looking costs a COUNT over the table (15 ms at
100,000 rows on SQLite), so it is done only when the version counter in the shared cache moved
(bumped by every write and again at its commit, `changed`) or RECHECK_SECONDS have passed (a cache that is
not shared between processes, as in development, then still catches up).
"""

import threading
import time

import numpy
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from .models import SearchVector

MIN_CANDIDATES = 1000
CANDIDATE_FRACTION = 50  # at least 1/50 of the documents are scored exactly
VERSION_KEY = "search:vectors:version"
RECHECK_SECONDS = 60


def changed():
    """Tell every process the stored vectors changed: now (this process and transaction see them)
    and again once the current transaction commits (the others see them then)."""
    _bump()
    transaction.on_commit(_bump)


def version():
    """What changes whenever the stored vectors may have changed: the shared counter, and every
    RECHECK_SECONDS (a cache not shared between processes misses the others' writes)."""
    return cache.get(VERSION_KEY), int(time.monotonic() // RECHECK_SECONDS)


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted)
        cache.set(VERSION_KEY, 1, timeout=None)


class VectorIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.version = 0  # changes whenever the vectors held change
        self.seen_version, self.checked_at = None, float("-inf")
        self._reset()

    def _reset(self):
        self.keys, self.positions, self.latest = [], {}, None
        self.bits = self.values = self.scales = self.mean = None

    def refresh(self):
        cache.add(VERSION_KEY, 0, timeout=None)  # a counter lost with the cache starts again
        version, now = cache.get(VERSION_KEY), time.monotonic()
        if version == self.seen_version and now - self.checked_at < RECHECK_SECONDS:
            return
        with self.lock:
            self.seen_version, self.checked_at = version, now
            state = SearchVector.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
            if state["latest"] == self.latest and state["count"] == len(self.keys):
                return
            rows = SearchVector.objects.order_by("id")
            if self.latest is not None and state["count"] >= len(self.keys):
                rows = rows.filter(updated_at__gte=self.latest)
            else:
                self._reset()
            self._merge(list(rows.values_list("key", "vector")))
            # deleted while loading: load everything next time
            self.latest = state["latest"] if state["count"] == len(self.keys) else None
            self.version += 1

    def _merge(self, rows):
        if not rows:
            return
        floats = (
            numpy.frombuffer(b"".join(bytes(vector) for _key, vector in rows), dtype="<f2")
            .reshape(len(rows), -1)
            .astype(numpy.float32)
        )
        if self.mean is None:
            self.mean = floats.mean(axis=0)
        bits, values, scales = self._encode(floats)
        fresh = []
        for index, (key, _vector) in enumerate(rows):
            position = self.positions.get(key)
            if position is None:
                self.positions[key] = len(self.keys) + len(fresh)
                fresh.append(index)
            else:
                self.bits[:, position], self.values[position] = bits[:, index], values[index]
                self.scales[position] = scales[index]
        if fresh:
            self.keys.extend(rows[index][0] for index in fresh)
            parts = (bits[:, fresh], values[fresh], scales[fresh])
            if self.bits is None:
                self.bits, self.values, self.scales = (numpy.ascontiguousarray(part) for part in parts)
            else:
                self.bits, self.values, self.scales = (
                    numpy.concatenate([held, part], axis=axis)
                    for held, part, axis in zip((self.bits, self.values, self.scales), parts, (1, 0, 0))
                )

    def _encode(self, floats):
        bits = numpy.packbits(floats > self.mean, axis=1).view(numpy.uint64).T  # (words, documents)
        scales = numpy.abs(floats).max(axis=1) / 127
        values = numpy.round(floats / scales[:, None]).astype(numpy.int8)
        return bits, values, scales.astype(numpy.float32)

    def nearest(self, vector, count):
        """[(key, cosine similarity)] of the `count` documents nearest a unit vector, nearest first."""
        with self.lock:
            if not self.keys:
                return []
            candidates = self._candidates(vector)
            similarities = (self.values[candidates].astype(numpy.float32) @ vector) * self.scales[candidates]
            keys = self.keys
        count = min(count, len(candidates))
        best = numpy.argpartition(-similarities, count - 1)[:count]
        best = best[numpy.argsort(-similarities[best])]
        return [(keys[candidates[i]], float(similarities[i])) for i in best]

    def _candidates(self, vector):
        wanted = max(MIN_CANDIDATES, len(self.keys) // CANDIDATE_FRACTION)
        if len(self.keys) <= wanted:
            return numpy.arange(len(self.keys))
        query_bits = numpy.packbits(vector > self.mean).view(numpy.uint64)
        distances = numpy.bitwise_count(self.bits[0] ^ query_bits[0]).astype(numpy.uint16)
        for word in range(1, len(query_bits)):
            distances += numpy.bitwise_count(self.bits[word] ^ query_bits[word])
        # the smallest distance within which at least `wanted` documents lie; of the documents at
        # exactly that distance, the first ones
        limit = int(numpy.searchsorted(numpy.cumsum(numpy.bincount(distances)), wanted))
        closer = numpy.flatnonzero(distances < limit)
        return numpy.concatenate([closer, numpy.flatnonzero(distances == limit)[: wanted - len(closer)]])
