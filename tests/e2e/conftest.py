"""Browser tests: Playwright driving Debian's chromium against Django's live server.

Without chromium `make test` skips them with a message; under CI they must run.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk"
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests must run in CI, but {message}")
        pytest.skip(f"Browser tests skipped: {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a screenshot of the current page for people to look at after the run."""

    def take(name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture(scope="session", autouse=True)
def _restore_serialized_data_without_tree_sync():
    """Let more than one ``serialized_rollback`` test run in a session.

    Before each such test Django reloads the serialized database with ``raw`` saves after the
    previous test flushed every table. wagtail_localize's ``post_save`` receiver for
    ``LocaleSynchronization`` ignores ``raw`` and reads ``sync_from``, a ``Locale`` that is not
    loaded yet (wagtail_localize comes before wagtail in INSTALLED_APPS), so the second test
    errors in setup with ``Locale.DoesNotExist``. The restored rows already hold the synchronised
    trees, so the receiver is switched off while they load.
    """
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.db.models.signals import post_save
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    deserialize = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_without_tree_sync(self, data):
        post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
        try:
            return deserialize(self, data)
        finally:
            post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            BaseDatabaseCreation, "deserialize_db_from_string", deserialize_without_tree_sync
        )
        yield
