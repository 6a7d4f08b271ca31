"""Bench-only URLconf (bench/load.sh): the whole site plus /bench/bare/, a bare Django view.

The bare view answers through the same gunicorn, settings and middleware as the site, so the
page cache's throughput can be compared with the least a Django request costs.
"""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("", include("config.urls"))]
