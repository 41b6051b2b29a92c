"""
After a restore: does every file the database names exist in the media store?

Walks every FileField (images and their renditions, documents, video clips, captions) of every
installed model, and looks each name up in the field's own storage: on S3 by listing the
bucket's keys once per storage (one request per 1,000 objects, not one per file), elsewhere by
`storage.exists`. Used by `manage.py check_media_store` (README, "Backups and restore").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models


@dataclass
class FieldReport:
    label: str
    checked: int = 0
    missing: list[str] = field(default_factory=list)


def file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                yield model, model_field


class StoreIndex:
    """Which names exist in a storage; S3 storages are listed once and remembered."""

    def __init__(self):
        self._listed: dict[int, set[str]] = {}

    def _keys(self, storage) -> set[str] | None:
        bucket = getattr(storage, "bucket", None) if getattr(storage, "bucket_name", None) else None
        if bucket is None:
            return None
        if id(storage) not in self._listed:
            prefix = f"{storage.location.strip('/')}/" if storage.location else ""
            self._listed[id(storage)] = {
                obj.key.removeprefix(prefix) for obj in bucket.objects.filter(Prefix=prefix)
            }
        return self._listed[id(storage)]

    def exists(self, storage, name: str) -> bool:
        keys = self._keys(storage)
        return name in keys if keys is not None else storage.exists(name)


def check_media(limit_missing: int = 1000) -> list[FieldReport]:
    index = StoreIndex()
    reports = []
    for model, model_field in file_fields():
        report = FieldReport(f"{model._meta.label}.{model_field.name}")
        names = (
            model._default_manager.exclude(**{model_field.name: ""})
            .exclude(**{f"{model_field.name}__isnull": True})
            .values_list("pk", model_field.name)
            .iterator()
        )
        for pk, name in names:
            report.checked += 1
            if not index.exists(model_field.storage, name) and len(report.missing) < limit_missing:
                report.missing.append(f"{pk}: {name}")
        reports.append(report)
    return reports
