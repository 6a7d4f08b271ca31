"""Availability probes against a local http.server, and the weekly failure ratio veto (5 %); a site
at an internal address is not probed unless allowed."""

import time
from http.server import BaseHTTPRequestHandler
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from supervision.models import DailyCheck, ProbeResult
from tests.local_http import LocalHTTPServerTestCase

QUIET = {"stdout": open("/dev/null", "w")}
FAST = {
    **settings.SUPERVISION_RULES,
    "national": {**settings.SUPERVISION_RULES["national"], "probe_timeout_seconds": 1},
}


class Handler(BaseHTTPRequestHandler):
    mode = "ok"
    requests = 0

    def do_GET(self):
        Handler.requests += 1
        if Handler.mode == "slow":
            time.sleep(1.5)
        self.send_response(500 if Handler.mode == "error" else 200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@override_settings(SUPERVISION_RULES=FAST, SUPERVISION_ALLOWED_PRIVATE_HOSTS=["127.0.0.1"])
class ProbeTest(LocalHTTPServerTestCase):
    handler = Handler

    def probe(self, mode):
        Handler.mode = mode
        call_command("probe_availability", "--base-url", self.base, **QUIET)
        return ProbeResult.objects.latest("pk")

    def availability(self):
        call_command("run_supervision_checks", "--skip-links", **QUIET)
        check = DailyCheck.objects.get(unit=None)
        return next(f for f in check.findings if f["rule"] == "availability")

    def test_slow_and_failing_pages_are_failures_and_5_percent_is_a_veto(self):
        self.assertTrue(self.probe("ok").ok)
        slow = self.probe("slow")
        self.assertFalse(slow.ok)
        self.assertEqual(self.probe("error").status_code, 500)
        ProbeResult.objects.filter(ok=False).delete()
        for _ in range(18):
            self.probe("ok")
        self.assertEqual(self.availability()["level"], "ok")
        self.probe("error")  # 1 failure in 20 probes = 5 %
        finding = self.availability()
        self.assertEqual(finding["level"], "veto")
        self.assertEqual(finding["measured"], "20次中1次失败（5.0%）")

    @override_settings(SUPERVISION_ALLOWED_PRIVATE_HOSTS=[])
    def test_internal_address_is_not_probed_unless_allowed(self):
        Handler.mode, Handler.requests = "ok", 0
        output = StringIO()
        call_command("probe_availability", "--base-url", self.base, stdout=output)
        self.assertEqual(Handler.requests, 0)
        self.assertFalse(ProbeResult.objects.exists())
        self.assertIn(f"{self.base}/\t未检查（内部地址）", output.getvalue())
        self.assertIn("已探测0个网站", output.getvalue())
