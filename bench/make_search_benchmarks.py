"""Write the long-policy and short-answer search benchmarks from their sources in bench/benchgen/.

    .venv/bin/python bench/make_search_benchmarks.py

Writes bench/search_collection/long/ and bench/search_collection/short/: documents/<unit>.jsonl
(import_content lines) and the dev and blind query files (see bench/README.md). Deterministic:
re-running rewrites the same files.
"""

import json
import os
import sys
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "benchgen"), str(HERE.parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()  # the unit names come from home/demo_data.py

import build_long  # noqa: E402
import build_short  # noqa: E402

FIELDS = ["id", "query", "kind", "relevant"]


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def write_set(directory, name, files, dev, blind):
    for stale in (directory / "documents").glob("*.jsonl"):
        stale.unlink()
    for unit, lines in files.items():
        write_jsonl(directory / "documents" / f"{unit}.jsonl", lines)
    for suffix, queries in (("dev", dev), ("blind", blind)):
        ordered = [{**{field: query[field] for field in FIELDS}, **query} for query in queries]
        write_jsonl(directory / f"queries-{name}-{suffix}.jsonl", ordered)
    documents = sum(len(lines) for lines in files.values())
    print(f"{name}: {documents} documents in {len(files)} units, {len(dev)} dev and {len(blind)} blind questions")


def main():
    collection = HERE / "search_collection"
    write_set(collection / "long", "long", *build_long.build())
    write_set(collection / "short", "short", *build_short.build())


if __name__ == "__main__":
    main()
