"""Public rendering of every page type through HTTP: meta tags, footer identity, breadcrumbs,
metadata tables, cross-links, syndication, expiry, topics, display modes, query counts and
the fixed-information change log."""

import re
from datetime import date, timedelta
from urllib.parse import urlparse

from django.core.files.base import ContentFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from base.models import MourningPeriod
from content.models import (
    AnnualReportPage,
    ArticlePage,
    ColumnPage,
    FixedInfoChange,
    InterpretationPage,
    LeaderPage,
    NewsPage,
    NoticePage,
    PersonnelPage,
    PlanPage,
    PolicyPage,
    PortalHomePage,
    ProcurementPage,
    QAPage,
    ServiceForm,
    ServiceItemPage,
    TopicPage,
    TopicSelection,
)
from content.vocabularies import PolicyKind, Validity
from home.provisioning import apply_portal_template
from subsites.models import SiteIdentity, UnitKind
from tests.factories import make_unit, make_user

Image, Document = get_image_model(), get_document_model()
PORTAL = "gov.test"
PUB_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
COLUMN_META = [
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnDescription",
    "ColumnKeywords",
    "ColumnType",
]
ARTICLE_META = ["ArticleTitle", "PubDate", "ContentSource"]
GUIDE_LABELS = [
    "项目名称",
    "受理机构",
    "项目类型",
    "联系人",
    "联系方式",
    "服务对象",
    "办理时限",
    "收费情况",
    "设立依据",
    "受理条件",
    "材料明细",
    "办理流程",
    "流程图",
    "监管措施",
]


# ---------------------------------------------------------------------------- helpers


def column(unit_or_home, slug):
    home = getattr(unit_or_home, "home_page", unit_or_home)
    return ColumnPage.objects.child_of(home).get(slug=slug)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


def address(page):
    """(host, path) of a page on its own (most specific) site."""
    _site_id, root_url, path = page.get_url_parts()
    return urlparse(root_url).hostname, path


def meta_tags(html):
    return dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', html))


def body_classes(html):
    match = re.search(r'<body class="([^"]*)"', html)
    return set(match.group(1).split()) if match else set()


def service_fields(**overrides):
    fields = dict(
        accepting_agency="县教育局政务服务窗口",
        item_type=ServiceItemPage.ItemType.PUBLIC_SERVICE,
        contact_person="王五",
        contact_phone="0577-11112222",
        service_target="自然人、法人",
        time_limit="20个工作日",
        fees="不收费",
        legal_basis="《中华人民共和国教育法》",
        conditions="符合条件的申请人",
        materials="申请表一份",
        procedure="申请、受理、审查、决定",
        supervision="县教育局监督科监督",
    )
    fields.update(overrides)
    return fields


def set_identity(site, name, code):
    identity = SiteIdentity.for_site(site)
    identity.site_name, identity.organizer, identity.site_code = name, name, code
    identity.contact = "0577-00000000"
    identity.save()


class PortalTestCase(TestCase):
    """The portal with its standard columns, a department and a township with identities."""

    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.portal = PortalHomePage.objects.get()
        cls.portal_site = Site.objects.get(is_default_site=True)
        set_identity(cls.portal_site, "云溪县人民政府", "3399000001")
        cls.dept = make_unit("jyj", name="云溪县教育局", kind=UnitKind.DEPARTMENT, seed=11)
        cls.dept.short_name = "县教育局"
        cls.dept.save()
        cls.town = make_unit("xtz", name="云溪县溪头镇", kind=UnitKind.TOWNSHIP, seed=12)
        cls.town.short_name = "溪头镇"
        cls.town.save()
        set_identity(cls.dept.site, "云溪县教育局", "3399000002")
        set_identity(cls.town.site, "云溪县溪头镇", "3399000003")

    def get(self, page, **params):
        host, path = address(page)
        return self.client.get(path, params, HTTP_HOST=host)


