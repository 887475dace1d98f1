"""Fixtures for tests against real servers on loopback (each area adds its own section)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers import DovecotServer, ImapAccount, start_dovecot

# --- fixtures: dovecot (IMAP intake) ---
# A private Dovecot per test session (plain + implicit TLS on 127.0.0.1), a fresh empty mailbox per test.
# Missing `dovecot` binary -> skip (fail under REQUIRE_TEST_SERVERS=1); see tests/servers.py.


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    """A private Dovecot with plain IMAP and implicit TLS (test CA at ``dovecot.ca_path``)."""
    server = start_dovecot(tls=True)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def imap_account(dovecot: DovecotServer) -> ImapAccount:
    """A user no other test has touched: an empty INBOX on the session's Dovecot, password ``secret``."""
    if not dovecot.is_running():
        dovecot.start()  # a test that stopped the server must not break the ones after it
    return dovecot.new_account()


# --- end fixtures: dovecot ---
