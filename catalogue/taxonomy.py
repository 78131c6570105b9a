"""Reads of the taxonomy in the visitor's language.

Pages and filters always point at the canonical (default-locale) terms; this module answers
"what is this term called in the active language" with one cached dictionary per model and
language instead of one query per term.
"""

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

from portal.request_memo import forget, remembered

from .models import Category, Industry, Region, Subtype

TAXONOMY_MODELS = (Category, Subtype, Region, Industry)
_CACHE_VERSION_KEY = "catalogue:taxonomy:version"


def _cache_version() -> int:
    return cache.get_or_set(_CACHE_VERSION_KEY, 1, timeout=None)


def invalidate() -> None:
    forget()
    try:
        cache.incr(_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(_CACHE_VERSION_KEY, 1, timeout=None)


def localized_names(model, language_code: str | None = None) -> dict:
    """Map each term's translation_key to its name in the language (falling back to Chinese)."""
    language_code = language_code or translation.get_language() or "zh-hans"
    return remembered(
        ("taxonomy", model._meta.model_name, language_code),
        lambda: _read_names(model, language_code),
    )


def _read_names(model, language_code: str) -> dict:
    key = f"catalogue:taxonomy:{model._meta.model_name}:{language_code}:{_cache_version()}"
    names = cache.get(key)
    if names is None:
        default_locale = Locale.get_default()
        names = {
            str(k): n
            for k, n in model.objects.filter(locale=default_locale).values_list(
                "translation_key", "name"
            )
        }
        if language_code != default_locale.language_code:
            names.update(
                {
                    str(k): n
                    for k, n in model.objects.filter(
                        locale__language_code=language_code
                    ).values_list("translation_key", "name")
                }
            )
        cache.set(key, names, timeout=60 * 60)
    return names


def display_name(term, language_code: str | None = None) -> str:
    if term is None:
        return ""
    return localized_names(type(term), language_code).get(str(term.translation_key), term.name)


def canonical(model):
    """The default-locale terms, the ones content refers to."""
    return model.objects.filter(locale=Locale.get_default())
