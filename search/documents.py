"""Present a model instance to a search backend's indexer with its text already analysed.

The stock indexers read `obj.get_search_fields()` and call `field.get_value(obj)` on each
field. We hand them a thin view of the object whose search fields return analysed token
strings, so every backend stores the same tokens without copying its indexing code.
"""

from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields.related import RelatedField
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from taggit.managers import TaggableManager

from portal.clusters import load_parental_m2m

from .analysis import index_text


def _flatten(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return force_str(value)


def _unwrap(obj):
    return obj._document_of if isinstance(obj, AnalysedDocument) else obj


@cache
def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _source_value(field, obj):
    """``field.get_value(obj)`` as modelsearch's ``BaseField`` reads it, with the model field
    found once per model and name: modelsearch looks it up, and asks the app registry whether
    taggit is installed, on every read (a quarter of the text gathering of a bulk indexing)."""
    model_field = _model_field(type(obj), field.field_name)
    if model_field is None:
        value = getattr(obj, field.field_name, None)
        return value() if callable(value) else value
    value = model_field.value_from_object(obj)
    if isinstance(model_field, TaggableManager):
        return value
    if hasattr(model_field, "get_searchable_content"):
        return model_field.get_searchable_content(value)
    if isinstance(model_field, RelatedField):
        remote = model_field
        while isinstance(remote, RelatedField):
            remote = remote.target_field
        if hasattr(remote, "get_searchable_content"):
            return remote.get_searchable_content(value)
    return value


class _AnalysedText:
    """Mixin for SearchField/AutocompleteField copies whose value is analysed text.
    ``index_text`` remembers the analysis of recent texts (a page's English alias is indexed
    right after it)."""

    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self._original = original

    def get_value(self, obj):
        return index_text(_flatten(_source_value(self._original, _unwrap(obj))))


class AnalysedSearchField(_AnalysedText, SearchField):
    pass


class AnalysedAutocompleteField(_AnalysedText, AutocompleteField):
    pass


class AnalysedRelatedFields(RelatedFields):
    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self._original = original
        self.fields = [analysed_field(field) for field in original.fields]

    def get_value(self, obj):
        return self._original.get_value(_unwrap(obj))


def analysed_field(field):
    if isinstance(field, AutocompleteField):
        return AnalysedAutocompleteField(field)
    if isinstance(field, SearchField):
        return AnalysedSearchField(field)
    if isinstance(field, RelatedFields):
        return AnalysedRelatedFields(field)
    return field  # filter fields are stored as they are


class AnalysedDocument:
    """Looks like the model instance to an indexer; its text fields come out analysed."""

    def __init__(self, obj):
        self._document_of = obj

    def __getattr__(self, name):
        return getattr(self._document_of, name)

    def get_search_fields(self):
        return _analysed_fields(type(self._document_of))


@cache
def _analysed_fields(model) -> list:
    """The analysed copies of a model's search fields, made once per model (``search_fields``
    is a class attribute)."""
    return [analysed_field(field) for field in model.get_search_fields()]


def prepare_for_indexing(model, objects, terms: dict | None = None) -> None:
    """Read what the search fields of many objects need in a few queries: the indexers read
    every related field several times per object (title, body, autocomplete), one query per
    read. A model may load more with ``load_search_relations(objects)``. Objects already
    prepared (by the bulk indexer, before it hands them to each backend) are not read again.
    ``terms``: see ``load_parental_m2m``."""
    objects = [obj for obj in objects if not obj.__dict__.get("_prepared_for_indexing")]
    if not objects:
        return
    load_parental_m2m(model, objects, terms)
    if hasattr(model, "load_search_relations"):
        model.load_search_relations(objects)
    for obj in objects:
        obj.__dict__["_prepared_for_indexing"] = True


class BulkPreparingMixin:
    """Backend mixin: objects indexed in bulk (``update_index``, the importers' deferred
    indexing) were read for the purpose, and get their related values in a few queries first.
    Single objects indexed on save are left alone: they may be the instance being edited."""

    def add_bulk(self, model, obj_list):
        prepare_for_indexing(model, obj_list)
        return super().add_bulk(model, obj_list)
