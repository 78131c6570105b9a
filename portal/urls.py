from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from catalogue import application_views
from catalogue.feeds import AnnualListFeed, BatchFeed, StatusChangeFeed
from portal.api import api
from portal.api_v2 import api_router
from portal.sitemaps import BilingualSitemap, robots
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The APIs are language-neutral: outside i18n_patterns (names follow ?lang= in v1).
    path("api/v1/", api.urls),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots, name="robots"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Chinese is served without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/<slug:type_key>/", search_views.search, name="search_type"),
    path("application/", application_views.apply, name="application"),
    path("application/<str:token>/", application_views.status, name="application_status"),
    path("feeds/batches/", BatchFeed(), name="feed_batches"),
    path("feeds/annual-lists/", AnnualListFeed(), name="feed_annual_lists"),
    path("feeds/status-changes/", StatusChangeFeed(), name="feed_status_changes"),
    path("", include("training.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
