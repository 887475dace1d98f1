"""Fixtures for tests against real servers on loopback (each area adds its own section)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import DovecotServer, ImapAccount, PostgresServer, start_dovecot, start_postgres

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

# --- fixtures: postgres (state store) ---
# One PostgreSQL per test session (private, or TACTFUL_TEST_DATABASE_URL), a fresh empty database per test.
# `database_url` runs a test once on SQLite and once on PostgreSQL. See tests/servers.py.


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server; missing binaries -> skip (fail under REQUIRE_TEST_SERVERS=1)."""
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> Iterator[str]:
    """SQLAlchemy URL of an empty database no other test uses; dropped afterwards."""
    url = postgres.new_database()
    try:
        yield url
    finally:
        postgres.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database, once as a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tactful.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def postgres_migrated_template(postgres: PostgresServer) -> Iterator[str]:
    """Name of a database migrated to the newest schema once per session, for cheap copies."""
    from sqlalchemy.engine import make_url

    from store import open_store

    url = postgres.new_database("tactful_template")
    open_store(url).close()  # close: CREATE DATABASE ... TEMPLATE needs it without connections
    try:
        yield str(make_url(url).database)
    finally:
        postgres.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database already at the newest schema (no rows), once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        from store import open_store

        url = f"sqlite:///{tmp_path / 'tactful.db'}"
        open_store(url).close()
        yield url
        return
    postgres: PostgresServer = request.getfixturevalue("postgres")
    url = postgres.new_database(template=request.getfixturevalue("postgres_migrated_template"))
    try:
        yield url
    finally:
        postgres.drop_database(url)


# --- end fixtures: postgres ---

# --- fixtures: smtp (outbound mail) ---
# aiosmtpd on 127.0.0.1 in-process (a Controller thread), storing what it accepts into a Maildir.
# The handler can be told to refuse (4xx/5xx) or to drop the connection after DATA.
# Missing aiosmtpd -> skip (fail under REQUIRE_TEST_SERVERS=1).


class SmtpTestHandler:
    """Records envelopes into ``maildir``; ``mail_answer`` / ``rcpt_answers`` / ``data_answer`` override replies.

    ``drop_after_data``: None (answer normally), ``"stored"`` (keep the message, then drop the connection
    without answering) or ``"lost"`` (drop without keeping it).
    """

    def __init__(self, maildir: Path) -> None:
        import mailbox

        self.maildir = maildir
        self.box = mailbox.Maildir(maildir, create=True)
        self.envelopes: list[object] = []
        self.protocols: list[object] = []
        self.mail_answer: str | None = None
        self.rcpt_answers: dict[str, str] = {}
        self.data_answer: str | None = None
        self.drop_after_data: str | None = None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        if server not in self.protocols:
            self.protocols.append(server)
        if self.mail_answer:
            return self.mail_answer
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address in self.rcpt_answers:
            return self.rcpt_answers[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.drop_after_data:
            if self.drop_after_data == "stored":
                self.box.add(envelope.original_content)
            server.transport.abort()
            return "250 never seen"
        if self.data_answer:
            return self.data_answer
        self.envelopes.append(envelope)
        self.box.add(envelope.original_content)
        return "250 OK queued"


class SmtpTestServer:
    """A running aiosmtpd; ``handler`` shapes its answers, ``close_connections()`` plays an idle timeout."""

    def __init__(self, controller: object, handler: SmtpTestHandler, host: str, port: int) -> None:
        self.controller = controller
        self.handler = handler
        self.host = host
        self.port = port

    @property
    def maildir(self) -> Path:
        return self.handler.maildir

    @property
    def connections(self) -> int:
        """How many distinct connections sent MAIL FROM so far."""
        return len(self.handler.protocols)

    def close_connections(self) -> None:
        loop = self.controller.loop  # type: ignore[attr-defined]
        for proto in self.handler.protocols:
            loop.call_soon_threadsafe(proto.transport.close)  # type: ignore[attr-defined]
        import time

        time.sleep(0.05)  # let the loop thread run the close before the client speaks again


@pytest.fixture(scope="session")
def smtp_certificates(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A test CA and a server certificate for 127.0.0.1 / localhost (``.ca_path``, ``.cert_path``, ``.key_path``)."""
    from tests.servers import make_test_certificates

    return make_test_certificates(tmp_path_factory.mktemp("smtp-tls"))


@pytest.fixture
def start_smtp_server(tmp_path: Path) -> Iterator[object]:
    """A factory: ``start_smtp_server(tls=None|"starttls"|"implicit", certificates=..., authenticator=...)``."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        from tests.servers import require_or_skip

        require_or_skip("aiosmtpd is not installed: pip install -e '.[test]'")
        raise
    import ssl

    from tests.servers import free_port

    started: list[object] = []

    def start(
        *, tls: str | None = None, certificates: object = None, authenticator: object = None
    ) -> SmtpTestServer:
        host, port = "127.0.0.1", free_port()
        handler = SmtpTestHandler(tmp_path / f"smtp-maildir-{len(started)}")
        kwargs: dict[str, object] = {}
        if tls is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(certificates.cert_path, certificates.key_path)  # type: ignore[attr-defined]
            if tls == "implicit":
                kwargs["ssl_context"] = context
            else:
                kwargs.update(tls_context=context, require_starttls=True)
        if authenticator is not None:
            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=tls is not None)
        controller = Controller(handler, hostname=host, port=port, **kwargs)
        controller.start()
        started.append(controller)
        return SmtpTestServer(controller, handler, host, port)

    yield start
    for controller in started:
        controller.stop()  # type: ignore[attr-defined]


@pytest.fixture
def smtp_server(start_smtp_server) -> SmtpTestServer:  # type: ignore[no-untyped-def]
    """A plain (no TLS, no AUTH) SMTP server on 127.0.0.1 storing into ``smtp_server.maildir``."""
    return start_smtp_server()


# --- end fixtures: smtp ---
