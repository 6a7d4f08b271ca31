"""Accessibility of every public page type, checked with axe-core in a real browser (Chromium).

The Django app is served on a free loopback port; `tests/browser/a11y.mjs` (node, playwright-core,
axe-core from package.json) opens one page of each type, in standard and elder mode, and fails on
any WCAG 2.0/2.1 A/AA violation of impact serious or critical. Unit pages are reached through the
portal host (the default site) under /<unit code>/..., since the live server only answers on localhost.

Needs `make browser-deps` (npm ci) and Debian's chromium (`apt-get install chromium`). Without them
the test is skipped, except with CI=true where it fails instead.
"""

import os
import shutil
import subprocess
import time
import unittest
from datetime import date
from pathlib import Path

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.core.files.base import ContentFile
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from content.models import (
    AnnualReportPage,
    ArticlePage,
    DisclosureGuidePage,
    GalleryImage,
    InterpretationPage,
    LeaderPage,
    NewsPage,
    NoticePage,
    Organisation,
    PersonnelPage,
    PlanPage,
    PolicyAttachment,
    PolicyPage,
    ProcurementPage,
    QAPage,
    ServiceForm,
    ServiceItemPage,
    TopicPage,
    TopicSelection,
)
from content.vocabularies import PolicyKind, Validity
from subsites.models import UnitLink
from tests.factories import make_county
from tests.test_content_pages import column, publish, service_fields

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "browser" / "a11y.mjs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TIMEOUT = 600


def missing_requirements():
    missing = []
    if shutil.which("node") is None:
        missing.append("node is not installed")
    for package in ("playwright-core", "axe-core"):
        if not (ROOT / "node_modules" / package / "package.json").exists():
            missing.append(f"node_modules/{package} is missing (run `make browser-deps`)")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    return missing


class IdleClosingRequestHandler(QuietWSGIRequestHandler):
    """Drops a connection that sends nothing for two seconds: Chromium opens connections ahead of use
    (to a host it expects to visit), and an idle one would hold the one-at-a-time server until the
    browser's own timeout."""

    timeout = 2

    def handle(self):
        try:
            super().handle()
        except TimeoutError:
            self.close_connection = True


class SerialWSGIServer(WSGIServer):
    """Requests answered one at a time in the live server's thread, which already uses the test's connection."""

    def __init__(self, address, handler_class, *args, connections_override=None, **kwargs):
        super().__init__(address, IdleClosingRequestHandler, *args, **kwargs)


