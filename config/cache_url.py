"""The CACHES setting from one URL (env CACHE_URL).

    locmem://[name]            process-local memory (development and tests; not shared between workers)
    file:///absolute/path      files in a directory (shared by the processes of one host)
    db://table                 a database table (create it with `manage.py createcachetable`)
    redis://[:password@]host:port/db, rediss://…   Redis (needs the `redis` package)

Optional query parameters: `key_prefix`, `timeout` (seconds) and `max_entries`, e.g.
`redis://127.0.0.1:6379/1?key_prefix=portal`.
"""

from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "db": "django.core.cache.backends.db.DatabaseCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
}


def parse_cache_url(url):
    """One entry of CACHES (a dict with BACKEND, LOCATION …) for a cache URL."""
    parts = urlsplit(url)
    if parts.scheme not in BACKENDS:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: unknown scheme; use one of {', '.join(sorted(BACKENDS))}.")
    if parts.scheme.startswith("redis"):
        location = urlunsplit(parts._replace(query=""))
    elif parts.scheme == "file":
        location = parts.path
    else:
        location = parts.netloc + parts.path.rstrip("/")
    if parts.scheme in ("file", "db") and not location.strip("/"):
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: a {parts.scheme} cache needs a path or table name.")
    config = {"BACKEND": BACKENDS[parts.scheme], "LOCATION": location}
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"key_prefix", "timeout", "max_entries"}
    if unknown:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: unknown parameter(s) {', '.join(sorted(unknown))}.")
    if "key_prefix" in query:
        config["KEY_PREFIX"] = query["key_prefix"]
    try:
        if "timeout" in query:
            config["TIMEOUT"] = int(query["timeout"])
        if "max_entries" in query:
            config["OPTIONS"] = {"MAX_ENTRIES": int(query["max_entries"])}
    except ValueError as error:
        raise ImproperlyConfigured(f"CACHE_URL {url!r}: timeout and max_entries must be whole numbers.") from error
    return config
