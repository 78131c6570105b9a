"""Shared-cache reads remembered for the rest of one request.

The taxonomy's names and terms live in the shared cache (Redis in production). A listing page
asks for them once per card and facet: some sixty round trips to Redis and as many unpicklings
of the same dictionaries, about 30 ms of a directory page. Within one request the answer does
not change (a taxonomy edit happens in its own request, and clears the memo anyway), so each is
read once per request. Outside a request (commands, tasks, tests calling code directly) nothing
is remembered.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def remembered(key: tuple, read: Callable[[], T]) -> T:
    """``read()``, once per request for ``key``."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget() -> None:
    """Drop what this request remembered (after a change to what it read)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
