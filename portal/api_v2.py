"""Wagtail's own read API (``/api/v2/``): pages, images and documents.

Wagtail's page endpoint serves only live pages that anonymous visitors may see, within the
requested site, in every locale. One gap is closed here: Wagtail excludes the pages below a view
restriction, but not the *aliases* of a restricted page — and every Chinese page has an English
alias (``portal.translation``), so ``/en/…`` copies of a private section would be listed. The
HTML site protects them (``Page.get_view_restrictions`` resolves aliases to their source); the
API now does the same. The catalogue's typed API is ``/api/v1/`` (``portal.api``).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        restricted_ids = [
            restriction.page_id
            for restriction in PageViewRestriction.objects.select_related("page")
            if not restriction.accept_request(self.request)
        ]
        if restricted_ids:
            for alias in Page.objects.filter(alias_of_id__in=restricted_ids).only("path", "depth"):
                queryset = queryset.not_descendant_of(alias, inclusive=True)
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
