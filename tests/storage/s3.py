"""
A local S3-compatible server for the media tests: moto in server mode on 127.0.0.1.

The session starts one server; `s3` points the project's storages at it with the very
settings that `settings/base.py` produces when `AWS_STORAGE_BUCKET_NAME` is set (the module
is executed again with S3 variables in the environment), and applies the bucket policy
printed in the README. `media_storage` runs a test twice: with local files and with S3.
`stoppable_s3` is a server of the test's own, for tests that stop it halfway.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import boto3
import pytest
import requests
from botocore.config import Config
from moto.server import ThreadedMotoServer

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "vksnd-media-test"
REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
# Settings of settings/base.py's S3 block that the tests take over.
S3_SETTINGS = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_DEFAULT_ACL",
    "AWS_S3_FILE_OVERWRITE",
    "AWS_QUERYSTRING_EXPIRE",
    "AWS_S3_CLIENT_CONFIG",
    "STORAGES",
    "WAGTAILDOCS_SERVE_METHOD",
)


def readme_bucket_policy(bucket: str) -> str:
    """The minimal bucket policy of the README's "S3 media" section, for `bucket`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## S3 media", 1)[1]
    policy = re.search(r"```json\n(.*?)```", section, re.S).group(1)
    return json.dumps(json.loads(policy.replace("BUCKET", bucket)))


def base_settings_with_s3(endpoint: str, **extra_env: str) -> dict:
    """What settings/base.py sets when the S3 variables point at `endpoint`."""
    environment = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_S3_CONNECT_TIMEOUT": "1",
        "AWS_S3_READ_TIMEOUT": "3",
        "AWS_S3_MAX_ATTEMPTS": "2",
        **extra_env,
    }
    spec = importlib.util.spec_from_file_location("_s3_settings_probe", ROOT / "settings" / "base.py")
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, environment):
        spec.loader.exec_module(module)
    values = {name: getattr(module, name) for name in S3_SETTINGS}
    values["STORAGES"]["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    return values


def client(endpoint: str):
    """A plain boto3 client of the test server (what an operator's script would use)."""
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )


@dataclass
class S3:
    """The test bucket and how to reach it."""

    endpoint: str
    bucket: str = BUCKET

    @property
    def client(self):
        return client(self.endpoint)

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def anonymous_get(self, key: str) -> requests.Response:
        return requests.get(f"{self.endpoint}/{self.bucket}/{key}", timeout=5)


def start_server() -> tuple[ThreadedMotoServer, str]:
    # One line per request would bury the test output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def stop_server(server: ThreadedMotoServer) -> None:
    """Stop serving and close the socket, so that connections are refused at once."""
    server.stop()
    if server._server is not None:
        server._server.server_close()


def use_s3(settings, monkeypatch, endpoint: str) -> S3:
    """Point the project's storages at `endpoint`, with a fresh bucket and the README policy."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    requests.post(f"{endpoint}/moto-api/reset", timeout=5)
    s3 = S3(endpoint)
    s3.client.create_bucket(Bucket=BUCKET)
    s3.client.put_bucket_policy(Bucket=BUCKET, Policy=readme_bucket_policy(BUCKET))
    for name, value in base_settings_with_s3(endpoint).items():
        setattr(settings, name, value)
    return s3


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """One moto server for the whole session, started and stopped here."""
    server, endpoint = start_server()
    yield endpoint
    stop_server(server)


@pytest.fixture
def s3(settings, monkeypatch, moto_endpoint) -> S3:
    return use_s3(settings, monkeypatch, moto_endpoint)


@pytest.fixture
def stoppable_s3(settings, monkeypatch):
    """A server of this test's own; `stop()` makes every later S3 call fail."""
    server, endpoint = start_server()
    s3 = use_s3(settings, monkeypatch, endpoint)
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            stop_server(server)
            stopped = True

    s3.stop = stop
    yield s3
    stop()


@pytest.fixture(params=["local", "s3"])
def media_storage(request) -> S3 | None:
    """Run the test with local files, then with S3 (None means local)."""
    if request.param == "s3":
        return request.getfixturevalue("s3")
    return None
