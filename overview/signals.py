"""Forget the cached figures (``overview.figures``) when something they count changes.

- a provider, solution, case or training programme is published, unpublished, deleted or moved
  (moving can take it into or out of a section with a view restriction);
- a view restriction is added or removed;
- a certificate is saved or deleted (issue, edit, revoke, reinstate).

Bulk writes send no signals; the certificate import purges the page cache instead, and the
figures' cache key includes the page cache's version (``figures.cache_key``).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cases.models import CasePage
from catalogue.models import ProviderPage, SolutionPage
from training.models import Certificate, ProgrammePage

from .figures import invalidate

COUNTED_PAGES = (ProviderPage, SolutionPage, CasePage, ProgrammePage)


def on_change(sender, **kwargs):
    invalidate()


def connect() -> None:
    for model in COUNTED_PAGES:
        page_published.connect(
            on_change, sender=model, dispatch_uid=f"overview-pub-{model.__name__}"
        )
        page_unpublished.connect(
            on_change, sender=model, dispatch_uid=f"overview-unpub-{model.__name__}"
        )
        post_delete.connect(on_change, sender=model, dispatch_uid=f"overview-del-{model.__name__}")
    # Sent for any page (with the base class): a move can change what is public below it.
    post_page_move.connect(on_change, dispatch_uid="overview-page-moved")
    for model in (Certificate, PageViewRestriction):
        post_save.connect(on_change, sender=model, dispatch_uid=f"overview-save-{model.__name__}")
        post_delete.connect(
            on_change, sender=model, dispatch_uid=f"overview-delete-{model.__name__}"
        )
