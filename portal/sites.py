"""The request's Wagtail site, from the shared cache.

Wagtail finds the site of every request with a query (hostname, port and the default site, the
root page joined), run again on every page: the menu, the breadcrumbs and each page URL need
it. Sites change far more rarely than content, and a change of one purges the page cache
(:mod:`portal.page_cache`), whose version is part of this cache's key. So the site is read once
per host and version and put where Wagtail looks first (``request._wagtail_site``).
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from portal import page_cache


class SiteMiddleware:
    """After CommonMiddleware, which has validated the host (ALLOWED_HOSTS), so that only
    known hosts become cache keys. Not for the API, the admin or files, which render no menu
    and often need no site at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(page_cache.SKIPPED_PREFIXES):
            return self.get_response(request)
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        site = page_cache.until_published(
            f"portal:site:{hostname}:{port}", lambda: Site.find_for_request(request)
        )
        # Where Wagtail's find_for_request looks first (it has put it there on a cache miss).
        request._wagtail_site = site
        return self.get_response(request)
