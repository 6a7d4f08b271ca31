"""Periodic jobs run as tasks any number of workers may take: two workers taking this minute's
`publish_due_pages` at once publish the due page once (the JobRun row per job and minute is the
claim); the next minute's run is done again, and a run that failed is released for its retry."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import PageLogEntry

from base.jobs import once_per
from base.models import JobRun
from content.models import ColumnPage, NewsPage
from home.provisioning import apply_portal_template
from moderation.tasks import publish_due_pages
from tests.factories import make_unit, make_user

T0 = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)


@override_settings(PAGE_CACHE_SECONDS=0)
@pytest.mark.serial  # two worker threads racing: timing-sensitive: `make test` runs it alone
class PeriodicJobTest(TransactionTestCase):
    serialized_rollback = True  # keep what the migrations created (portal home, workflow)

    def test_two_workers_taking_the_same_minute_publish_once(self):
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            # A shared-cache memory database refuses a second writer at once ("table is locked") where a
            # database file or PostgreSQL queues it: `make test` gives its serial phase a file.
            self.skipTest("two writers race: runs on a SQLite file (TEST_SQLITE_FILE) or PostgreSQL")
        apply_portal_template()
        column = ColumnPage.objects.child_of(make_unit("jyj", name="云溪县教育局").home_page).get(slug="gzdt")
        admin = make_user("portal-admin", superuser=True)
        page = NewsPage(
            title="寒假放假通知", slug="winter", body="<p>通知。</p>", live=False, go_live_at=T0 + timedelta(minutes=5)
        )
        column.add_child(instance=page)
        page.save_revision(user=admin).publish(user=admin)

        results, start = [], threading.Barrier(2)

        def worker():
            start.wait()
            try:
                results.append(publish_due_pages.call())
            finally:
                connection.close()

        with freeze_time(T0 + timedelta(minutes=6, seconds=10)):
            workers = [threading.Thread(target=worker) for _ in range(2)]
            for thread in workers:
                thread.start()
            for thread in workers:
                thread.join()
        self.assertEqual(sorted(results, key=str), [None, {"published": 1, "unpublished": 0, "blocked": 0}])
        self.assertEqual(PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count(), 1)
        with freeze_time(T0 + timedelta(minutes=6, seconds=50)):
            self.assertIsNone(publish_due_pages.call())  # this minute is done
        with freeze_time(T0 + timedelta(minutes=7)):
            self.assertEqual(publish_due_pages.call(), {"published": 0, "unpublished": 0, "blocked": 0})

    def test_a_failed_run_is_released_for_its_retry(self):
        def fails():
            raise RuntimeError("mail server down")

        with freeze_time(T0):
            with self.assertRaises(RuntimeError):
                once_per("nightly_checks", "day", fails)
            self.assertFalse(JobRun.objects.exists())
            self.assertEqual(once_per("nightly_checks", "day", lambda: "done"), "done")
            self.assertIsNone(once_per("nightly_checks", "day", lambda: "again"))
        self.assertIsNotNone(JobRun.objects.get(job="nightly_checks").finished_at)
