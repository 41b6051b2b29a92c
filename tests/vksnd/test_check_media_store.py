"""check_media_store: a restored database checked against the media store, local or S3."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.helpers.files import make_image


def run() -> str:
    out = io.StringIO()
    call_command("check_media_store", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_store_holding_every_file_passes(media_storage):
    image = make_image()
    image.get_rendition("fill-100x100")
    output = run()
    assert "wagtailimages.Image.file: 1 files, OK" in output
    assert "wagtailimages.Rendition.file: 1 files, OK" in output
    assert "All 2 files named by the database are in the media store." in output


@pytest.mark.django_db
def test_a_file_missing_from_the_store_fails_naming_it(media_storage):
    kept = make_image()
    lost = make_image()
    lost.file.storage.delete(lost.file.name)
    with pytest.raises(CommandError, match="1 of 2 files named by the database are not in the media store"):
        out = io.StringIO()
        call_command("check_media_store", stdout=out)
    assert f"missing {lost.pk}: {lost.file.name}" in out.getvalue()
    assert kept.file.name not in out.getvalue()


@pytest.mark.django_db
def test_on_s3_the_bucket_is_listed_not_asked_per_file(s3, monkeypatch):
    for _ in range(3):
        make_image()
    from storages.backends.s3 import S3Storage

    def no_head(self, name):
        raise AssertionError("exists() called: one HEAD per file")

    monkeypatch.setattr(S3Storage, "exists", no_head)
    assert "wagtailimages.Image.file: 3 files, OK" in run()
