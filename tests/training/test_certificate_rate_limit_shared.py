"""The lookup rate limit holds across app servers: the count lives in the shared cache (Redis
in production). Runs against the Redis of ``REDIS_URL`` or, failing that, a local Redis on
database 3; skipped when there is none."""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"


@pytest.fixture
def redis_cache(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    caches["default"].delete_pattern("training:lookup:*")
    yield prefix
    caches["default"].delete_pattern("training:lookup:*")


def test_attempts_on_another_server_count_here(redis_cache, certificate, settings, whole_window):
    settings.CERTIFICATE_LOOKUP_RATE_LIMIT = 10
    client = Client(REMOTE_ADDR="198.51.100.20")
    body = {"number": certificate.number, "name": "张三丰"}
    for _ in range(5):
        assert client.post("/certificates/", body).status_code == 200

    # The counter is in Redis, where every app server sees it ...
    raw = redis.Redis.from_url(REDIS_URL)
    keys = raw.keys(f"{redis_cache}:*training:lookup:198.51.100.20:*")
    assert len(keys) == 1 and int(raw.get(keys[0])) == 5
    assert 0 < raw.ttl(keys[0]) <= 65
    # ... so five attempts made through another server use up the minute.
    raw.incrby(keys[0], 5)

    response = client.post("/certificates/", body)
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
