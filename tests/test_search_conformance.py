"""One search conformance suite, run against every engine available.

- `DatabaseEngineConformance`: the database engine on the database of the run (SQLite FTS5
  by default, PostgreSQL full text when DATABASE_URL points at PostgreSQL).
- `OpenSearchConformance`: a real OpenSearch node at SEARCH_TEST_URL (default
  http://127.0.0.1:9200, e.g. `make search-engine`); skipped with the reason when it does not
  answer, but failing when CI=true. Each run uses its own index prefix and drops it afterwards.
- `ElasticsearchConformance`: the same against a real Elasticsearch 8 node at
  ELASTICSEARCH_TEST_URL (default http://127.0.0.1:9201, scripts/services/elasticsearch.sh);
  skipped with the reason when it does not answer, failing when CI=true.

Every case goes through the public JSON API (/api/search/) or the management commands.
"""

import os
import uuid
from datetime import date, datetime
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from content.models import ColumnPage, InterpretationPage, NewsPage, NoticePage, PolicyPage, QAPage, ServiceItemPage
from content.vocabularies import PolicyKind, Validity
from home.provisioning import apply_portal_template
from search.engines import cluster, current_engine
from search.indexing import rebuild
from search.models import IndexChange, Synonym
from subsites.models import UnitKind
from tests.factories import make_unit
from tests.test_content_pages import service_fields

