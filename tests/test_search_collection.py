"""The Chinese search test collection (bench/search_collection/) is complete and imports cleanly.

bench/search_eval.py measures search quality on it; these checks keep the data itself sound:
enough documents and queries, unique slugs, judged slugs that exist, files named after demo
units, and every line accepted by `import_content --publish`.
"""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from home import demo_data
from tests.import_check import import_all_published

COLLECTION = Path(settings.PROJECT_DIR) / "bench" / "search_collection"
FILES = sorted((COLLECTION / "documents").glob("*.jsonl"))
QUERY_KINDS = {"term", "question", "synonym", "pinyin", "initials", "misspelling", "doc_number", "issuer", "title"}


def collection_slugs():
    """Every page slug the collection defines, nested interpretations and Q&A included, with its line type."""
    slugs = []
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            slugs.append((item["slug"], item["type"]))
            for kind in ("interpretations", "qa"):
                slugs += [(nested["slug"], kind) for nested in item.get(kind, [])]
    return slugs


def queries(name="queries.jsonl"):
    return [json.loads(line) for line in (COLLECTION / name).read_text(encoding="utf-8").splitlines()]


class CollectionShapeTest(TestCase):
    def test_at_least_200_documents_with_unique_slugs_of_every_kind(self):
        slugs = collection_slugs()
        self.assertGreaterEqual(len(slugs), 200)
        duplicates = [slug for slug, count in Counter(slug for slug, _kind in slugs).items() if count > 1]
        self.assertEqual(duplicates, [])
        self.assertEqual(
            {kind for _slug, kind in slugs}, {"policy", "interpretations", "qa", "news", "notice", "service"}
        )

    def test_files_are_named_after_demo_units(self):
        codes = {fields["code"] for fields in demo_data.units()}
        self.assertGreaterEqual(len(FILES), 10)
        self.assertEqual([path.stem for path in FILES if path.stem not in codes], [])

    def assert_judged_against_existing_slugs(self, judged):
        # A unit's home page (slug = unit code) may be judged relevant, e.g. to a query naming the unit.
        slugs = {slug for slug, _kind in collection_slugs()} | {path.stem for path in FILES}
        self.assertEqual(len({query["id"] for query in judged}), len(judged))
        self.assertEqual(len({query["query"] for query in judged}), len(judged))
        for query in judged:
            with self.subTest(query=query["id"]):
                self.assertIn(query["kind"], QUERY_KINDS)
                self.assertTrue(query["relevant"])
                self.assertEqual([slug for slug in query["relevant"] if slug not in slugs], [])

    def test_at_least_100_queries_judged_against_existing_slugs(self):
        judged = queries()
        self.assertGreaterEqual(len(judged), 100)
        self.assert_judged_against_existing_slugs(judged)
        self.assertEqual({query["kind"] for query in judged}, QUERY_KINDS)

    def test_development_and_held_out_queries_are_new(self):
        development, held_out = queries("queries-dev.jsonl"), queries("queries-heldout.jsonl")
        fresh = queries("queries-fresh.jsonl")
        self.assertGreaterEqual(len(development), 40)
        self.assertGreaterEqual(len(held_out), 40)
        self.assertGreaterEqual(len(fresh), 36)  # 40 written, 4 already in the other sets dropped
        # ids and texts unique across the four sets
        self.assert_judged_against_existing_slugs(queries() + development + held_out + fresh)


class CollectionImportTest(TestCase):
    def test_every_line_imports_and_publishes_without_rejection(self):
        live = import_all_published(self, [(path.name, path) for path in FILES], "search collection check")
        self.assertEqual({slug for slug, _kind in collection_slugs()} - live, set())
