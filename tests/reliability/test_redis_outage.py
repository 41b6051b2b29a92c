"""
Redis stopped mid-run under a live gunicorn: the content API, the public site and the admin
keep answering (caching degrades to misses, nothing errors), an editor saves and a proposal is
approved to publication; the API's reads fail open, the public comment form fails closed
(content_api.ratelimit says why); /readyz is red until Redis is back, then green.
"""

from __future__ import annotations

import pytest
import requests

from engagement.models import Comment
from tests.fixtures.reliability import database_url
from tests.helpers.load import API, Editor, Recorder
from tests.helpers.servers import Gunicorn, server_env, wait_until
from tests.helpers.voice import comment_data

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def test_the_api_the_site_and_the_admin_keep_answering_while_redis_is_stopped(
    postgres, servers, own_redis, editorial_line, make_exemplar, make_partner
):
    exemplar = make_exemplar("Nguyễn Văn Đức")
    _partner, _token, key = make_partner(channel_codes=("public",), rate_limit=1000)
    server = Gunicorn(
        server_env(database_url(), own_redis.url, CONTENT_API_ANON_RATE_LIMIT="5"), servers.logs
    )
    server.start()
    servers.callback(server.stop)
    base = server.base
    editor = Editor(
        base,
        editorial_line["editors"][0].username,
        editorial_line["unit"],
        editorial_line["folder"],
        editorial_line["award_form"],
        Recorder(),
    )
    editor.sign_in(editorial_line)
    assert editor.save(editor.session)
    partner = {"Authorization": f"Bearer {key}"}

    def pages() -> dict[str, int]:
        return {
            "api list": requests.get(f"{base}{API}/exemplars/", timeout=30).status_code,
            "api partner": requests.get(
                f"{base}{API}/exemplars/{exemplar.pk}/", headers=partner, timeout=30
            ).status_code,
            "public page": requests.get(base + exemplar.url, timeout=30).status_code,
            "admin home": editor.session.get("/admin/").status_code,
            "admin edit": editor.session.get(f"/admin/pages/{editor.page_id}/edit/").status_code,
        }

    assert set(pages().values()) == {200}
    # With Redis, the anonymous limit (5 a minute here) applies.
    assert 429 in [requests.get(f"{base}{API}/units/", timeout=30).status_code for _ in range(6)]

    own_redis.stop()
    ready = requests.get(f"{base}/readyz", timeout=30)
    assert ready.status_code == 503 and ready.json()["checks"]["cache"]["ok"] is False
    for _ in range(3):  # past the anonymous limit: reads fail open
        assert set(pages().values()) == {200}
    assert editor.save(editor.session)
    assert editor.save(editor.session, submit=True)
    assert editor.approve(editor.reviewers), editor.refused
    published = requests.get(f"{base}{API}/exemplars/{editor.page_id}/", timeout=30)
    assert published.status_code == 200 and published.json()["title"] == editor.saved[-1]
    comment = requests.post(
        f"{base}/binh-luan/{exemplar.pk}/",
        data=comment_data(exemplar.pk),
        headers={"Origin": base},
        timeout=30,
        allow_redirects=False,
    )
    assert comment.status_code == 503
    assert "Hệ thống tạm thời chưa nhận được nội dung gửi. Vui lòng thử lại sau ít phút." in comment.text
    assert not Comment.objects.exists()
    assert not [a for a in editor.recorder.of() if a.status >= 500 or a.status == 0]

    own_redis.start()
    wait_until(
        "/readyz to go green", lambda: requests.get(f"{base}/readyz", timeout=30).status_code == 200, 30
    )
    assert set(pages().values()) == {200}
    comment = requests.post(
        f"{base}/binh-luan/{exemplar.pk}/",
        data=comment_data(exemplar.pk),
        headers={"Origin": base},
        timeout=30,
        allow_redirects=False,
    )
    assert comment.status_code == 303 and Comment.objects.count() == 1
