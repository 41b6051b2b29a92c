"""
Every admin form and listing answers garbage with a clear answer, never a 500.

The fuzzer walks what the admin registers — every snippet and model viewset (listing,
its search and filters, create and edit forms) and every page type's create and edit
forms — as a superuser and as a unit editor, and posts values no editor would type: a
non-id in choosers, a NUL byte, a number past any id, an impossible date, a huge string.
Field and filter names are read from the forms as the browser would see them, so a field
or filter added later is fuzzed too.
"""

from __future__ import annotations

import contextlib
import os
import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, get_page_models

from tests.factories import UserFactory

GARBAGE = ["không-phải-id", "a\x00b", "9" * 30, "31/02/2024", "x" * 5_000]
SKIPPED_FIELDS = {"csrfmiddlewaretoken", "next"}
MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.S)
FILTER_FORM = re.compile(r"<form[^>]*(?:filters|search)[^>]*>(.*?)</form>", re.S)


@pytest.fixture
def superuser(site_tree):
    return UserFactory(username="fuzz-admin", is_superuser=True, is_staff=True)


@pytest.fixture
def some_content(workflows, make_exemplar, make_campaign, make_news):
    """One page of each content type, so that their edit forms are fuzzed too."""
    return make_exemplar(), make_campaign(), make_news()


def field_names(html: str) -> list[str]:
    return sorted({name for name in FIELD.findall(html) if name not in SKIPPED_FIELDS})


def viewset_urls() -> list[tuple[str, str | None, str | None]]:
    """(listing, add form, edit form of the first object) of every registered model viewset."""
    urls = []
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet) or "Chooser" in type(viewset).__name__:
            continue
        if type(viewset).__module__.startswith("wagtail."):
            continue  # Wagtail's own (users, groups, sites…): the project's forms are the target
        listing = add = edit = None
        for name in ("list", "index"):
            try:
                listing = reverse(viewset.get_url_name(name))
                break
            except NoReverseMatch:
                continue
        with contextlib.suppress(NoReverseMatch):
            add = reverse(viewset.get_url_name("add"))
        first = viewset.model._default_manager.order_by("pk").first()
        if first is not None:
            with contextlib.suppress(NoReverseMatch):
                edit = reverse(viewset.get_url_name("edit"), args=[first.pk])
        urls.append((listing, add, edit))
    return urls


def page_form_urls() -> list[str]:
    """The edit form of one page of each type, and the create form of each type under its parent."""
    urls = []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.filter(locale__language_code="vi").order_by("pk").first()
        if page is None or page.is_root():
            continue
        urls.append(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        parent = page.get_parent()
        if parent is not None and model.can_create_at(parent.specific):
            meta = model._meta
            urls.append(reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]))
    return urls


def fuzz_form(client: Client, url: str, failures: list[str]) -> None:
    print("form", url, flush=True)
    form = client.get(url)
    if form.status_code >= 500:
        failures.append(f"GET {url}: {form.status_code}")
    if form.status_code != 200:
        return
    names = field_names(form.content.decode())
    for value in GARBAGE:
        response = client.post(url, dict.fromkeys(names, value))
        if response.status_code >= 500:
            failures.append(f"POST {url} with {value[:12]!r}: {response.status_code}")


def fuzz_listing(client: Client, url: str, failures: list[str]) -> None:
    listing = client.get(url)
    if listing.status_code >= 500:
        failures.append(f"GET {url}: {listing.status_code}")
    if listing.status_code != 200:
        return
    params = {"q"}
    for form in FILTER_FORM.findall(listing.content.decode()):
        params.update(field_names(form))
    # Each parameter alone with a non-id, then all of them at once with each kind of garbage.
    queries = [{param: GARBAGE[0]} for param in sorted(params)]
    queries += [dict.fromkeys(params, value) for value in GARBAGE]
    for query in queries:
        response = client.get(url, query)
        if response.status_code >= 500:
            value = next(iter(query.values()))
            failures.append(f"GET {url} {sorted(query)} = {value[:12]!r}: {response.status_code}")


def fuzz_admin(user) -> list[str]:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures: list[str] = []
    for listing, add, edit in viewset_urls():
        if listing:
            fuzz_listing(client, listing, failures)
        for url in (add, edit):
            if url:
                fuzz_form(client, url, failures)
    if os.environ.get("ADMIN_FUZZ_PAGES"):
        # Every page type's forms: ~20 minutes on two cores, so by hand (see the README).
        for url in page_form_urls():
            fuzz_form(client, url, failures)
    fuzz_listing(
        client,
        reverse("wagtailadmin_explore", args=[Page.objects.filter(depth=2).order_by("pk").first().pk]),
        failures,
    )
    return failures


@pytest.mark.heavy
def test_no_admin_form_or_listing_answers_garbage_with_a_500_for_a_superuser(superuser, some_content):
    assert fuzz_admin(superuser) == []


@pytest.mark.heavy
def test_no_admin_form_or_listing_answers_garbage_with_a_500_for_a_unit_editor(lam_dong_editor, some_content):
    assert fuzz_admin(lam_dong_editor) == []
