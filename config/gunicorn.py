"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi` (docs/deploy.md).

Sync workers, one process per core plus one, unless GUNICORN_WORKER_CLASS / GUNICORN_WORKERS /
GUNICORN_THREADS say otherwise. A page render is CPU work under the GIL (a database wait is a sixth of
it), so a process serves one request at a time: measured with bench/load.sh, threaded workers
(gthread) keep each keep-alive connection on the worker that accepted it, one worker ends up with
most of them and is held to one core while the others idle (11/3/2 connections out of 16), and the
uncached article reached 0.37 of the in-process bound against 0.70 with sync workers in the same run.
A sync worker takes the next connection only when it is free, so the load spreads; the proxy in front
(nginx, Varnish) keeps slow clients away from it.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "sync"
# More than one thread makes gunicorn run gthread workers whatever worker_class says.
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# A request taking longer than this is killed; graceful restarts wait as long for running requests.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so no slow leak can grow for ever.
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy on this host sets X-Forwarded-For/-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
# Access log with the client address from the proxy and the duration in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or "-"
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
errorlog = os.environ.get("GUNICORN_ERROR_LOG") or "-"


def post_worker_init(worker):
    """Each worker loads the search analyser's dictionary before it takes requests."""
    from search.analysis import warm_up

    warm_up()
