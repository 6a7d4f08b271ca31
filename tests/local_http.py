"""A throwaway HTTP server on a free loopback port for tests that fetch real URLs (links, probes)."""

import threading
from http.server import ThreadingHTTPServer

from django.test import TestCase


class LocalHTTPServerTestCase(TestCase):
    """Serves `handler` (a BaseHTTPRequestHandler class) at `cls.base` for the whole test class."""

    handler = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), cls.handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()
