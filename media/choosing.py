"""
Which images, documents and clips a user may put into content.

Choosers list only what the user may choose in its collection, but a form field takes any
id: a crafted POST could put another unit's private document (a scanned decision) into
one's own draft, which publication would make public. Page forms check every medium they
reference — foreign keys, inline rows, StreamField blocks and links inside rich text —
against the collection permission `choose`, except what the page already referenced (a
reviewer keeps what the unit chose).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

from .models import VideoClip
from .views import permission_policy as clip_policy

RICH_TEXT_REFERENCES = re.compile(
    r'<(?:a|embed)\b[^>]*?(?:linktype|embedtype)="(document|image)"[^>]*?\bid="(\d+)"'
    r'|<(?:a|embed)\b[^>]*?\bid="(\d+)"[^>]*?(?:linktype|embedtype)="(document|image)"'
)


def media_models() -> dict[str, type[models.Model]]:
    return {"document": get_document_model(), "image": get_image_model(), "clip": VideoClip}


def kind_of(value: Any) -> str | None:
    for kind, model in media_models().items():
        if isinstance(value, model):
            return kind
    return None


def references(value: Any) -> Iterator[tuple[str, int]]:
    """(kind, id) of every medium inside a field's value, however deeply nested."""
    kind = kind_of(value)
    if kind:
        yield kind, value.pk
    elif isinstance(value, RichText):
        yield from rich_text_references(value.source)
    elif isinstance(value, StreamValue):
        for child in value:
            yield from references(child.value)
    elif isinstance(value, (StructValue, dict)):
        for child in value.values():
            yield from references(child)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from references(child)


def rich_text_references(html: str) -> Iterator[tuple[str, int]]:
    for match in RICH_TEXT_REFERENCES.finditer(html or ""):
        kind, pk = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        yield kind, int(pk)


def _foreign_keys(obj: models.Model) -> Iterator[tuple[str, int]]:
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model in media_models().values():
            pk = getattr(obj, field.attname)
            if pk:
                yield kind_of(field.related_model()) or "", pk


def instance_references(instance: models.Model | None) -> set[tuple[str, int]]:
    """What a page (saved, or a revision's) references: its fields and its child rows."""
    found: set[tuple[str, int]] = set()
    if instance is None:
        return found
    found.update(_foreign_keys(instance))
    for field in instance._meta.concrete_fields:
        if not field.is_relation:
            found.update(references(getattr(instance, field.attname, None)))
    for relation in get_all_child_relations(instance):
        for row in getattr(instance, relation.get_accessor_name()).all():
            found.update(_foreign_keys(row))
    return found


def policy_for(kind: str) -> BasePermissionPolicy:
    if kind == "clip":
        return clip_policy
    return policy_registry.get_by_type(media_models()[kind])


def not_choosable(
    user, wanted: Iterable[tuple[str, int]], already: set[tuple[str, int]]
) -> list[tuple[str, int]]:
    """The references the user may not add: neither already there nor choosable by them."""
    new = sorted(set(wanted) - already)
    refused = []
    for kind in {kind for kind, _pk in new}:
        ids = [pk for k, pk in new if k == kind]
        allowed = set(
            policy_for(kind)
            .instances_user_has_any_permission_for(user, ["choose", "change"])
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        refused += [(kind, pk) for pk in ids if pk not in allowed]
    return refused
