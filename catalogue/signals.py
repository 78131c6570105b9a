from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, workflow_approved

from . import bulk, taxonomy


@receiver(post_save)
@receiver(post_delete)
def invalidate_taxonomy_names(sender, **kwargs):
    if sender in taxonomy.TAXONOMY_MODELS:
        taxonomy.invalidate()


@receiver(page_published)
def reindex_solutions_of_provider(sender, instance, **kwargs):
    """Solutions are found by their provider's name and city: keep them in step."""
    from .models import ProviderPage, SolutionPage

    if isinstance(instance, ProviderPage) and not bulk.defer_published(instance):
        for solution in SolutionPage.objects.child_of(instance):
            insert_or_update_object(solution)


def solutions_of_providers(pages) -> list:
    """The translation keys of the solutions of the published providers among ``pages`` (for
    DeferredIndexing, which re-indexes them once at the end of a bulk write)."""
    from .directory import parent_path
    from .models import ProviderPage, SolutionPage

    paths = [page.path for page in pages if isinstance(page, ProviderPage)]
    keys = []
    for start in range(0, len(paths), 500):
        keys += (
            SolutionPage.objects.alias(parent=parent_path())
            .filter(parent__in=paths[start : start + 500])
            .values_list("translation_key", flat=True)
        )
    return keys


bulk.DeferredIndexing.register_dependents(solutions_of_providers)


@receiver(page_published)
def spend_the_change_note(sender, instance, revision=None, **kwargs):
    """A change note describes the update it was published with (it stays in that revision,
    which the public list of updates reads). The page itself forgets it, so that a later
    publication made from the page (a status change, a grade) does not repeat it; the editor's
    form starts a new update with an empty note (portal/wagtail_hooks.py)."""
    from .models import ProviderPage

    if isinstance(instance, ProviderPage) and instance.change_note:
        ProviderPage.objects.filter(pk=instance.pk).update(change_note="")


@receiver(workflow_approved)
def select_approved_applicant(sender, instance, user=None, **kwargs):
    """An application approved through both review steps enters the pool (入选).

    Wagtail sends this after the approval has published the page and closed the review, so no
    update is pending: ``change_status`` publishes the status change alone and resubmits nothing.
    That publication is not an approval, and the provider is no longer 申报中: no loop."""
    from . import services
    from .models import ProviderPage, Status

    provider = instance.content_object
    provider = getattr(provider, "specific", provider)  # the state points at the base Page
    if isinstance(provider, ProviderPage) and provider.status == Status.APPLIED:
        services.change_status(
            provider, status=Status.SELECTED, reason="评审通过，入选资源池", user=user
        )
