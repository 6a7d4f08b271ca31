"""The public side as citizens meet it, through HTTP: header, navigation, breadcrumbs, the portal and
unit homes, 互动交流 reachable by links (and the self-check's channel rule following them), masking of
published replies, the portal's 信息公开目录, and the small things (robots.txt, sitemap, RSS, 404, 长者模式)."""

import re
from datetime import date

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from content.models import NewsPage, NoticePage, PolicyPage
from content.vocabularies import PolicyKind
from interaction.models import Case
from supervision.channels import reachable_entries
from supervision.rules.base import Level, Period, Subject
from supervision.rules.data import PeriodData
from supervision.rules.national import consultation_channel
from tests.factories import make_county
from tests.test_content_pages import column, publish
from tests.test_interaction_hostile import PublicFormsTestBase
from tests.test_interaction_support import submit

PORTAL = "gov.test"
NAV_RE = re.compile(r'<nav class="main-nav"[^>]*>(.*?)</nav>', re.S)


class PortalTestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.dept, cls.town = make_county()
        cls.news = publish(column(cls.dept, "gzdt"), NewsPage(title="教育局召开工作会议", slug="news"))
        cls.town_news = publish(column(cls.town, "gzdt"), NewsPage(title="溪头镇开展调研", slug="news"))
        cls.notice = publish(column(cls.dept, "tzgg"), NoticePage(title="关于开展检查的通知", slug="notice"))
        cls.policy = publish(
            column(cls.dept, "zcwj"),
            PolicyPage(
                title="招生管理办法",
                slug="policy",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="云溪县教育局",
                written_date=date(2026, 1, 5),
                disclosure_category="c01",
            ),
        )

    def setUp(self):
        cache.clear()

    def get(self, path, host=PORTAL, **kwargs):
        return self.client.get(path, HTTP_HOST=host, **kwargs)

    def nav(self, html):
        return NAV_RE.search(html)[1]