class SerialLiveServerThread(LiveServerThread):
    """One request at a time: the live server's threads would share the test's one in-memory SQLite
    connection, and a request the browser sends on its own (a session ping, a beacon) racing a click's
    request broke the other's transaction."""

    server_class = SerialWSGIServer


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server for a node script driving Chromium: skipped without the browser, failing with CI=true."""

    # The live server needs a transactional test case; restore the migrated portal home page.
    serialized_rollback = True
    what = "browser test"
    # BROWSER_TEST_PORT pins the live server's port (on a shared machine); a free one by default.
    port = int(os.environ.get("BROWSER_TEST_PORT", "0"))
    server_thread_class = SerialLiveServerThread

    @classmethod
    def setUpClass(cls):
        missing = missing_requirements()
        cls.missing_reason = f"{cls.what} not run: " + "; ".join(missing) if missing else ""
        if missing and os.environ.get("CI") != "true":
            raise unittest.SkipTest(cls.missing_reason)  # before starting the live server
        super().setUpClass()

    def setUp(self):
        super().setUp()
        if self.missing_reason:
            self.fail(self.missing_reason)  # CI=true: a missing browser is an error, not a skip


class BrowserAccessibilityTest(BrowserTestCase):
    what = "browser accessibility check"

    def build_content(self):
        """One live page of every public type; returns their paths on the portal host."""
        dept, town = make_county()
        UnitLink.objects.create(unit=dept, title="浙江政务服务网", url="https://www.zjzwfw.gov.cn/")
        Image, Document = get_image_model(), get_document_model()
        image = Image.objects.create(title="教育局工作会议现场", file=get_test_image_file())
        document = Document.objects.create(title="申请表", file=ContentFile(b"form", name="apply.docx"))

        overview = column(dept, "jggk")
        overview.body = "<p>云溪县教育局是县政府工作部门。</p>"
        overview.save_revision().publish()
        organisations = column(dept, "jgsz")
        organisations.organisations.add(Organisation(name="办公室", head="王五", phone="0577-1", duties="综合协调"))
        organisations.save_revision().publish()
        news = NewsPage(
            title="教育局召开工作会议", slug="news", source="县教育局", cover=image, body="<p>会议内容。</p>"
        )
        news.gallery_images.add(GalleryImage(image=image, caption="会议现场"))
        news.tags.add("乡村振兴")
        news = publish(column(dept, "gzdt"), news)
        town_news = NewsPage(title="溪头镇开展乡村振兴调研", slug="news", source="溪头镇")
        town_news.tags.add("乡村振兴")
        publish(column(town, "gzdt"), town_news)
        notice = publish(
            column(dept, "tzgg"), NoticePage(title="关于开展检查的通知", slug="notice", body="<p>通知内容。</p>")
        )
        procurement = publish(
            column(dept, "xxgkml"),
            ProcurementPage(
                title="教学设备采购公告", slug="procurement", project_number="YX-2026-01", purchaser="县教育局"
            ),
        )
        personnel = publish(column(dept, "rsxx"), PersonnelPage(title="任免通知", slug="personnel"))
        plan = publish(column(dept, "ghjh"), PlanPage(title="教育发展规划", slug="plan", plan_period="2026-2030"))
        successor = publish(
            column(dept, "zcwj"),
            PolicyPage(
                title="招生管理办法",
                slug="policy",
                policy_kind=PolicyKind.OTHER,
                doc_number="云教〔2026〕1号",
                issuing_authority="云溪县教育局",
                written_date=date(2026, 1, 5),
                body="<p>第一条。</p>",
                disclosure_category="c01",
                summary="招生管理",
            ),
        )
        successor.attachments.add(PolicyAttachment(document=document, title="附件一"))
        successor.save_revision().publish()
        revoked = publish(
            column(dept, "zcwj"),
            PolicyPage(
                title="旧的招生办法",
                slug="policy-old",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="云溪县教育局",
                written_date=date(2020, 1, 1),
                validity=Validity.REPEALED,
                superseded_by=successor,
            ),
        )
        interpretation = publish(
            column(dept, "zcjd"),
            InterpretationPage(title="《招生管理办法》解读", slug="interpretation", policy=successor, diagram=image),
        )
        qa = publish(
            column(dept, "zcjd"), QAPage(title="如何报名？", slug="qa", policy=successor, body="<p>网上报名。</p>")
        )
        service = ServiceItemPage(title="教师资格认定", slug="service", flowchart=image, **service_fields())
        service.forms.add(ServiceForm(document=document, title="教师资格认定申请表"))
        service = publish(column(dept, "bsfw"), service)
        leader = publish(
            column(dept, "ldxx"),
            LeaderPage(
                title="张局长", slug="leader", position="局长", photo=image, responsibilities="<p>主持全面工作。</p>"
            ),
        )
        topic = TopicPage(title="乡村振兴专题", slug="topic", tag="乡村振兴", introduction="<p>专题介绍。</p>")
        topic.selections.add(TopicSelection(page=notice))
        topic = publish(column(dept, "ztzl"), topic)
        report = publish(
            column(dept, "xxgkml"),
            AnnualReportPage(
                title="2025年政府信息公开工作年度报告",
                slug="report",
                report_kind=AnnualReportPage.Kind.DISCLOSURE,
                year=2025,
            ),
        )
        article = publish(
            column(dept, "jggk"), ArticlePage(title="单位简介", slug="article", source="县教育局", body="<p>简介。</p>")
        )
        guide = publish(
            column(dept, "xxgkml"),
            DisclosureGuidePage(
                title="云溪县教育局政府信息公开指南",
                slug="guide",
                office_name="县教育局办公室",
                office_address="云溪县人民路1号",
                office_hours="工作日 8:30-17:30",
                phone="0570-1234567",
                how_to_obtain="<p>主动公开的信息在本网站发布。</p>",
                request_procedure="<p>可在线提交申请。</p>",
                remedies="<p>可依法申请行政复议。</p>",
                reviewed_on=date(2026, 1, 1),
            ),
        )
        pages = [
            news,
            notice,
            procurement,
            personnel,
            plan,
            successor,
            revoked,
            interpretation,
            qa,
            service,
            leader,
            topic,
            report,
            article,
            guide,
        ]
        paths = ["/", "/bmdt/", "/zjdt/", "/jyj/", "/xtz/", "/jyj/gzdt/", "/jyj/jggk/", "/jyj/jgsz/", "/jyj/xxgkml/"]
        return paths + [page.url_path[len("/home") :] for page in pages] + ["/jyj/gzdt/news/?print=1"]

    def test_public_pages_have_no_serious_accessibility_violations(self):
        urls = [self.live_server_url + path for path in self.build_content()]
        started = time.monotonic()
        result = subprocess.run(
            ["node", str(SCRIPT), "--elder-mode", *urls],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        print(result.stdout)
        print(f"{len(urls)} URLs checked twice (standard and elder mode) in {time.monotonic() - started:.1f}s")
        self.assertEqual(result.returncode, 0, f"axe-core found violations:\n{result.stdout}\n{result.stderr}")
