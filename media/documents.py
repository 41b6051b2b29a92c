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

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

# Registered by the content model (exemplar_pages/apps.py), which media must not import:
# checks that make a document private whoever links to it (a scanned award decision), and
# places in a page (model paths, e.g. "awards.") whose references never make it public.
_private_checks: list[Callable[[object], bool]] = []
_private_reference_paths: list[str] = []


def register_private_documents(check: Callable[[object], bool], reference_path: str) -> None:
    """Documents for which `check` is true, and references from `reference_path`, stay private."""
    if check not in _private_checks:
        _private_checks.append(check)
    if reference_path not in _private_reference_paths:
        _private_reference_paths.append(reference_path)


def is_always_private(document) -> bool:
    return any(check(document) for check in _private_checks)


def is_public_document(document) -> bool:
    """Whether a live, unrestricted page links to the document (award decisions never count)."""
    if is_always_private(document):
        return False
    page_type = ContentType.objects.get_for_model(Page)
    private_paths = tuple(_private_reference_paths)
    page_ids = {
        int(reference.object_id)
        for reference in ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
        if not reference.model_path.startswith(private_paths)
    }
    return bool(page_ids) and Page.objects.live().public().filter(pk__in=page_ids).exists()


def user_may_read_private(user, document) -> bool:
    """Signed-in editors who may choose or change the document in its collection."""
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], document)
