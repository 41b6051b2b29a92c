"""What editors read is Vietnamese: relative times, the login form, language names."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_last_update, timesince_simple


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (datetime.timedelta(minutes=1), "1\xa0phút"),
        (datetime.timedelta(minutes=2), "2\xa0phút"),
        (datetime.timedelta(hours=3), "3\xa0giờ"),
        (datetime.timedelta(days=2), "2\xa0ngày"),
        (datetime.timedelta(days=15), "2\xa0tuần"),
        (datetime.timedelta(days=65), "2\xa0tháng"),
        (datetime.timedelta(days=800), "2\xa0năm"),
    ],
)
def test_relative_times_read_in_vietnamese(delta, expected):
    with translation.override("vi"):
        assert timesince(timezone.now() - delta).startswith(expected)
        assert timesince_simple(timezone.now() - delta).startswith(f"{expected} trước")


def test_relative_times_of_the_last_update_read_in_vietnamese():
    with translation.override("vi"):
        text = timesince_last_update(timezone.now() - datetime.timedelta(days=2))
    assert "day" not in text and "ngày" in text


@pytest.mark.django_db
def test_the_login_page_has_no_english_label(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    labels = re.findall(r"<label[^>]*>\s*([^<]+?)\s*<", html)
    assert "Password" not in labels and "Mật khẩu" in labels, labels


def test_language_names_read_in_the_readers_language():
    names = dict(settings.LANGUAGES)
    with translation.override("vi"):
        assert (str(names["vi"]), str(names["en"])) == ("Tiếng Việt", "Tiếng Anh")
    with translation.override("en"):
        assert (str(names["vi"]), str(names["en"])) == ("Vietnamese", "English")
