"""CPU time per request of one address, served by the project's WSGI application inside this process.

    DJANGO_SETTINGS_MODULE=… python bench/render_cpu.py HOST PATH [--unique] [--words W,W,…] [--requests N]

The request goes through the same middleware, views, templates, database and cache as under gunicorn,
without a network or a test client (Django's test client records every template's context, which
costs more than the render). `--unique` adds a new query string to each request (a page-cache miss:
render and store); `--words` searches PATH with `q=` set to each word in turn. Prints the median of
five rounds of N requests, in milliseconds of this process's CPU time; bench/load.sh compares it with
what gunicorn achieves.
"""

import argparse
import io
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from django.core.wsgi import get_wsgi_application  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("path")
    parser.add_argument("--unique", action="store_true")
    parser.add_argument("--words", default="")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    application = get_wsgi_application()
    server_name, _, port = args.host.partition(":")
    words = [word for word in args.words.split(",") if word]

    def get(n):
        query = urlencode({"q": words[n % len(words)]}) if words else ""
        if args.unique:
            query = urlencode({"cpu": uuid.uuid4().hex})
        statuses = []
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": args.path,
            "QUERY_STRING": query,
            "SERVER_NAME": server_name,
            "SERVER_PORT": port or "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": args.host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
        }
        response = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(response)
        response.close()
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{args.path}?{query}: {statuses[0]}")

    for n in range(5):
        get(n)
    rounds = []
    for _ in range(5):
        started = time.process_time()
        for n in range(args.requests):
            get(n)
        rounds.append((time.process_time() - started) / args.requests * 1000)
    print(f"{statistics.median(rounds):.2f}")


if __name__ == "__main__":
    main()
