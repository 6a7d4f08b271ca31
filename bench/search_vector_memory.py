"""Benchmark: what the semantic vectors cost a web worker in memory, per number of vectors held.

Run: `.venv/bin/python bench/search_vector_memory.py [--counts 100000 1000000]`. For each count it
fills a fresh `search.vectors.VectorIndex` (the copy every web worker keeps, search/vectors.py)
with that many synthetic 512-dimension vectors, loaded as from `SearchVector` rows in batches, and
prints the process's resident memory before and after, the peak, and one nearest-neighbour search's
time. No database or model is needed: the figures depend only on the number of vectors.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

DIMENSIONS = 512
BATCH = 50_000


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    import django

    django.setup()
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


if __name__ == "__main__":
    main()
