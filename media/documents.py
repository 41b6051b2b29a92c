"""
Who may read a document through Wagtail's serve view (`/documents/<id>/<name>`).

A document is public only while a live page without view restrictions uses it (a campaign's
attached documents, a document block of a published story). Everything else is private:
scanned award decisions always, and documents that only drafts use. Private documents are
served to signed-in editors who may choose or change them in their collection. With S3 the
object itself is never public: the serve view redirects to a presigned URL that expires
after `AWS_QUERYSTRING_EXPIRE` seconds.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from exemplar_pages.models.awards import Award

# Where pages keep award rows (child relation name): references from there are never public.
PRIVATE_REFERENCE_PATHS = ("awards.",)


def is_award_decision(document) -> bool:
    return Award.objects.filter(decision_document=document).exists()


def is_public_document(document) -> bool:
    """Whether a live, unrestricted page links to the document (award decisions never count)."""
    if is_award_decision(document):
        return False
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(reference.object_id)
        for reference in ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
        if not reference.model_path.startswith(PRIVATE_REFERENCE_PATHS)
    }
    return bool(page_ids) and Page.objects.live().public().filter(pk__in=page_ids).exists()


def user_may_read_private(user, document) -> bool:
    """Signed-in editors who may choose or change the document in its collection."""
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], document)
