"""Faults: the search engine unreachable, the mail server down, PostgreSQL restarted mid-run.

Nothing accepted is lost, people get clear answers, /health/ names the degraded component,
and the system catches up by itself once the component is back.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import TestCase, override_settings

from base.models import OutgoingMail
from content.models import ColumnPage, NewsPage
from interaction.models import Case
from search.models import IndexChange
from tests.factories import make_role_users, make_unit
from tests.moderation_helpers import post_editor_action, workflow_action
from tests.outages import closed_port, mail_server_down
from tests.test_interaction_support import submit

HEALTH_TOKEN = "fault-test-health-" + "t0k" * 10


@pytest.mark.serial  # search answers from the shared cluster: `make test` runs it alone
class SearchEngineDownTest(TestCase):
    def test_an_approved_item_is_published_and_health_says_search_is_degraded(self):
        unit = make_unit("jyj", name="云溪县教育局", seed=7)
        editor, reviewer, _leader = make_role_users(unit)
        column = ColumnPage.objects.child_of(unit.home_page).get(slug="gzdt")
        page = NewsPage(title="秋季学期开学通知", body="<p>九月一日开学。</p>", live=False)
        column.add_child(instance=page)
        page.save_revision(user=editor)

        with override_settings(
            SEARCH_ENGINE="opensearch", SEARCH_URL=f"http://127.0.0.1:{closed_port()}", SEARCH_TIMEOUT=1
        ):
            self.client.force_login(editor)
            post_editor_action(self.client, page, "submit")
            self.client.force_login(reviewer)
            with self.captureOnCommitCallbacks(execute=True):
                response = workflow_action(self.client, page, "approve")
            self.assertEqual(response.status_code, 200)
            page.refresh_from_db()
            self.assertTrue(page.live)
            self.client.logout()
            self.assertContains(self.client.get(page.url, HTTP_HOST=unit.host), "秋季学期开学通知")

            with override_settings(HEALTH_TOKEN=HEALTH_TOKEN):
                health = self.client.get("/health/", HTTP_AUTHORIZATION=f"Bearer {HEALTH_TOKEN}")
            self.assertEqual(health.status_code, 503)
            self.assertEqual(health.json()["degraded"], ["search"])
            pending = IndexChange.objects.filter(engine="opensearch", processed_at=None)
            self.assertTrue(pending.exists())  # kept for process_search_queue once the engine is back
            found = self.client.get("/api/search/", {"q": "秋季学期开学"}, HTTP_HOST=unit.host)
            self.assertEqual(found.status_code, 200)
            self.assertIn("秋季学期开学通知", [hit["title"] for hit in found.json()["results"]])

        self.assertEqual(self.client.get("/health/").status_code, 200)


class MailServerDownTest(TestCase):
    def test_submissions_are_kept_and_their_mail_is_sent_once_when_the_server_is_back(self):
        cache.clear()
        with mail_server_down():
            with self.captureOnCommitCallbacks(execute=True):
                case, password = submit(self.client)
            with self.captureOnCommitCallbacks(execute=True):
                second, _password = submit(self.client, kind="complaint")
            call_command("interaction_send_notifications", stdout=open(os.devnull, "w"))  # still down
        self.assertEqual(Case.objects.count(), 2)
        self.assertTrue(password)
        pending = OutgoingMail.objects.filter(sent_at=None)
        self.assertGreaterEqual(pending.count(), 2)
        self.assertTrue(all(n.attempts >= 1 and n.last_error for n in pending))
        self.assertEqual(len(mail.outbox), 0)

        expected = sorted(pending.values_list("recipient", "subject"))
        call_command("interaction_send_notifications", stdout=open(os.devnull, "w"))  # the server is back
        call_command("interaction_send_notifications", stdout=open(os.devnull, "w"))
        self.assertEqual(sorted((m.to[0], m.subject) for m in mail.outbox), expected)  # each exactly once
        self.assertFalse(OutgoingMail.objects.filter(sent_at=None).exists())
        self.assertEqual(
            {case.tracking_code, second.tracking_code}, set(Case.objects.values_list("tracking_code", flat=True))
        )


class Portal:
    """A citizen's browser against a gunicorn started with production settings (HTTPS via the proxy header)."""

    def __init__(self, base, host, captcha_answer):
        self.base, self.host, self.captcha_answer, self.cookies = base, host, captcha_answer, {}

    def request(self, path, data=None, headers=()):
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **dict(headers),
        }
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({key: morsel.value for key, morsel in SimpleCookie(header).items()})
        return response.status, response.read().decode()

    def submit(self, number):
        """Fill in and send a consultation; returns the HTTP status of the submission."""
        path = "/interaction/new/consultation/"
        status, html = self.request(path)
        if status != 200:
            return status
        field = lambda name: re.search(rf'name="{name}" value="([^"]*)"', html)[1]  # noqa: E731
        key = field("captcha_0")
        status, _html = self.request(
            path,
            {
                "csrfmiddlewaretoken": field("csrfmiddlewaretoken"),
                "submission_token": field("submission_token"),
                "captcha_0": key,
                "captcha_1": self.captcha_answer(key),
                "title": f"关于招生的咨询{number}",
                "body": "请问今年的招生时间？",
                "name": "王小明",
                "phone": "13812345678",
                "email": "citizen@example.com",
            },
        )
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Cluster:
    """The PostgreSQL cluster under test, which scripts/services/postgres.sh may stop and start (PG_DIR)."""

    def __init__(self, db):
        self.db = db
        self.script = Path(settings.PROJECT_DIR) / "scripts" / "services" / "postgres.sh"
        self.env = {**os.environ, "PGPORT": str(db["PORT"])}

    def sql(self, dbname, statement, *params):
        import psycopg

        with psycopg.connect(
            host=self.db["HOST"],
            port=self.db["PORT"],
            user=self.db["USER"],
            password=self.db["PASSWORD"],
            dbname=dbname,
            autocommit=True,
        ) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else None

    def run(self, command):
        subprocess.run([str(self.script), command], env=self.env, check=True, capture_output=True, timeout=120)


