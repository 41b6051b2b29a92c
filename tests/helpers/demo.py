"""Running `load_demo` as `make run` does."""

from __future__ import annotations

import io

from django.core.management import call_command


def load_demo_command() -> str:
    """Run the command; returns what it printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()
