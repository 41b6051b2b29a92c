"""The published projection the content API reads."""

from .documents import ChangeType, ContentDocument, DocumentKind

__all__ = ["ChangeType", "ContentDocument", "DocumentKind"]
