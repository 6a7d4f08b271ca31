"""The public search page, autocomplete, the synonym admin, and publishing while the cluster is down.

The engine-specific behaviour is in test_search_conformance.py; these cases exercise the HTML
surface and the outbox. The catch-up case needs a real OpenSearch node (SEARCH_TEST_URL,
default http://127.0.0.1:9200): skipped with the reason without one, failing when CI=true.
"""

import os
import uuid
from datetime import date
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from content.models import ColumnPage, NoticePage, PolicyPage
from content.vocabularies import PolicyKind, Validity
from home.provisioning import apply_portal_template
from search.engines import current_engine
from search.models import IndexChange, Synonym
from tests.factories import PASSWORD, make_role_users, make_unit, make_user

SEARCH_TEST_URL = os.environ.get("SEARCH_TEST_URL", "http://127.0.0.1:9200")
CLOSED_PORT_URL = "http://127.0.0.1:9"  # nothing listens on the discard port: a refused connection


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class SearchPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("mzj", name="云溪县民政局", seed=41)
        policies = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="zcwj")
        cls.valid = publish(
            policies,
            PolicyPage(
                title="城乡最低生活保障实施细则",
                slug="db-new",
                policy_kind=PolicyKind.OTHER,
                doc_number="云民发〔2024〕5号",
                issuing_authority="云溪县民政局",
                written_date=date(2024, 1, 2),
                body="<p>低保对象按月领取。</p>",
            ),
        )
        cls.revoked = publish(
            policies,
            PolicyPage(
                title="最低生活保障实施细则（旧）",
                slug="db-old",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="云溪县民政局",
                written_date=date(2018, 1, 2),
                validity=Validity.REPEALED,
            ),
        )
        call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())

    def get(self, path="/search/", **params):
        return self.client.get(path, params, HTTP_HOST="gov.test")

    def test_form_without_query(self):
        html = self.get().content.decode()
        self.assertIn('<label for="search-q">关键词</label>', html)
        self.assertIn("<h1>搜索</h1>", html)
        self.assertNotIn('role="alert"', html)

    def test_results_with_highlights_facets_and_revoked_label(self):
        response = self.get(q="最低生活保障", scope="county")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("共 2 条结果", html)
        self.assertIn("<mark>", html)
        self.assertIn('<span class="validity revoked">已废止</span>', html)
        self.assertIn("发文机关", html)
        self.assertIn(
            "?q=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C&amp;scope=county&amp;validity=repealed", html
        )
        filtered = self.get(q="最低生活保障", scope="county", validity="repealed").content.decode()
        self.assertIn("共 1 条结果", filtered)
        self.assertIn('aria-current="true"', filtered)

    def test_bad_queries_get_a_chinese_error_page(self):
        for params in ({"q": ""}, {"q": "()[]{}"}, {"q": "低保", "sort": "name"}, {"q": "低保", "page": "0"}):
            response = self.get(**params)
            self.assertEqual(response.status_code, 400, params)
            self.assertRegex(
                response.content.decode(),
                r'<p id="search-error" class="search-error" role="alert">'
                r"[^<]*[\u4e00-\u9fff]",
                params,
            )

    @override_settings(SEARCH_RATE_LIMIT=(2, 60))
    def test_too_many_searches_from_one_address_get_a_chinese_429(self):
        cache.clear()
        for _ in range(2):
            self.assertEqual(self.get("/api/search/", q="低保").status_code, 200)
        refused = self.get("/api/search/", q="低保")
        self.assertEqual(refused.status_code, 429)
        self.assertIn("搜索过于频繁", refused.json()["error"])
        page = self.get(q="低保")
        self.assertEqual(page.status_code, 429)
        self.assertIn("搜索过于频繁", page.content.decode())
        other = self.client.get("/api/search/", {"q": "低保"}, HTTP_HOST="gov.test", REMOTE_ADDR="198.51.100.9")
        self.assertEqual(other.status_code, 200)  # another visitor is not affected
        self.assertEqual(self.get().status_code, 200)  # the empty form is not counted

    def test_autocomplete(self):
        response = self.get("/api/search/autocomplete/", q="zuidi")
        self.assertEqual(response.status_code, 200)
        self.assertIn("最低", response.json()["suggestions"])
        self.assertIn("最低生活", self.get("/api/search/autocomplete/", q="最低").json()["suggestions"])
        self.assertEqual(self.get("/api/search/autocomplete/", q="").status_code, 400)

    def test_autocomplete_and_did_you_mean_follow_what_is_published(self):
        def suggestions(prefix):
            return self.get("/api/search/autocomplete/", q=prefix).json()["suggestions"]

        notices = ColumnPage.objects.child_of(self.unit.home_page).get(slug="tzgg")
        with self.captureOnCommitCallbacks(execute=True):
            notice = NoticePage(title="关于开展殡葬改革宣传月活动的通知", slug="bz")
            notice.tags.add("移风 易俗")  # a tag may contain a space
            publish(notices, notice)
        self.assertIn("殡葬改革", suggestions("殡葬"))
        self.assertIn("移风 易俗", suggestions("移风"))
        with self.captureOnCommitCallbacks(execute=True):
            notice.title = "关于开展文明祭扫宣传月活动的通知"
            notice.save_revision().publish()
        self.assertNotIn("殡葬改革", suggestions("殡葬"))  # the edited title no longer has it
        self.assertIn("文明祭扫", suggestions("文明"))
        with self.captureOnCommitCallbacks(execute=True):
            notice.unpublish()
        self.assertEqual(suggestions("文明祭"), [])  # withdrawn: nothing left to complete to
        self.assertEqual(suggestions("移风"), [])
        self.assertIsNone(self.get("/api/search/", q="文明际扫", scope="county").json()["suggestion"])

    def test_a_new_subsite_is_searchable_without_a_rebuild(self):
        with self.captureOnCommitCallbacks(execute=True):
            make_unit("slj", name="云溪县水利局", seed=43)
        results = self.get("/api/search/", q="水利局", scope="county").json()["results"]
        self.assertIn("云溪县水利局", [r["title"] for r in results])
        self.assertEqual({r["unit"] for r in results}, {"slj"})

    def test_a_page_made_private_leaves_the_index_and_returns_when_lifted(self):
        def titles():
            return [r["title"] for r in self.get("/api/search/", q="最低生活保障", scope="county").json()["results"]]

        self.assertIn(self.valid.title, titles())
        with self.captureOnCommitCallbacks(execute=True):
            restriction = PageViewRestriction.objects.create(
                page=self.valid, restriction_type=PageViewRestriction.PASSWORD, password="内部"
            )
        self.assertNotIn(self.valid.title, titles())
        with self.captureOnCommitCallbacks(execute=True):
            restriction.delete()
        self.assertIn(self.valid.title, titles())

    def test_administrator_edits_synonyms_and_units_cannot(self):
        self.assertNotIn("db-new", [r["slug"] for r in self.get("/api/search/", q="社会救助兜底").json()["results"]])
        admin = make_user("portal-admin", superuser=True)
        self.client.login(username=admin.username, password=PASSWORD)
        response = self.client.post(
            reverse("wagtailsnippets_search_synonym:add"), {"terms": "社会救助兜底，最低生活保障"}, HTTP_HOST="gov.test"
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Synonym.objects.filter(terms__startswith="社会救助兜底").exists())
        self.assertIn("db-new", [r["slug"] for r in self.get("/api/search/", q="社会救助兜底").json()["results"]])
        invalid = self.client.post(
            reverse("wagtailsnippets_search_synonym:add"), {"terms": "低保"}, HTTP_HOST="gov.test"
        )
        self.assertContains(invalid, "请至少填写两个不同的词。")
        editor, _reviewer, _leader = make_role_users(self.unit)
        self.client.login(username=editor.username, password=PASSWORD)
        response = self.client.get(reverse("wagtailsnippets_search_synonym:list"), HTTP_HOST="gov.test")
        self.assertIn(response.status_code, (302, 403))