# ------------------------------------------------------------------------- page types


class PageTypesRenderTest(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        d = cls.dept
        cls.flowchart = Image.objects.create(title="流程图", file=get_test_image_file(), collection=d.collection)
        cls.form_doc = Document.objects.create(
            title="申请表", collection=d.collection, file=ContentFile(b"form", name="apply.docx")
        )
        cls.news = publish(
            column(d, "gzdt"),
            NewsPage(title="教育局召开工作会议", slug="news-a", source="县教育局", body="<p>会议内容</p>"),
        )
        cls.notice = publish(
            column(d, "tzgg"), NoticePage(title="关于开展检查的通知", slug="notice-a", source="县教育局")
        )
        cls.procurement = publish(
            column(d, "xxgkml"),
            ProcurementPage(
                title="教学设备采购公告", slug="procurement-a", project_number="YX-2026-01", purchaser="县教育局"
            ),
        )
        cls.personnel = publish(column(d, "rsxx"), PersonnelPage(title="任免通知", slug="personnel-a"))
        cls.plan = publish(column(d, "ghjh"), PlanPage(title="教育发展规划", slug="plan-a", plan_period="2026-2030"))
        cls.successor = publish(
            column(d, "zcwj"),
            PolicyPage(
                title="新的招生办法",
                slug="policy-new",
                policy_kind=PolicyKind.OTHER,
                doc_number="云教〔2026〕2号",
                issuing_authority="云溪县教育局",
                written_date=date(2026, 2, 1),
            ),
        )
        cls.policy = publish(
            column(d, "zcwj"),
            PolicyPage(
                title="招生管理办法",
                slug="policy-a",
                policy_kind=PolicyKind.OTHER,
                doc_number="云教〔2026〕1号",
                issuing_authority="云溪县教育局",
                written_date=date(2026, 1, 5),
            ),
        )
        cls.interpretation = publish(
            column(d, "zcjd"), InterpretationPage(title="《招生管理办法》解读", slug="interp-a", policy=cls.policy)
        )
        cls.qa = publish(
            column(d, "zcjd"), QAPage(title="如何报名？", slug="qa-a", policy=cls.policy, body="<p>网上报名</p>")
        )
        cls.revoked = publish(
            column(d, "zcwj"),
            PolicyPage(
                title="旧的招生办法",
                slug="policy-old",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="云溪县教育局",
                written_date=date(2020, 1, 1),
                validity=Validity.REPEALED,
                superseded_by=cls.successor,
            ),
        )
        service = ServiceItemPage(title="教师资格认定", slug="service-a", flowchart=cls.flowchart, **service_fields())
        service.forms.add(ServiceForm(document=cls.form_doc, title="教师资格认定申请表"))
        cls.service = publish(column(d, "bsfw"), service)
        cls.leader = publish(
            column(d, "ldxx"),
            LeaderPage(title="张局长", slug="leader-a", position="局长", responsibilities="<p>主持全面工作</p>"),
        )
        cls.topic = publish(column(d, "ztzl"), TopicPage(title="双减专题", slug="topic-a", tag="双减"))
        cls.report = publish(
            column(d, "xxgkml"),
            AnnualReportPage(
                title="2025年政府信息公开工作年度报告",
                slug="report-a",
                report_kind=AnnualReportPage.Kind.DISCLOSURE,
                year=2025,
            ),
        )
        cls.article = publish(
            column(d, "jggk"), ArticlePage(title="单位简介", slug="article-a", source="县教育局", body="<p>简介</p>")
        )
        cls.column_page = column(d, "gzdt")
        cls.disclosed = [
            cls.notice,
            cls.procurement,
            cls.personnel,
            cls.plan,
            cls.successor,
            cls.policy,
            cls.interpretation,
            cls.revoked,
            cls.service,
            cls.report,
        ]

    def all_pages(self):
        return {
            "ColumnPage": self.column_page,
            "NewsPage": self.news,
            "NoticePage": self.notice,
            "ProcurementPage": self.procurement,
            "PersonnelPage": self.personnel,
            "PlanPage": self.plan,
            "PolicyPage": self.policy,
            "InterpretationPage": self.interpretation,
            "QAPage": self.qa,
            "ServiceItemPage": self.service,
            "LeaderPage": self.leader,
            "TopicPage": self.topic,
            "AnnualReportPage": self.report,
            "ArticlePage": self.article,
        }

    def test_every_page_type_renders_meta_footer_breadcrumbs_and_time(self):
        for name, page in self.all_pages().items():
            with self.subTest(page_type=name):
                response = self.get(page)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                tags = meta_tags(html)
                for tag in COLUMN_META:
                    self.assertTrue(tags.get(tag), f"{name}: meta {tag} empty or missing")
                self.assertEqual(tags["SiteIDCode"], "3399000002")
                self.assertEqual(tags["SiteDomain"], "jyj.gov.test")
                self.assertEqual(tags["SiteName"], "云溪县教育局")
                is_article = name != "ColumnPage"
                if is_article:
                    for tag in ARTICLE_META:
                        self.assertTrue(tags.get(tag), f"{name}: meta {tag} empty or missing")
                    self.assertEqual(tags["ArticleTitle"], page.title)
                    self.assertRegex(tags["PubDate"], PUB_DATE_RE)
                else:
                    self.assertNotIn("ArticleTitle", tags)
                for text in ("主办单位", "网站标识码", "3399000002", "我为政府网站找错"):
                    self.assertIn(text, html)
                self.assertIn('class="breadcrumbs"', html)
                self.assertIn('aria-current="page"', html)
                self.assertRegex(html, r'<time datetime="[^"]+">\d{4}-\d{2}-\d{2}')

    def test_column_page_lists_its_items_with_time(self):
        response = self.get(self.column_page)
        self.assertContains(response, self.news.title)
        self.assertContains(response, timezone.localtime(self.news.first_published_at).strftime("%Y-%m-%d"))

    def test_disclosed_items_show_metadata_table_with_sequential_index_numbers(self):
        year = timezone.localtime().year
        pattern = re.compile(rf"^{re.escape(self.dept.credit_code)}/{year}-\d{{5}}$")
        numbers = []
        for page in self.disclosed:
            with self.subTest(page=page.title):
                page.refresh_from_db()
                self.assertRegex(page.index_number, pattern)
                response = self.get(page)
                self.assertContains(response, 'class="metadata"')
                self.assertContains(response, "索引号")
                self.assertContains(response, page.index_number)
                numbers.append(int(page.index_number.rsplit("-", 1)[1]))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + len(numbers))))
        # Another unit has its own sequence, under its own credit code.
        other = publish(column(self.town, "tzgg"), NoticePage(title="镇通知", slug="n1"))
        self.assertEqual(other.index_number, f"{self.town.credit_code}/{year}-00001")

    def test_news_and_qa_have_no_index_number(self):
        for page in (self.news, self.qa, self.article, self.leader):
            self.assertNotContains(self.get(page), 'class="metadata"')

    def test_policy_interpretation_and_qa_link_both_ways(self):
        policy_html = self.get(self.policy).content.decode()
        for item in (self.interpretation, self.qa):
            self.assertIn(f'href="{address(item)[1]}"', policy_html)
            self.assertIn(item.title, policy_html)
            item_html = self.get(item).content.decode()
            self.assertIn(f'href="{address(self.policy)[1]}"', item_html)
            self.assertIn(self.policy.title, item_html)
        self.assertNotIn("banner-revoked", policy_html)

    def test_revoked_policy_shows_banner_and_successor(self):
        response = self.get(self.revoked)
        self.assertContains(response, "banner-revoked")
        self.assertContains(response, "本文件已废止")
        self.assertContains(response, f'href="{address(self.successor)[1]}"')
        self.assertContains(response, self.successor.title)

    def test_service_item_shows_fourteen_fields_and_forms(self):
        html = self.get(self.service).content.decode()
        table = re.search(r'<table class="service-guide">.*?</table>', html, re.S).group(0)
        for label in GUIDE_LABELS:
            self.assertIn(f">{label}</th>", table)
        self.assertEqual(table.count('<th scope="row">'), 14)
        self.assertIn("20个工作日", table)
        self.assertIn("<img", table)  # the flowchart
        self.assertIn("表格下载", html)
        self.assertIn(f'href="{self.form_doc.url}"', html)
        self.assertIn("教师资格认定申请表", html)

    def test_print_view(self):
        response = self.get(self.news, print="1")
        self.assertIn("print-view", body_classes(response.content.decode()))
        self.assertNotIn("print-view", body_classes(self.get(self.news).content.decode()))


