"""The database task queue: bounded retries with backoff, the administrator's report, queue health."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from tests.factories import make_role_users, make_unit, make_user

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def always_fails():
    raise ConnectionError("downstream service unreachable")


@task(takes_context=True)
def fails_once(context):
    if context.attempt < 2:
        raise ConnectionError("first attempt fails")
    return "done"


def run_worker():
    """The real worker, once over the due tasks. Inside the test's transaction it must not recycle
    the connection between tasks (as Django's test client does not between requests)."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@override_settings(TASKS=DATABASE_QUEUE, TASKS_MAX_ATTEMPTS=3, TASKS_RETRY_BASE_SECONDS=60)
class RetryTest(TestCase):
    def test_a_failing_task_is_retried_with_growing_delays_then_left_failed(self):
        start = timezone.now()
        with freeze_time(start):
            result = always_fails.enqueue()
            run_worker()
        row = DBTaskResult.objects.get(pk=result.id)
        self.assertEqual((row.status, len(row.worker_ids)), ("READY", 1))
        self.assertEqual(row.run_after, start + datetime.timedelta(seconds=60))
        self.assertEqual(row.exception_class_path, "builtins.ConnectionError")

        with freeze_time(start + datetime.timedelta(seconds=59)):
            run_worker()  # not due yet
        self.assertEqual(len(DBTaskResult.objects.get(pk=result.id).worker_ids), 1)

        second = start + datetime.timedelta(seconds=61)
        with freeze_time(second):
            run_worker()
        row = DBTaskResult.objects.get(pk=result.id)
        self.assertEqual((row.status, len(row.worker_ids)), ("READY", 2))
        self.assertEqual(row.run_after, second + datetime.timedelta(seconds=120))

        with freeze_time(second + datetime.timedelta(seconds=121)):
            run_worker()
            run_worker()
        row = DBTaskResult.objects.get(pk=result.id)
        self.assertEqual((row.status, len(row.worker_ids)), ("FAILED", 3))

    def test_a_task_that_recovers_succeeds_on_its_retry(self):
        start = timezone.now()
        with freeze_time(start):
            result = fails_once.enqueue()
            run_worker()
        with freeze_time(start + datetime.timedelta(minutes=2)):
            run_worker()
        row = DBTaskResult.objects.get(pk=result.id)
        self.assertEqual((row.status, row.return_value, len(row.worker_ids)), ("SUCCESSFUL", "done", 2), row.traceback)

    def test_the_administrator_sees_failed_and_waiting_tasks_and_unit_users_do_not(self):
        start = timezone.now()
        with freeze_time(start):
            always_fails.enqueue()
            run_worker()
            fails_once.using(run_after=start + datetime.timedelta(hours=1)).enqueue()
        self.client.force_login(make_user("admin", superuser=True))
        response = self.client.get(reverse("operations_tasks"))
        self.assertContains(response, "后台任务")
        self.assertContains(response, "always_fails")
        self.assertContains(response, "等待重试")
        self.assertContains(response, "ConnectionError")
        self.assertContains(response, "fails_once")
        self.assertContains(response, "等待执行")
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), reverse("operations_tasks"))  # menu

        editor, _reviewer, _leader = make_role_users(make_unit("jyj", seed=2))
        self.client.force_login(editor)
        self.assertNotEqual(self.client.get(reverse("operations_tasks")).status_code, 200)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), reverse("operations_tasks"))


class ImmediateBackendTest(TestCase):
    def test_development_and_tests_run_tasks_in_process(self):
        self.assertEqual(fails_once.get_backend().__class__.__name__, "ImmediateBackend")
        self.assertEqual(DBTaskResult.objects.count(), 0)
