"""
S3 unavailable during an upload or a publish, then back: the editor got the Vietnamese
"store unavailable" answer, nothing of the failed attempt is left (no image row, no object in
the bucket), and the same upload sent again succeeds; a publication made while S3 was down
shows its portrait again by itself (the scheduler's `repair_content_media`), or at once after
`rebuild_content_documents`.
"""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer
from wagtail.images import get_image_model

from content_api.models import MediaRepair
from media.middleware import STORAGE_UNAVAILABLE
from tests.fixtures.s3 import start_server, stop_server, use_s3
from tests.helpers.files import image_bytes
from vksnd.scheduler import DEFAULT_JOBS, Scheduler

Image = get_image_model()
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def restartable_s3(settings, monkeypatch):
    """A moto server of the test's own that can stop and start again on the same port (moto keeps
    its buckets in this process, so the bucket is still there when it is back)."""
    server, endpoint = start_server()
    s3 = use_s3(settings, monkeypatch, endpoint)
    host, port = server.get_host_and_port()
    state = {"server": server}

    def stop() -> None:
        if state["server"] is not None:
            stop_server(state["server"])
            state["server"] = None

    def start() -> None:
        state["server"] = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
        state["server"].start()

    s3.stop, s3.start = stop, start
    yield s3
    stop()


def upload(client, collection) -> object:
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("chan-dung.jpg", image_bytes()), "collection": collection.pk},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )


def test_an_upload_that_fails_while_s3_is_down_leaves_nothing_and_succeeds_when_sent_again(
    restartable_s3, client, lam_dong_editor, lam_dong
):
    client.force_login(lam_dong_editor)
    restartable_s3.stop()
    failed = upload(client, lam_dong.collection)
    assert failed.status_code == 503
    assert failed.json() == {"success": False, "error_message": str(STORAGE_UNAVAILABLE)}
    assert not Image.objects.exists()

    restartable_s3.start()
    assert restartable_s3.keys() == []  # nothing half-stored by the failed attempt
    again = upload(client, lam_dong.collection)
    assert again.status_code == 200 and again.json()["success"], again.content[:300]
    image = Image.objects.get()
    assert f"private/{image.file.name}" in restartable_s3.keys("private/")


def test_an_upload_cut_off_after_the_file_was_stored_is_whole_and_gets_its_thumbnails_later(
    restartable_s3, client, lam_dong_editor, lam_dong
):
    """S3 stops right after it took the original: the image is whole (row and object), only its
    thumbnails wait, and they are made once S3 answers again."""
    client.force_login(lam_dong_editor)
    storage = storages["default"]
    original_save = type(storage)._save

    def save_then_fail(self, name, content):
        stored = original_save(self, name, content)
        restartable_s3.stop()
        return stored

    with mock.patch.object(type(storage), "_save", save_then_fail):
        answer = upload(client, lam_dong.collection)
    assert answer.status_code == 200 and answer.json()["success"]
    image = Image.objects.get()
    assert not image.renditions.exists()
    restartable_s3.start()
    assert restartable_s3.keys("private/original_images/") == [f"private/{image.file.name}"]
    rendition = image.get_rendition("max-165x165")
    assert f"public/{rendition.file.name}" in restartable_s3.keys("public/")


def publish_while_s3_is_down(s3, folder, unit, channel):
    from exemplar_pages.models import ExemplarPage
    from tests.helpers.files import make_image

    portrait = make_image()
    page = ExemplarPage(
        title="Nguyễn Văn Đức (dữ liệu mẫu)",
        unit=unit,
        achievement_period="2021 - 2024",
        achievements=[("achievement", "Hoàn thành xuất sắc nhiệm vụ")],
        lead="Một tấm gương tiêu biểu.",
        portrait=portrait,
        live=False,
    )
    folder.add_child(instance=page)
    page.channels.set([channel])
    portrait.renditions.all().delete()  # none made yet: the projection must ask the store
    s3.stop()
    page.save_revision().publish()
    down = Client().get(f"/api/content/v1/exemplars/{page.pk}/")
    assert down.status_code == 200 and down.json()["portrait"] is None
    s3.start()
    return page


def test_a_portrait_left_out_of_a_publication_made_while_s3_was_down_is_restored_by_the_rebuild(
    restartable_s3, lam_dong_folder, lam_dong, public_channel
):
    """The retry media/renditions.py documents: `manage.py rebuild_content_documents`."""
    page = publish_while_s3_is_down(restartable_s3, lam_dong_folder, lam_dong, public_channel)
    call_command("rebuild_content_documents", stdout=io.StringIO())
    back = Client().get(f"/api/content/v1/exemplars/{page.pk}/")
    assert back.status_code == 200 and back.json()["portrait"]["renditions"]["thumbnail"]["url"]


def test_a_portrait_left_out_while_s3_was_down_comes_back_without_an_operator(
    restartable_s3, lam_dong_folder, lam_dong, public_channel
):
    """The scheduler's every-minute job re-projects the document once its pause has passed."""
    page = publish_while_s3_is_down(restartable_s3, lam_dong_folder, lam_dong, public_channel)
    repair = MediaRepair.objects.get(pk=page.pk)
    assert repair.left_out == [f"image {page.portrait_id}"]
    job = next(job for job in DEFAULT_JOBS if job.command == "repair_content_media")
    with time_machine.travel(repair.retry_at + timedelta(seconds=1)):
        assert Scheduler(jobs=[job]).tick() == [job.name]
    back = Client().get(f"/api/content/v1/exemplars/{page.pk}/")
    assert back.json()["portrait"]["renditions"]["thumbnail"]["url"]
    assert not MediaRepair.objects.exists()
