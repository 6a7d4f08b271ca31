"""/health/ says which component is degraded: database, cache, search engine, task queue."""
import datetime

from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.test_operations_tasks import DATABASE_QUEUE, always_fails


class HealthTest(TestCase):
    def test_all_components_ok(self):
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["degraded"]), ("ok", []))
        self.assertEqual(set(body["components"]), {"database", "cache", "search", "tasks"})
        self.assertEqual(body["components"]["search"]["engine"], "database")
        self.assertIn("no-cache", response["Cache-Control"])

    @override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
    def test_a_cache_that_keeps_nothing_is_degraded(self):
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["degraded"], ["cache"])

    @override_settings(TASKS=DATABASE_QUEUE, HEALTH_MAX_TASK_WAIT_SECONDS=600)
    def test_a_queue_nobody_works_off_is_degraded(self):
        result = always_fails.enqueue()
        body = self.client.get("/health/").json()
        self.assertEqual(body["components"]["tasks"]["pending"], 1)
        self.assertEqual(body["status"], "ok")

        DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=11))
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertEqual(body["degraded"], ["tasks"])
        self.assertGreaterEqual(body["components"]["tasks"]["oldest_pending_seconds"], 660)

    @override_settings(TASKS=DATABASE_QUEUE)
    def test_failed_tasks_are_counted(self):
        result = always_fails.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(status="FAILED")
        self.assertEqual(self.client.get("/health/").json()["components"]["tasks"]["failed"], 1)
