"""Deploy check: the per-address rate limits need a shared cache with atomic increments."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

ATOMIC_SHARED_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)


@register(Tags.caches, deploy=True)
def rate_limit_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in ATOMIC_SHARED_BACKENDS:
        return []
    return [
        Warning(
            "The rate limits (interaction forms, search) count in the default cache, whose backend is not "
            "Redis or Memcached.",
            hint="Set CACHE_URL to redis://…: a process-local cache counts per worker, and file or database "
            "caches do not increment atomically, so floods from one address may exceed the limit.",
            id="interaction.W001",
        )
    ]
