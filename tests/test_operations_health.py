"""/health/ answers everyone with its status only, and says which component is degraded (database,
cache, search engine, task queue) to staff users and to monitoring that sends the HEALTH_TOKEN."""

import datetime

from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import make_role_users, make_unit, make_user
from tests.test_operations_tasks import DATABASE_QUEUE, always_fails

TOKEN = "health-" + "t0ken" * 8
MONITORING = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@override_settings(HEALTH_TOKEN=TOKEN)
class HealthTest(TestCase):
    def details(self):
        response = self.client.get("/health/", **MONITORING)
        return response.status_code, response.json()

    def test_all_components_ok(self):
        status, body = self.details()
        self.assertEqual(status, 200, body)
        self.assertEqual((body["status"], body["degraded"]), ("ok", []))
        self.assertEqual(set(body["components"]), {"database", "cache", "search", "tasks"})
        self.assertEqual(body["components"]["search"]["engine"], "database")
        self.assertIn("no-cache", self.client.get("/health/")["Cache-Control"])

    def test_the_public_answer_is_the_status_alone(self):
        response = self.client.get("/health/")
        self.assertEqual((response.status_code, response.json()), (200, {"status": "ok"}))
        with override_settings(CACHES=NO_CACHE):
            response = self.client.get("/health/")
            self.assertEqual((response.status_code, response.json()), (503, {"status": "degraded"}))
            for header in (f"Bearer {TOKEN[:-1]}x", f"Bearer {TOKEN}x", TOKEN, f"Basic {TOKEN}"):
                response = self.client.get("/health/", HTTP_AUTHORIZATION=header)
                self.assertEqual(response.json(), {"status": "degraded"}, header)

    @override_settings(HEALTH_TOKEN="")
    def test_without_a_configured_token_no_header_shows_details(self):
        for header in ("Bearer ", "Bearer", f"Bearer {TOKEN}"):
            self.assertEqual(self.client.get("/health/", HTTP_AUTHORIZATION=header).json(), {"status": "ok"})

    def test_staff_users_see_the_details_and_unit_editors_do_not(self):
        editor, _reviewer, _leader = make_role_users(make_unit("jyj", name="云溪县教育局", seed=7))
        self.client.force_login(editor)
        self.assertEqual(self.client.get("/health/").json(), {"status": "ok"})
        self.client.force_login(make_user("centre", superuser=True))
        self.assertEqual(
            set(self.client.get("/health/").json()["components"]), {"database", "cache", "search", "tasks"}
        )

    @override_settings(CACHES=NO_CACHE)
    def test_a_cache_that_keeps_nothing_is_degraded(self):
        status, body = self.details()
        self.assertEqual(status, 503)
        self.assertEqual(body["degraded"], ["cache"])

    @override_settings(TASKS=DATABASE_QUEUE, HEALTH_MAX_TASK_WAIT_SECONDS=600)
    def test_a_queue_nobody_works_off_is_degraded(self):
        result = always_fails.enqueue()
        status, body = self.details()
        self.assertEqual(body["components"]["tasks"]["pending"], 1)
        self.assertEqual((status, body["status"]), (200, "ok"))

        DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=11))
        status, body = self.details()
        self.assertEqual(status, 503)
        self.assertEqual(body["degraded"], ["tasks"])
        self.assertGreaterEqual(body["components"]["tasks"]["oldest_pending_seconds"], 660)

    @override_settings(TASKS=DATABASE_QUEUE)
    def test_failed_tasks_are_counted(self):
        result = always_fails.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(status="FAILED")
        self.assertEqual(self.details()[1]["components"]["tasks"]["failed"], 1)
