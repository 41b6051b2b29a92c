"""
The units' hierarchy and lineage as plain ids, kept in the shared cache.

Filters by unit ("the unit and everything beneath it") and unit pages ("its exemplars and
those of the units it succeeded") walk the tree and the mergers of 2025 one level per query.
The directory changes a few times a year, so the whole graph — a few ints per unit — is
built in two queries, kept in the shared cache, and cleared whenever a unit or its
predecessors change (at once and again when the transaction commits).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from .models import Unit

KEY = "cms:unit-graph:v2"
TTL = 24 * 3600


@dataclass(frozen=True)
class UnitGraph:
    codes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    children: dict[int, tuple[int, ...]] = field(default_factory=dict)
    predecessors: dict[int, tuple[int, ...]] = field(default_factory=dict)
    known: frozenset[int] = frozenset()
    successors: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # (valid_from, valid_until) of the units that have either; others are valid at any date.
    validity: dict[int, tuple[datetime.date | None, datetime.date | None]] = field(default_factory=dict)
    # (name, short_name, name_en, short_name_en) of every unit, to name a successor without a query.
    names: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)

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

    def is_valid_on(self, pk: int, day: datetime.date) -> bool:
        start, end = self.validity.get(pk, (None, None))
        return (start is None or start <= day) and (end is None or day <= end)

    def ended(self, pk: int, day: datetime.date) -> datetime.date | None:
        """The unit's last day when it has ended by `day`, else None."""
        end = self.validity.get(pk, (None, None))[1]
        return end if end is not None and end < day else None

    def current_successors(self, pk: int, day: datetime.date) -> list[int]:
        """What an ended unit became: the units valid on `day` reached by following successors
        (as Unit.successors_on does, without a query)."""
        found: list[int] = []
        seen = {pk}
        frontier = list(self.successors.get(pk, ()))
        while frontier:
            current = frontier.pop(0)
            if current in seen:
                continue
            seen.add(current)
            if self.is_valid_on(current, day):
                found.append(current)
            else:
                frontier.extend(self.successors.get(current, ()))
        return found

    def name_of(self, pk: int, language: str = "vi", short: bool = False) -> str:
        """The unit's (short) name in `language` where it has an official one, else Vietnamese."""
        name, short_name, name_en, short_name_en = self.names.get(pk, ("", "", "", ""))
        if language == "en" and name_en:
            return (short_name_en or name_en) if short else name_en
        return short_name if short else name


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
    validity, names = {}, {}
    for (
        pk,
        code,
        former_code,
        parent_id,
        start,
        end,
        name,
        short_name,
        name_en,
        short_name_en,
    ) in Unit.objects.values_list(
        "pk",
        "code",
        "former_code",
        "parent_id",
        "valid_from",
        "valid_until",
        "name",
        "short_name",
        "name_en",
        "short_name_en",
    ):
        known.add(pk)
        names[pk] = (name, short_name, name_en or "", short_name_en or "")
        if start or end:
            validity[pk] = (start, end)
        for value in {code.upper(), (former_code or "").upper()} - {""}:
            codes[value].append(pk)
        if parent_id:
            children[parent_id].append(pk)
    predecessors: dict[int, list[int]] = defaultdict(list)
    successors: dict[int, list[int]] = defaultdict(list)
    for successor, predecessor in Unit.predecessors.through.objects.values_list("from_unit_id", "to_unit_id"):
        predecessors[successor].append(predecessor)
        successors[predecessor].append(successor)
    return UnitGraph(
        _frozen(codes),
        _frozen(children),
        _frozen(predecessors),
        frozenset(known),
        _frozen(successors),
        validity,
        names,
    )


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
