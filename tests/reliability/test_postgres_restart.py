"""
PostgreSQL restarted under load: a throwaway cluster of the test's own (never the shared
server), holding a pg_dump copy of the test's database, serves a gunicorn with persistent
connections (DATABASE_CONN_MAX_AGE, CONN_HEALTH_CHECKS) while readers and editors work. The
requests in flight during the restart fail cleanly (a 5xx answer, problem+json from the API,
no hang), every request sent after it succeeds, no acknowledged edit is lost and nothing is
left half-written.
"""

from __future__ import annotations

import subprocess
import threading
import time

import psycopg
import pytest

from tests.fixtures.reliability import database_url
from tests.helpers.load import API, Editor, Recorder, half_written, print_figures, read_api, revision_titles
from tests.helpers.servers import Gunicorn, PostgresCluster, server_env

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

BEFORE, AFTER = 8.0, 10.0  # seconds of load before and after the restart


def cluster_with_a_copy(servers) -> PostgresCluster:
    """A cluster, started, with a copy of this test's database (as committed now) named `vksnd`."""
    cluster = PostgresCluster()
    servers.callback(cluster.close)
    cluster.init()
    cluster.start()
    dump = cluster.home / "copy.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", database_url()], check=True, timeout=300)
    with psycopg.connect(cluster.database_url("postgres"), autocommit=True) as connection:
        connection.execute('CREATE DATABASE "vksnd"')
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={cluster.database_url('vksnd')}",
            str(dump),
        ],
        check=True,
        timeout=300,
    )
    return cluster


def test_a_postgresql_restart_under_load_fails_only_the_requests_in_flight_and_leaves_nothing_half_written(
    postgres, servers, own_redis, editorial_line, make_exemplar
):
    readable = make_exemplar("Gương đọc")
    cluster = cluster_with_a_copy(servers)
    env = server_env(
        cluster.database_url("vksnd"),
        own_redis.url,
        DATABASE_CONN_MAX_AGE="60",
        CONTENT_API_ANON_RATE_LIMIT="1000000",
    )
    server = Gunicorn(env, servers.logs, workers=3, timeout=60)
    server.start()
    servers.callback(server.stop)
    recorder, stop = Recorder(), threading.Event()
    paths = [f"{API}/exemplars/?limit=20", f"{API}/exemplars/{readable.pk}/", f"{API}/units/?limit=20"]
    threads = [
        threading.Thread(target=read_api, args=(server.base, paths, {}, recorder, stop)) for _ in range(6)
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
        for user in editorial_line["editors"][:2]
    ]
    for editor in editors:
        editor.sign_in(editorial_line)
    threads += [threading.Thread(target=editor.work, args=(stop,)) for editor in editors]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(BEFORE)
    restart_began = time.monotonic()
    cluster.restart("fast")  # terminates every session, as a failover or an upgrade would
    restarted = time.monotonic()
    time.sleep(AFTER)
    stop.set()
    for thread in threads:
        thread.join(90)
    print_figures(
        f"PostgreSQL restarted after {BEFORE:.0f} s (down {restarted - restart_began:.1f} s)",
        recorder,
        time.monotonic() - started,
        ("reads", ("read",)),
        ("writes", ("save", "review", "approve")),
    )

    assert not any(thread.is_alive() for thread in threads), "a request hung"
    assert not [a for a in recorder.of() if a.status == 0], "a request got no answer"
    failed = [a for a in recorder.of() if a.status >= 500]
    print(f"  failed during the restart: {len(failed)}")
    # Only requests in flight while the server was down fail; every one sent after succeeds.
    assert not [a for a in failed if a.at > restarted + 1.0], failed
    assert not [a for a in recorder.of() if a.at > restarted + 1.0 and a.status >= 400]
    assert [a for a in recorder.of("read") if a.at > restarted + 1.0], "no read after the restart"
    assert [a for a in recorder.of("save") if a.at > restarted + 1.0], "no save after the restart"
    for answer in failed:
        if answer.kind == "read":
            assert '"status": 500' in answer.detail or '"status":500' in answer.detail, answer.detail
    for editor in editors:
        assert not set(editor.saved) - revision_titles(cluster.database_url("vksnd"), editor.page_id)
    problems = half_written(cluster.database_url("vksnd"))
    assert not any(problems.values()), problems
