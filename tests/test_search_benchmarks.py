"""The long-policy and short-answer search benchmarks (bench/search_collection/long and short) are sound.

bench/make_search_benchmarks.py writes them and bench/search_eval.py --collection measures them;
these checks keep the data honest: the promised sizes, judged slugs that exist, each long
question's answer paragraph found at its recorded offset and in no other document, and every
line accepted by `import_content --publish` (no rejection, which --strict turns into a failure).
"""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from home import demo_data
from tests.import_check import import_all_published

BENCH = Path(settings.PROJECT_DIR) / "bench" / "search_collection"
KINDS = {"question", "quoted", "stray_quote", "long"}


def lines(name):
    return [
        json.loads(line)
        for path in sorted((BENCH / name / "documents").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def queries(name, part):
    path = BENCH / name / f"queries-{name}-{part}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def page_texts(name):
    """{slug: body} of every page, Q&A items included."""
    texts = {}
    for line in lines(name):
        texts[line["slug"]] = line["body"]
        texts.update({item["slug"]: item["body"] for item in line.get("qa", [])})
    return texts


class BenchmarkShapeTest(TestCase):
    def assert_judged(self, name, minimum_dev, minimum_blind):
        texts = page_texts(name)
        dev, blind = queries(name, "dev"), queries(name, "blind")
        self.assertGreaterEqual(len(dev), minimum_dev)
        self.assertGreaterEqual(len(blind), minimum_blind)
        judged = dev + blind
        self.assertEqual([key for key, count in Counter(q["id"] for q in judged).items() if count > 1], [])
        self.assertEqual([key for key, count in Counter(q["query"] for q in judged).items() if count > 1], [])
        for query in judged:
            with self.subTest(query=query["id"]):
                self.assertIn(query["kind"], KINDS)
                self.assertTrue(query["relevant"])
                self.assertEqual([slug for slug in query["relevant"] if slug not in texts], [])
        # every form of messy question is represented, some over 200 characters
        self.assertEqual({query["kind"] for query in dev}, KINDS)
        self.assertGreater(sum(len(query["query"]) > 200 for query in dev), 20)
        return texts, judged

    def test_files_are_named_after_demo_units_and_slugs_are_new(self):
        codes = {fields["code"] for fields in demo_data.units()}
        existing = {
            json.loads(line)["slug"]
            for path in (BENCH / "documents").glob("*.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines()
        }
        for name in ("long", "short"):
            stems = [path.stem for path in (BENCH / name / "documents").glob("*.jsonl")]
            self.assertEqual([stem for stem in stems if stem not in codes], [])
            slugs = list(page_texts(name))
            self.assertEqual(len(slugs), len(set(slugs)))
            self.assertEqual(set(slugs) & existing, set())

    def test_long_documents_answer_deep_in_their_bodies(self):
        texts, judged = self.assert_judged("long", 300, 60)
        bodies = [line["body"] for line in lines("long")]
        self.assertGreaterEqual(len(bodies), 40)
        self.assertTrue(all(1000 <= len(body) <= 15000 for body in bodies))
        self.assertGreater(sum(len(body) > 10000 for body in bodies), 5)
        for query in judged:
            with self.subTest(query=query["id"]):
                body = texts[query["relevant"][0]]
                self.assertEqual(len(body), query["body_chars"])
                paragraph = body[query["answer_at"] :].split("\n", 1)[0]
                self.assertGreater(len(paragraph), 15)
                self.assertEqual([slug for slug, text in texts.items() if paragraph in text], query["relevant"])
        self.assertGreater(sum(query["answer_at"] > 5000 for query in judged), 50)

    def test_short_answers_have_siblings_on_their_topic(self):
        texts, judged = self.assert_judged("short", 300, 60)
        answers = {slug: text for slug, text in texts.items() if slug.count("-") >= 3}
        self.assertTrue(all(100 <= len(text) <= 400 for text in answers.values()))
        self.assertTrue(all(len(line["qa"]) >= 5 for line in lines("short")))


class BenchmarkImportTest(TestCase):
    def test_every_line_imports_and_publishes_without_rejection(self):
        files = [
            (f"{name}/{path.name}", path)
            for name in ("long", "short")
            for path in sorted((BENCH / name / "documents").glob("*.jsonl"))
        ]
        live = import_all_published(self, files, "search benchmark check")
        self.assertEqual((set(page_texts("long")) | set(page_texts("short"))) - live, set())
