from .comments import Comment, CommentModeration, CommentStatus
from .consultations import Consultation, ConsultationView, Nominee, Opinion

__all__ = [
    "Comment",
    "CommentModeration",
    "CommentStatus",
    "Consultation",
    "ConsultationView",
    "Nominee",
    "Opinion",
]
