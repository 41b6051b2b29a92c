"""
Load through a real HTTP server: 20 API readers and 5 editors saving, submitting and having
their pages approved to publication, for RELIABILITY_LOAD_SECONDS (60), on gunicorn over
loopback. No 5xx, no request without an answer, and every draft the server acknowledged is a
revision in the database. The figures are printed (pytest -s, or the report of a failure).
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from wagtail.models import Revision

from exemplar_pages.models import ExemplarPage
from tests.fixtures.reliability import database_url
from tests.helpers.load import API, CLIENT_TIMEOUT, Editor, Recorder, print_figures, read_api
from tests.helpers.servers import Gunicorn, server_env

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

SECONDS = float(os.environ.get("RELIABILITY_LOAD_SECONDS", "60"))
READERS, EDITORS = 20, 5
WORKERS = 5


def test_twenty_readers_and_five_editors_for_a_minute_get_no_error_and_lose_no_edit(
    postgres, servers, own_redis, editorial_line, make_exemplar, make_partner
):
    published = [make_exemplar(f"Gương đọc {n}") for n in range(3)]
    _partner, _token, key = make_partner(channel_codes=("public",), rate_limit=10_000_000)
    env = server_env(database_url(), own_redis.url, CONTENT_API_ANON_RATE_LIMIT="10000000")
    server = Gunicorn(env, servers.logs, workers=WORKERS, timeout=60)
    servers.callback(server.stop)  # registered first: a failed start is stopped too
    server.start()
    print(f"gunicorn ready after {server.ready_after:.1f} s")

    recorder, stop = Recorder(), threading.Event()
    paths = [
        f"{API}/exemplars/?limit=20",
        *(f"{API}/exemplars/{page.pk}/" for page in published),
        f"{API}/units/?limit=50",
        f"{API}/news/",
        f"{API}/exemplars/?search=g%C6%B0%C6%A1ng",
    ]
    threads = [
        threading.Thread(
            target=read_api,
            args=(
                server.base,
                paths[n % len(paths) :] + paths[: n % len(paths)],
                {"Authorization": f"Bearer {key}"} if n % 2 else {},
                recorder,
                stop,
            ),
        )
        for n in range(READERS)
    ]
    editors = [
        Editor(
            server.base,
            user.username,
            editorial_line["unit"],
            editorial_line["folder"],
            editorial_line["award_form"],
            recorder,
        )
        for user in editorial_line["editors"]
    ]
    signing_in = [threading.Thread(target=editor.sign_in, args=(editorial_line,)) for editor in editors]
    for thread in signing_in:
        thread.start()
    for thread in signing_in:
        thread.join(180)
    threads += [threading.Thread(target=editor.work, args=(stop,)) for editor in editors]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(CLIENT_TIMEOUT + 30)
    elapsed = time.monotonic() - started

    print_figures(
        f"Load: {READERS} API readers, {EDITORS} editors on gunicorn ({WORKERS} sync workers)",
        recorder,
        elapsed,
        ("reads", ("read",)),
        ("saves", ("save",)),
        ("approvals", ("review", "approve")),
        ("all", ()),
    )
    saved = sum(len(editor.saved) for editor in editors)
    print(f"  drafts saved {saved}, publications {sum(e.published for e in editors)}")

    assert not any(thread.is_alive() for thread in threads), "a client is still waiting for an answer"
    failures = [a for a in recorder.of() if a.status >= 500 or a.status == 0]
    assert not failures, failures[:5]
    assert not [a for a in recorder.of("read") if a.status != 200]
    assert not [editor.refused for editor in editors if editor.refused]
    assert saved >= EDITORS and all(editor.page_id for editor in editors)
    for editor in editors:
        titles = {
            revision.content["title"]
            for revision in Revision.page_revisions.filter(object_id=str(editor.page_id))
        }
        assert not set(editor.saved) - titles, f"{editor.username} lost edits"
        page = ExemplarPage.objects.get(pk=editor.page_id)
        assert page.draft_title == editor.saved[-1]
