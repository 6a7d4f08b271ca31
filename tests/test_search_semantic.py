"""Semantic retrieval (search/semantic.py) on every engine: a question that shares no word with its
answer finds it; unrelated questions find nothing; scope and filters hold; vectors follow publishing.

Needs the model files (`make install` fetches them from Maven Central): without them the cases
skip with the reason, except when CI=true. The OpenSearch and Elasticsearch cases need the nodes of
tests/test_search_conformance.py (SEARCH_TEST_URL, ELASTICSEARCH_TEST_URL) and skip or fail the same way.
"""

import os
import unittest
import uuid
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from content.models import NewsPage, NoticePage, PolicyPage
from content.vocabularies import PolicyKind
from home.provisioning import apply_portal_template
from search import documents, semantic
from search.analysis import CLUSTER_ANALYSIS
from search.engines import _cluster_engine, cluster, current_engine
from search.models import SearchVector
from search.vectors import VectorIndex
from subsites.models import UnitKind
from tests.factories import make_unit
from tests.test_search_conformance import ELASTICSEARCH_TEST_URL, SEARCH_TEST_URL, ClusterNode, column, publish

SKILLS_QUESTION = "考了电工证能领钱吗"  # the policy says 职业资格证书, 技能提升补贴, 申请
FLOOD_QUESTION = "下大雨河水涨了村里怎么办"  # the notice says 防汛, 巡查


def require(condition, message):
    if condition:
        return
    if os.environ.get("CI") == "true":
        raise AssertionError(message + "; CI must run it")
    raise unittest.SkipTest(message)


def model_present():
    return all((settings.SEARCH_SEMANTIC_MODEL / name).is_file() for name in ("model.onnx", "tokenizer.json"))


class SemanticCases:
    @classmethod
    def setUpClass(cls):
        require(model_present(), f"no semantic model in {settings.SEARCH_SEMANTIC_MODEL} (make install fetches it)")
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.rsj = make_unit("rsj", name="云溪县人力资源和社会保障局", kind=UnitKind.DEPARTMENT, seed=41)
        cls.town = make_unit("qszhen", name="云溪县青石镇", kind=UnitKind.TOWNSHIP, seed=42)
        publish(
            column(cls.rsj, "zcwj"),
            PolicyPage(
                title="关于开展职业技能提升补贴申领工作的通知",
                slug="policy-jn",
                policy_kind=PolicyKind.OTHER,
                doc_number="云人社发〔2024〕5号",
                issuing_authority="云溪县人力资源和社会保障局",
                written_date=date(2024, 3, 1),
                body="<p>取得职业资格证书或职业技能等级证书的参保职工，可申请技能提升补贴，初级1000元、中级1500元、高级2000元。</p>",
            ),
        )
        publish(
            column(cls.town, "tzgg"),
            NoticePage(title="关于做好秋季防汛工作的通知", slug="notice-fx", body="<p>各村加强巡查。</p>"),
        )
        publish(
            column(cls.town, "gzdt"),
            NewsPage(title="青石镇开展医保政策进村宣传", slug="news-yb", body="<p>镇社保所工作人员讲解缴费政策。</p>"),
        )
        draft = PolicyPage(
            title="关于电工作业人员持证上岗补助的通知（草稿）",
            slug="draft-dg",
            policy_kind=PolicyKind.OTHER,
            issuing_authority="云溪县人力资源和社会保障局",
            written_date=date(2026, 1, 1),
            live=False,
        )
        column(cls.rsj, "zcwj").add_child(instance=draft)
        draft.save_revision()
        cls.draft = draft
        call_command("rebuild_search_index", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))

    def search(self, host="gov.test", **params):
        params.setdefault("scope", "county")
        response = self.client.get("/api/search/", {"page_size": 50, **params}, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, response.content.decode())
        data = response.json()
        self.assertEqual(data["engine"], self.engine_name)
        return data

    def slugs(self, **params):
        return [r["slug"] for r in self.search(**params)["results"]]

    def test_a_question_sharing_no_word_finds_its_answer(self):
        data = self.search(q=SKILLS_QUESTION)
        slugs = [r["slug"] for r in data["results"]]
        self.assertEqual(slugs[0], "policy-jn")
        self.assertNotIn("notice-fx", slugs)
        self.assertNotIn("draft-dg", slugs)
        self.assertEqual(data["total"], len(slugs))
        self.assertEqual(sum(v["count"] for v in data["facets"]["type"]), data["total"])
        self.assertEqual(self.slugs(q=FLOOD_QUESTION)[0], "notice-fx")

    def test_an_unrelated_question_finds_nothing(self):
        self.assertEqual(self.search(q="周杰伦演唱会门票")["total"], 0)

    def test_scope_filters_and_date_order_hold(self):
        self.assertNotIn("policy-jn", self.slugs(q=SKILLS_QUESTION, type="notice"))
        self.assertIn("policy-jn", self.slugs(q=SKILLS_QUESTION, type="policy"))
        town_host = Site.objects.get(root_page=self.town.home_page).hostname
        self.assertNotIn("policy-jn", self.slugs(host=town_host, q=SKILLS_QUESTION, scope="site"))
        self.assertIn("policy-jn", self.slugs(q=SKILLS_QUESTION, sort="date"))

    def test_vectors_follow_publishing(self):
        self.assertFalse(SearchVector.objects.filter(key=f"page:{self.draft.pk}").exists())
        with self.captureOnCommitCallbacks(execute=True):
            page = publish(
                column(self.town, "tzgg"),
                NoticePage(
                    title="关于开展独居老人冬季走访慰问的通知",
                    slug="notice-ww",
                    body="<p>各村对独居老人逐户走访，送去棉被和慰问金。</p>",
                ),
            )
        self.assertTrue(SearchVector.objects.filter(key=f"page:{page.pk}").exists())
        question = "一个人住的老人冬天有人上门看看吗"
        self.assertEqual(self.slugs(q=question)[0], "notice-ww")
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        self.assertFalse(SearchVector.objects.filter(key=f"page:{page.pk}").exists())
        self.assertNotIn("notice-ww", self.slugs(q=question))


