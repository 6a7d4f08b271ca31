"""The public side in a real browser: one page of each type on the portal, a department and a township,
at 1366×900 and 390×844 (navigation, breadcrumbs, footer, no horizontal scroll, axe-core), the 互动交流
entries reached by clicking from each home page, and 长者模式 following a link from the portal to a subsite.

The sites keep their real hosts (gov.test, jyj.gov.test, xtz.gov.test), which Chromium maps to the live
server (--host-resolver-rules); their Site rows take the live server's port. One browser launch
(tests/browser/portal.mjs) does every check; the content is the smallest tree that has each page type.
"""

import json
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from content.models import DisclosureGuidePage, LeaderPage, NewsPage, NoticePage, PolicyPage, ServiceItemPage
from content.vocabularies import PolicyKind
from interaction.models import Case, Kind
from tests.factories import make_county
from tests.test_browser_a11y import BrowserTestCase
from tests.test_content_pages import column, publish, service_fields

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "browser" / "portal.mjs"
TIMEOUT = 900


def build_county():
    """Portal, a department and a township with one live page of each public type; returns (dept, town)."""
    dept, town = make_county()
    image = get_image_model().objects.create(title="会议现场", file=get_test_image_file(size=(640, 360)))
    publish(
        column(dept, "gzdt"),
        NewsPage(
            title="教育局召开全县教育工作会议",
            slug="news",
            cover=image,
            body="<p>会议部署了全年工作。</p>",
            source="县教育局",
        ),
    )
    publish(
        column(dept, "tzgg"), NoticePage(title="关于开展校园安全检查的通知", slug="notice", body="<p>通知内容。</p>")
    )
    publish(
        column(dept, "zcwj"),
        PolicyPage(
            title="云溪县义务教育学校招生管理办法",
            slug="policy",
            policy_kind=PolicyKind.OTHER,
            doc_number="云教〔2026〕1号",
            issuing_authority="云溪县教育局",
            written_date=date(2026, 1, 5),
            body="<p>第一条 为规范招生……</p>",
            disclosure_category="c01",
            summary="规范义务教育招生",
        ),
    )
    publish(
        column(dept, "bsfw"), ServiceItemPage(title="教师资格认定", slug="service", flowchart=image, **service_fields())
    )
    publish(column(dept, "ldxx"), LeaderPage(title="张明", slug="leader", position="局长"))
    publish(column(town, "gzdt"), NewsPage(title="溪头镇开展乡村振兴调研", slug="news", source="溪头镇"))
    publish(column(town, "tzgg"), NoticePage(title="溪头镇防汛值班安排", slug="notice"))
    publish(
        column(town, "xxgkzn"),
        DisclosureGuidePage(
            title="溪头镇政府信息公开指南",
            slug="guide",
            office_name="镇党政办",
            office_address="溪头镇政府大楼",
            office_hours="工作日",
            phone="0577-11111111",
            how_to_obtain="<p>网站发布。</p>",
            request_procedure="<p>在线申请。</p>",
            remedies="<p>行政复议。</p>",
            reviewed_on=date(2026, 1, 1),
        ),
    )
    case = Case(
        kind=Kind.CONSULTATION,
        title="关于入学报名时间的咨询",
        body="请问何时报名？",
        name="王小明",
        phone="13812345678",
        tracking_code="ZX20260001",
        submission_token="6f1c0b52-4b1a-4d0e-9a53-0c1e0d2f1a11",
        unit=dept,
        reply_unit=dept,
        published=True,
        publish_consent=True,
        status="replied",
        reply_body="您好，报名时间为每年七月，咨询电话0577-88886666。",
        replied_at=timezone.now(),
    )
    case.set_password("TEST")
    case.save()
    return dept, town


class PublicPagesInTheBrowserTest(BrowserTestCase):
    what = "browser test of the public pages"

    def test_every_page_type_on_three_sites_at_desktop_and_phone_widths(self):
        dept, town = build_county()
        port = int(self.live_server_url.rsplit(":", 1)[1])
        for site in Site.objects.all():  # saved one by one: Wagtail's cache of site root paths is renewed
            site.port = port
            site.save()
        portal = f"http://{settings.PORTAL_DOMAIN}:{port}"
        d, t = f"http://{dept.host}:{port}", f"http://{town.host}:{port}"
        pages = [
            (portal, "/", True),
            (portal, "/bmdt/", False),
            (portal, "/xxgkml/", False),
            (portal, "/search/?q=招生", False),
            (portal, "/interaction/replies/", False),
            (d, "/", True),
            (d, "/gzdt/", False),
            (d, "/gzdt/news/", False),
            (d, "/zcwj/policy/", False),
            (d, "/bsfw/service/", False),
            (d, "/ldxx/leader/", False),
            (d, "/xxgkml/", False),
            (d, "/interaction/new/consultation/", False),
            (d, "/interaction/statistics/", False),
            (t, "/", True),
            (t, "/tzgg/notice/", False),
            (t, "/xxgkzn/guide/", False),
            (t, "/interaction/track/", False),
        ]
        spec = {
            "resolver": f"MAP {settings.PORTAL_DOMAIN} 127.0.0.1, MAP *.{settings.PORTAL_DOMAIN} 127.0.0.1",
            "pages": [{"url": host + path, "home": home} for host, path, home in pages],
            "homes": [portal + "/", d + "/", t + "/"],
            "elder": {"portal": portal + "/", "subsite": d + "/"},
        }
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            json.dump(spec, file)
            file.flush()
            started = time.monotonic()
            result = subprocess.run(
                ["node", str(SCRIPT), file.name], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT
            )
        print(result.stdout)
        print(f"{len(spec['pages'])} pages × 2 widths, 3 homes clicked through in {time.monotonic() - started:.1f}s")
        self.assertEqual(result.returncode, 0, f"browser checks failed:\n{result.stdout}\n{result.stderr}")
