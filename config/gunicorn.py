"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi` (docs/deploy.md).

Sized from the CPU count unless GUNICORN_WORKERS / GUNICORN_THREADS say otherwise: one
process per core plus one, four threads each (requests mostly wait on the database).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
worker_class = "gthread"
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
