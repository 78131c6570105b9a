"""Every kind of public page, in both languages, at phone and desktop width: axe-core finds no
serious or critical WCAG 2.1 A/AA violation, nothing overflows a 360-px screen, no request
leaves the site, and a screenshot of each is saved in test-results/screenshots/."""

import os

import pytest

from tests.e2e import axe_core
from tests.e2e.site_content import build_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def axe():
    try:
        axe_core.fetch()
    except Exception as error:  # no network and no copy yet
        message = f"axe-core not available ({error}); run tests/e2e/axe_core.py"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return axe_core


def public_urls(site) -> dict[str, str]:
    return {
        "home": "/",
        "directory": site["directory"].url + "?category=production",
        "provider": site["provider"].url,
        "rectifying-provider": site["rectifying"].url,
        "solutions": site["catalogue"].url,
        "solution": site["solution"].url,
        "cases": site["cases"].url,
        "case": site["case"].url,
        "search": "/search/?q=设备",
        "annual-list": site["annual_list"].url,
        "training": site["training"].url,
        "programme": site["programme"].url,
        "certificate-lookup": "/certificates/",
        "certificate": f"/certificates/v/{site['certificate'].token}/",
        "overview": site["overview"].url,
        "not-found": "/no-such-page/",
    }


def test_public_pages_pass_axe_and_fit_a_phone(page, axe, screenshot, live_server):
    site = build_site()
    problems = []
    # Every asset is self-hosted: external fonts and CDNs are slow or blocked for users in China.
    foreign = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:", "blob:"))
            else foreign.append(request.url)
        ),
    )
    for language in ("zh", "en"):
        for name, url in public_urls(site).items():
            address = url if language == "zh" else f"/en{url}"
            for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                page.set_viewport_size(viewport)
                page.goto(address)
                found = axe.violations(page)
                if found:
                    problems.append(f"{address} ({width}):\n{axe.describe(found)}")
                if width == "phone":
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - window.innerWidth"
                    )
                    if overflow > 1:
                        problems.append(f"{address} (phone): {overflow}px wider than the screen")
                screenshot(f"{name}-{language}-{width}")
    assert not problems, "\n\n".join(problems)
    assert not foreign, f"requests to other hosts: {sorted(set(foreign))}"
