"""
`make smoke-prod` (tests/smoke/prod.py): the production settings, unchanged but for one thing.

The smoke test's partner receives webhooks on 127.0.0.1, which production refuses (SSRF guard);
everything else — security settings, JSON logs, the database task backend, S3, Redis — is
settings.production's, read from the same environment variables.
"""

from .production import *  # noqa: F403

WEBHOOK_ALLOW_PRIVATE_TARGETS = True
