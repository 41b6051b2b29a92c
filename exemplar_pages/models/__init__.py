"""Wagtail page types: exemplars, campaigns, news, their index pages and the award vocabularies."""

from .awards import Award, AwardCategory, AwardForm, AwardStatus, CommendationKind, Recipient
from .base import BasePage
from .campaign import CampaignDocument, CampaignPage, CampaignStatus
from .exemplar import ExemplarKind, ExemplarPage, ExemplarPageTag, RecognitionLevel
from .indexes import (
    CampaignIndexPage,
    ExemplarIndexPage,
    HomePage,
    IndexPage,
    NewsIndexPage,
    UnitFolderPage,
)
from .intake import MailMessage, MailStatus
from .news import NewsPage, NewsPageTag
from .schedule import SCHEDULE_WORKFLOW, WeeklySchedulePage
from .unit_content import PlanPage, UnitNewsPage

__all__ = [
    "SCHEDULE_WORKFLOW",
    "Award",
    "AwardCategory",
    "AwardForm",
    "AwardStatus",
    "BasePage",
    "CampaignDocument",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignStatus",
    "CommendationKind",
    "ExemplarIndexPage",
    "ExemplarKind",
    "ExemplarPage",
    "ExemplarPageTag",
    "HomePage",
    "IndexPage",
    "MailMessage",
    "MailStatus",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PlanPage",
    "Recipient",
    "RecognitionLevel",
    "UnitFolderPage",
    "UnitNewsPage",
    "WeeklySchedulePage",
]
