"""Two stateless app nodes behind the proxy: two gunicorn nodes (production settings) on different
ports share PostgreSQL, Redis, the object store (moto) and a two-node OpenSearch cluster, with Varnish
in front. An approval on node 1 shows through the proxy at once on every host that shows the item; a
citizen's attachment uploaded on node 1 is served by node 2; killing node 1 during a burst of
submissions loses none that was accepted; stopping one search node leaves search answering.

Marked `scale_out` and deselected by default (pytest.ini): it needs PostgreSQL (DATABASE_URL), and the
cluster of scripts/services/opensearch.sh named by its environment (OPENSEARCH_NODES=2, OPENSEARCH_PORT,
OPENSEARCH_DIR…), whose node 1 it stops. .ci/run runs it as its own step (`pytest -m scale_out`) with
every service present; there a missing one fails the test instead of skipping it. Ports: the nodes,
Varnish, Redis and moto take SCALE_OUT_PORT … SCALE_OUT_PORT+4 when set, free ports otherwise.
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse
from wagtail.models import Page, Site

from content.models import NewsPage
from interaction.models import Case
from tests.factories import make_county_units, make_role_users
from tests.moderation_helpers import post_editor_action
from tests.proxy_cache import free_port
from tests.test_content_pages import column
from tests.test_interaction_support import captcha_answer

pytestmark = pytest.mark.scale_out

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "scripts" / "services"
PORTAL = "gov.test"
BUCKET = "portal-scale-out"
CSRF = "scaleoutcsrftoken0123456789abcde"  # a 32-character CSRF secret sent as cookie and header


def missing_services():
    missing = [] if connection.vendor == "postgresql" else ["PostgreSQL (DATABASE_URL)"]
    if int(os.environ.get("OPENSEARCH_NODES") or 1) < 2:
        missing.append("an OpenSearch cluster (OPENSEARCH_NODES=2 scripts/services/opensearch.sh start)")
    for name, program in (
        ("Redis", "/usr/bin/redis-server"),
        ("Varnish", "/usr/sbin/varnishd"),
        ("moto", str(ROOT / ".venv" / "bin" / "moto_server")),
    ):
        if not Path(program).exists():
            missing.append(name)
    return missing


def wait_until(answers, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if answers():
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not answer within {seconds} s")


def opensearch(*args):
    return subprocess.run([SERVICES / "opensearch.sh", *args], check=True, capture_output=True, text=True).stdout


class ScaleOutTest(TransactionTestCase):
    serialized_rollback = True  # keep what the migrations created (portal home, workflow)

    @classmethod
    def setUpClass(cls):
        missing = missing_services()
        if missing:
            if os.environ.get("CI") == "true":
                raise AssertionError(f"missing for the scale-out test: {', '.join(missing)}; .ci/run provides them")
            raise cls.skipException(f"needs {', '.join(missing)}; CI runs this test")
        super().setUpClass()
        try:
            cls.start_services()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def start_services(cls):
        base = int(os.environ.get("SCALE_OUT_PORT") or 0)
        cls.ports = [base + n if base else free_port() for n in range(5)]
        node_ports, proxy_port, redis_port, store_port = cls.ports[:2], cls.ports[2], cls.ports[3], cls.ports[4]
        cls.scratch = tempfile.mkdtemp(prefix="portal-scale-out-")
        os.chmod(cls.scratch, 0o755)  # varnishd reads its VCL as its own user
        cls.varnish_env = cls.store_env = None
        cls.processes = []
        redis = ["/usr/bin/redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""]
        cls.processes.append(subprocess.Popen(redis, stdout=subprocess.DEVNULL, start_new_session=True))
        cls.store_env = {
            **os.environ,
            "OBJECT_STORE_PORT": str(store_port),
            "OBJECT_STORE_BUCKET": BUCKET,
            "OBJECT_STORE_DIR": os.path.join(cls.scratch, "objectstore"),
        }
        subprocess.run([SERVICES / "objectstore.sh", "start"], env=cls.store_env, check=True, capture_output=True)
        cls.proxy = f"http://127.0.0.1:{proxy_port}"
        cls.proxy_port = proxy_port
        cls.search_urls = opensearch("urls").strip().split(",")
        cls.search_prefix = f"scaleout-{uuid.uuid4().hex[:8]}"
        db = connection.settings_dict
        cls.node_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.scale_out_settings",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the sessions made by the test are valid on the nodes
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "PROXY_CACHE_URLS": cls.proxy,
            "OBJECT_STORE_URL": f"http://127.0.0.1:{store_port}",
            "OBJECT_STORE_BUCKET": BUCKET,
            "OBJECT_STORE_ACCESS_KEY": "test",
            "OBJECT_STORE_SECRET_KEY": "test",
            "SEARCH_ENGINE": "opensearch",
            "SEARCH_URL": ",".join(reversed(cls.search_urls)),
            "SEARCH_INDEX_PREFIX": cls.search_prefix,
            "SEARCH_REPLICAS": "1",
            "SEARCH_SEMANTIC": "0",
            "PORTAL_DOMAIN": PORTAL,
            "SECURE_SSL_REDIRECT": "0",
            "LOG_DIR": "-",
            "INTERACTION_RATE_LIMIT": "1000",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "4",
            "GUNICORN_ACCESS_LOG": os.devnull,
        }
        cls.nodes = [cls.start_node(port) for port in node_ports]
        cls.node_processes = cls.processes[-2:]
        cls.varnish_env = {
            **os.environ,
            "VARNISH_PORT": str(proxy_port),
            "VARNISH_DIR": os.path.join(cls.scratch, "varnish"),
            "VARNISH_BACKENDS": ",".join(f"127.0.0.1:{port}" for port in node_ports),
        }
        subprocess.run([SERVICES / "varnish.sh", "start"], env=cls.varnish_env, check=True, capture_output=True)

    @classmethod
    def start_node(cls, port):
        node = subprocess.Popen(
            [ROOT / ".venv" / "bin" / "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env={**cls.node_env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(cls.scratch, f"node-{port}.log"), "w"),
            start_new_session=True,
        )
        cls.processes.append(node)
        wait_until(
            lambda: requests.get(f"http://127.0.0.1:{port}/health/", headers={"Host": PORTAL}, timeout=5),
            f"gunicorn on {port}",
        )
        return f"http://127.0.0.1:{port}"

    @classmethod
    def tearDownClass(cls):
        if cls.varnish_env:
            subprocess.run([SERVICES / "varnish.sh", "stop"], env=cls.varnish_env, check=False, capture_output=True)
        for process in cls.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(30)
        if cls.store_env:
            subprocess.run([SERVICES / "objectstore.sh", "stop"], env=cls.store_env, check=False, capture_output=True)
        if getattr(cls, "search_urls", None):
            requests.delete(f"{cls.search_urls[0]}/{cls.search_prefix}-*", timeout=30)
        shutil.rmtree(cls.scratch, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        self.dept, self.town = make_county_units()
        Site.objects.update(port=self.proxy_port)  # the sites are served through the proxy's port
        self.editor, self.reviewer, _leader = make_role_users(self.dept)
        subprocess.run(["redis-cli", "-p", str(self.ports[3]), "FLUSHALL"], check=False, capture_output=True)

    # --- requests as a browser sends them ---------------------------------------------------------

    def get(self, base, host, path, **kwargs):
        return requests.get(
            base + path,
            headers={"Host": f"{host}:{self.proxy_port}", **kwargs.pop("headers", {})},
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )

    def signed_in(self, user):
        client = Client()
        client.force_login(user)
        return {"Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}", "X-CSRFToken": CSRF}

    def submit(self, base, title, files=None):
        """A citizen's consultation on the unit's host: the form, its token and captcha, then the POST."""
        host = {"Host": f"{self.dept.host}:{self.proxy_port}"}
        path = reverse("interaction:submit", args=["consultation"])
        form = requests.get(base + path, headers=host, timeout=30)
        token = re.search(r'name="submission_token" value="([^"]+)"', form.text)[1]
        data = {
            "submission_token": token,
            "title": title,
            "body": "请问今年的招生时间？",
            "name": "王小明",
            "phone": "13812345678",
            "email": "citizen@example.com",
            **captcha_answer(),
            "csrfmiddlewaretoken": CSRF,
        }
        # the CSRF cookie is marked Secure (production settings): sent by hand over the test's plain HTTP
        return requests.post(
            base + path,
            data=data,
            files=files,
            allow_redirects=False,
            timeout=30,
            headers={**host, "Cookie": f"csrftoken={CSRF}"},
        )

    # --- the behaviour ----------------------------------------------------------------------------

    def test_an_approval_on_node_1_shows_through_the_proxy_at_once_on_every_host(self):
        shows = [(PORTAL, "/bmdt/"), (self.dept.host, "/gzdt/"), (PORTAL, "/jyj/gzdt/")]
        elsewhere = [(self.town.host, "/gzdt/"), (PORTAL, "/xtz/")]
        for host, path in shows + elsewhere:
            self.get(self.proxy, host, path)
            self.assertEqual(self.get(self.proxy, host, path).headers["X-Proxy-Cache"], "HIT", (host, path))

        news = NewsPage(title="县教育局秋季开学工作会议", slug="开学会议", body="<p>会议。</p>", live=False)
        column(self.dept, "gzdt").add_child(instance=news)
        news.save_revision(user=self.editor)
        editor = Client()
        editor.force_login(self.editor)
        post_editor_action(editor, news, "submit")
        news.refresh_from_db()
        action = reverse(
            "wagtailadmin_pages:workflow_action", args=[news.pk, "approve", news.current_workflow_task_state.pk]
        )
        approved = requests.post(
            self.nodes[0] + action,
            data={"comment": ""},
            allow_redirects=False,
            timeout=60,
            headers={"Host": f"{PORTAL}:{self.proxy_port}", **self.signed_in(self.reviewer)},
        )
        self.assertIn(approved.status_code, (200, 302), approved.text[:500])
        self.assertTrue(Page.objects.get(pk=news.pk).live)

        for host, path in shows:
            response = self.get(self.proxy, host, path)
            self.assertEqual(response.headers["X-Proxy-Cache"], "MISS", (host, path))
            self.assertIn("县教育局秋季开学工作会议", response.text, (host, path))
        for host, path in elsewhere:
            self.assertEqual(self.get(self.proxy, host, path).headers["X-Proxy-Cache"], "HIT", (host, path))
        item = self.get(self.proxy, self.dept.host, quote("/gzdt/开学会议/"))
        self.assertEqual(item.status_code, 200)

        # search: both OpenSearch nodes hold a copy of every shard; node 1 stops and search still answers
        opensearch_nodes = self.search_urls
        self.reindex()
        health = requests.get(
            f"{opensearch_nodes[0]}/_cluster/health/{self.search_prefix}-*",
            params={"wait_for_status": "green", "timeout": "60s"},
            timeout=90,
        ).json()
        self.assertEqual(health["status"], "green", health)
        self.assertSearchFinds("开学会议")
        opensearch("stop-node", "1")
        self.assertSearchFinds("开学会议")
        self.assertSearchFinds("秋季开学")

    def reindex(self):
        from django.core.management import call_command
        from django.test import override_settings

        with override_settings(
            SEARCH_ENGINE="opensearch",
            SEARCH_URL=",".join(self.search_urls),
            SEARCH_INDEX_PREFIX=self.search_prefix,
            SEARCH_REPLICAS=1,
            SEARCH_TIMEOUT=60,
        ):
            call_command("rebuild_search_index", stdout=open(os.devnull, "w"))

    def assertSearchFinds(self, words):
        response = self.get(self.proxy, PORTAL, "/api/search/", params={"q": words})
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertNotEqual(response.headers.get("X-Proxy-Cache"), "HIT")
        answer = response.json()
        self.assertEqual((answer["engine"], answer["fallback"]), ("opensearch", False), words)
        self.assertIn("县教育局秋季开学工作会议", str(answer["results"]), words)

    def test_an_attachment_uploaded_on_node_1_is_served_by_node_2(self):
        pdf = b"%PDF-1.7 scale-out attachment"
        receipt = self.submit(self.nodes[0], "两个节点的附件", files={"attachment": ("a.pdf", pdf, "application/pdf")})
        self.assertEqual(receipt.status_code, 302, receipt.text[:500])
        case = Case.objects.get(title="两个节点的附件")
        address = reverse("interaction_case:attachment", args=[case.pk])
        served = requests.get(
            self.nodes[1] + address,
            timeout=30,
            headers={"Host": f"{PORTAL}:{self.proxy_port}", **self.signed_in(self.editor)},
        )
        self.assertEqual(served.status_code, 200)
        self.assertEqual(served.content, pdf)
        self.assertFalse(Path(settings.INTERACTION_PRIVATE_ROOT, case.attachment.name).exists())

    def test_killing_node_1_during_submissions_loses_no_accepted_one(self):
        titles = [f"节点故障中的咨询{n:02d}" for n in range(24)]

        def send(title):
            if title == titles[8]:
                os.killpg(self.node_processes[0].pid, signal.SIGKILL)  # node 1 dies with requests in flight
            try:
                return title, self.submit(self.proxy, title).status_code
            except requests.RequestException:
                return title, None
            finally:
                connection.close()  # this thread's connection (the captcha), before the test database goes

        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(send, titles))
        accepted = [title for title, status in answers if status == 302]
        stored = set(Case.objects.values_list("title", flat=True))
        # A POST Varnish sent to the dead node is answered 503 (never retried: it may have been done);
        # the citizen sends the form again, and its submission token makes a repeat harmless.
        self.assertEqual({status for _title, status in answers} - {302, 503}, set(), answers)
        self.assertEqual([title for title in accepted if title not in stored], [], answers)
        self.assertTrue(any(status == 302 for _title, status in answers[12:]), answers)  # node 2 carries on
