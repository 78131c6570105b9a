"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; dev and test work
with none set, production refuses to start without its secrets (see production.py).
"""

import hashlib
import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Origins whose web pages may read the public API with GET ("*" for any; none by default).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
# Anonymous pages served from the shared cache until the next publication (portal/page_cache.py).
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# Listings count their facets from per-process bitmaps read once per publication
# (catalogue/facet_index.py); off, every request counts them in SQL.
FACET_INDEX = env_bool("FACET_INDEX", True)
# The cyclic garbage collector's thresholds (gc.set_threshold) in a web worker (portal/wsgi.py);
# None keeps Python's (700, 10, 10). A search for a frequent word makes tens of thousands of
# short-lived tuples, and at Python's thresholds they set off collections that walk the
# process's long-lived objects: 2-3 ms of a 30 ms search, and now and then a full collection
# of 120-150 ms (docs/performance.md).
GC_THRESHOLDS = (50_000, 20, 100)

INSTALLED_APPS = [
    "portal",
    "catalogue",
    "cases",
    "training",
    "overview",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Serves the API docs page's Swagger UI from our own static files, not a CDN.
    "ninja",
    "django_tasks",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.ApiCorsMiddleware",
    # ETag on every full response, 304 for a matching If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    # Reads from the shared cache (the content version, the taxonomy) once per request
    # (portal/request_memo.py); the cached-page lookup below reads the version too.
    "portal.request_memo.RequestMemoMiddleware",
    # Cached pages for cookie-less visitors, before the session/auth work (portal/page_cache.py).
    "portal.page_cache.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The Wagtail site from the shared cache, once CommonMiddleware has checked the host.
    "portal.sites.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: it serves anonymous visitors without messages only.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# An empty DATABASE_URL means the embedded default: one SQLite file, no services.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def database_cache_prefix(database: dict) -> str:
    """The shared cache's key prefix for a database. The cache holds what was read from the
    database (the content version, each listing's facet index of its rows' ids), which the
    processes of another database sharing the cache (a Redis, the dev file cache) must not
    take for theirs: a SQLite and a PostgreSQL copy of the demo content have the same pages
    but other search index entry ids, and a facet index read from one made the other's
    searches find nonsense (search-eval 0.09 after the other database's run).

    The engine and the database's name, not its host or port: the processes of one site share
    the cache however they reach the database (through a connection pooler or not)."""
    engine = str(database.get("ENGINE") or "")
    name = str(database.get("NAME") or "")
    if engine.endswith("sqlite3") and name != ":memory:":
        name = str(Path(name).resolve())
    return "portal:" + hashlib.sha256(f"{engine}|{name}".encode()).hexdigest()[:12]


CACHE_KEY_PREFIX = database_cache_prefix(DATABASES["default"])

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese is the site's default and has no URL prefix; English is
# served under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3-compatible media storage (MinIO, Aliyun OSS, Tencent COS, AWS S3) when a bucket is named.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # Aliyun OSS accepts only virtual-hosted requests; MinIO usually wants "path".
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID", "")
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (imports, exports, index updates). The immediate backend runs a task in the
# request that enqueued it; production switches to the database queue and a worker process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "数智服务商资源池"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

# Search: the database backend (SQLite FTS5 / PostgreSQL) with Chinese analysis, unless
# ELASTICSEARCH_URL names a search engine. With an engine, the database backend is kept up to
# date too, as the fallback used while the engine is unreachable.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
DATABASE_SEARCH_BACKEND = {"BACKEND": "search.backends.database"}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "ENGINE": os.environ.get("SEARCH_ENGINE", "elasticsearch9"),
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
            "TIMEOUT": int(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
        },
        "fallback": DATABASE_SEARCH_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
# A term searched alone whose match finds this many index entries has its hits and scores kept
# beside the index from then on (search.impacts).
SEARCH_IMPACT_MIN_ENTRIES = int(os.environ.get("SEARCH_IMPACT_MIN_ENTRIES", "1000"))

# Certificates (training): the key of the HMAC-SHA256 kept instead of each 身份证号 (it must
# stay the same for the life of the data: a new key no longer matches a person's certificates),
# and the lookup attempts allowed per client and minute (/certificates/ and the API together).
CERTIFICATE_HASH_KEY = os.environ.get("CERTIFICATE_HASH_KEY", "") or "dev-only-certificate-key"
CERTIFICATE_LOOKUP_RATE_LIMIT = int(os.environ.get("CERTIFICATE_LOOKUP_RATE_LIMIT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        # One line per background task is noise at INFO; failures still show.
        "django_tasks": {"level": "WARNING"},
    },
}
