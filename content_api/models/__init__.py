"""The published projection the content API reads."""

from .documents import ChangeType, ContentDocument, DocumentKind
from .repairs import MediaRepair

__all__ = ["ChangeType", "ContentDocument", "DocumentKind", "MediaRepair"]