# ----------------------------------------------------------------- service item admin


class ServiceItemAdminTest(PortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = make_user("portal-admin", superuser=True)
        cls.flowchart = Image.objects.create(title="流程图", file=get_test_image_file())
        page = ServiceItemPage(title="未完成的事项", slug="incomplete", live=False)
        column(cls.dept, "bsfw").add_child(instance=page)
        page.save_revision(clean=False)  # a draft may lack the guide fields
        cls.page = page

    def setUp(self):
        self.client.force_login(self.admin)

    def post_data(self, **fields):
        data = {
            "title": "未完成的事项",
            "slug": "incomplete",
            "issued_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "source": "",
            "summary": "",
            "disclosure_category": "",
            "tags": "",
            "flowchart": "",
            **{name: "" for name in ServiceItemPage.GUIDE_FIELDS[1:] if name != "flowchart"},
        }
        for prefix in ("forms", "comments"):
            data.update(
                {
                    f"{prefix}-TOTAL_FORMS": "0",
                    f"{prefix}-INITIAL_FORMS": "0",
                    f"{prefix}-MIN_NUM_FORMS": "0",
                    f"{prefix}-MAX_NUM_FORMS": "1000",
                }
            )
        data.update(fields)
        return data

    def edit(self, data):
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[self.page.pk]), data)

    def test_publishing_with_missing_fields_is_refused(self):
        data = self.post_data(accepting_agency="县教育局窗口", **{"action-publish": "action-publish"})
        response = self.edit(data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "error-message")
        self.assertContains(response, "由于存在校验错误，无法保存该页面")
        self.assertGreaterEqual(response.content.decode().count("必需字段"), 12)
        page = ServiceItemPage.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.accepting_agency, "")

    def test_saving_a_draft_with_missing_fields_succeeds(self):
        response = self.edit(self.post_data(accepting_agency="县教育局窗口"))
        self.assertEqual(response.status_code, 302)
        page = ServiceItemPage.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertEqual(page.get_latest_revision_as_object().accepting_agency, "县教育局窗口")

    def test_publishing_a_complete_item_succeeds(self):
        """Positive control: the same POST with every field filled publishes the page."""
        fields = service_fields(flowchart=str(self.flowchart.pk))
        response = self.edit(self.post_data(**fields, **{"action-publish": "action-publish"}))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(ServiceItemPage.objects.get(pk=self.page.pk).live)


