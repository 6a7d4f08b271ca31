"""Engine selection: `SEARCH_ENGINE` = database (default) | opensearch | elasticsearch.

`current_engine()` is the configured engine; `database_engine()` is always available and
is kept in sync too, so public search can fall back to it when a cluster is down.
"""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import EngineUnavailable, SearchEngine  # noqa: F401
from .database import DatabaseEngine

ENGINES = ("database", "opensearch", "elasticsearch")


def database_engine():
    return DatabaseEngine()


@lru_cache(maxsize=8)
def _cluster_engine(name, url, prefix, timeout):
    if name == "opensearch":
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(url, prefix, timeout)
    from .elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(url, prefix, timeout)


def current_engine():
    name = settings.SEARCH_ENGINE
    if name not in ENGINES:
        raise ImproperlyConfigured(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {name!r}")
    if name == "database":
        return database_engine()
    return _cluster_engine(name, settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX, settings.SEARCH_TIMEOUT)


def sync_engines():
    """Engines every change is written to: the database engine, and the cluster if one is configured."""
    engine = current_engine()
    return [engine] if engine.name == "database" else [database_engine(), engine]
