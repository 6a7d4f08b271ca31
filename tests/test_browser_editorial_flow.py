"""The back office's daily work per role in a real browser (Chromium): editor, reviewer, leader, administrator.

The Django app is served on a free loopback port with the page cache on; `tests/browser/editorial_flow.mjs`
(node, playwright-core from package.json) signs in as the unit's editor (writes an item from the dashboard
in at most six clicks, and a second one marked sensitive; the submit dialog names the steps), reviewer
(待我处理 counts; approves, signs off and returns from the dashboard, each with its message), main leader
(approves the marked item; admin search) and the portal administrator (approves a portal notice through
the portal's workflow; admin search), and checks as an anonymous visitor that cached listings, the item
page and the public search show the approved items. Unit pages are reached through the portal host under
/<unit code>/..., since the live server only answers on localhost.

Needs `make browser-deps` (npm ci) and Debian's chromium (`apt-get install chromium`). Without them
the test is skipped, except with CI=true where it fails instead.
"""

import json
import os
import subprocess
import time

from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import Site

from content.models import NewsPage, NoticePage
from home.provisioning import apply_portal_template, portal_home
from moderation.workflow import PORTAL_GROUPS
from subsites.models import UnitKind
from tests.factories import PASSWORD, make_role_users, make_unit, make_user
from tests.test_browser_a11y import CHROMIUM, ROOT, BrowserTestCase
from tests.test_content_pages import column, set_identity

SCRIPT = ROOT / "tests" / "browser" / "editorial_flow.mjs"
TIMEOUT = 600


def submitted(parent, page, user):
    """`page` added under `parent` as `user`'s draft and submitted to its workflow."""
    parent.add_child(instance=page)
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return page


# The live server's threads share one in-memory SQLite connection: the editor's autosave (a request
# 0.5 s after each change) racing the submit click breaks the submit's transaction. Saving is by the
# editor's actions here; autosave itself is Wagtail's.
@override_settings(WAGTAIL_AUTOSAVE_INTERVAL=0)
class BrowserEditorialFlowTest(BrowserTestCase):
    what = "browser editorial flow"

    def test_editor_reviewer_leader_and_administrator_do_their_daily_work(self):
        apply_portal_template()
        # The portal answers on the live server's own address, as a site answers on its host in
        # production: the page cache keeps and purges pages per host of the site.
        portal = Site.objects.get(is_default_site=True)
        portal.hostname, portal.port = "localhost", int(self.live_server_url.rsplit(":", 1)[1])
        portal.save()
        set_identity(portal, "云溪县人民政府", "3399000001")
        unit = make_unit("jyj", name="云溪县教育局", kind=UnitKind.DEPARTMENT, seed=11)
        set_identity(unit.site, "云溪县教育局", "3399000002")
        editor, reviewer, leader = make_role_users(unit)
        administrator = make_user("admin", superuser=True)
        centre = make_user("centre", [Group.objects.get(name=PORTAL_GROUPS["reviewer"])])
        news = column(unit, "gzdt")
        returned = submitted(news, NewsPage(title="县教育局开展教师暑期培训", body="<p>正文</p>", live=False), editor)
        notice = submitted(
            column(portal_home(), "tzgg"),
            NoticePage(title="关于开展全县政府网站普查的通知", body="<p>正文</p>", live=False),
            centre,
        )
        flow = {
            "base": self.live_server_url,
            "column": news.title,
            "editor": editor.username,
            "reviewer": reviewer.username,
            "leader": leader.username,
            "administrator": administrator.username,
            "password": PASSWORD,
            "titles": ["县教育局部署秋季开学和校园安全工作", "全县校园食品安全专项检查启动"],
            "returned": returned.title,
            "portalNotice": notice.title,
            "steps": [f"{unit.short_name}审签", f"{unit.short_name}主要领导审核"],
            "columnPath": "/jyj/gzdt/",
            "listings": ["/jyj/gzdt/", "/bmdt/"],
            "searchQuery": "食品安全",
            "adminQuery": "校园",
        }
        started = time.monotonic()
        result = subprocess.run(
            ["node", str(SCRIPT), json.dumps(flow)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "CHROMIUM": CHROMIUM},
        )
        print(result.stdout)
        print(f"editorial flow in {time.monotonic() - started:.1f}s")
        self.assertEqual(result.returncode, 0, f"editorial flow failed:\n{result.stdout}\n{result.stderr}")