# ------------------------------------------------------------------------ syndication


class SyndicationChecks:
    def listing(self, slug):
        return self.client.get(f"/{slug}/", HTTP_HOST=PORTAL).content.decode()

    def test_department_news_appears_in_department_column_only_while_live(self):
        news = publish(column(self.dept, "gzdt"), NewsPage(title="教育局部门新闻", slug="dept-news"))
        html = self.listing("bmdt")
        self.assertIn("教育局部门新闻", html)
        self.assertIn("县教育局", html)
        self.assertIn('href="http://jyj.gov.test/gzdt/dept-news/"', html)
        self.assertNotIn("教育局部门新闻", self.listing("zjdt"))
        news.unpublish()
        self.assertNotIn("教育局部门新闻", self.listing("bmdt"))

    def test_township_news_appears_in_township_column_only_while_live(self):
        news = publish(column(self.town, "gzdt"), NewsPage(title="溪头镇乡村新闻", slug="town-news"))
        html = self.listing("zjdt")
        self.assertIn("溪头镇乡村新闻", html)
        self.assertIn("溪头镇", html)
        self.assertIn('href="http://xtz.gov.test/gzdt/town-news/"', html)
        self.assertNotIn("溪头镇乡村新闻", self.listing("bmdt"))
        news.unpublish()
        self.assertNotIn("溪头镇乡村新闻", self.listing("zjdt"))

    # The raw update stands in for the clock; tests/test_page_cache.py covers expiry with the page cache on.
    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_expired_items_leave_listings_at_once(self):
        news = publish(column(self.dept, "gzdt"), NewsPage(title="即将过期的新闻", slug="expiring"))
        notice = publish(column(self.dept, "tzgg"), NoticePage(title="即将过期的通知", slug="expiring-n"))
        self.assertIn("即将过期的新闻", self.listing("bmdt"))
        self.assertIn("即将过期的通知", self.listing("tzgg"))
        past = timezone.now() - timedelta(minutes=1)
        # The page is still live: the scheduler that unpublishes expired pages has not run yet.
        Page.objects.filter(pk__in=[news.pk, notice.pk]).update(expire_at=past)
        self.assertNotIn("即将过期的新闻", self.listing("bmdt"))
        self.assertNotIn("即将过期的通知", self.listing("tzgg"))
        self.assertNotContains(self.get(column(self.dept, "gzdt")), "即将过期的新闻")
        self.assertNotContains(self.get(column(self.dept, "tzgg")), "即将过期的通知")


