"""Search snippets show what citizens read, never a page's settings or raw field values."""

import re
from datetime import date
from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase

from content.models import ColumnPage, PolicyPage
from content.models.columns import ColumnType, Freshness
from content.vocabularies import PolicyKind
from home.provisioning import apply_portal_template
from tests.factories import make_unit
from tests.test_content_pages import publish

# Labels of settings and raw values that must never reach a snippet.
INTERNAL = ["不聚合", "静态类", "信息公开目录", "static", "disclosure", "True", "False", "other", "general", "valid"]


class SnippetTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("jyj", name="云溪县教育局", seed=43)
        publish(
            cls.unit.home_page,
            ColumnPage(
                title="收费公示",
                slug="sfgs",
                column_type=ColumnType.DISCLOSURE,
                freshness=Freshness.STATIC,
                description="本栏目公示学校收费项目和标准。",
                body="<p>每学期开学前更新。</p>",
            ),
        )
        policies = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="zcwj")
        publish(
            policies,
            PolicyPage(
                title="学校收费管理办法",
                slug="sf",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="云溪县教育局",
                written_date=date(2024, 3, 1),
                interpretation_exempt=True,
            ),
        )
        call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())

    def setUp(self):
        cache.clear()

    def test_snippets_on_the_search_page_show_no_internal_value(self):
        html = self.client.get("/search/", {"q": "收费", "scope": "county"}, HTTP_HOST="gov.test").content.decode()
        snippets = re.findall(r'<p class="search-snippet">(.*?)</p>', html, re.S)
        self.assertIn("本栏目公示学校<mark>收费</mark>项目和标准。", "".join(snippets))
        for value in INTERNAL:
            self.assertNotIn(value, "".join(snippets))

    def test_snippets_of_the_search_api_show_no_internal_value(self):
        results = self.client.get("/api/search/", {"q": "收费", "scope": "county"}, HTTP_HOST="gov.test").json()[
            "results"
        ]
        self.assertEqual({r["title"] for r in results}, {"收费公示", "学校收费管理办法"})
        for result in results:
            for value in INTERNAL:
                self.assertNotIn(value, result["highlight"], result)
