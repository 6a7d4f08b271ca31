"""Load test of the public interaction form under gunicorn: submissions per second, and a check
that the number of stored cases equals the number of accepted submissions.

Usage (from /work/main):
    .venv/bin/python bench/interaction_load.py [--clients 8] [--per-client 25] [--workers 4]

It creates a throw-away SQLite database under a temporary directory, migrates it,
starts gunicorn on a free port with INTERACTION_RATE_LIMIT raised (all clients share
127.0.0.1), and has each client load the form, read its captcha answer from the
database (the bench plays a citizen who can read the picture) and submit it.
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def client_run(base, db_path, count, client_id):
    """Submit `count` forms; return the number accepted (redirected to a receipt)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    db = sqlite3.connect(db_path, timeout=30, isolation_level=None)
    accepted = 0
    for n in range(count):
        page = opener.open(f"{base}/interaction/new/consultation/").read().decode()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|submission_token|captcha_0)" value="([^"]+)"', page))
        answer = db.execute("SELECT response FROM captcha_captchastore WHERE hashkey=?",
                            (fields["captcha_0"],)).fetchall()[0][0]
        data = urllib.parse.urlencode({
            **fields, "captcha_1": answer, "title": f"压测留言 {client_id}-{n}", "body": "压测内容",
            "name": "压测", "phone": "13800000000",
        }).encode()
        request = urllib.request.Request(f"{base}/interaction/new/consultation/", data=data,
                                         headers={"Referer": base + "/"})
        response = opener.open(request)
        accepted += "/interaction/receipt/" in response.geturl()
    db.close()
    return accepted


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="interaction-bench-"))
    db_path = tmp / "bench.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PORTAL_VAR_DIR": str(tmp),
           "DATABASE_URL": f"sqlite:///{db_path}", "INTERACTION_RATE_LIMIT": "1000000"}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    sqlite3.connect(db_path).execute("PRAGMA journal_mode=WAL").close()
    port = free_port()
    server = subprocess.Popen(
        [ROOT / ".venv" / "bin" / "gunicorn", "config.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/interaction/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        start = time.monotonic()
        with ThreadPoolExecutor(args.clients) as pool:
            accepted = sum(pool.map(lambda i: client_run(base, db_path, args.per_client, i), range(args.clients)))
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait()
    stored = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM interaction_case").fetchone()[0]
    attempted = args.clients * args.per_client
    print(f"attempted {attempted}, accepted {accepted}, stored {stored}, "
          f"{accepted / elapsed:.1f} submissions/s over {elapsed:.1f}s "
          f"({args.clients} clients, {args.workers} gunicorn workers, SQLite WAL)")
    if stored != accepted:
        sys.exit("FAIL: stored cases differ from accepted submissions")


if __name__ == "__main__":
    main()
