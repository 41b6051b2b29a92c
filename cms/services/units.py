"""Loading the units directory and the role mapping from the data file in the repository."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from cms.models import Channel, CoordinatingRole, RoleAssignment, Unit
from cms.text import normalize

DEFAULT_UNITS_FILE = Path(__file__).resolve().parent.parent / "data" / "units.json"

# Fields copied from the data file onto Unit as they are.
_PLAIN_FIELDS = (
    "former_code",
    "name",
    "short_name",
    "name_en",
    "short_name_en",
    "level",
    "province",
    "website",
    "source",
    "note",
)
# Filled in on units whose administrators left them blank, even without `update`.
_ENGLISH_FIELDS = ("name_en", "short_name_en")


@dataclass
class LoadReport:
    """What a load did, for the command's output and the tests."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    roles_created: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.roles_created)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _unit_values(row: dict) -> dict:
    values = {name: normalize(row.get(name) or "") for name in _PLAIN_FIELDS}
    values["valid_from"] = _date(row.get("valid_from"))
    values["valid_until"] = _date(row.get("valid_until"))
    values["is_contributing"] = bool(row.get("contributing", True))
    return values


@transaction.atomic
def load_units(path: Path = DEFAULT_UNITS_FILE, *, update: bool = False) -> LoadReport:
    """
    Create the units and roles of the data file that the database lacks.

    Existing records are left as administrators edited them unless `update` is set, in
    which case the file wins. Running it twice changes nothing the second time.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    report = LoadReport()
    rows = data["units"]
    units: dict[str, Unit] = {u.code: u for u in Unit.objects.filter(code__in=[r["code"] for r in rows])}

    fresh: set[str] = set()
    for row in rows:
        code = row["code"]
        values = _unit_values(row)
        unit = units.get(code)
        if unit is None:
            unit = Unit.objects.create(code=code, **values)
            units[code] = unit
            fresh.add(code)
            report.created.append(code)
        elif update and any(getattr(unit, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(unit, key, value)
            unit.save()
            report.updated.append(code)
        elif blank := [k for k in _ENGLISH_FIELDS if values[k] and not getattr(unit, k)]:
            for key in blank:
                setattr(unit, key, values[key])
            unit.save(update_fields=blank)
            report.updated.append(code)

    # Relations once every unit exists: the file may name a unit before its parent.
    for row in rows:
        code = row["code"]
        if code not in fresh and not update:
            continue
        unit = units[code]
        parent = units[row["parent"]] if row.get("parent") else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
            if code not in fresh and code not in report.updated:
                report.updated.append(code)
        wanted = {units[c].pk for c in row.get("predecessors", [])}
        if set(unit.predecessors.values_list("pk", flat=True)) != wanted:
            unit.predecessors.set(wanted)
            if code not in fresh and code not in report.updated:
                report.updated.append(code)

    for role_row in data.get("roles", []):
        role, created = CoordinatingRole.objects.get_or_create(
            code=role_row["code"], defaults={"name": normalize(role_row["name"])}
        )
        if created:
            report.roles_created.append(role.code)
        if not role.assignments.exists():
            for order, assignment in enumerate(role_row.get("assignments", [])):
                RoleAssignment.objects.create(
                    role=role,
                    unit=units[assignment["unit"]],
                    valid_from=_date(assignment.get("valid_from")),
                    valid_until=_date(assignment.get("valid_until")),
                    sort_order=order,
                )
    return report


DEFAULT_CHANNELS_FILE = DEFAULT_UNITS_FILE.with_name("channels.json")


@transaction.atomic
def load_channels(path: Path = DEFAULT_CHANNELS_FILE) -> list[str]:
    """Create the channels the database lacks (codes are stable; names stay as edited)."""
    created = []
    for order, row in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        role = CoordinatingRole.objects.filter(code=row.get("editorial_role") or "").first()
        publisher = CoordinatingRole.objects.filter(code=row.get("publisher_role") or "").first()
        _channel, was_created = Channel.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": normalize(row["name"]),
                "description": normalize(row.get("description", "")),
                "url": row.get("url", ""),
                "is_public": row.get("is_public", False),
                "editorial_role": role,
                "publisher_role": publisher,
                "published_by_unit_head": row.get("published_by_unit_head", False),
                "sort_order": order,
            },
        )
        if was_created:
            created.append(row["code"])
    return created