@pytest.mark.serial  # it takes the shared cluster down: `make test` runs it alone
class ClusterDownTest(TestCase):
    """Publishing while the cluster is down succeeds; search falls back; the queue catches up."""

    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("jtj", name="云溪县交通运输局", seed=42)
        cls.notices = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="tzgg")

    def test_publish_while_down_then_catch_up(self):
        with override_settings(SEARCH_ENGINE="opensearch", SEARCH_URL=CLOSED_PORT_URL, SEARCH_INDEX_PREFIX="down"):
            with self.captureOnCommitCallbacks(execute=True):
                page = publish(self.notices, NoticePage(title="关于公交线路临时调整的通告", slug="bus"))
            self.assertTrue(NoticePage.objects.get(pk=page.pk).live)
            pending = IndexChange.objects.filter(engine="opensearch", processed_at__isnull=True)
            self.assertEqual(list(pending.values_list("key", flat=True)), [f"page:{page.pk}"])
            data = self.client.get("/api/search/", {"q": "公交线路"}, HTTP_HOST="gov.test").json()
            self.assertEqual((data["engine"], data["fallback"]), ("database", True))
            self.assertEqual([r["slug"] for r in data["results"]], ["bus"])
            html = self.client.get("/search/", {"q": "公交线路"}, HTTP_HOST="gov.test").content.decode()
            self.assertIn("检索服务暂时不可用", html)
            attempts = pending.get().attempts  # the tasks enqueued by the commit tried already
            self.assertGreaterEqual(attempts, 1)
            with self.assertRaises(SystemExit):
                call_command("process_search_queue", stdout=StringIO())
            self.assertEqual(pending.get().attempts, attempts + 1)
            self.assertIn("Connection", pending.get().last_error)

        prefix = f"test-{uuid.uuid4().hex[:12]}"
        with override_settings(SEARCH_ENGINE="opensearch", SEARCH_URL=SEARCH_TEST_URL, SEARCH_INDEX_PREFIX=prefix):
            engine = current_engine()
            if not engine.ping():
                message = f"no OpenSearch node answers at {SEARCH_TEST_URL} (start one: make search-engine)"
                if os.environ.get("CI") == "true":
                    self.fail(message + "; CI must run the catch-up case")
                self.skipTest(message)
            try:
                out = StringIO()
                call_command("process_search_queue", stdout=out)
                self.assertIn("failed 0, pending 0", out.getvalue())
                data = self.client.get("/api/search/", {"q": "公交线路"}, HTTP_HOST="gov.test").json()
                self.assertEqual((data["engine"], data["fallback"]), ("opensearch", False))
                self.assertEqual([r["slug"] for r in data["results"]], ["bus"])
            finally:
                engine.drop()
