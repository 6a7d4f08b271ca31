"""Benchmark: what the semantic vectors cost a web worker in memory, per number of documents.

Run: `.venv/bin/python bench/search_vector_memory.py [--counts 100000 1000000]`. For each count it
fills a fresh `search.vectors.VectorIndex` (the copy every web worker of a database engine keeps,
search/vectors.py) with that many synthetic 512-dimension vectors, loaded as from `SearchVector`
rows in batches, and prints the process's resident memory before and after, the peak, and one
nearest-neighbour search's time. No database or model is needed: the figures depend only on the
number of vectors.

`--engine opensearch|elasticsearch --url URL` measures a web worker searching a cluster instead
(`--engine database`: the database engine, for comparison): for each count it stores
search_latency.py's synthetic documents and vectors in a throwaway SQLite database, builds the
engine's index with them (on a cluster a throwaway index, the vectors in it), then starts a fresh
process as a web worker would be: it loads the model, answers one search (the same path as
/api/search/ minus HTTP), then SEARCHES more, and prints its resident memory after the first and
after the last, and how many vectors it holds (none on a cluster: the neighbours come from the
cluster's kNN search). Needs the model.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

DIMENSIONS = 512
BATCH = 50_000
SEARCHES = 100  # a worker's searches after its first


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--engine", choices=["database", "opensearch", "elasticsearch"])
    parser.add_argument("--url", help="the cluster's node (with --engine)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # the index prefix a worker process searches
    args = parser.parse_args()
    # with --engine, a throwaway database (which the worker process inherits)
    scratch = tempfile.TemporaryDirectory(prefix="bench-vectors-") if args.engine and not args.worker else None
    if scratch:
        os.environ["PORTAL_VAR_DIR"] = scratch.name
    import django

    django.setup()
    if args.worker:
        return worker(args.engine, args.url, args.worker)
    if scratch:
        with scratch:
            return workers(args.engine, args.url, args.counts)
    import numpy

    from search.vectors import VectorIndex

    rng = numpy.random.default_rng(19)
    for count in args.counts:
        index, before = VectorIndex(), rss_mb()
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            floats = rng.standard_normal((size, DIMENSIONS)).astype(numpy.float32)
            floats /= numpy.linalg.norm(floats, axis=1, keepdims=True)
            rows = [(f"page:{start + n}", row.astype("<f2").tobytes()) for n, row in enumerate(floats)]
            index._merge(rows)
            query = floats[0].copy()
            del floats, rows  # only what the index holds stays
        held = rss_mb()
        started = time.perf_counter()
        index.nearest(query, 50)
        took = (time.perf_counter() - started) * 1000
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        arrays = sum(part.nbytes for part in (index.bits, index.values, index.scales)) / 2**20
        print(
            f"{count:>9,} vectors: RSS {before:.0f} → {held:.0f} MB (+{held - before:.0f} MB held; "
            f"arrays {arrays:.0f} MB, the rest keys and allocator), "
            f"peak {peak:.0f} MB; one nearest-neighbour search {took:.1f} ms"
        )
        del index


def _engine(name, url, prefix):
    from search.engines import _cluster_engine, database_engine

    return database_engine() if name == "database" else _cluster_engine(name, url, prefix, 30)


def workers(name, url, counts):
    import random

    from django.core.management import call_command

    from bench.search_latency import _batches, corpus, store_vectors

    call_command("migrate", verbosity=0)
    for count in counts:
        engine = _engine(name, url, f"bench-vec-{uuid.uuid4().hex[:8]}")
        started = time.perf_counter()
        if not store_vectors(count):
            raise SystemExit("semantic search is off (SEARCH_SEMANTIC=0 or no model): nothing to measure")
        engine.rebuild(_batches(corpus(count, random.Random(count)), 2000))
        load = time.perf_counter() - started
        try:
            prefix = getattr(engine, "prefix", "-")
            command = [sys.executable, __file__, "--engine", name, "--url", url or "-", "--worker", prefix]
            figures = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        finally:
            if name != "database":
                engine.drop()
        print(
            f"{name} {count:>9,} documents (indexed with their vectors in {load:.0f} s): a web worker's RSS "
            f"{figures['first']:.0f} MB after its first search, {figures['last']:.0f} MB after {SEARCHES} more "
            f"(+{figures['last'] - figures['first']:.0f} MB); vectors held in the worker: {figures['held']}; "
            f"search p50 {figures['p50']:.0f} ms"
        )


def worker(name, url, prefix):
    """A web worker's searches: prints its memory figures as JSON."""
    import random
    import statistics

    from bench.search_latency import queries
    from search import semantic
    from search.query import build_query

    engine = _engine(name, url, prefix)
    texts, times = queries(SEARCHES + 1, random.Random(19)), []
    for n, text in enumerate(texts):
        query = build_query({"q": text, "scope": "county"})
        query.semantic_text = text
        started = time.perf_counter()
        engine.search(query)
        times.append((time.perf_counter() - started) * 1000)
        if n == 0:
            first = rss_mb()
    held = len(semantic._index.keys)
    print(json.dumps({"first": first, "last": rss_mb(), "held": held, "p50": statistics.median(times[1:])}))


if __name__ == "__main__":
    main()
