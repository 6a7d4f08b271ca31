"""Time-driven changes on time: the scheduled job publishes due pages and takes expired ones offline
(frozen clock); an expired page answers 404 at once and leaves search — a policy document stays at its
address as a record marked 已过期 (47号 五(一)4), out of its column and search."""

from datetime import datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page, PageLogEntry

from content.models import ColumnPage, NewsPage, PolicyPage
from content.vocabularies import PolicyKind
from home.provisioning import apply_portal_template
from tests.factories import make_unit, make_user

T0 = timezone.make_aware(datetime(2026, 12, 1, 9, 0))


@override_settings(PAGE_CACHE_SECONDS=0)
class ScheduledJobTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        apply_portal_template()
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.admin = make_user("portal-admin", superuser=True)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")

    def publish(self, title, slug, **times):
        page = NewsPage(title=title, slug=slug, body=f"<p>{title}。</p>", live=False, **times)
        self.column.add_child(instance=page)
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.admin).publish(user=self.admin)
        return page

    def run_job(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("publish_due_pages", stdout=StringIO())

    def search(self, words):
        return self.client.get("/search/", {"q": words}, HTTP_HOST="jyj.gov.test").content.decode()

    def live(self, page):
        return Page.objects.get(pk=page.pk).live

    def test_go_live_and_expiry_happen_when_the_job_runs_and_search_follows(self):
        with freeze_time(T0):
            scheduled = self.publish("秋季招生报名开始", "enrol", go_live_at=T0 + timedelta(hours=1))
            expiring = self.publish("暑期防溺水安全提示", "summer", expire_at=T0 + timedelta(hours=2))
        self.assertFalse(self.live(scheduled))
        self.assertIn("暑期防溺水安全提示", self.search("防溺水"))

        with freeze_time(T0 + timedelta(minutes=30)):
            self.run_job()
            self.assertFalse(self.live(scheduled))
            self.assertNotIn("秋季招生报名开始", self.search("招生报名"))

        with freeze_time(T0 + timedelta(minutes=61)):
            self.run_job()
            self.assertTrue(self.live(scheduled))
            self.assertIn("秋季招生报名开始", self.search("招生报名"))
            self.assertTrue(PageLogEntry.objects.filter(page=scheduled, action="wagtail.publish.scheduled").exists())

        with freeze_time(T0 + timedelta(minutes=121)):
            # Expired: gone at once, before the job has run.
            self.assertEqual(self.client.get("/gzdt/summer/", HTTP_HOST="jyj.gov.test").status_code, 404)
            self.run_job()
            self.assertFalse(self.live(expiring))
            self.assertTrue(Page.objects.get(pk=expiring.pk).expired)
            self.assertNotIn("暑期防溺水安全提示", self.search("防溺水"))
            self.assertTrue(PageLogEntry.objects.filter(page=expiring, action="wagtail.unpublish.scheduled").exists())

    def test_the_task_runs_the_same_job(self):
        from moderation.tasks import publish_due_pages

        with freeze_time(T0):
            scheduled = self.publish("寒假放假通知", "winter", go_live_at=T0 + timedelta(minutes=5))
        with freeze_time(T0 + timedelta(minutes=6)):
            result = publish_due_pages.enqueue()
        self.assertEqual(result.return_value, {"published": 1, "unpublished": 0, "blocked": 0})
        self.assertTrue(self.live(scheduled))

    def test_an_expired_policy_stays_as_a_marked_record_out_of_listings_and_search(self):
        column = ColumnPage.objects.child_of(self.unit.home_page).get(slug="zcwj")
        page = PolicyPage(
            title="2026年暑期托管服务实施方案",
            slug="tuoguan",
            policy_kind=PolicyKind.OTHER,
            issuing_authority="云溪县教育局",
            written_date=T0.date(),
            body="<p>暑期托管服务安排。</p>",
            expire_at=T0 + timedelta(hours=2),
            live=False,
        )
        column.add_child(instance=page)
        with freeze_time(T0), self.captureOnCommitCallbacks(execute=True):
            page.save_revision(user=self.admin).publish(user=self.admin)
        with freeze_time(T0 + timedelta(hours=1)):
            self.assertNotIn("已于", self.client.get("/zcwj/tuoguan/", HTTP_HOST="jyj.gov.test").content.decode())
            self.assertIn("暑期托管服务实施方案", self.search("暑期托管"))

        for job_ran in (False, True):
            with freeze_time(T0 + timedelta(hours=3)):
                if job_ran:
                    self.run_job()
                    self.assertFalse(self.live(page))
                response = self.client.get("/zcwj/tuoguan/", HTTP_HOST="jyj.gov.test")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "本文件已于2026-12-01 11:00过期失效")
                self.assertContains(response, "<td>已失效</td>")  # 有效性 in the metadata table agrees
                self.assertContains(response, "暑期托管服务安排。")
                listing = self.client.get("/zcwj/", HTTP_HOST="jyj.gov.test").content.decode()
                self.assertNotIn("暑期托管服务实施方案", listing)
                if job_ran:
                    self.assertNotIn("暑期托管服务实施方案", self.search("暑期托管"))

        # A policy taken offline before it expired is withdrawn, not a record.
        Page.objects.filter(pk=page.pk).update(live=True, expired=False)
        Page.objects.get(pk=page.pk).specific.unpublish()
        with freeze_time(T0 + timedelta(hours=3)):
            self.assertEqual(self.client.get("/zcwj/tuoguan/", HTTP_HOST="jyj.gov.test").status_code, 404)
