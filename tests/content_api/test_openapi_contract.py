"""The OpenAPI document is valid and tells the truth: schemathesis checks every endpoint against it."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.config import SchemathesisConfig

from tests.helpers.api import API


@pytest.fixture
def published(make_exemplar, make_campaign, make_news):
    campaign = make_campaign()
    exemplar = make_exemplar("Nguyễn Văn Đức", body=[("paragraph", "<p>Đoạn <b>văn</b></p>")])
    exemplar.campaigns.set([campaign])
    exemplar.save_revision().publish()
    make_news()
    return exemplar


@pytest.fixture
def writer_key(make_partner) -> str:
    """A partner site's key that reads the public channel and may send the public's voice."""
    _partner, _token, plaintext = make_partner(
        "Cổng thông tin", channel_codes=("public",), scopes=["comments", "opinions", "views"]
    )
    return plaintext


def test_reads_may_go_without_a_key_and_writes_need_one(api):
    """
    The public's voice sent by partner sites answers 401 without a key: the document says so
    (a schema-valid anonymous `POST /comments/` was once refused against the document's word).
    """
    document = api.get(f"{API}/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            anonymous = {} in operation.get("security", [{}])
            assert anonymous == (method == "get"), (method, path)
            if method != "get":
                assert "401" in operation["responses"], (method, path)
    answer = api.post(
        f"{API}/comments/", {"page": 1, "name": "Bạn đọc", "body": "Ý kiến"}, content_type="application/json"
    )
    assert answer.status_code == 401 and answer["Content-Type"] == "application/problem+json"


def test_the_openapi_document_is_valid_openapi_3_1(api):
    document = api.get(f"{API}/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert {"/exemplars/", "/exemplars/{id}/", "/campaigns/", "/news/", "/units/{id}/"} <= {
        path.removeprefix(API) for path in document["paths"]
    }


def test_the_interactive_docs_use_the_projects_own_static_files(api):
    html = api.get(f"{API}/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


# Bounded: a few dozen generated requests per endpoint and mode keep the suite's time in check.
EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def keep_connection_open():
    """
    Django closes the database connection at the end of each request; the test client
    suspends that, and so must these direct WSGI calls, or the test's transaction is lost.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Every check of schemathesis runs, `positive_data_acceptance` included. A request that is
# valid by the schema may still name nothing that exists (an unknown unit code, campaign id,
# tag or cursor; a detail id that is not published): the API answers 400 (a filter) or 404
# (a detail) by design; a conditional request (`If-None-Match: *`) is rightly answered 304,
# a caller over its documented rate limit is answered 429, and the
# public's submissions are refused as documented when the page takes none (403) or the
# same submission was already made (409).
# Those are the statuses that check accepts besides 2xx. The
# check below makes sure such a 400 is that answer and not some other refusal. The preview
# alone also answers 401 to a valid request: a token of the right shape that this site did not
# sign is refused as documented (any other endpoint answering 401 to a valid request fails).
CONFIG = SchemathesisConfig.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2XX", "304", "400", "403", "404", "409", "429"]

[[operations]]
include-path = "/api/content/v1/preview/"
checks.positive_data_acceptance.expected-statuses = ["2XX", "304", "400", "401", "403", "404", "409", "429"]
"""
)


def a_valid_request_is_refused_only_for_naming_nothing(ctx, response, case):
    """A 400 to a schema-valid request is a problem naming the parameter whose value names nothing."""
    meta = getattr(case, "meta", None)
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    body = response.json()
    headers = {name.lower(): value for name, value in response.headers.items()}
    content_type = headers.get("content-type") or ""
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    assert content_type.startswith("application/problem+json"), body
    assert body.get("errors") and all(
        error.get("param") and error.get("reason") for error in body["errors"]
    ), body
    return None


@pytest.mark.heavy
@pytest.mark.parametrize(
    "mode",
    [
        schemathesis.GenerationMode.POSITIVE,
        schemathesis.GenerationMode.NEGATIVE,
    ],
)
def test_every_endpoint_answers_as_the_document_says(
    published, writer_key, keep_connection_open, request, mode
):
    """
    Generated requests, valid and invalid, never get a 500 and are answered as documented.
    Reads go without a key (the public channel); writes, which the document says need one,
    carry a partner's key with every scope. The anonymous rate limit is lifted: otherwise
    most of the generated reads would meet it and be answered 429 without being looked at.
    """
    request.getfixturevalue("settings").CONTENT_API_ANON_RATE_LIMIT = 1_000_000_000
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", WSGIHandler(), config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    # 10 before, the public's voice's 6 (engagement/api/routers.py), units' news and plans' 4,
    # the units' schedules (1).
    assert len(operations) == 21

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            headers = {"Authorization": f"Bearer {writer_key}"} if case.method.upper() != "GET" else None
            case.call_and_validate(
                headers=headers, additional_checks=[a_valid_request_is_refused_only_for_naming_nothing]
            )

        check()
