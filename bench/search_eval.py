"""Search quality on the Chinese test collection: recall@10, MRR@10 and zero-hit queries per engine.

Run: `.venv/bin/python bench/search_eval.py [--engine database|opensearch|elasticsearch ...] [--url URL]
[--worst 15]`. Without --engine the engine comes from SEARCH_ENGINE/SEARCH_URL as in production;
--engine may be given several times to compare engines on one import.

It creates a throwaway database the way the test runner does (SQLite in memory by default; with
DATABASE_URL a `test_…` database beside the named one, dropped at the end; with --database a SQLite
file or a database URL kept for the next runs, which skip the import), migrates, generates the
subsites of the demo units the collection uses, imports bench/search_collection/documents/<unit>.jsonl
with `import_content --publish --strict`, runs `rebuild_search_index` for each engine (cluster indices
get the prefix `search-eval-<pid>` unless SEARCH_INDEX_PREFIX is set) and sends every query of
bench/search_collection/queries.jsonl to `/api/search/?scope=county` through Django's test client.

Figures per engine, over the judged relevant slugs R of each query and the first 10 results:
recall@k = |R ∩ top k| / min(|R|, k) (so a query with many relevant documents can reach 1; R@1 is
whether the first result is relevant), MRR@10 = mean of 1/rank of the first relevant result (0 when
none is in the top 10), zero-hit queries, HTTP errors and the p95 of the API time. A query with
no results that returns a did-you-mean suggestion is re-run with the suggestion, as a citizen
would click it; such queries are counted. Targets (issue 6): recall@10 >= 0.95, MRR@10 >= 0.85.

Beside every engine the same run scores a plain baseline on the same documents (the indexed
documents' title, body and related text as one text): SQLite FTS5 BM25 over character bigrams,
the query the OR of all its bigrams, no synonyms, no weights, no tuning (`Baseline`). The project
must beat it on every set and engine (issue 19).
"""

import argparse
import json
import math
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLLECTION = ROOT / "bench" / "search_collection"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-search-eval-"))
os.environ.setdefault("PORTAL_PORT", "80")
os.environ.setdefault("SEARCH_RATE_LIMIT", "1000000")  # every query comes from one address

TOP = 10
TARGETS = {"recall@10": 0.95, "MRR@10": 0.85}


def load_queries(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(relevant, slugs):
    """(recall@1, recall@10, reciprocal rank) of one ranked result list against the judged relevant slugs."""
    top = slugs[:TOP]
    found = len(set(relevant) & set(top))
    rank = next((position for position, slug in enumerate(top, start=1) if slug in relevant), None)
    return float(rank == 1), found / min(len(relevant), TOP), (1 / rank if rank else 0.0)


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)] if ordered else 0.0


class Baseline:
    """Plain BM25 over character bigrams: one FTS5 column of whitespace-separated bigrams (and latin
    words and numbers, every occurrence kept, so term frequency counts) per document, queried with
    the OR of the query's distinct bigrams."""

    def __init__(self, documents):
        from search.analysis import tokens

        self.tokens = lambda text: tokens(text, segment=False)
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE baseline USING fts5(slug UNINDEXED, text, tokenize='unicode61')")
        self.db.executemany(
            "INSERT INTO baseline (slug, text) VALUES (?, ?)",
            [(d.slug, " ".join(self.tokens(" ".join([d.title, d.body, d.extra])))) for d in documents],
        )

    def run(self, queries):
        outcomes = []
        for query in queries:
            started = time.perf_counter()
            terms = list(dict.fromkeys(self.tokens(query["query"])))
            slugs = (
                [
                    row[0]
                    for row in self.db.execute(
                        "SELECT slug FROM baseline WHERE baseline MATCH ? ORDER BY bm25(baseline) LIMIT ?",
                        (" OR ".join(f'"{t}"' for t in terms), TOP),
                    )
                ]
                if terms
                else []
            )
            outcomes.append(
                {
                    "query": query,
                    "status": 200,
                    "error": None,
                    "slugs": slugs,
                    "total": len(slugs),
                    "engine": "baseline",
                    "followed": None,
                    "suggestion": None,
                    "seconds": time.perf_counter() - started,
                }
            )
        return outcomes


def indexed_documents():
    """The search documents of the imported collection, as the engines index them."""
    from search.documents import all_keys, build_many

    keys = list(all_keys())
    return [
        document for start in range(0, len(keys), 500) for document in build_many(keys[start : start + 500]).values()
    ]