# --------------------------------------------------------------------------- topics


class TopicPageChecks:
    def test_topic_gathers_tagged_pages_of_two_units_and_a_selected_page(self):
        dept_news = NewsPage(title="教育局乡村振兴新闻", slug="rv1")
        dept_news.tags.add("乡村振兴")
        dept_news = publish(column(self.dept, "gzdt"), dept_news)
        town_notice = NoticePage(title="溪头镇乡村振兴通知", slug="rv2")
        town_notice.tags.add("乡村振兴")
        town_notice = publish(column(self.town, "tzgg"), town_notice)
        selected = publish(column(self.town, "gzdt"), NewsPage(title="手选的镇新闻", slug="hand"))
        publish(column(self.dept, "gzdt"), NewsPage(title="无关的新闻", slug="other"))
        topic = TopicPage(title="乡村振兴专题", slug="rv", tag="乡村振兴")
        topic.selections.add(TopicSelection(page=selected))
        topic = publish(column(self.dept, "ztzl"), topic)
        html = self.get(topic).content.decode()
        for title in ("教育局乡村振兴新闻", "溪头镇乡村振兴通知", "手选的镇新闻"):
            self.assertIn(title, html)
        self.assertNotIn("无关的新闻", html)
        self.assertLess(html.index("手选的镇新闻"), html.index("教育局乡村振兴新闻"))
        self.assertIn(town_notice.get_url(), html)  # another site's page: a full URL


# ---------------------------------------------------------------------- display modes


