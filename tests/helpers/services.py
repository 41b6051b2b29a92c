"""Real services the suite talks to: skipped with a reason locally, required under CI."""

from __future__ import annotations

import os

import pytest

IN_CI = bool(os.environ.get("CI"))


def skip_or_fail(reason: str) -> None:
    """Skip where a service is missing; under CI a missing service is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (a skip is not allowed under CI)")
    pytest.skip(reason)
