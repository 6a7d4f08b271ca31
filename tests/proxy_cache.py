"""Varnish from scripts/services/varnish.sh in front of the test's live server, for the proxy tests.

Skipped with the reason when varnishd is missing, failing instead when CI=true (.ci/run installs it).
"""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import requests
from django.test import LiveServerTestCase

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "services" / "varnish.sh"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ProxyTestCase(LiveServerTestCase):
    """A live server (app node) with a Varnish in front of it at `cls.proxy` (port `cls.proxy_port`)."""

    port = int(os.environ.get("PROXY_TEST_APP_PORT") or 0)
    serialized_rollback = True  # keep what the migrations created (portal home, workflow)

    @classmethod
    def setUpClass(cls):
        if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
            if os.environ.get("CI") == "true":
                raise AssertionError("varnishd is missing; .ci/run installs it")
            raise cls.skipException("varnishd is not installed (apt-get install varnish); CI runs this test")
        super().setUpClass()
        cls.proxy_port = int(os.environ.get("PROXY_TEST_PORT") or free_port())
        cls.proxy = f"http://127.0.0.1:{cls.proxy_port}"
        cls.varnish_env = {
            **os.environ,
            "VARNISH_PORT": str(cls.proxy_port),
            "VARNISH_DIR": tempfile.mkdtemp(prefix="portal-test-varnish-"),
            "VARNISH_BACKENDS": f"127.0.0.1:{cls.server_thread.port}",
        }
        started = subprocess.run([SCRIPT, "start"], env=cls.varnish_env, capture_output=True, text=True)
        if started.returncode:
            super().tearDownClass()
            raise AssertionError(f"varnish.sh start failed: {started.stderr}")

    @classmethod
    def tearDownClass(cls):
        subprocess.run([SCRIPT, "stop"], env=cls.varnish_env, check=False, capture_output=True)
        shutil.rmtree(cls.varnish_env["VARNISH_DIR"], ignore_errors=True)
        super().tearDownClass()

    def through_proxy(self, host, path, method="GET", **kwargs):
        return requests.request(
            method,
            self.proxy + path,
            headers={"Host": f"{host}:{self.proxy_port}", **kwargs.pop("headers", {})},
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
