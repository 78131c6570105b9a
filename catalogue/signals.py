from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import taxonomy


@receiver(post_save)
@receiver(post_delete)
def invalidate_taxonomy_names(sender, **kwargs):
    if sender in taxonomy.TAXONOMY_MODELS:
        taxonomy.invalidate()