def start_production_server(cluster, dbname):
    """gunicorn with production settings on a copy of the test database; returns (process, base URL, var dir)."""
    db, port, var = cluster.db, closed_port(), tempfile.mkdtemp(prefix="ops-fault-")
    env = {
        **cluster.env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{dbname}",
        "DJANGO_SECRET_KEY": "fault-test-" + "x9" * 30,
        "PORTAL_DOMAIN": settings.PORTAL_DOMAIN,
        "PORTAL_VAR_DIR": var,
        "STATIC_ROOT": f"{var}/static",
        "CACHE_URL": "locmem://",
        "HEALTH_TOKEN": HEALTH_TOKEN,
        "INTERACTION_RATE_LIMIT": "1000",
        "EMAIL_PORT": str(closed_port()),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=settings.PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=settings.PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(f"{var}/gunicorn.log", "w"),
    )
    return server, f"http://127.0.0.1:{port}", var


@pytest.mark.serial  # it stops the PostgreSQL cluster every worker uses: `make test` runs it alone
@pytest.mark.django_db  # the migrated test database, cloned before anything is written to it
def test_postgres_restart_loses_no_accepted_submission_and_the_site_recovers():
    db = connections["default"].settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("PostgreSQL restart: runs when DATABASE_URL is PostgreSQL")
    if not os.environ.get("PG_DIR"):
        reason = "PostgreSQL restart: PG_DIR (the cluster scripts/services/postgres.sh manages) is not set"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    cluster, clone = Cluster(db), f"ops_fault_{os.getpid()}"
    connections.close_all()  # the template database of the copy must have no sessions
    cluster.sql("postgres", f'CREATE DATABASE "{clone}" TEMPLATE "{db["NAME"]}"')
    server = None
    try:
        server, base, var = start_production_server(cluster, clone)
        portal = Portal(
            base,
            settings.PORTAL_DOMAIN,
            lambda key: cluster.sql(clone, "SELECT response FROM captcha_captchastore WHERE hashkey = %s", key)[0][0],
        )
        for _second in range(60):
            try:
                if portal.request("/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(1)
        log = Path(var, "gunicorn.log")
        assert [portal.submit(n) for n in range(5)] == [302] * 5, log.read_text()[-3000:]

        cluster.run("stop")
        try:
            status, body = portal.request("/health/", headers={"Authorization": f"Bearer {HEALTH_TOKEN}"})
            assert status == 503 and "database" in json.loads(body)["degraded"]
            status, body = portal.request("/health/")  # the citizen's session cookie cannot be read now
            assert (status, json.loads(body)) == (503, {"status": "degraded"})
            status, body = portal.request("/interaction/new/consultation/")
            assert status == 500 and "本次提交未成功" in body  # a clear page, in Chinese
        finally:
            cluster.run("start")

        # The very first request after the restart already works: connections are checked before use.
        assert [portal.submit(n) for n in range(5, 10)] == [302] * 5, log.read_text()[-3000:]
        assert portal.request("/health/")[0] == 200
        titles = [row[0] for row in cluster.sql(clone, "SELECT title FROM interaction_case ORDER BY id")]
        assert titles == [f"关于招生的咨询{n}" for n in range(10)]
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
            shutil.rmtree(var, ignore_errors=True)
        cluster.sql("postgres", f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')
