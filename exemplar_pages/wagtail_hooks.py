"""Admin registrations of the page types and vocabularies."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import CampaignListingViewSet, ExemplarListingViewSet, NewsListingViewSet, VocabularyGroup

register_snippet(VocabularyGroup)


@hooks.register("register_admin_viewset")
def register_page_listings():
    return [
        ExemplarListingViewSet("exemplars"),
        CampaignListingViewSet("campaigns"),
        NewsListingViewSet("news"),
    ]
