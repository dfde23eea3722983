"""The SMTP fixtures of tests/digests (a real aiosmtpd server), for the digest exit codes."""

from tests.digests.conftest import (  # noqa: F401  (fixtures)
    _fresh_index,
    smtp_config,
    smtp_down,
    smtp_port,
)