@override_settings(SEARCH_ENGINE="database", SEARCH_SEMANTIC=True)
class DatabaseEngineSemantic(SemanticCases, TestCase):
    engine_name = "database"

    def test_identifiers_and_office_names_are_left_to_words(self):
        self.search(q=SKILLS_QUESTION)  # loads the vectors
        self.assertTrue(semantic.neighbours(SKILLS_QUESTION))
        for text in ("云人社发〔2024〕5号", "云州市人民政府令第28号", "人力资源和社会保障局", "zcjd"):
            self.assertEqual(semantic.neighbours(text), {}, text)


SEMANTIC_PREFIX = f"test-sem-{uuid.uuid4().hex[:10]}"


class ClusterSemantic(ClusterNode, SemanticCases):
    prefix = SEMANTIC_PREFIX

    def test_the_cluster_finds_the_neighbours_without_a_copy_of_the_vectors(self):
        held, semantic._index = semantic._index, VectorIndex()  # this process's copy, empty
        try:
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.slugs(q=SKILLS_QUESTION)[0], "policy-jn")
            self.assertEqual(semantic._index.keys, [])
            table = SearchVector._meta.db_table
            self.assertFalse([q["sql"] for q in queries if table in q["sql"]])
        finally:
            semantic._index = held


@override_settings(
    SEARCH_ENGINE="opensearch", SEARCH_URL=SEARCH_TEST_URL, SEARCH_INDEX_PREFIX=SEMANTIC_PREFIX, SEARCH_SEMANTIC=True
)
class OpenSearchSemantic(ClusterSemantic, TestCase):
    def test_an_index_of_an_earlier_release_keeps_the_copy_until_rebuilt(self):
        """An index built without `index.knn` (before the vectors moved into the cluster) cannot take
        the vector field: its searches use this process's copy of the vectors until it is rebuilt."""
        engine, earlier = current_engine(), f"{current_engine().alias}-earlier"
        engine.client.indices.create(
            index=earlier, body={"settings": {"analysis": CLUSTER_ANALYSIS}, "mappings": cluster.MAPPINGS}
        )
        built = documents.build_many(list(documents.all_keys())).values()
        engine.helpers.bulk(engine.client, engine._actions(built, vectors=False), index=earlier, refresh=True)
        live = list(engine.client.indices.get_alias(name=engine.alias))
        engine.client.indices.update_aliases(
            body={"actions": [{"remove_index": {"index": live[0]}}, {"add": {"index": earlier, "alias": engine.alias}}]}
        )
        held = semantic._index
        try:
            for rebuilt in (False, True):
                _cluster_engine.cache_clear()  # as a process started now
                semantic._index = VectorIndex()
                self.assertEqual(self.slugs(q=SKILLS_QUESTION)[0], "policy-jn")
                self.assertEqual(bool(semantic._index.keys), not rebuilt)
                call_command("rebuild_search_index", "--engine", "configured", stdout=open(os.devnull, "w"))
        finally:
            semantic._index = held
            _cluster_engine.cache_clear()


@override_settings(
    SEARCH_ENGINE="elasticsearch",
    SEARCH_URL=ELASTICSEARCH_TEST_URL,
    SEARCH_INDEX_PREFIX=SEMANTIC_PREFIX,
    SEARCH_SEMANTIC=True,
)
class ElasticsearchSemantic(ClusterSemantic, TestCase):
    engine_name, label, url, start_hint = (
        "elasticsearch",
        "Elasticsearch",
        ELASTICSEARCH_TEST_URL,
        "make search-engine-es",
    )


class ModelCheck(TestCase):
    @override_settings(SEARCH_SEMANTIC=True, SEARCH_SEMANTIC_MODEL=Path("/nonexistent/model"))
    def test_missing_model_is_reported(self):
        self.assertIn("search.W001", [message.id for message in checks.run_checks()])

    @override_settings(SEARCH_SEMANTIC=False, SEARCH_SEMANTIC_MODEL=Path("/nonexistent/model"))
    def test_no_warning_when_semantic_search_is_off(self):
        self.assertNotIn("search.W001", [message.id for message in checks.run_checks()])