def build_site(collection):
    """Units with subsites for every documents/<code>.jsonl, and its pages imported and published."""
    from django.core.management import CommandError, call_command

    from home import demo_data
    from home.provisioning import apply_portal_template, apply_template
    from subsites.models import Unit

    apply_portal_template()
    demo_units = {fields["code"]: fields for fields in demo_data.units()}
    files = sorted((collection / "documents").glob("*.jsonl"))
    for path in files:
        code = path.stem
        if code not in demo_units:
            sys.exit(f"{path.name}: no demo unit with the code {code!r} (home/demo_data.py)")
        apply_template(Unit.objects.create(**demo_units[code]))
        output = StringIO()
        try:
            call_command(
                "import_content",
                str(path),
                unit=code,
                publish=True,
                strict=True,
                reason="search evaluation collection",
                stdout=output,
                stderr=StringIO(),
            )
        except CommandError as error:
            sys.exit(f"{path.name}: {error}\n{output.getvalue()}")
    return len(files)


def run_queries(client, host, queries):
    """Per query: slugs of the first results, hit count, whether the suggestion was followed, and timing."""
    outcomes = []
    for query in queries:
        started = time.perf_counter()
        data, status = fetch(client, host, query["query"])
        suggestion, followed = data.get("suggestion"), None
        if status == 200 and data["total"] == 0 and data.get("suggestion"):
            followed = data["suggestion"]
            data, status = fetch(client, host, followed)
        elapsed = time.perf_counter() - started
        slugs = [result["slug"] for result in data.get("results", [])] if status == 200 else []
        outcomes.append(
            {
                "query": query,
                "status": status,
                "error": data.get("error"),
                "slugs": slugs,
                "total": data.get("total", 0),
                "engine": data.get("engine"),
                "followed": followed,
                "suggestion": suggestion,
                "seconds": elapsed,
            }
        )
    return outcomes


def fetch(client, host, text):
    response = client.get("/api/search/", {"q": text, "scope": "county", "page_size": TOP}, HTTP_HOST=host)
    try:
        return response.json(), response.status_code
    except ValueError:
        return {"error": f"not JSON ({response.get('Content-Type')})"}, response.status_code


def figures(outcomes):
    """{R@1, R@10, MRR@10, zero-hit, errors, p95 ms} of scored outcomes."""
    return {
        "R@1": statistics.mean(o["r1"] for o in outcomes),
        "R@10": statistics.mean(o["recall"] for o in outcomes),
        "MRR@10": statistics.mean(o["rr"] for o in outcomes),
        "zero-hit": sum(1 for o in outcomes if o["status"] == 200 and not o["slugs"]),
        "errors": sum(1 for o in outcomes if o["status"] != 200),
        "p95 ms": p95([o["seconds"] for o in outcomes]) * 1000,
    }


def score_all(outcomes):
    for outcome in outcomes:
        outcome["r1"], outcome["recall"], outcome["rr"] = score(outcome["query"]["relevant"], outcome["slugs"])
    return figures(outcomes)


def line(name, values):
    return (
        f"  {name:<22} R@1 {values['R@1']:.3f}  R@10 {values['R@10']:.3f}  MRR@10 {values['MRR@10']:.3f}  "
        f"zero-hit {values['zero-hit']}  HTTP errors {values['errors']}  p95 {values['p95 ms']:.1f} ms"
    )


