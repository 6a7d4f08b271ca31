"""The editorial flow end to end in a real browser (Chromium): write → 审签 → leader → public → search.

The Django app is served on a free loopback port with the page cache on; `tests/browser/editorial_flow.mjs`
(node, playwright-core from package.json) signs in as the unit's editor, reviewer and main leader in turn
(the demo accounts pattern `<code>-editor`, `<code>-reviewer`, `<code>-leader`), and checks as an
anonymous visitor that cached listings, the item page and the public search show the approved item.
Unit pages are reached through the portal host under /<unit code>/..., since the live server only
answers on localhost.

Needs `make browser-deps` (npm ci) and Debian's chromium (`apt-get install chromium`). Without them
the test is skipped, except with CI=true where it fails instead.
"""
import json
import os
import subprocess
import time

from wagtail.models import Site

from subsites.models import UnitKind
from subsites.provisioning import apply_portal_template
from tests.factories import PASSWORD, make_role_users, make_unit
from tests.test_browser_a11y import CHROMIUM, ROOT, BrowserTestCase
from tests.test_content_pages import column, set_identity

SCRIPT = ROOT / "tests" / "browser" / "editorial_flow.mjs"
TIMEOUT = 600


class BrowserEditorialFlowTest(BrowserTestCase):
    what = "browser editorial flow"

    def test_sensitive_item_goes_from_editor_through_reviewer_and_leader_to_the_public_and_search(self):
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
        flow = {
            "base": self.live_server_url, "columnId": column(unit, "gzdt").pk,
            "editor": editor.username, "reviewer": reviewer.username, "leader": leader.username,
            "password": PASSWORD, "title": "县教育局部署秋季开学和校园安全工作", "slug": "autumn-term",
            "itemPath": "/jyj/gzdt/autumn-term/", "listings": ["/jyj/gzdt/", "/bmdt/"],
            "searchQuery": "校园安全", "adminQuery": "校园",
        }
        started = time.monotonic()
        result = subprocess.run(
            ["node", str(SCRIPT), json.dumps(flow)], cwd=ROOT, capture_output=True, text=True,
            timeout=TIMEOUT, env={**os.environ, "CHROMIUM": CHROMIUM},
        )
        print(result.stdout)
        print(f"editorial flow in {time.monotonic() - started:.1f}s")
        self.assertEqual(result.returncode, 0, f"editorial flow failed:\n{result.stdout}\n{result.stderr}")