class DisplayModesChecks:
    def test_elder_mode_toggles_with_a_cookie(self):
        response = self.client.post("/display/elder-mode/", {"next": "/bmdt/"}, HTTP_HOST=PORTAL)
        self.assertRedirects(response, "/bmdt/", fetch_redirect_response=False)
        self.assertEqual(response.cookies["elder_mode"].value, "1")
        html = self.client.get("/bmdt/", HTTP_HOST=PORTAL).content.decode()
        self.assertIn("elder-mode", body_classes(html))
        self.assertIn('aria-pressed="true"', html)
        response = self.client.post("/display/elder-mode/", {"next": "/bmdt/"}, HTTP_HOST=PORTAL)
        self.assertEqual(response.cookies["elder_mode"].value, "0")
        html = self.client.get("/bmdt/", HTTP_HOST=PORTAL).content.decode()
        self.assertNotIn("elder-mode", body_classes(html))

    def test_elder_mode_refuses_open_redirects(self):
        for target in ("https://evil.example/phish", "//evil.example/", "http://gov.test.evil.example/"):
            with self.subTest(target=target):
                response = self.client.post("/display/elder-mode/", {"next": target}, HTTP_HOST=PORTAL)
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], "/")
        response = self.client.post("/display/elder-mode/", {"next": "/zjdt/?page=2"}, HTTP_HOST=PORTAL)
        self.assertEqual(response["Location"], "/zjdt/?page=2")

    def test_elder_mode_toggle_requires_post(self):
        self.assertEqual(self.client.get("/display/elder-mode/", HTTP_HOST=PORTAL).status_code, 405)

    def pages_on_every_site(self):
        return [("/", PORTAL), ("/bmdt/", PORTAL), ("/", "jyj.gov.test"), ("/gzdt/", "xtz.gov.test")]

    def test_mourning_period_greys_every_site_while_active(self):
        now = timezone.now()
        MourningPeriod.objects.create(
            reason="过去的哀悼", starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2)
        )
        MourningPeriod.objects.create(
            reason="将来的哀悼", starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=3)
        )
        for path, host in self.pages_on_every_site():
            html = self.client.get(path, HTTP_HOST=host).content.decode()
            self.assertNotIn("mourning", body_classes(html), (host, path))
        MourningPeriod.objects.create(
            reason="全国哀悼日", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
        )
        for path, host in self.pages_on_every_site():
            response = self.client.get(path, HTTP_HOST=host)
            self.assertEqual(response.status_code, 200)
            self.assertIn("mourning", body_classes(response.content.decode()), (host, path))


# ----------------------------------------------------------------------- query counts


@override_settings(PAGE_CACHE_SECONDS=0)  # count the queries of rendering, not of a cache hit
class QueryCountTest(PortalTestCase):
    """Rendering cost must not grow with the number of items shown (no N+1 queries)."""

    N = 2

    def add_units(self, count, start):
        """`count` more units (alternating departments and townships), each with linked content."""
        for number in range(start, start + count):
            kind = UnitKind.DEPARTMENT if number % 2 else UnitKind.TOWNSHIP
            unit = make_unit(f"u{number}", name=f"测试单位{number}", kind=kind, seed=100 + number)
            news = NewsPage(title=f"单位{number}新闻", slug="news")
            news.tags.add("专题")
            publish(column(unit, "gzdt"), news)
            publish(column(unit, "tzgg"), NoticePage(title=f"单位{number}通知", slug="notice"))
            publish(
                column(unit, "zcjd"), InterpretationPage(title=f"单位{number}解读", slug="interp", policy=self.policy)
            )
            publish(column(unit, "zcjd"), QAPage(title=f"单位{number}问答", slug="qa", policy=self.policy))
            publish(column(self.dept, "gzdt"), NewsPage(title=f"本单位新闻{number}", slug=f"own-{number}"))

    def count(self, path, host):
        self.client.get(path, HTTP_HOST=host)  # warm per-process caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_query_counts_do_not_grow_with_items(self):
        self.policy = publish(
            column(self.dept, "zcwj"),
            PolicyPage(
                title="招生管理办法",
                slug="policy",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="云溪县教育局",
                written_date=date(2026, 1, 5),
            ),
        )
        topic = publish(column(self.dept, "ztzl"), TopicPage(title="专题", slug="topic", tag="专题"))
        pages = {
            "portal home": ("/", PORTAL),
            "syndicated department news": ("/bmdt/", PORTAL),
            "syndicated township news": ("/zjdt/", PORTAL),
            "syndicated notices": ("/tzgg/", PORTAL),
            "unit column": ("/gzdt/", "jyj.gov.test"),
            "unit column via portal": ("/jyj/gzdt/", PORTAL),
            "policy article": address(self.policy)[::-1],
            "topic": address(topic)[::-1],
        }
        self.add_units(self.N, 0)
        before = {name: self.count(*where) for name, where in pages.items()}
        self.add_units(2 * self.N, self.N)
        after = {name: self.count(*where) for name, where in pages.items()}
        html = self.client.get("/bmdt/", HTTP_HOST=PORTAL).content.decode()
        self.assertEqual(html.count("新闻</a>"), sum(1 for n in range(3 * self.N) if n % 2))
        self.assertEqual(after, before)
        # The site frame (main navigation, header identity) and the home page's lists, 要闻, entries and
        # 互动交流 block each cost a bounded number of queries; a policy lists interpretations and Q&A
        # of its own unit or accepted by it (+2); a home page its latest published annual reports (+1), the
        # 互动交流 block its 征集调查 and 在线访谈 columns (+1); the portal home its 回应关切 statement (+2).
        bounds = {
            "portal home": 24,
            "syndicated department news": 13,
            "syndicated township news": 13,
            "syndicated notices": 13,
            "unit column": 16,
            "unit column via portal": 19,
            "policy article": 21,
            "topic": 17,
        }
        for name, count in after.items():
            self.assertLessEqual(count, bounds[name], name)


