"""An in-memory facet index of a listing: one bitmap per facet option, kept per process until
something is published.

Counting facets in SQL costs a query per many-to-many facet plus one grouped query, each over
every listed entry (tens of milliseconds each at 10,000 providers or 30,000 solutions, and all
of it again on every request). The listed entries change only when content is published,
unpublished, moved or deleted, or the taxonomy changes, which is exactly when the page cache's
version changes (:mod:`portal.page_cache`). So a listing's entries are read once per version:
their ids in fair order, each facet's value(s) and every sort order. The first process to need
them reads them and shares them through the cache (a few arrays and integers, a few
milliseconds to load); the others load them. Entry *i* of the fair order is
bit *i* of a Python integer; a facet option's bitmap has the bits of the entries that have it.
A request then needs no facet query at all:

- a facet's filter is the OR of its selected options' bitmaps (every entry without a
  selection; the default exclusions, such as removed providers, as :meth:`FacetSpec.matches`
  says), the results are the AND of every facet's filter and of the keyword's hits;
- an option's count is the popcount of its bitmap AND the filters of the *other* facets, the
  same disjunctive counts :meth:`Listing.facets` computes in SQL;
- the fair order is bit order; other orders are permutations read with the index; a page of
  results is the first set bits in that order, then one query for those rows;
- a keyword's hits are the search index entries the database backend matched (once per
  request, for every listing), mapped to positions by each entry's index entry id.

Semantics are the SQL path's, value for value (the tests run the listings both ways). A
listing with a facet this module cannot read falls back to SQL.
"""

from __future__ import annotations

import itertools
import logging
import threading
from array import array
from collections import defaultdict
from time import perf_counter

from django.core.cache import cache
from django.db import router
from django.db.models import F, Max
from django.utils.functional import cached_property
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.models import IndexEntry

from portal import page_cache
from search.ranking import rank_positions

logger = logging.getLogger(__name__)

# (database alias, listing class, index page id) -> FacetIndex, each for one content version.
_indexes: dict[tuple, FacetIndex] = {}
_lock = threading.Lock()
# In the shared cache the index outlives no version (the key holds the version it is for);
# the timeout only frees the memory of a listing nobody reads.
CACHE_TIMEOUT = 24 * 60 * 60
# Index entry ids per listed entry (above a floor of SPARSE_ENTRY_FLOOR) beyond which the ids
# count as sparse (_position_by_entry).
SPARSE_ENTRY_IDS = 16
SPARSE_ENTRY_FLOOR = 100_000
# Bits of a bitmap per position set beyond which it is made bit by bit (bitmap).
SPARSE_BITS = 32


