from .documents import ContentDocument, DocumentKind
from .partners import Partner, PartnerToken

__all__ = ["ContentDocument", "DocumentKind", "Partner", "PartnerToken"]
