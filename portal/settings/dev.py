from .base import *  # noqa: F403

DEBUG = True
# A fixed key is acceptable only because dev never leaves the developer's machine.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Off while developing (templates change under you); PAGE_CACHE=1 to try it.
PAGE_CACHE = env_bool("PAGE_CACHE", False)  # noqa: F405
# The scheduler loop of `make run` and commands run beside the server (an import) publish from
# other processes: without Redis they share a cache on disk, so that the server sees the
# publication (its facet index and menu are rebuilt when the content version changes).
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache",  # noqa: F405
            "KEY_PREFIX": CACHE_KEY_PREFIX,  # noqa: F405
        }
    }
