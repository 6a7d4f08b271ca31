"""Load test of the public interaction form under gunicorn: submissions per second, and a check
that the number of stored cases equals the number of accepted submissions.

Usage (from /work/main):
    .venv/bin/python bench/interaction_load.py [--clients 8] [--per-client 25] [--workers 3]
        [--database-url postgres://user:pass@127.0.0.1:5432/db]

Without --database-url it creates a throw-away SQLite database (WAL, BEGIN IMMEDIATE) in a
temporary directory; with a PostgreSQL URL it migrates that database and counts only the cases this
run adds. It starts gunicorn with config/gunicorn.py and
INTERACTION_RATE_LIMIT raised (all clients share 127.0.0.1), and has each client load the
form, read its captcha answer from the database (the bench plays a citizen who can read the
picture) and submit it. Every response is read to the end and closed: a client that leaves
responses unread holds gunicorn connections open and measures its own stalls, which is
what made an earlier version of this script report 2 submissions/s.
"""

import argparse
import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
FORM = "/interaction/new/consultation/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def connect(database_url):
    """A DB-API connection to the bench database, for the captcha answers and the final count."""
    if database_url.startswith("sqlite:///"):
        path = database_url[len("sqlite:///") :].split("?")[0]
        return sqlite3.connect(path, timeout=30, isolation_level=None), "?"
    import psycopg

    return psycopg.connect(database_url.replace("postgres://", "postgresql://", 1), autocommit=True), "%s"


def count_cases(database_url):
    db, _mark = connect(database_url)
    try:
        return db.execute("SELECT COUNT(*) FROM interaction_case").fetchone()[0]
    finally:
        db.close()


def fetch(opener, url, data=None):
    """One request, read to the end and closed; returns (final URL, body)."""
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    with opener.open(request, timeout=60) as response:
        return response.geturl(), response.read().decode()


def client_run(base, database_url, count, client_id):
    """Submit `count` forms; return the number accepted (redirected to a receipt)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    db, mark = connect(database_url)
    accepted = 0
    try:
        for n in range(count):
            _url, page = fetch(opener, base + FORM)
            fields = dict(re.findall(r'name="(csrfmiddlewaretoken|submission_token|captcha_0)" value="([^"]+)"', page))
            answer = db.execute(
                f"SELECT response FROM captcha_captchastore WHERE hashkey={mark}", (fields["captcha_0"],)
            ).fetchone()[0]
            data = urllib.parse.urlencode(
                {
                    **fields,
                    "captcha_1": answer,
                    "title": f"压测留言 {client_id}-{n}",
                    "body": "压测内容",
                    "name": "压测",
                    "phone": "13800000000",
                }
            ).encode()
            final_url, _body = fetch(opener, base + FORM, data)
            accepted += "/interaction/receipt/" in final_url
    finally:
        db.close()
    return accepted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="interaction-bench-"))
    # BEGIN IMMEDIATE: concurrent writers wait for SQLite's lock (busy timeout) instead of failing
    # with "database is locked" when a read transaction tries to become a write one.
    database_url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}?transaction_mode=IMMEDIATE"
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite WAL"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PORTAL_VAR_DIR": str(tmp),
        "DATABASE_URL": database_url,
        "INTERACTION_RATE_LIMIT": "1000000",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    if engine == "SQLite WAL":
        connect(database_url)[0].execute("PRAGMA journal_mode=WAL").close()
    before = count_cases(database_url)
    port = free_port()
    server = subprocess.Popen(
        [
            ROOT / ".venv" / "bin" / "gunicorn",
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/interaction/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        start = time.monotonic()
        with ThreadPoolExecutor(args.clients) as pool:
            accepted = sum(pool.map(lambda i: client_run(base, database_url, args.per_client, i), range(args.clients)))
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait()
    stored = count_cases(database_url) - before
    attempted = args.clients * args.per_client
    print(
        f"attempted {attempted}, accepted {accepted}, stored {stored}, "
        f"{accepted / elapsed:.1f} submissions/s over {elapsed:.1f}s "
        f"({args.clients} clients, {args.workers} gunicorn workers, {engine})"
    )
    if stored != accepted:
        sys.exit("FAIL: stored cases differ from accepted submissions")


if __name__ == "__main__":
    main()
