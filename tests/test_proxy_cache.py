"""The reverse-proxy cache (Varnish) in front of an app node: anonymous pages are kept by the proxy,
an approval shows through it at once on every host, other units' pages stay cached, editors,
forms and search are never cached, and a coming mourning period bounds how long pages are kept."""

from datetime import timedelta
from urllib.parse import quote

from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from base.models import MourningPeriod
from content.models import NewsPage
from tests.factories import make_county_units, make_role_users
from tests.moderation_helpers import post_editor_action, workflow_action
from tests.proxy_cache import ProxyTestCase
from tests.test_content_pages import column

PORTAL = "gov.test"


class ProxyCacheTest(ProxyTestCase):
    def setUp(self):
        cache.clear()
        self.dept, self.town = make_county_units()
        Site.objects.update(port=self.proxy_port)  # the sites are served through the proxy's port
        Site.clear_site_root_paths_cache()
        self.editor, self.reviewer, _leader = make_role_users(self.dept)
        purge_settings = override_settings(
            WAGTAILFRONTENDCACHE={"proxy": {"BACKEND": "pagecache.proxy.VarnishBackend", "LOCATION": self.proxy}}
        )
        purge_settings.enable()
        self.addCleanup(purge_settings.disable)

    def proxy_state(self, host, path):
        response = self.through_proxy(host, path)
        self.assertEqual(response.status_code, 200, (host, path))
        return response.headers["X-Proxy-Cache"], response.text

    def test_an_approval_shows_through_the_proxy_at_once_on_every_host(self):
        shows = [(PORTAL, "/bmdt/"), ("jyj.gov.test", "/gzdt/"), (PORTAL, "/jyj/gzdt/")]
        elsewhere = [("xtz.gov.test", "/gzdt/"), (PORTAL, "/zjdt/"), (PORTAL, "/xtz/")]
        for host, path in shows + elsewhere:
            self.proxy_state(host, path)
            self.assertEqual(self.proxy_state(host, path)[0], "HIT", (host, path))

        news = NewsPage(title="县教育局秋季开学工作会议", slug="开学会议", body="<p>会议。</p>", live=False)
        column(self.dept, "gzdt").add_child(instance=news)
        news.save_revision(user=self.editor)
        editor, reviewer = Client(), Client()
        editor.force_login(self.editor)
        reviewer.force_login(self.reviewer)
        post_editor_action(editor, news, "submit")
        for host, path in shows:
            self.assertNotIn("县教育局秋季开学工作会议", self.proxy_state(host, path)[1])
        workflow_action(reviewer, news, "approve")
        self.assertTrue(Page.objects.get(pk=news.pk).live)

        for host, path in shows:
            state, html = self.proxy_state(host, path)
            self.assertEqual(state, "MISS", (host, path))
            self.assertIn("县教育局秋季开学工作会议", html, (host, path))
        for host, path in elsewhere:
            self.assertEqual(self.proxy_state(host, path)[0], "HIT", (host, path))
        item = quote("/gzdt/开学会议/")  # a Chinese slug: purged percent-encoded, as browsers ask
        self.proxy_state("jyj.gov.test", item)
        self.assertEqual(self.proxy_state("jyj.gov.test", item)[0], "HIT")
        news = NewsPage.objects.get(pk=news.pk)
        news.title = "县教育局秋季开学工作会议（更正）"
        news.save_revision().publish()
        self.assertIn("（更正）", self.proxy_state("jyj.gov.test", item)[1])

    def test_editors_search_and_forms_are_never_cached(self):
        client = Client()
        client.force_login(self.editor)
        session = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}
        for _round in range(2):
            response = self.through_proxy("jyj.gov.test", "/", headers=session)
            self.assertEqual(response.headers["X-Proxy-Cache"], "MISS")
            self.assertIn("wagtail-userbar", response.text)
            for path in ("/search/?q=教育", "/interaction/new/consultation/"):
                response = self.through_proxy(PORTAL, path)
                self.assertEqual(response.headers["X-Proxy-Cache"], "MISS", path)
        anonymous = self.through_proxy("jyj.gov.test", "/")
        self.assertNotIn("wagtail-userbar", anonymous.text)

    def test_pages_are_kept_no_longer_than_the_next_scheduled_change(self):
        MourningPeriod.objects.create(
            reason="全国哀悼日",
            starts_at=timezone.now() + timedelta(seconds=90),
            ends_at=timezone.now() + timedelta(days=1),
        )
        response = self.through_proxy(PORTAL, "/bmdt/")
        max_age = int(response.headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        self.assertTrue(0 < max_age <= 90, response.headers["Cache-Control"])
        self.assertIn("max-age=0", response.headers["Cache-Control"])
