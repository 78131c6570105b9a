from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from catalogue import bulk, taxonomy
from catalogue.models import ProviderPage, SolutionPage

from .models import CasePage, PilotZone


@receiver(post_save, sender=PilotZone)
@receiver(post_delete, sender=PilotZone)
def invalidate_pilot_names(sender, **kwargs):
    taxonomy.invalidate()


@receiver(page_published)
def reindex_cases_of_page(sender, instance, **kwargs):
    """Cases are found by the names of their providers and solutions: keep them in step when
    one is published (renamed, or made public)."""
    if not isinstance(instance, ProviderPage | SolutionPage) or bulk.defer_published(instance):
        return
    for case in cases_naming([instance]).live():
        insert_or_update_object(case)


def cases_naming(pages):
    """The cases that name any of these providers or solutions."""
    providers = [page.pk for page in pages if isinstance(page, ProviderPage)]
    solutions = [page.pk for page in pages if isinstance(page, SolutionPage)]
    return CasePage.objects.filter(
        Q(providers__in=providers) | Q(solutions__in=solutions)
    ).distinct()


def cases_of_published(pages) -> list:
    """For DeferredIndexing: the translation keys of the live cases naming published pages."""
    keys = []
    for start in range(0, len(pages), 500):
        keys += (
            cases_naming(pages[start : start + 500])
            .live()
            .values_list("translation_key", flat=True)
        )
    return keys


bulk.DeferredIndexing.register_dependents(cases_of_published)