# ----------------------------------------------------------------- fixed information


class FixedInfoChangeChecks:
    def test_publishing_a_leader_records_the_change(self):
        effective = timezone.now() - timedelta(hours=5)
        before = timezone.now()
        leader = publish(
            column(self.dept, "ldxx"),
            LeaderPage(title="新局长", slug="new", position="局长", change_effective_at=effective),
        )
        change = FixedInfoChange.objects.get(page=leader)
        self.assertEqual(change.effective_at, effective)
        self.assertGreaterEqual(change.published_at, before)
        self.assertLessEqual(change.published_at, timezone.now())
        self.assertEqual(change.unit, self.dept)
        self.assertEqual(change.delay, change.published_at - effective)

    def test_without_effective_time_the_revision_time_is_used(self):
        leader = LeaderPage(title="副局长", slug="deputy", position="副局长")
        column(self.dept, "ldxx").add_child(instance=leader)
        revision = leader.save_revision()
        revision.publish()
        change = FixedInfoChange.objects.get(page=leader)
        self.assertEqual(change.effective_at, revision.created_at)
        self.assertGreaterEqual(change.published_at, revision.created_at)

    def test_publishing_the_overview_column_records_the_change(self):
        overview = column(self.dept, "jggk")
        count = FixedInfoChange.objects.filter(page=overview).count()
        effective = timezone.now() - timedelta(days=1)
        overview.body = "<p>新的机构概况</p>"
        overview.change_effective_at = effective
        overview.save_revision().publish()
        self.assertEqual(FixedInfoChange.objects.filter(page=overview).count(), count + 1)
        change = FixedInfoChange.objects.filter(page=overview).first()
        self.assertEqual(change.effective_at, effective)
        self.assertEqual(change.unit, self.dept)

    def test_other_pages_record_nothing(self):
        count = FixedInfoChange.objects.count()
        publish(column(self.dept, "gzdt"), NewsPage(title="普通新闻", slug="plain"))
        column(self.dept, "gzdt").save_revision().publish()
        self.assertEqual(FixedInfoChange.objects.count(), count)


class PortalPagesTest(SyndicationChecks, TopicPageChecks, DisplayModesChecks, FixedInfoChangeChecks, PortalTestCase):
    """The checks above on one shared tree, built once (PortalTestCase.setUpTestData)."""
