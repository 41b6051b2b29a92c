"""
The admin fuzzer: walks what the admin registers — every project snippet and model viewset
(listing, its search and filters, create and edit forms), with ADMIN_FUZZ_PAGES every page
type's create and edit forms too — and posts values no editor would type: a non-id in
choosers, a NUL byte, a number past any id, an impossible date, a huge string. Field and
filter names are read from the forms as the browser would see them, so a field or filter
added later is fuzzed too. Returns what answered with a 5xx.
"""

from __future__ import annotations

import contextlib
import os
import re

from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, get_page_models

GARBAGE = ["không-phải-id", "a\x00b", "9" * 30, "31/02/2024", "x" * 5_000]
# In the suite two kinds per field (every kind is used across the fields); by hand, every
# kind for every field: ADMIN_FUZZ_FULL=1 (README, "Kiểm thử").
FORM_POSTS = len(GARBAGE) if os.environ.get("ADMIN_FUZZ_FULL") else 2
SKIPPED_FIELDS = {"csrfmiddlewaretoken", "next"}
MANAGEMENT = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.S)
FILTER_FORM = re.compile(r"<form[^>]*(?:filters|search)[^>]*>(.*?)</form>", re.S)


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
    # Each post gives every field a kind of garbage, turning the kinds round from one post to
    # the next: after FORM_POSTS posts each field has had that many of them.
    for turn in range(FORM_POSTS):
        data = {name: GARBAGE[(n + turn) % len(GARBAGE)] for n, name in enumerate(names)}
        response = client.post(url, data)
        if response.status_code >= 500:
            failures.append(f"POST {url} (turn {turn}): {response.status_code}")


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