def report(engine, outcomes, worst, query_set="", baseline=None):
    by_kind = defaultdict(list)
    summary = score_all(outcomes)
    for outcome in outcomes:
        by_kind[outcome["query"].get("kind", "other")].append((outcome["recall"], outcome["rr"]))
    recall, mrr = summary["R@10"], summary["MRR@10"]
    answered = {outcome["engine"] for outcome in outcomes if outcome["engine"]}
    print(
        f"\n== engine {engine}{f' — {query_set}' if query_set else ''} "
        f"(answered by: {', '.join(sorted(answered)) or 'none'}) =="
    )
    if answered - {engine}:
        print(
            f"WARNING: some queries were answered by {', '.join(sorted(answered - {engine}))}, "
            f"not {engine} (fallback?); these figures do not measure {engine}."
        )
    for name, value in (("recall@10", recall), ("MRR@10", mrr)):
        verdict = "meets" if value >= TARGETS[name] else "BELOW"
        print(f"{name:<10} {value:.3f}  ({verdict} target {TARGETS[name]:.2f})")
    print(line(engine, summary))
    if baseline is not None:
        reference = score_all(baseline)
        print(line("BM25 bigram baseline", reference))
        beats = summary["R@10"] >= reference["R@10"] and summary["MRR@10"] > reference["MRR@10"]
        print(f"  {'beats' if beats else 'DOES NOT BEAT'} the baseline (R@10 and MRR@10)")
    print(
        f"queries    {len(outcomes)}; median API time {statistics.median(o['seconds'] for o in outcomes) * 1000:.1f} ms"
    )
    print(
        "by kind    "
        + "; ".join(
            f"{kind} n={len(values)} R={statistics.mean(v[0] for v in values):.2f} "
            f"MRR={statistics.mean(v[1] for v in values):.2f}"
            for kind, values in sorted(by_kind.items())
        )
    )
    errors = [o for o in outcomes if o["status"] != 200]
    if errors:
        print(
            f"HTTP errors ({len(errors)}): "
            + "; ".join(f"{o['query']['id']} {o['query']['query']!r} {o['status']} {o['error']}" for o in errors)
        )
    followed = [o for o in outcomes if o["followed"]]
    print(
        f"suggestion followed ({len(followed)}): "
        + "; ".join(f"{o['query']['query']} → {o['followed']}" for o in followed)
    )
    zero = [o for o in outcomes if o["status"] == 200 and not o["slugs"]]
    print(f"zero-hit queries ({len(zero)}): " + "; ".join(f"{o['query']['id']} {o['query']['query']}" for o in zero))
    print(f"worst {worst} queries (recall, reciprocal rank, first results, relevant missing from the top 10):")
    for o in sorted(outcomes, key=lambda o: (o["recall"] + o["rr"], o["query"]["id"]))[:worst]:
        if o["recall"] == 1 and o["rr"] == 1:
            break
        missing = [slug for slug in o["query"]["relevant"] if slug not in o["slugs"][:TOP]]
        print(
            f"  {o['query']['id']} [{o['query'].get('kind', '')}] {o['query']['query']!r}: "
            f"R={o['recall']:.2f} RR={o['rr']:.2f} total={o['total']} suggestion={o['suggestion']!r} "
            f"top={o['slugs'][:3]} "
            f"missing={missing[:5]}{' …' if len(missing) > 5 else ''}"
        )
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engine",
        action="append",
        choices=["database", "opensearch", "elasticsearch"],
        help="engine to evaluate (repeatable); default: SEARCH_ENGINE",
    )
    parser.add_argument("--url", help="cluster URL (sets SEARCH_URL)")
    parser.add_argument("--worst", type=int, default=15, help="how many of the worst queries to list")
    parser.add_argument("--collection", type=Path, default=COLLECTION)
    parser.add_argument(
        "--database",
        help="database keeping the imported collection, a SQLite file or a URL (postgres://…): "
        "imported on the first run, reused by the next ones (the indices are rebuilt every "
        "run); default: a throw-away database",
    )
    parser.add_argument(
        "--queries",
        type=Path,
        action="append",
        help="judged queries (JSONL, repeatable, reported one file at a time); default: <collection>/queries.jsonl",
    )
    args = parser.parse_args()
    if args.url:
        os.environ["SEARCH_URL"] = args.url
    if args.database:
        os.environ["DATABASE_URL"] = (
            args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
        )
    os.environ.setdefault("SEARCH_INDEX_PREFIX", f"search-eval-{os.getpid()}")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    query_sets = {path.stem: load_queries(path) for path in args.queries or [args.collection / "queries.jsonl"]}
    queries = [query for judged in query_sets.values() for query in judged]
    engines = args.engine or [settings.SEARCH_ENGINE]
    reused = False
    if args.database:
        from subsites.models import Unit

        call_command("migrate", verbosity=0, interactive=False)
        reused = Unit.objects.exists()
    else:
        test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        if reused:
            print(f"collection reused from {args.database}; {len(queries)} queries")
        else:
            units = build_site(args.collection)
            print(
                f"collection imported: {units} units in {time.perf_counter() - started:.1f} s "
                f"(database {connection.vendor}); {len(queries)} queries"
            )
        baseline = Baseline(indexed_documents()).run(queries)
        for engine in engines:
            with override_settings(SEARCH_ENGINE=engine):
                started = time.perf_counter()
                call_command("rebuild_search_index", engine="configured", stdout=StringIO(), stderr=StringIO())
                print(f"{engine}: index rebuilt in {time.perf_counter() - started:.1f} s")
                outcomes = run_queries(Client(), settings.PORTAL_DOMAIN, queries)
                for name, judged in query_sets.items():
                    ids = {query["id"] for query in judged}
                    report(
                        engine,
                        [o for o in outcomes if o["query"]["id"] in ids],
                        args.worst,
                        name if len(query_sets) > 1 else "",
                        [o for o in baseline if o["query"]["id"] in ids],
                    )
    finally:
        if not args.database:
            connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()
