"""Loading the award vocabularies from the data file (idempotent; admin edits are kept)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

from cms.text import normalize

from .models import AwardForm, CommendationKind
from .models.awards import VocabularyEntry

DEFAULT_AWARDS_FILE = Path(__file__).resolve().parent / "data" / "awards.json"


def _translations(model: type[VocabularyEntry], rows: list[tuple[VocabularyEntry, dict]]) -> int:
    """Create the translations (`name_en`… in the file) the entries still lack, in one insert."""
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk))
    existing = set(model.objects.values_list("translation_key", "locale_id"))
    missing = []
    for entry, row in rows:
        for locale in locales:
            name = row.get(f"name_{locale.language_code}")
            if name and (entry.translation_key, locale.pk) not in existing:
                translation = entry.copy_for_translation(locale)
                translation.name = normalize(name)
                missing.append(translation)
    model.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def load_award_vocabularies(path: Path = DEFAULT_AWARDS_FILE) -> int:
    """
    Create the award forms and kinds the database lacks, in Vietnamese and as translations
    into the other content locales that exist; returns how many rows were created.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    default = Locale.get_default()
    created = 0
    forms = []
    for order, row in enumerate(data["award_forms"]):
        form, was_created = AwardForm.objects.get_or_create(
            locale=default,
            name=normalize(row["name"]),
            defaults={"category": row["category"], "applies_to": row["applies_to"], "sort_order": order},
        )
        forms.append((form, row))
        created += was_created
    kinds = []
    for order, row in enumerate(data["commendation_kinds"]):
        kind, was_created = CommendationKind.objects.get_or_create(
            locale=default, code=row["code"], defaults={"name": normalize(row["name"]), "sort_order": order}
        )
        kinds.append((kind, row))
        created += was_created
    # Entries replaced by finer ones (e.g. one "Huân chương Quân công" for its three classes)
    # are deactivated, never deleted: award rows recorded with them keep pointing at them.
    retired = [normalize(name) for name in data.get("retired_award_forms", [])]
    AwardForm.objects.filter(name__in=retired, is_active=True).update(is_active=False)
    return created + _translations(AwardForm, forms) + _translations(CommendationKind, kinds)