SEARCH_TEST_URL = os.environ.get("SEARCH_TEST_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_TEST_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "http://127.0.0.1:9201")
RUN_PREFIX = f"test-{uuid.uuid4().hex[:12]}"


def column(unit, slug):
    return ColumnPage.objects.child_of(unit.home_page).get(slug=slug)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class ConformanceCases:
    """The cases; subclasses choose the engine through settings."""

    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.ybj = make_unit("ybj", name="云溪县医疗保障局", kind=UnitKind.DEPARTMENT, seed=31)
        cls.town = make_unit("qszhen", name="云溪县青石镇", kind=UnitKind.TOWNSHIP, seed=32)
        cls.policy = publish(
            column(cls.ybj, "zcwj"),
            PolicyPage(
                title="关于调整城乡居民医疗保障待遇的通知",
                slug="policy-yb",
                policy_kind=PolicyKind.OTHER,
                doc_number="云医保发〔2020〕3号",
                issuing_authority="云溪县医疗保障局",
                written_date=date(2020, 3, 2),
                body="<p>提高城乡居民医疗保障住院报销比例，门诊统筹待遇同步调整。</p>",
            ),
        )
        cls.qa = publish(
            column(cls.ybj, "zcjd"),
            QAPage(
                title="异地就医备案需要多长时间办好？",
                slug="qa-yb",
                policy=cls.policy,
                body="<p>材料齐全的，当场办结。</p>",
            ),
        )
        cls.interpretation = publish(
            column(cls.ybj, "zcjd"),
            InterpretationPage(
                title="《关于调整城乡居民医疗保障待遇的通知》政策解读",
                slug="jd-yb",
                policy=cls.policy,
                body="<p>本次调整主要涉及住院报销。</p>",
            ),
        )
        cls.flowchart = Image.objects.create(title="流程图", file=get_test_image_file())
        cls.service = publish(
            column(cls.ybj, "bsfw"),
            ServiceItemPage(
                title="零星医疗费用手工报销",
                slug="service-yb",
                flowchart=cls.flowchart,
                **service_fields(legal_basis="《中华人民共和国社会保险法》第二十九条；云医保发[2020]3号"),
            ),
        )
        cls.revoked = publish(
            column(cls.ybj, "zcwj"),
            PolicyPage(
                title="最低生活保障对象认定办法",
                slug="policy-db",
                policy_kind=PolicyKind.OTHER,
                doc_number="云民发[2019]12号",
                issuing_authority="云溪县民政局",
                written_date=date(2019, 5, 6),
                validity=Validity.REPEALED,
                issued_at=datetime(2019, 5, 8, 10, tzinfo=timezone.get_current_timezone()),
                body="<p>申请最低生活保障的家庭应当如实申报收入。</p>",
            ),
        )
        cls.news = publish(
            column(cls.town, "gzdt"),
            NewsPage(title="青石镇开展医保政策进村宣传", slug="news-yb", body="<p>镇社保所工作人员讲解缴费政策。</p>"),
        )
        cls.notice = publish(
            column(cls.town, "tzgg"),
            NoticePage(title="关于做好秋季防汛工作的通知", slug="notice-fx", body="<p>各村加强巡查。</p>"),
        )
        draft = PolicyPage(
            title="医疗保障草稿文件",
            slug="draft-yb",
            policy_kind=PolicyKind.OTHER,
            issuing_authority="云溪县医疗保障局",
            written_date=date(2026, 1, 1),
            live=False,
        )
        column(cls.ybj, "zcwj").add_child(instance=draft)
        draft.save_revision()
        call_command("rebuild_search_index", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))

    def api(self, host="gov.test", **params):
        params.setdefault("scope", "county")
        return self.client.get("/api/search/", params, HTTP_HOST=host)

    def search(self, **params):
        response = self.api(**params)
        self.assertEqual(response.status_code, 200, response.content.decode())
        data = response.json()
        self.assertEqual(data["engine"], self.engine_name)
        return data

    def slugs(self, **params):
        return [r["slug"] for r in self.search(page_size=50, **params)["results"]]

    # --- matching ---------------------------------------------------------------------------

    def test_policy_found_by_question_only_in_its_qa(self):
        results = self.search(q="异地就医备案")["results"]
        slugs = [r["slug"] for r in results]
        self.assertIn("policy-yb", slugs)
        self.assertIn("qa-yb", slugs)
        qa = next(r for r in results if r["slug"] == "qa-yb")
        self.assertEqual(qa["type"], "qa")
        self.assertEqual(qa["policy"]["title"], self.policy.title)
        self.assertIn("<mark>", next(r for r in results if r["slug"] == "policy-yb")["highlight"])

    def test_listing_pages_follow_the_documents_they_list(self):
        # The 政策解读 columns' own pages have the shortest title matching, yet the interpretation comes
        # first; page by page, the order is the same.
        slugs = self.slugs(q="政策解读")
        self.assertEqual(slugs[0], "jd-yb")
        self.assertIn("zcjd", slugs)
        paged = [r["slug"] for page in (1, 2, 3) for r in self.search(q="政策解读", page=page, page_size=2)["results"]]
        self.assertEqual(paged, slugs[:6])

    def test_policy_family_joins_the_results(self):
        # 门诊统筹 is in the policy's text only: its interpretation, its Q&A item and the service item
        # citing its 文号 (bracket variant) follow it; unrelated documents do not.
        data = self.search(q="门诊统筹", page_size=50)
        slugs = [r["slug"] for r in data["results"]]
        self.assertEqual(slugs[0], "policy-yb")
        self.assertEqual(set(slugs), {"policy-yb", "jd-yb", "qa-yb", "service-yb"})
        self.assertEqual(data["total"], 4)
        self.assertEqual(
            {v["value"]: v["count"] for v in data["facets"]["type"]},
            {"policy": 1, "interpretation": 1, "qa": 1, "service": 1},
        )
        self.assertEqual(self.slugs(q="门诊统筹", type="service"), ["service-yb"])
        self.assertEqual(set(self.slugs(q="门诊统筹", sort="date")), set(slugs))  # the same documents by date
        # A policy published later gathers the service items already citing its 文号.
        with self.captureOnCommitCallbacks(execute=True):
            cited = publish(
                column(self.ybj, "bsfw"),
                ServiceItemPage(
                    title="长期处方备案",
                    slug="service-cf",
                    flowchart=self.flowchart,
                    **service_fields(legal_basis="云医保发〔2021〕7号"),
                ),
            )
        self.assertEqual(self.slugs(q="十二周"), [])
        with self.captureOnCommitCallbacks(execute=True):
            policy = publish(
                column(self.ybj, "zcwj"),
                PolicyPage(
                    title="关于规范慢性病长期处方管理的通知",
                    slug="policy-cf",
                    policy_kind=PolicyKind.OTHER,
                    doc_number="云医保发〔2021〕7号",
                    issuing_authority="云溪县医疗保障局",
                    written_date=date(2021, 4, 1),
                    body="<p>处方用量最长可达十二周。</p>",
                ),
            )
        self.assertEqual(self.slugs(q="十二周"), ["policy-cf", "service-cf"])
        with self.captureOnCommitCallbacks(execute=True):
            cited.unpublish()
        self.assertEqual(self.slugs(q="十二周"), ["policy-cf"])
        with self.captureOnCommitCallbacks(execute=True):  # a cluster index outlives the test's transaction
            policy.unpublish()
        self.assertEqual(self.slugs(q="十二周"), [])

    def test_two_character_term_matches_inside_words(self):
        self.assertIn("news-yb", self.slugs(q="医保"))
        self.assertIn("policy-yb", self.slugs(q="防汛") + self.slugs(q="报销"))
        self.assertNotIn("draft-yb", self.slugs(q="医疗保障"))

    def test_synonyms_from_the_admin_list(self):
        self.assertIn("policy-db", self.slugs(q="低保"))  # seeded: 低保 ⇄ 最低生活保障
        self.assertIn("policy-yb", self.slugs(q="医保"))  # seeded: 医保 ⇄ 医疗保障
        self.assertNotIn("notice-fx", self.slugs(q="汛情"))
        Synonym.objects.create(terms="汛情, 防汛")
        self.assertIn("notice-fx", self.slugs(q="汛情"))

    def test_pinyin_and_initials(self):
        for query in ("zhengcejiedu", "zcjd"):
            titles = [r["title"] for r in self.search(q=query, page_size=50)["results"]]
            self.assertTrue(any("政策解读" in title for title in titles), (query, titles))

    def test_did_you_mean(self):
        data = self.search(q="政册解读")
        self.assertEqual(data["suggestion"], "政策解读")
        self.assertGreater(data["total"], 0)
        self.assertIsNone(self.search(q="政策解读")["suggestion"])

    def test_document_number_variants(self):
        for variant in ("云医保发〔2020〕3号", "云医保发[2020]3号", "云医保发（2020）3号", "云医保发(2020)第3号"):
            results = self.search(q=variant)["results"]
            self.assertEqual(results[0]["slug"], "policy-yb", variant)
            self.assertEqual(results[0]["document_number"], "云医保发〔2020〕3号")
        self.assertEqual(self.search(q="云民发〔2019〕12号")["results"][0]["slug"], "policy-db")

    def test_revoked_documents_carry_their_validity(self):
        result = next(r for r in self.search(q="最低生活保障")["results"] if r["slug"] == "policy-db")
        self.assertEqual(result["validity"], "repealed")

    # --- facets, filters, sorting, scope, paging -------------------------------------------

    def test_facet_counts_match_the_results(self):
        data = self.search(q="医疗保障 通知 政策", page_size=50)
        self.assertGreaterEqual(data["total"], 5)
        self.assertEqual(len(data["results"]), data["total"])
        for facet, field in (("type", "type"), ("unit", "unit"), ("validity", "validity")):
            counted = {}
            for result in data["results"]:
                if result[field]:
                    counted[result[field]] = counted.get(result[field], 0) + 1
            self.assertEqual({v["value"]: v["count"] for v in data["facets"][facet]}, counted, facet)
        units = {v["value"]: v["label"] for v in data["facets"]["unit"]}
        self.assertEqual(units["ybj"], "云溪县医疗保障局")
        issuers = {v["value"]: v["count"] for v in data["facets"]["issuer"]}
        self.assertEqual(issuers, {"云溪县医疗保障局": 1, "云溪县民政局": 1})
        years = {v["value"]: v["count"] for v in data["facets"]["year"]}
        self.assertEqual(sum(years.values()), data["total"])
        self.assertEqual(years["2019"], 1)
        policies = self.search(q="医疗保障 通知 政策", type="policy", page_size=50)
        self.assertEqual(policies["total"], {v["value"]: v["count"] for v in data["facets"]["type"]}["policy"])
        self.assertEqual({r["type"] for r in policies["results"]}, {"policy"})
        self.assertEqual(self.search(q="医疗保障", validity="repealed")["total"], 1)
        self.assertEqual(self.search(q="最低生活保障", issuer="云溪县民政局")["results"][0]["slug"], "policy-db")
        self.assertEqual(self.slugs(q="医疗保障 通知 政策", year=2019), ["policy-db"])

    def test_site_scope_and_county_scope(self):
        town_host = Site.objects.get(root_page=self.town.home_page).hostname
        local = self.search(host=town_host, q="医疗保障 医保", scope="site", page_size=50)["results"]
        self.assertTrue(local)
        self.assertEqual({r["unit"] for r in local}, {"qszhen"})
        county = self.search(host=town_host, q="医疗保障 医保", scope="county", page_size=50)["results"]
        self.assertIn("ybj", {r["unit"] for r in county})

    def test_sort_by_date_and_pagination(self):
        dated = self.search(q="医疗保障 医保 政策 通知", sort="date", page_size=50)["results"]
        times = [r["published_at"] for r in dated if r["published_at"]]
        self.assertEqual(times, sorted(times, reverse=True))
        first, second = (
            self.search(q="医疗保障 医保 政策 通知", page_size=2),
            self.search(q="医疗保障 医保 政策 通知", page_size=2, page=2),
        )
        self.assertEqual(len(first["results"]), 2)
        self.assertFalse({r["url"] for r in first["results"]} & {r["url"] for r in second["results"]})

    # --- sync -------------------------------------------------------------------------------

    def test_publish_unpublish_delete_and_linked_qa_update_the_index(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = publish(column(self.town, "tzgg"), NoticePage(title="关于秸秆禁烧的通告", slug="notice-jg"))
        self.assertIn("notice-jg", self.slugs(q="秸秆禁烧"))
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        self.assertNotIn("notice-jg", self.slugs(q="秸秆禁烧"))
        with self.captureOnCommitCallbacks(execute=True):
            qa = publish(
                column(self.ybj, "zcjd"),
                QAPage(
                    title="门诊慢特病怎么申请认定？", slug="qa-mtb", policy=self.policy, body="<p>向医保窗口申请。</p>"
                ),
            )
        self.assertIn("policy-yb", self.slugs(q="慢特病"))
        with self.captureOnCommitCallbacks(execute=True):
            qa.delete()
        self.assertEqual(self.slugs(q="慢特病"), [])
        self.assertFalse(IndexChange.objects.filter(processed_at__isnull=True).exists())

    def test_move_updates_unit_and_scope(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.news.move(column(self.ybj, "gzdt"), pos="last-child")
        result = next(r for r in self.search(q="进村宣传")["results"] if r["slug"] == "news-yb")
        self.assertEqual(result["unit"], "ybj")

    # --- bad queries --------------------------------------------------------------------------

    def test_bad_queries_get_a_chinese_400(self):
        for params in (
            {"q": ""},
            {"q": "   "},
            {"q": "医保", "page": "x"},
            {"q": "医保", "page_size": "500"},
            {"q": "医保", "sort": "name"},
            {"q": "()[]{}:^~*!"},
            {"q": "医保", "type": "nonsense"},
            {"q": "医保", "year": "twenty"},
        ):
            response = self.api(**params)
            self.assertEqual(response.status_code, 400, params)
            self.assertRegex(response.json()["error"], r"[\u4e00-\u9fff]", params)

    def test_messy_questions_are_answered(self):
        # An unpaired quotation mark is plain text; a long question is searched by what it asks, never
        # refused.
        for query in ('"异地就医备案', "异地就医备案”", '“异地就医”备案"'):
            self.assertIn("qa-yb", self.slugs(q=query)[:3], query)
        story = "我父亲今年七十多岁，一直在老家种地，身体还算硬朗，" * 24
        question = f"{story}现在要去外地儿子家长住，想问一下异地就医备案需要多长时间办好？"
        self.assertGreater(len(question), 600)
        self.assertIn("qa-yb", self.slugs(q=question)[:3])
        self.assertEqual(self.api(q="医" * 10_000).status_code, 200)

    def test_long_story_is_searched_by_its_question(self):
        # The question sentence sits between a story and thanks, neither within the first nor the last
        # 100 characters: the sentences that ask are searched, the greeting and the story are not.
        story = "领导好！我父亲今年七十多岁，一直在老家种地，身体还算硬朗。去年冬天他摔了一跤，在镇上住了半个月。"
        thanks = "家里人都不懂这些手续，村里的干部也说不清楚，只好在网上留言。麻烦工作人员了，谢谢！"
        question = f"{story * 2}现在他要去外地儿子家长住，请问异地就医备案需要多长时间办好？{thanks * 3}"
        self.assertGreater(len(question), 200)
        self.assertGreater(question.index("异地就医"), 100)
        self.assertGreater(len(question) - question.index("办好？"), 100)
        self.assertEqual(self.slugs(q=question)[0], "qa-yb")

    def test_quoted_phrase_ranks_without_filtering(self):
        # Citizens paste titles: the quoted words boost the documents containing them, and the rest of
        # the question still matches (the second document does not contain the quoted words at all).
        with self.captureOnCommitCallbacks(execute=True):
            pages = [
                publish(column(self.town, "tzgg"), NoticePage(title=title, slug=slug, body=f"<p>{body}</p>"))
                for slug, title, body in [
                    (
                        "notice-fjc",
                        "青石镇推广非接触式办税",
                        "四川省税务部门推广非接触式办税缴费服务，网上办、掌上办。",
                    ),
                    ("notice-bs", "青石镇加强办税缴费服务", "四川省税务部门加强办税缴费服务，纳税人足不出户即可缴税。"),
                    ("notice-cw", "非接触式测温门禁采购公告", "采购非接触式测温门禁两台。"),
                ]
            ]
        try:
            slugs = self.slugs(q='四川如何加强"非接触式"办税缴费服务？')
            self.assertEqual(slugs[:3], ["notice-fjc", "notice-bs", "notice-cw"])
            # a quoted title no document contains: the rest of the question still decides
            self.assertEqual(self.slugs(q='关于"云溪县纳税服务十条"，四川加强办税缴费服务吗')[0], "notice-bs")
            self.assertEqual(self.slugs(q='"非接触式"门禁')[0], "notice-cw")
        finally:
            with self.captureOnCommitCallbacks(execute=True):
                for page in pages:
                    page.unpublish()

    def test_reply_restating_a_question_follows_the_answer(self):
        # A referral reply quotes the citizen's question word for word and answers nothing; the answer
        # words the question its own way. Quoted questions are not indexed (nor shown in snippets), so
        # the answer comes first.
        question = "退休人员异地长住备案要多长时间？"
        with self.captureOnCommitCallbacks(execute=True):
            pages = [
                publish(
                    column(self.ybj, "zcjd"), QAPage(title=title, slug=slug, policy=self.policy, body=f"<p>{body}</p>")
                )
                for slug, title, body in [
                    ("qa-yb-answer", "异地长住人员备案时限", "退休人员异地长住备案的，材料齐全时即时办结。"),
                    (
                        "qa-yb-referral",
                        "关于异地长住问题的咨询",
                        f"您好！您来信反映“{question}”的问题已收悉。请您携带身份证到县医保局窗口当面咨询。",
                    ),
                ]
            ]
        try:
            results = self.search(q=question)["results"]
            slugs = [r["slug"] for r in results]
            self.assertLess(slugs.index("qa-yb-answer"), slugs.index("qa-yb-referral"))
            highlight = next(r for r in results if r["slug"] == "qa-yb-referral")["highlight"]
            self.assertNotIn("多长时间", highlight.replace("<mark>", "").replace("</mark>", ""))
        finally:
            with self.captureOnCommitCallbacks(execute=True):
                for page in pages:
                    page.unpublish()

    def test_answer_deep_in_a_long_document(self):
        # The sentence answering the question starts at character 8,000 of a 16,000-character body;
        # short documents sharing a few of its words do not push it down.
        filler = "".join(
            f"第{n}条 本办法所称农田水利设施包括灌溉渠道、泵站、塘坝和小型水库，由所在村组负责日常管护。"
            for n in range(1, 400)
        )
        answer = "因自然灾害造成房屋倒塌或者严重损坏、无房可住的家庭，可以申请住房重建救助，每户补助两万元。"
        body = filler[:8000] + answer + filler[:8000]
        with self.captureOnCommitCallbacks(execute=True):
            long_document = publish(
                column(self.town, "tzgg"),
                NoticePage(title="青石镇农村水利设施管护和灾后救助实施办法", slug="notice-long", body=f"<p>{body}</p>"),
            )
            near = [
                publish(column(self.town, "gzdt"), NewsPage(title=title, slug=f"news-near-{n}", body=f"<p>{text}</p>"))
                for n, (title, text) in enumerate(
                    [
                        ("青石镇开展房屋安全排查", "镇村干部入户排查危旧房屋。"),
                        ("青石镇发放春节慰问补助", "向困难家庭发放慰问金。"),
                        ("自然灾害应急演练在青石镇举行", "演练模拟山洪灾害转移群众。"),
                    ]
                )
            ]
        try:
            self.assertEqual(body.index(answer), 8000)
            first = self.search(q="房子被洪水冲倒了没地方住，能申请重建救助吗？每户补助多少钱")["results"][0]
            self.assertEqual(first["slug"], "notice-long")
            # the snippet shows the answering passage
            self.assertIn("两万元", first["highlight"].replace("<mark>", "").replace("</mark>", ""))
        finally:
            with self.captureOnCommitCallbacks(execute=True):
                for page in [long_document, *near]:
                    page.unpublish()

    def test_engine_syntax_is_plain_text(self):
        for query in ("医保 AND OR NOT", "医保 NEAR(a b)", "医保:*", "title:医保^5", "医保 || !'", '"医疗保障" 通知'):
            self.assertEqual(self.api(q=query).status_code, 200, query)
        self.assertIn("policy-yb", self.slugs(q='"医疗保障" 通知'))


@override_settings(SEARCH_ENGINE="database")
class DatabaseEngineConformance(ConformanceCases, TestCase):
    engine_name = "database"

    def test_runs_on_the_database_of_this_run(self):
        expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
        self.assertEqual(connection.vendor, expected)


class ClusterNode:
    """A test class's cluster node: skipped with the reason when it does not answer (failing when
    CI=true), its index prefix dropped afterwards. Subclasses name the engine, node and prefix."""

    engine_name, label, url, start_hint, prefix = (
        "opensearch",
        "OpenSearch",
        SEARCH_TEST_URL,
        "make search-engine",
        RUN_PREFIX,
    )

    @classmethod
    def engine_settings(cls):
        return override_settings(SEARCH_ENGINE=cls.engine_name, SEARCH_URL=cls.url, SEARCH_INDEX_PREFIX=cls.prefix)

    @classmethod
    def setUpClass(cls):
        with cls.engine_settings():
            available = current_engine().ping()
        if not available:
            message = f"no {cls.label} node answers at {cls.url} (start one: {cls.start_hint})"
            if os.environ.get("CI") == "true":
                raise AssertionError(f"{message}; CI must run the {cls.label} suite")
            import unittest

            raise unittest.SkipTest(message)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        with cls.engine_settings():
            current_engine().drop()
        super().tearDownClass()


@override_settings(SEARCH_ENGINE="opensearch", SEARCH_URL=SEARCH_TEST_URL, SEARCH_INDEX_PREFIX=RUN_PREFIX)
class OpenSearchConformance(ClusterNode, ConformanceCases, TestCase):
    def test_rebuild_switches_the_alias(self):
        engine = current_engine()
        before = list(engine.client.indices.get_alias(name=engine.alias))
        call_command(
            "rebuild_search_index", "--engine", "configured", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w")
        )
        after = list(engine.client.indices.get_alias(name=engine.alias))
        self.assertEqual(len(after), 1)
        self.assertNotEqual(before, after)
        self.assertFalse(engine.client.indices.exists(index=before[0]))
        self.assertIn("policy-yb", self.slugs(q="异地就医备案"))

    def test_rebuild_merges_the_new_index_into_one_segment(self):
        engine = current_engine()

        def refresh(*_progress):  # each batch of two documents is made a segment of its own
            engine.client.indices.refresh(index=f"{engine.alias}-*")

        rebuild(engine, progress=refresh, batch_size=2)
        (name,) = engine.client.indices.get_alias(name=engine.alias)
        shards = engine.client.indices.segments(index=name)["indices"][name]["shards"]
        self.assertEqual({len(copy["segments"]) for copies in shards.values() for copy in copies}, {1})
        self.assertIn("policy-yb", self.slugs(q="异地就医备案"))

    def test_rebuild_moves_the_alias_when_the_merge_outlasts_its_timeout(self):
        engine = current_engine()
        before = list(engine.client.indices.get_alias(name=engine.alias))
        with mock.patch.object(cluster, "MERGE_TIMEOUT", 0.001), self.assertLogs("search.engines.cluster", "WARNING"):
            rebuild(engine)
        self.assertNotEqual(list(engine.client.indices.get_alias(name=engine.alias)), before)
        self.assertIn("policy-yb", self.slugs(q="异地就医备案"))


@override_settings(SEARCH_ENGINE="elasticsearch", SEARCH_URL=ELASTICSEARCH_TEST_URL, SEARCH_INDEX_PREFIX=RUN_PREFIX)
class ElasticsearchConformance(OpenSearchConformance):
    """The OpenSearch cases against Elasticsearch 8 (same cluster engine, the elasticsearch client)."""

    engine_name = "elasticsearch"
    label, url, start_hint = "Elasticsearch", ELASTICSEARCH_TEST_URL, "make search-engine-es"
