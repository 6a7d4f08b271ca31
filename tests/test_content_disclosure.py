"""The 信息公开目录 (disclosed items by category with 索引号, 名称, 内容概述, 生成日期) and the
信息公开指南 page, through HTTP."""

from datetime import date

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import DisclosureGuidePage, NoticePage, PlanPage, PolicyPage
from content.vocabularies import DisclosureCategory, PolicyKind
from tests.factories import make_user
from tests.test_content_pages import PortalTestCase, column, publish


class DirectoryTest(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        d = cls.dept
        cls.policy = publish(
            column(d, "zcwj"),
            PolicyPage(
                title="招生管理办法",
                slug="policy-a",
                policy_kind=PolicyKind.OTHER,
                doc_number="云教〔2026〕1号",
                issuing_authority="云溪县教育局",
                written_date=date(2026, 1, 5),
                disclosure_category=DisclosureCategory.REGULATIONS,
                summary="规范全县中小学招生工作。",
            ),
        )
        cls.plan = publish(
            column(d, "ghjh"),
            PlanPage(
                title="教育发展规划",
                slug="plan-a",
                disclosure_category=DisclosureCategory.PLANS,
                summary="2026—2030年教育发展目标。",
            ),
        )
        cls.notice = publish(column(d, "tzgg"), NoticePage(title="未分类的通知", slug="notice-a"))
        cls.other_unit = publish(
            column(cls.town, "tzgg"),
            NoticePage(title="溪头镇的公告", slug="notice-b", disclosure_category=DisclosureCategory.PLANS),
        )

    def test_the_directory_lists_every_disclosed_item_of_the_unit_with_the_four_fields(self):
        response = self.get(column(self.dept, "xxgkml"))
        self.assertContains(response, '<th scope="col">索引号</th>', html=False)
        for label in ("名称", "内容概述", "生成日期"):
            self.assertContains(response, f'<th scope="col">{label}</th>')
        page = response.content.decode()
        self.policy.refresh_from_db()
        self.assertTrue(self.policy.index_number.startswith(self.dept.credit_code + "/"))
        for text in (
            self.policy.index_number,
            "招生管理办法",
            "规范全县中小学招生工作。",
            self.plan.index_number,
            "未分类的通知",
        ):
            self.assertIn(text, page)
        self.assertNotIn("溪头镇的公告", page)  # another unit's item
        self.assertIn(f'href="{self.policy.relative_url(self.dept.site)}"', page)

    def test_the_directory_is_organised_by_the_regulations_categories(self):
        response = self.get(column(self.dept, "xxgkml"))
        for value, label in DisclosureCategory.choices:
            self.assertContains(response, f'href="?category={value}"')
            self.assertContains(response, label)
        self.assertContains(response, '行政法规、规章和规范性文件</a> <span class="count">(1)</span>', html=False)
        filtered = self.get(column(self.dept, "xxgkml"), category=DisclosureCategory.PLANS).content.decode()
        self.assertIn("教育发展规划", filtered)
        self.assertNotIn("招生管理办法", filtered)
        self.assertIn("<caption>规划及相关政策</caption>", filtered)
        self.assertEqual(self.get(column(self.dept, "xxgkml"), category="<script>").status_code, 200)

    def test_unpublished_items_leave_the_directory(self):
        self.plan.unpublish()
        self.assertNotContains(self.get(column(self.dept, "xxgkml")), "教育发展规划")

    @override_settings(PAGE_CACHE_SECONDS=0)  # count the rendering, not the anonymous page cache
    def test_the_query_count_does_not_grow_with_items(self):
        directory = column(self.dept, "xxgkml")
        self.get(directory)  # warm per-process caches
        with CaptureQueriesContext(connection) as before:
            self.get(directory)
        for n in range(25):
            publish(
                column(self.dept, "ghjh"),
                PlanPage(title=f"计划{n}", slug=f"plan-{n}", disclosure_category=DisclosureCategory.PLANS),
            )
        self.get(directory)
        with CaptureQueriesContext(connection) as after:
            self.assertContains(self.get(directory), "计划24")
        self.assertEqual(len(after), len(before))


class GuideTest(PortalTestCase):
    def test_the_guide_page_shows_the_office_categories_and_how_to_request(self):
        guide = publish(
            column(self.dept, "xxgkml"),
            DisclosureGuidePage(
                title="云溪县教育局政府信息公开指南",
                slug="guide",
                office_name="县教育局办公室",
                office_address="云溪县文教路1号",
                office_hours="工作日 8:30-12:00，14:30-17:30",
                phone="0577-12345678",
                fax="0577-12345679",
                email="xxgk@example.gov.cn",
                how_to_obtain="<p>主动公开的信息在本网站发布。</p>",
                request_procedure="<p>可在线提交申请。</p>",
                remedies="<p>可依法申请行政复议。</p>",
                reviewed_on=date(2026, 1, 10),
            ),
        )
        response = self.get(guide)
        for text in (
            "县教育局办公室",
            "云溪县文教路1号",
            "0577-12345679",
            "xxgk@example.gov.cn",
            "主动公开的信息在本网站发布。",
            "可在线提交申请。",
            "可依法申请行政复议。",
            "2026-01-10",
        ):
            self.assertContains(response, text)
        directory_path = column(self.dept, "xxgkml").relative_url(self.dept.site)
        self.assertContains(response, f'href="{directory_path}?category=c01"')
        self.assertContains(response, 'href="/interaction/new/disclosure/"')
        self.assertContains(response, '<meta name="ColumnType" content="信息公开目录">')

    def test_the_guide_cannot_be_published_without_the_office_and_review_date(self):
        self.client.force_login(make_user("admin", superuser=True))
        parent = column(self.dept, "xxgkml")
        url = reverse("wagtailadmin_pages:add", args=["content", "disclosureguidepage", parent.pk])
        response = self.client.post(url, {"title": "指南", "slug": "guide-b", "action-publish": "publish"})
        self.assertEqual(response.status_code, 200)
        for field in ("office_name", "office_address", "office_hours", "phone", "reviewed_on"):
            self.assertIn(field, response.context["form"].errors)
        self.assertIn("必需字段", str(response.context["form"].errors["office_name"]))
        self.assertFalse(DisclosureGuidePage.objects.exists())
