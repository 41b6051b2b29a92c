"""Wagtail page types: the page tree skeleton (content types come with the content model)."""

from .base import BasePage
from .indexes import (
    CampaignIndexPage,
    ExemplarIndexPage,
    HomePage,
    IndexPage,
    NewsIndexPage,
    UnitFolderPage,
)

__all__ = [
    "BasePage",
    "CampaignIndexPage",
    "ExemplarIndexPage",
    "HomePage",
    "IndexPage",
    "NewsIndexPage",
    "UnitFolderPage",
]
