"""Admin registrations of the page types and vocabularies."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.models import RoleCode

from .dashboard import ProposePanel, folders_to_propose_in
from .mail_admin import MailMessageViewSet
from .on_behalf import tell_the_head
from .viewsets import CampaignListingViewSet, ExemplarListingViewSet, NewsListingViewSet, VocabularyGroup

register_snippet(VocabularyGroup)
register_snippet(MailMessageViewSet)


@hooks.register("register_admin_viewset")
def register_page_listings():
    return [
        ExemplarListingViewSet("exemplars"),
        CampaignListingViewSet("campaigns"),
        NewsListingViewSet("news"),
    ]


VOCABULARY_PERMISSIONS = (
    "exemplar_pages.add_awardform",
    "exemplar_pages.change_awardform",
    "exemplar_pages.view_awardform",
    "exemplar_pages.add_commendationkind",
    "exemplar_pages.change_commendationkind",
    "exemplar_pages.view_commendationkind",
)


@hooks.register("register_role_permissions")
def role_permissions():
    """Emulation & rewards verifies exemplars and handles mail; it and the Office keep the vocabularies."""
    return {
        RoleCode.EMULATION_REWARDS: (
            "exemplar_pages.verify_exemplarpage",
            *VOCABULARY_PERMISSIONS,
            # The quarantine of proposals by mail: assign to a unit or discard.
            "exemplar_pages.view_mailmessage",
            "exemplar_pages.change_mailmessage",
        ),
        RoleCode.OFFICE: VOCABULARY_PERMISSIONS,
    }


@hooks.register("after_create_page")
def tell_the_head_of_content_filed_on_behalf(request, page) -> None:
    tell_the_head(page.specific)


@hooks.register("construct_homepage_panels")
def add_propose_panel(request, panels) -> None:
    folders = folders_to_propose_in(request.user)
    if folders:
        panels.insert(0, ProposePanel(folders))
