"""
The units' hierarchy and lineage as plain ids, kept in the shared cache.

Filters by unit ("the unit and everything beneath it") and unit pages ("its exemplars and
those of the units it succeeded") walk the tree and the mergers of 2025 one level per query.
The directory changes a few times a year, so the whole graph — a few ints per unit — is
built in two queries, kept in the shared cache, and cleared whenever a unit or its
predecessors change (at once and again when the transaction commits).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from .models import Unit

KEY = "cms:unit-graph:v1"
TTL = 24 * 3600


@dataclass(frozen=True)
class UnitGraph:
    codes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    children: dict[int, tuple[int, ...]] = field(default_factory=dict)
    predecessors: dict[int, tuple[int, ...]] = field(default_factory=dict)
    known: frozenset[int] = frozenset()

    def by_code(self, code: str) -> int | None:
        """The unit with this code or former code, case-insensitively; None unless exactly one."""
        found = self.codes.get(code.strip().upper(), ())
        return found[0] if len(found) == 1 else None

    def descendant_ids(self, pk: int) -> set[int]:
        """The unit and every unit beneath it."""
        return _closure(pk, self.children)

    def lineage_ids(self, pk: int) -> set[int]:
        """The unit and every unit it succeeded, however far back."""
        return _closure(pk, self.predecessors)


def _closure(start: int, edges: dict[int, tuple[int, ...]]) -> set[int]:
    found = {start}
    frontier = [start]
    while frontier:
        frontier = [nxt for pk in frontier for nxt in edges.get(pk, ()) if nxt not in found]
        found.update(frontier)
    return found


def _build() -> UnitGraph:
    codes: dict[str, list[int]] = defaultdict(list)
    children: dict[int, list[int]] = defaultdict(list)
    known = set()
    for pk, code, former_code, parent_id in Unit.objects.values_list(
        "pk", "code", "former_code", "parent_id"
    ):
        known.add(pk)
        for value in {code.upper(), (former_code or "").upper()} - {""}:
            codes[value].append(pk)
        if parent_id:
            children[parent_id].append(pk)
    predecessors: dict[int, list[int]] = defaultdict(list)
    for successor, predecessor in Unit.predecessors.through.objects.values_list("from_unit_id", "to_unit_id"):
        predecessors[successor].append(predecessor)
    return UnitGraph(_frozen(codes), _frozen(children), _frozen(predecessors), frozenset(known))


def _frozen(mapping: dict) -> dict:
    return {key: tuple(values) for key, values in mapping.items()}


def graph() -> UnitGraph:
    found = cache.get(KEY)
    if found is None:
        found = _build()
        cache.set(KEY, found, TTL)
    return found


def forget(**_kwargs) -> None:
    cache.delete(KEY)
    transaction.on_commit(lambda: cache.delete(KEY))