def bitmap(positions, size: int) -> int:
    """The integer whose set bits are ``positions`` (all below ``size``).

    Where the positions are dense, made as the number's binary digits, one byte each,
    reversed at the end (the most significant digit comes first): a store per position
    (``flags[i] = "1"``) costs a third of setting a bit in a byte array (``flags[i >> 3] |= 1
    << (i & 7)``), and a frequent word's thousands of hits are made into bitmaps several times
    per request. The digits cost a byte per bit of ``size``, though, so a few positions in a
    large span are set bit by bit."""
    if not hasattr(positions, "__len__"):
        positions = list(positions)
    if size <= 0:
        return 0
    if size > SPARSE_BITS * len(positions):
        flags = bytearray((size + 7) // 8)
        for position in positions:
            flags[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(flags, "little")
    digits = bytearray(b"0") * size
    for position in positions:
        digits[position] = 49  # "1"
    return int(digits[::-1], 2)


def _kept_on_match(scores: dict[int, float], name: str, make):
    """What ``make(scores)`` derives from one match's entry ids, made once per match: the
    search backend's scores (:class:`search.backends.database.EntryScores`) keep it."""
    kept = getattr(scores, name, None)
    if kept is None:
        kept = make(scores)
        if hasattr(scores, "__dict__"):  # not a plain dict
            setattr(scores, name, kept)
    return kept


def highest_entry(scores: dict[int, float]) -> int:
    """The highest index entry id in ``scores`` (-1 for none)."""
    return _kept_on_match(scores, "highest_entry", lambda found: max(found, default=-1))


def entry_bits(scores: dict[int, float]) -> int:
    """The bitmap of the index entry ids in ``scores``."""
    return _kept_on_match(
        scores, "entry_bits", lambda found: bitmap(found, highest_entry(found) + 1)
    )


def set_bits(mask: int) -> str:
    """``mask`` as a string of '0'/'1' with bit *i* at index *i*."""
    return bin(mask)[:1:-1]


class FacetIndex:
    """The bitmaps of one listing's entries, read from its base queryset (:meth:`read`) or
    from the shared cache (:meth:`from_payload`)."""

    def __init__(
        self,
        *,
        version,
        specs,
        pks,
        bitmaps,
        orders,
        entries=None,
        last_entry=0,
        searched_only=None,
    ):
        self.version = version
        self.specs = specs
        self.pks = pks
        self.position = {pk: i for i, pk in enumerate(pks)}
        self.size = len(pks)
        self.all = (1 << self.size) - 1
        self.bitmaps: dict[str, dict] = bitmaps
        self.orders: dict[str, array] = orders  # sort value -> positions in that order
        # The search index entry of each position (0: none) and the last entry id that existed
        # when they were read (see entry_hits).
        self.entries: array = entries if entries is not None else array("q", bytes(8 * self.size))
        self.last_entry = last_entry
        # Entries the search backend's listing path ranks among but does not list (see
        # entry_hits): their scores count for the best score.
        self.searched_only: array = searched_only if searched_only is not None else array("q")
        self.content_types: list[int] = []
        # Entries newer than last_entry, looked up: their position, or None when not listed.
        self.newer: dict[int, int | None] = {}
        self.build_seconds = 0.0

    @classmethod
    def read(cls, listing, *, version) -> FacetIndex:
        started = perf_counter()
        base = listing.base
        pks = array("q", base.order_by(*listing.fair_order).values_list("pk", flat=True))
        index = cls(
            version=version, specs=list(listing.facet_specs), pks=pks, bitmaps={}, orders={}
        )
        index._read_grouped(base)
        index._read_entries(listing, base.db)
        for spec in index.specs:
            if spec.param not in index.bitmaps:
                index._read_many(base, spec)
        # Every order now, once: the index is shared, and a visitor should not pay for one.
        position = index.position
        for option in listing.sort_options:
            if option.order_by:
                ordered = base.order_by(*option.order_by).values_list("pk", flat=True)
                index.orders[option.value] = array(
                    "q", (position[pk] for pk in ordered if pk in position)
                )
        index.build_seconds = perf_counter() - started
        return index

    def payload(self) -> dict:
        """What another process needs to use this index (arrays and integers: quick to pickle)."""
        return {
            "version": self.version,
            "pks": self.pks,
            "bitmaps": self.bitmaps,
            "orders": self.orders,
            "entries": self.entries,
            "last_entry": self.last_entry,
            "searched_only": self.searched_only,
        }

    @classmethod
    def from_payload(cls, listing, payload) -> FacetIndex:
        index = cls(specs=list(listing.facet_specs), **payload)
        index.content_types = get_descendants_content_types_pks(listing.model)
        return index

    @staticmethod
    def supports(listing) -> bool:
        return all(spec.grouped or getattr(spec, "many", False) for spec in listing.facet_specs)

    def _bitmaps(self, pairs) -> dict:
        positions = defaultdict(list)
        for pk, value in pairs:
            position = self.position.get(pk)
            if position is not None:
                positions[value].append(position)
        return {value: bitmap(found, self.size) for value, found in positions.items()}

    def _read_grouped(self, base) -> None:
        """Every single-valued facet's value per entry, in one query."""
        specs = [spec for spec in self.specs if spec.grouped]
        if not specs:
            return
        groups = {f"facet_{i}": spec.group_expression() for i, spec in enumerate(specs)}
        rows = list(
            base.order_by().values(facet_pk=F("pk"), **groups).values_list("facet_pk", *groups)
        )
        for i, spec in enumerate(specs):
            self.bitmaps[spec.param] = self._bitmaps((row[0], row[i + 1]) for row in rows)

    def _read_many(self, base, spec) -> None:
        """A many-to-many facet's (entry, slug) pairs from its through table."""
        pairs = (
            spec.through.objects.filter(**{f"{spec.owner}__in": base.order_by().values("pk")})
            .values_list(spec.owner, f"{spec.target}__slug")
            .order_by()
        )
        self.bitmaps[spec.param] = self._bitmaps(pairs)

    def _read_entries(self, listing, db) -> None:
        """The search index entry of each position, and of each entry the keyword is searched
        in without being listed (``searched_only``), for :meth:`entry_hits`."""
        self.content_types = get_descendants_content_types_pks(listing.model)
        entries = IndexEntry.objects.using(db)
        self.last_entry = entries.aggregate(last=Max("id"))["last"] or 0
        unlisted = set()
        if listing.search_base is not listing.base:  # e.g. the solutions of removed providers
            searched = listing.search_base.order_by().exclude(pk__in=listing.base.values("pk"))
            unlisted = set(searched.values_list("pk", flat=True))
        position = self.position
        searched_only = []
        # Not above last_entry: an entry written since is looked up as newer (entry_positions),
        # and must not be found twice.
        rows = entries.filter(content_type_id__in=self.content_types, id__lte=self.last_entry)
        for entry, object_id in rows.values_list("id", "object_id"):
            pk = int(object_id)
            found = position.get(pk)
            if found is not None:
                self.entries[found] = entry
            elif pk in unlisted:
                searched_only.append(entry)
        self.searched_only = array("q", sorted(searched_only))

    @cached_property
    def _position_by_entry(self) -> list[int | None] | dict[int, int]:
        """The position of each search index entry id up to :attr:`last_entry` (None: not
        this listing's), as a list indexed by the id: a match's ids come in ascending order
        (in a few ascending runs on PostgreSQL), so the list is read front to back, where a
        dictionary is read at random, and the memory a request has filled since the last
        search has pushed the dictionary out of the processor's caches (11,650 hits of
        工业互联网 in a request: 3.7 ms by dictionary, 1.5 ms by list). A dictionary still
        where the ids are sparse (entries deleted and written again many times), which would
        make the list long."""
        if self.last_entry > SPARSE_ENTRY_IDS * self.size + SPARSE_ENTRY_FLOOR:
            return {entry: i for i, entry in enumerate(self.entries) if entry}
        table = [None] * (self.last_entry + 1)
        for i, entry in enumerate(self.entries):
            if entry:
                table[entry] = i
        return table

    def _positions(self, scores: dict[int, float]) -> list[int | None]:
        """The position of each index entry id of ``scores`` (None: not this listing's, or
        written after the index was read: see :meth:`_newer_entries`)."""
        table = self._position_by_entry
        if isinstance(table, dict):
            return list(map(table.get, scores))
        if highest_entry(scores) < len(table):
            return list(map(table.__getitem__, scores))
        known = len(table)
        return [table[entry] if entry < known else None for entry in scores]

    # -- queries

    def entry_positions(self, scores: dict[int, float], *, db: str) -> tuple[list, list]:
        """The positions of this listing's entries among the search index entries ``scores``
        (``{index entry id: score}``, every type's), and their scores: two lists in the same
        order."""
        found = self._positions(scores)
        positions = [position for position in found if position is not None]
        values = [
            score
            for position, score in zip(found, scores.values(), strict=True)
            if position is not None
        ]
        for entry, position in self._newer_entries(scores, db):
            positions.append(position)
            values.append(scores[entry])
        return positions, values

    def _newer_entries(self, scores: dict[int, float], db: str) -> list[tuple[int, int]]:
        """``(entry, position)`` of the entries in ``scores`` written after the index was read
        (a page published, then indexed by a background task): their ids are newer than
        :attr:`last_entry`, and they are looked up, each once (``newer``): an import of drafts
        writes thousands of entries and publishes nothing, and searches would otherwise look
        them up on every request until the next publication."""
        if highest_entry(scores) <= self.last_entry:
            return []
        newer = self.newer
        unknown = [entry for entry in scores if entry > self.last_entry and entry not in newer]
        for start in range(0, len(unknown), 1000):  # within SQLite's parameter limit
            chunk = unknown[start : start + 1000]
            later = IndexEntry.objects.using(db).filter(
                id__in=chunk, content_type_id__in=self.content_types
            )
            found = {
                entry: self.position.get(int(object_id))
                for entry, object_id in later.values_list("id", "object_id")
            }
            newer.update({entry: found.get(entry) for entry in chunk})
        return [
            (entry, newer[entry])
            for entry in scores
            if entry > self.last_entry and newer.get(entry) is not None
        ]

    def entry_hits(self, scores: dict[int, float], *, ranked: bool, db: str) -> list[int]:
        """The positions of this listing's entries among the index entries ``scores``, best
        first (:mod:`search.ranking`: the fair order for equal scores) when ``ranked``, else in
        the fair order. Positions, not ids: the listing's query takes them as they are
        (:meth:`query`), and a frequent word has thousands."""
        positions, values = self.entry_positions(scores, db=db)
        if not ranked:
            return sorted(positions)
        # The best score is taken over everything the keyword is searched in, listed or not (a
        # solution of a removed provider), as the search backend ranks without the facet
        # index: the score bands, and so the order, are the same both ways.
        unlisted = [scores[e] for e in self.searched_only if e in scores]
        best = max(values + unlisted, default=None)
        # A position is its own fair key.
        return rank_positions(positions, values, best=best, size=self.size)

    def hit_count(self, scores: dict[int, float], *, db: str) -> int:
        """The number of this listing's entries among the index entries ``scores`` that no
        facet leaves out (nothing selected: the default exclusions only), as
        ``query({}, None, mask=entry_mask(scores)).count`` gives it, without mapping every hit
        to its position: the hits' bitmap by entry id (made once per match, see
        :func:`entry_bits`) AND this listing's entries by entry id. The site search counts two
        tabs this way, for a frequent word 11,000 hits each."""
        count = (entry_bits(scores) & self._passing_entries).bit_count()
        passing = self._passing
        count += sum((passing >> p) & 1 for _entry, p in self._newer_entries(scores, db))
        return count

    @cached_property
    def _passing(self) -> int:
        """The positions no facet leaves out when nothing is selected."""
        return IndexQuery(self, {}, None).result

    @cached_property
    def _passing_entries(self) -> int:
        """:attr:`_passing` as a bitmap of their search index entries' ids."""
        entries = self.entries
        passing = set_bits(self._passing)
        found = [entries[p] for p, flag in enumerate(passing) if flag == "1" and entries[p]]
        return bitmap(found, self.last_entry + 1)

    def entry_mask(self, scores: dict[int, float], *, db: str) -> int:
        """The bitmap of this listing's entries among the index entries ``scores``."""
        positions = [p for p in self._positions(scores) if p is not None]
        positions += [position for _entry, position in self._newer_entries(scores, db)]
        return bitmap(positions, self.size)

    def positions_of(self, pks: list[int]) -> list[int]:
        """The positions of the listed ones among ``pks``, in their order."""
        position = self.position
        return [position[pk] for pk in pks if pk in position]

    def order(self, sort: str):
        """The positions in the order of ``sort`` (None: the fair order, bit order)."""
        return self.orders.get(sort)

    def query(
        self, selections: dict[str, list[str]], hits: list[int] | None, *, mask: int | None = None
    ) -> IndexQuery:
        """The state with these facet selections and the keyword's ``hits`` (positions in
        relevance order, :meth:`entry_hits`; None without a keyword), or its hits as a bitmap
        (``mask``) when only the counts are wanted."""
        return IndexQuery(self, selections, hits, mask)


class IndexQuery:
    """One listing state answered from the index: filters, counts and ordered ids."""

    def __init__(self, index: FacetIndex, selections, hits, mask=None):
        self.index = index
        self.hits = hits
        if mask is not None:
            self.base = mask
        else:
            self.base = index.all if hits is None else bitmap(hits, index.size)
        self.filters = {
            spec.param: self._filter(spec, selections.get(spec.param, [])) for spec in index.specs
        }
        result = self.base
        for mask in self.filters.values():
            result &= mask
        self.result = result
        self.count = result.bit_count()

    def _filter(self, spec, selected: list[str]) -> int:
        bitmaps = self.index.bitmaps[spec.param]
        if spec.grouped:
            mask = 0
            for value, values_bitmap in bitmaps.items():
                if spec.matches(value, selected):
                    mask |= values_bitmap
            return mask
        if not selected:
            return self.index.all
        mask = 0
        for value in selected:
            mask |= bitmaps.get(value, 0)
        return mask

    def counts(self, spec) -> dict[str, int]:
        """What each option of ``spec`` would give with every other facet applied."""
        others = self.base
        for param, mask in self.filters.items():
            if param != spec.param:
                others &= mask
        totals = {}
        for value, values_bitmap in self.index.bitmaps[spec.param].items():
            n = (others & values_bitmap).bit_count()
            if n:  # as in SQL, where a value no entry has forms no group
                totals[value] = n
        if spec.grouped:
            return spec.counts_from_groups(totals)
        return {value: n for value, n in totals.items() if value}

    def positions(self, sort: str):
        """The result positions in the order of ``sort`` (relevance: the keyword's order)."""
        flags = set_bits(self.result)
        if sort == "relevance" and self.hits is not None:
            order = self.hits
        else:
            order = self.index.order(sort)
            if order is None:
                return (i for i, flag in enumerate(flags) if flag == "1")
        width = len(flags)
        return (p for p in order if p < width and flags[p] == "1")

    def ids(self, sort: str, start: int = 0, stop: int | None = None) -> list[int]:
        pks = self.index.pks
        return [pks[p] for p in itertools.islice(self.positions(sort), start, stop)]


# Raised when the payload's contents change (2: the search index entries).
PAYLOAD_FORMAT = 2


def _shape(listing) -> str:
    """The format, facets and sorts an index holds: a cached index of another shape (from
    another release of the code) is not used."""
    params = ",".join(spec.param for spec in listing.facet_specs)
    sorts = ",".join(option.value for option in listing.sort_options if option.order_by)
    return f"{PAYLOAD_FORMAT};{params};{sorts}"


def index_for(listing, version) -> FacetIndex | None:
    """The listing's index for ``version``: this process's, else the one another process read
    and shared through the cache, else read now (and shared)."""
    if not FacetIndex.supports(listing):
        return None
    # Not listing.base.db: building the base reads the view restrictions, a query the
    # requests answered from memory do not need.
    key = (router.db_for_read(listing.model), type(listing).__qualname__, listing.index_page.pk)
    index = _indexes.get(key)
    if index is not None and index.version == version:
        return index
    with _lock:  # one read per version when several threads ask at once
        index = _indexes.get(key)
        if index is None or index.version != version:
            # One key per listing (not per version), so publishing often cannot fill the cache.
            cache_key = "catalogue:facetindex:{}:{}:{}:{}".format(*key, _shape(listing))
            payload = cache.get(cache_key)
            if payload is not None and payload["version"] == version:
                index = FacetIndex.from_payload(listing, payload)
            else:
                index = FacetIndex.read(listing, version=version)
                # A request reads the version once (portal.page_cache.version): one that began
                # before a publication asks for the old version's index. Built for it alone,
                # and kept nowhere, so that the requests of the new version do not find it in
                # their place and read theirs again.
                if version != page_cache.shared_version():
                    return index
                cache.set(cache_key, index.payload(), timeout=CACHE_TIMEOUT)
                logger.info(
                    "Facet index of %s (page %s): %d entries in %.0f ms",
                    type(listing).__name__,
                    listing.index_page.pk,
                    index.size,
                    index.build_seconds * 1000,
                )
            _indexes[key] = index
    return index
