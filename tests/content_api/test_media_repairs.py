"""
A document published while the media store failed is noted and re-projected by itself:
with a pause that doubles up to a ceiling, through a deferred task where the backend defers
and the scheduler's every-minute job everywhere, until its media are back.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.images.models import AbstractImage

from content_api.models import MediaRepair
from content_api.repairs import backoff
from content_api.tasks import repair_document_media
from tests.helpers.api import API
from tests.helpers.files import make_image


@contextmanager
def store_down():
    """Every rendition asked of the store fails as an unreachable S3 would (an OSError)."""
    with mock.patch.object(AbstractImage, "get_renditions", side_effect=OSError("store unreachable")):
        yield


@pytest.fixture
def published_while_down(make_exemplar):
    portrait = make_image()
    with store_down():
        page = make_exemplar(portrait=portrait)
    return page


def repair_job() -> None:
    call_command("repair_content_media", stdout=io.StringIO())


def test_a_document_published_while_the_store_fails_is_noted_with_what_it_lacks(published_while_down):
    repair = MediaRepair.objects.get(pk=published_while_down.pk)
    assert repair.left_out == [f"image {published_while_down.portrait_id}"]
    assert repair.attempts == 1
    assert repair.retry_at - repair.first_failed_at == timedelta(seconds=60)


def test_the_job_leaves_a_document_alone_until_its_time_has_come(api, published_while_down):
    repair_job()
    assert MediaRepair.objects.get(pk=published_while_down.pk).attempts == 1
    assert api.get(f"{API}/exemplars/{published_while_down.pk}/").json()["portrait"] is None


def test_the_job_puts_the_media_back_once_the_store_answers(api, published_while_down):
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        repair_job()
    assert not MediaRepair.objects.exists()
    portrait = api.get(f"{API}/exemplars/{published_while_down.pk}/").json()["portrait"]
    assert portrait["renditions"]["thumbnail"]["url"]


def test_each_failed_attempt_doubles_the_pause_up_to_the_ceiling(published_while_down, settings):
    settings.CONTENT_MEDIA_RETRY_MAX_SECONDS = 300
    pauses = []
    for _ in range(4):
        repair = MediaRepair.objects.get(pk=published_while_down.pk)
        with store_down(), time_machine.travel(repair.retry_at + timedelta(seconds=1), tick=False):
            repair_job()
            after = MediaRepair.objects.get(pk=published_while_down.pk)
            pauses.append(int((after.retry_at - timezone.now()).total_seconds()))
    assert pauses == [120, 240, 300, 300]
    assert MediaRepair.objects.get(pk=published_while_down.pk).attempts == 5


def test_the_pause_starts_from_the_setting(settings):
    settings.CONTENT_MEDIA_RETRY_SECONDS = 10
    settings.CONTENT_MEDIA_RETRY_MAX_SECONDS = 3600
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [10, 20, 40]


def test_republishing_with_the_store_back_forgets_the_note(published_while_down):
    published_while_down.save_revision().publish()
    assert not MediaRepair.objects.exists()


def test_unpublishing_forgets_the_note(published_while_down):
    published_while_down.unpublish()
    assert not MediaRepair.objects.exists()


def test_a_backend_that_defers_gets_a_task_for_the_next_attempt(make_exemplar, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the database task backend is the production one, on PostgreSQL")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    portrait = make_image()
    with store_down(), mock.patch("content_api.repairs.transaction.on_commit", lambda call: call()):
        page = make_exemplar(portrait=portrait)
    repair = MediaRepair.objects.get(pk=page.pk)
    queued = DBTaskResult.objects.get(task_path="content_api.tasks.repair_document_media")
    assert queued.args_kwargs["args"] == [page.pk]
    assert queued.run_after == repair.retry_at


def test_the_task_repairs_once_its_time_has_come(api, published_while_down):
    assert repair_document_media.call(published_while_down.pk) is None  # too early: nothing done
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert repair_document_media.call(published_while_down.pk) is True
    assert api.get(f"{API}/exemplars/{published_while_down.pk}/").json()["portrait"] is not None
