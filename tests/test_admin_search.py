"""The admin's search finds pages, images and documents by any Chinese word of their title.

Through the admin's own screens (page explorer search, page chooser, image and document
listings, image chooser) as a unit's editor; on SQLite and, in CI, on PostgreSQL; and the same
cases with ADMIN_SEARCH = "cluster" on the OpenSearch node of the search suites.
"""

import os
import uuid

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import ColumnPage, NewsPage
from search.engines import current_engine
from tests.admin_text import visible_text
from tests.factories import PASSWORD, make_role_users, make_unit
from tests.test_search_conformance import SEARCH_TEST_URL, ClusterNode

CLUSTER_PREFIX = f"test-{uuid.uuid4().hex[:12]}"

Image, Document = get_image_model(), get_document_model()


def news(column, title, body="<p>正文</p>", publish=False):
    page = column.add_child(instance=NewsPage(title=title, body=body, live=False))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


class AdminSearchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=7)
        cls.editor, _, _ = make_role_users(cls.unit)
        column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")
        cls.draft = news(column, "县教育局全面部署秋季开学准备工作")
        cls.live = news(column, "全县中小学招生入学政策解读会召开", body="<p>会议强调安全生产责任。</p>", publish=True)
        collection = cls.unit.collection
        cls.image = Image.objects.create(
            title="安全生产检查现场照片", file=get_test_image_file(), collection=collection
        )
        cls.document = Document.objects.create(
            title="二〇二六年招生入学工作方案", collection=collection, file=ContentFile(b"plan", name="plan.txt")
        )

    def setUp(self):
        self.client.login(username=self.editor.username, password=PASSWORD)

    def html(self, path, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def test_explorer_search_finds_pages_by_a_two_character_word_and_counts_them(self):
        html = self.html("/admin/pages/search/", q="开学")
        self.assertIn("县教育局全面部署秋季开学准备工作", html)
        self.assertNotIn("招生入学政策解读会", html)
        html = self.html("/admin/pages/search/", q="招生")
        self.assertIn("全县中小学招生入学政策解读会召开", html)
        self.assertNotIn("秋季开学", html)
        self.assertIn("共有 1 个匹配的页面", visible_text(html))
        self.assertIn("共 1 个页面，当前显示第 1-1 个", visible_text(html))
        self.assertIn("全县中小学招生入学政策解读会召开", self.html("/admin/pages/search/", q="安全生产"))

    def test_the_whole_words_must_match_not_any_character_pair(self):
        # 开学准备 needs 开学, 学准 and 准备 together; 准备 alone is not enough.
        self.assertIn("秋季开学准备", self.html("/admin/pages/search/", q="开学准备"))
        self.assertNotIn("秋季开学准备", self.html("/admin/pages/search/", q="开学典礼"))

    def test_page_chooser_search(self):
        html = self.html("/admin/choose-page/search/", q="入学")
        self.assertIn("全县中小学招生入学政策解读会召开", html)
        self.assertNotIn("秋季开学", html)

    def test_image_and_document_listings_and_choosers(self):
        self.assertIn("安全生产检查现场照片", self.html("/admin/images/", q="检查"))
        self.assertNotIn("安全生产检查现场照片", self.html("/admin/images/", q="招生"))
        self.assertIn("安全生产检查现场照片", self.html("/admin/images/chooser/results/", q="生产"))
        self.assertIn("招生入学工作方案", self.html("/admin/documents/", q="入学"))
        self.assertIn("招生入学工作方案", self.html("/admin/documents/chooser/results/", q="方案"))
        self.assertNotIn("招生入学工作方案", self.html("/admin/documents/", q="照片"))

    def test_counts_read_correctly(self):
        # 工作 is in the draft's title and in its column's (工作动态); the live item does not have it.
        text = visible_text(self.html("/admin/pages/search/", q="工作"))
        self.assertIn("共有 2 个匹配的页面", text)
        self.assertIn("共 2 个页面，当前显示第 1-2 个", text)
        self.assertNotIn("None", text)


@override_settings(ADMIN_SEARCH="cluster", SEARCH_ENGINE="opensearch", SEARCH_URL=SEARCH_TEST_URL)
@override_settings(SEARCH_INDEX_PREFIX=CLUSTER_PREFIX)
class ClusterAdminSearchTest(ClusterNode, AdminSearchTest):
    """The same screens when the admin searches the cluster (Wagtail's OpenSearch backend, CJK bigrams)."""

    prefix = CLUSTER_PREFIX

    @classmethod
    def setUpTestData(cls):
        with override_settings(ADMIN_SEARCH="database"):  # the cluster's index is built once, below
            super().setUpTestData()
        call_command("update_index", stdout=open(os.devnull, "w"))

    @classmethod
    def tearDownClass(cls):
        with cls.engine_settings():
            client = current_engine().client
            client.indices.delete(index=f"{CLUSTER_PREFIX}_admin_*", ignore_unavailable=True)
        super().tearDownClass()

    def test_the_admin_indexes_are_on_the_cluster(self):
        with self.engine_settings():
            names = current_engine().client.indices.get_alias(index=f"{CLUSTER_PREFIX}_admin_*")
        self.assertTrue(any("wagtailcore_page" in name for name in names), names)
