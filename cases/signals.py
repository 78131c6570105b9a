from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from catalogue import taxonomy
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
    if isinstance(instance, ProviderPage):
        cases = CasePage.objects.filter(providers=instance.pk)
    elif isinstance(instance, SolutionPage):
        cases = CasePage.objects.filter(solutions=instance.pk)
    else:
        return
    for case in cases.live():
        insert_or_update_object(case)
