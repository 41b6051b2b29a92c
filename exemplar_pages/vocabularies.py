"""Loading the award vocabularies from the data file (idempotent; admin edits are kept)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from cms.text import normalize

from .models import AwardForm, CommendationKind

DEFAULT_AWARDS_FILE = Path(__file__).resolve().parent / "data" / "awards.json"


@transaction.atomic
def load_award_vocabularies(path: Path = DEFAULT_AWARDS_FILE) -> int:
    """Create the award forms and kinds the database lacks; returns how many were created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    for order, row in enumerate(data["award_forms"]):
        _form, was_created = AwardForm.objects.get_or_create(
            name=normalize(row["name"]),
            defaults={"category": row["category"], "applies_to": row["applies_to"], "sort_order": order},
        )
        created += was_created
    for order, row in enumerate(data["commendation_kinds"]):
        _kind, was_created = CommendationKind.objects.get_or_create(
            code=row["code"], defaults={"name": normalize(row["name"]), "sort_order": order}
        )
        created += was_created
    return created
