from .comments import Comment, CommentDigest, CommentModeration, CommentStatus
from .consultations import Consultation, ConsultationView, Nominee, Opinion

__all__ = [
    "Comment",
    "CommentDigest",
    "CommentModeration",
    "CommentStatus",
    "Consultation",
    "ConsultationView",
    "Nominee",
    "Opinion",
]
