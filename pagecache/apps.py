"""App configuration: connects the invalidation signals."""

from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"

    def ready(self):
        from . import signals  # noqa: F401
