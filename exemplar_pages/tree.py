"""Creating the page tree skeleton idempotently: root, indexes and one folder per unit."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cms.models import Unit

from .models import CampaignIndexPage, ExemplarIndexPage, HomePage, NewsIndexPage, UnitFolderPage

INDEXES = (
    (ExemplarIndexPage, "Gương điển hình tiên tiến", "guong-dien-hinh"),
    (CampaignIndexPage, "Phong trào thi đua", "phong-trao-thi-dua"),
    (NewsIndexPage, "Tin bài", "tin-bai"),
)


@dataclass
class PageTree:
    """The skeleton pages, for the callers that grant permissions on them."""

    home: HomePage
    exemplars: ExemplarIndexPage
    campaigns: CampaignIndexPage
    news: NewsIndexPage


def ensure_locales() -> None:
    """A Locale for every content language (Vietnamese is created by Wagtail's migrations)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _ensure_roots() -> Page:
    """
    The tree roots that Wagtail's initial migrations create; recreated if a database was
    flushed (Django's flush keeps content types and permissions, not data migrations).
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=Locale.get_default())
    return root


def _ensure_home() -> HomePage:
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        root = _ensure_roots()
        home = root.add_child(instance=HomePage(title=settings.WAGTAIL_SITE_NAME, slug="trang-chu"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        # Wagtail's "Welcome" placeholder from its initial migration has no further use.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def _ensure_index(home: HomePage, model: type[Page], title: str, slug: str) -> Page:
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    return home.add_child(instance=model(title=title, slug=slug))


def existing_page_tree() -> PageTree:
    """The skeleton pages of the source locale, as `ensure_page_tree` made them."""
    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    exemplars, campaigns, news = (model.objects.child_of(home).get() for model, _t, _s in INDEXES)
    return PageTree(home=home, exemplars=exemplars, campaigns=campaigns, news=news)


@transaction.atomic
def ensure_page_tree() -> PageTree:
    """Create what is missing; never touch what editors have changed."""
    ensure_locales()
    home = _ensure_home()
    exemplars, campaigns, news = (_ensure_index(home, *spec) for spec in INDEXES)
    return PageTree(home=home, exemplars=exemplars, campaigns=campaigns, news=news)


@transaction.atomic
def ensure_unit_folders(exemplars: ExemplarIndexPage) -> dict[int, UnitFolderPage]:
    """A folder under the exemplar index for every contributing unit, keyed by unit id."""
    folders = {f.unit_id: f for f in UnitFolderPage.objects.child_of(exemplars)}
    for unit in Unit.objects.filter(is_contributing=True).exclude(pk__in=folders.keys()).order_by("pk"):
        folders[unit.pk] = exemplars.add_child(
            instance=UnitFolderPage(title=unit.short_name, slug=unit.code.lower(), unit=unit)
        )
    return folders