class FrameChecks:
    def test_portal_home_has_navigation_dense_dated_lists_and_the_interaction_block(self):
        html = self.get("/").content.decode()
        nav = self.nav(html)
        for title in ("首页", "政务公开", "政务服务", "政策文件库", "政策解读", "互动交流", "专题专栏"):
            self.assertIn(f">{title}</a>", nav)
        for heading in ("通知公告", "部门动态", "镇街动态", "政策文件库", "政策解读"):
            self.assertRegex(html, rf'<h2 id="list-[a-z]+">{heading}</h2>')
        # title, unit and short date in the syndicated lists, with a "更多" link to the column
        self.assertRegex(html, r"招生管理办法</a>\s*<span class=\"item-unit\">.+?</span>\s*<time[^>]*>\d\d-\d\d</time>")
        self.assertIn('href="/bmdt/">更多', html)
        for path in (
            "/interaction/new/consultation/",
            "/interaction/new/complaint/",
            "/interaction/new/suggestion/",
            "/interaction/new/disclosure/",
            "/interaction/track/",
            "/interaction/replies/",
            "/interaction/statistics/",
        ):
            self.assertIn(f'href="{path}"', html)
        self.assertIn("云溪县溪头镇", html)  # the subsite directory
        self.assertNotIn('class="breadcrumbs"', html)

    def test_unit_home_has_its_navigation_its_lists_and_a_link_back_to_the_portal(self):
        html = self.get("/", host=self.dept.host).content.decode()
        nav = self.nav(html)
        for title in (
            "首页",
            "机构概况",
            "工作动态",
            "通知公告",
            "政策文件",
            "政策解读",
            "办事服务",
            "互动交流",
            "信息公开目录",
        ):
            self.assertIn(f">{title}</a>", nav)
        self.assertIn("返回县政府门户", html)
        self.assertIn("http://gov.test/", html)
        self.assertIn("教育局召开工作会议", html)
        self.assertIn("关于开展检查的通知", html)
        self.assertIn('href="/interaction/new/consultation/"', html)
        self.assertIn("0577-12345678", html)  # the unit's contact

    def test_every_inner_page_keeps_navigation_breadcrumbs_and_footer(self):
        pages = [
            ("/gzdt/", self.dept.host),
            ("/gzdt/news/", self.dept.host),
            ("/zcwj/policy/", self.dept.host),
            ("/xxgkml/", PORTAL),
            ("/search/?q=招生", PORTAL),
            ("/interaction/new/consultation/", self.dept.host),
            ("/interaction/track/", PORTAL),
            ("/interaction/replies/", PORTAL),
        ]
        for path, host in pages:
            with self.subTest(path=path, host=host):
                html = self.get(path, host=host).content.decode()
                self.assertIn('<nav class="main-nav"', html)
                self.assertIn('class="breadcrumbs"', html)
                self.assertIn('class="site-footer"', html)
        html = self.get("/interaction/new/consultation/", host=self.dept.host).content.decode()
        self.assertRegex(html, r'<li><a href="/">云溪县教育局</a></li>\s*<li><a href="/hdjl/">互动交流</a></li>')

    def test_column_pages_show_their_sibling_columns(self):
        html = self.get("/gzdt/", host=self.dept.host).content.decode()
        side = re.search(r'<nav class="side-nav".*?</nav>', html, re.S)[0]
        self.assertIn('aria-current="page">工作动态</a>', side)
        self.assertIn(">通知公告</a>", side)
        self.assertIn(">领导信息</a>", side)

    def test_open_graph_and_feed_links(self):
        html = self.get("/gzdt/news/", host=self.dept.host).content.decode()
        self.assertIn('<meta property="og:title" content="教育局召开工作会议">', html)
        self.assertIn('<meta property="og:type" content="article">', html)
        column_html = self.get("/gzdt/", host=self.dept.host).content.decode()
        feed = re.search(r'type="application/rss\+xml" title="工作动态" href="([^"]+)"', column_html)[1]
        rss = self.get(feed, host=self.dept.host)
        self.assertEqual(rss["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertIn("<title>教育局召开工作会议</title>", rss.content.decode())
        self.assertEqual(self.get(reverse("column_feed", args=[column(self.dept, "jggk").pk])).status_code, 404)

    def test_robots_sitemap_favicon_and_a_chinese_404_on_every_site(self):
        robots = self.get("/robots.txt", host=self.dept.host).content.decode()
        self.assertIn("Sitemap: http://jyj.gov.test/sitemap.xml", robots)
        self.assertIn("Disallow: /admin/", robots)
        sitemap = self.get("/sitemap.xml", host=self.dept.host).content.decode()
        self.assertIn("http://jyj.gov.test/gzdt/news/", sitemap)
        self.assertNotIn("http://jyj.gov.test/../", sitemap)
        self.assertEqual(self.get("/favicon.ico").status_code, 301)
        for host in (PORTAL, self.dept.host):
            response = self.get("/no-such-page/", host=host)
            self.assertEqual(response.status_code, 404)
            self.assertContains(response, "页面不存在", status_code=404)
            self.assertContains(response, '<nav class="main-nav"', status_code=404)

    def test_elder_mode_cookie_is_shared_by_the_portal_and_every_subsite(self):
        response = self.client.post(reverse("toggle_elder_mode"), {"next": "/"}, HTTP_HOST=self.dept.host)
        cookie = response.cookies["elder_mode"]
        self.assertEqual((cookie.value, cookie["domain"]), ("1", PORTAL))
        self.client.cookies["elder_mode"] = "1"
        self.assertIn("elder-mode", self.get("/", host=PORTAL).content.decode())
        self.assertIn("elder-mode", self.get("/", host=self.town.host).content.decode())


class PortalDirectoryChecks:
    def rows(self, path):
        return len(re.findall(r'<td data-label="索引号">', self.get(path).content.decode()))

    def count(self, html, category):
        return int(re.search(rf'category={category}">[^<]+</a> <span class="count">\((\d+)\)', html)[1])

    def test_portal_directory_aggregates_every_unit_with_counts_equal_to_the_items_listed(self):
        publish(column(self.town, "tzgg"), NoticePage(title="溪头镇通知", slug="notice", disclosure_category="c01"))
        html = self.get("/xxgkml/").content.decode()
        self.assertIn("招生管理办法", html)
        self.assertIn("溪头镇通知", html)
        self.assertEqual(self.rows("/xxgkml/"), 3)  # the policy and both notices (news carry no 索引号)
        self.assertEqual(self.count(html, "c01"), 2)
        self.assertEqual(self.rows("/xxgkml/?category=c01"), 2)
        only_town = self.get("/xxgkml/?unit=xtz").content.decode()
        self.assertIn("溪头镇通知", only_town)
        self.assertNotIn("招生管理办法", only_town)
        self.assertEqual(self.count(only_town, "c01"), 1)
        self.assertEqual(self.rows("/xxgkml/?unit=xtz&category=c01"), 1)
        self.assertIn('href="/zfxxgk/"', html)  # the guide
        self.assertIn('href="/interaction/new/disclosure/"', html)


class ChannelRuleChecks:
    def outcome(self, unit):
        data = PeriodData(Period.month(2026, 12), [])
        subject = Subject(unit=unit, name=unit.name if unit else "", kind="portal", home_path="")
        return consultation_channel(data, subject)

    def test_channels_are_found_by_following_links_and_missed_when_the_links_are_removed(self):
        for unit in (None, self.dept):
            self.assertEqual(self.outcome(unit).level, Level.OK)
        # The unit takes its 互动交流 column offline: its home page no longer links to the forms.
        column(self.dept, "hdjl").unpublish()
        cache.clear()
        found, missing = reachable_entries(self.dept.site)
        self.assertNotIn("/interaction/new/consultation/", found)
        self.assertIn("咨询", missing)
        outcome = self.outcome(self.dept)
        self.assertEqual(outcome.level, Level.VETO)
        self.assertEqual(self.outcome(None).level, Level.OK)  # the portal keeps its own


class PortalPublicTest(FrameChecks, PortalDirectoryChecks, ChannelRuleChecks, PortalTestBase):
    """The checks above on one shared tree, built once (PortalTestBase.setUpTestData)."""


class PublishedReplyMaskingTest(PublicFormsTestBase):
    def test_the_citizen_is_masked_and_the_office_phone_is_not(self):
        case, _password = submit(
            self.client,
            host=self.unit.host,
            publish_consent="on",
            name="王小明",
            phone="13812345678",
            body="我是王小明，电话13812345678，想咨询孩子入学。",
        )
        self.staff(
            self.editor,
            case,
            "draft",
            reply_type="answered",
            text="王小明您好：请于工作日携带材料到县教育局办理，咨询电话0577-88886666。",
        )
        self.staff(self.reviewer, case, "approve")
        case.refresh_from_db()
        self.assertTrue(case.published)
        replies = self.client.get(reverse("interaction:replies"), HTTP_HOST=self.unit.host).content.decode()
        self.assertIn(case.tracking_code, replies)
        page = self.client.get(
            reverse("interaction:reply", args=[case.tracking_code]), HTTP_HOST=self.unit.host
        ).content.decode()
        self.assertIn("0577-88886666", page)  # the office's published number
        self.assertNotIn("王小明", page)
        self.assertNotIn("13812345678", page)
        self.assertIn("王**您好", page)
        self.assertIn("138******78", page)
        home = self.client.get("/", HTTP_HOST=self.unit.host).content.decode()
        self.assertIn(reverse("interaction:reply", args=[case.tracking_code]), home)
        self.assertNotIn("王小明", home)
        self.assertEqual(Case.objects.filter(published=True).count(), 1)
