"""60 simulated days on real servers: replies over IMAP (Dovecot, TLS), letters over SMTP (aiosmtpd).

The same book, replayed with the embedded defaults (Maildir in and out), must give exactly the same
letters: the transports change where mail goes, never what is decided. Each letter reaches the SMTP
server once, and a restart of the daemon in the middle changes nothing.
"""

from __future__ import annotations

import mailbox
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import service
from tests.integration.test_daemon import EXAMPLES, START, letters, replay, start_app

DAYS = 60


def configure_servers(app: service.App, smtp: Any, imap: Any, monkeypatch: pytest.MonkeyPatch) -> service.App:
    """Point the workspace at the SMTP and IMAP servers (password from the environment) and reopen."""
    monkeypatch.setenv("TACTFUL_TEST_IMAP_PASSWORD", imap.password)
    path = app.config.path
    text = path.read_text(encoding="utf-8")
    text = text.replace('transport = "maildir"', 'transport = "smtp"').replace(
        'source = "maildir"', 'source = "imap"'
    )
    text += (
        f'\n[smtp]\nhost = "{smtp.host}"\nport = {smtp.port}\nsecurity = "none"\nallow_insecure = true\n'
        f'\n[imap]\nhost = "{imap.host}"\nport = {imap.tls_port}\nsecurity = "tls"\nca_file = "{imap.ca_path}"\n'
        f'username = "{imap.username}"\npassword_env = "TACTFUL_TEST_IMAP_PASSWORD"\nuse_idle = false\n'
    )
    path.write_text(text, encoding="utf-8")
    app.store.close()
    return service.open_app(service.load_config(path))


def appender(imap: Any) -> Any:
    """Deliver a reply the way a mail server would: APPEND it to the account's INBOX."""
    import ssl

    from imapclient import IMAPClient

    def deliver(path: Path) -> None:
        context = ssl.create_default_context(cafile=str(imap.ca_path))
        with IMAPClient(imap.host, port=imap.tls_port, ssl=True, ssl_context=context, timeout=10) as client:
            client.login(imap.username, imap.password)
            client.append("INBOX", path.read_bytes())

    return deliver


def replay_with(app: service.App, first: int, last: int, deliver: Any) -> None:
    arrivals = service.demo_arrivals(EXAMPLES)
    for offset in range(first, last):
        day = START + timedelta(days=offset)
        service.replay_day(app, day, arrivals.get(day, []), deliver_reply=deliver)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The letters of the same 60 days on the embedded defaults."""
    app = start_app(tmp_path_factory.mktemp("embedded"))
    replay(app, 0, DAYS)
    return letters(app)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_sixty_days_on_real_servers_send_the_same_letters_exactly_once(
    engine: str,
    embedded: list[Any],
    smtp_server: Any,
    imap_account: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    url = request.getfixturevalue("postgres_url") if engine == "postgresql" else None
    app = configure_servers(start_app(tmp_path / "books", url), smtp_server, imap_account, monkeypatch)
    deliver = appender(imap_account)

    replay_with(app, 0, DAYS // 2, deliver)
    # A restart in the middle: a new process opens the same database and carries on.
    app.store.close()
    app = service.open_app(service.load_config(app.config.path))
    replay_with(app, DAYS // 2, DAYS, deliver)

    assert letters(app) == embedded

    received = [message for message in mailbox.Maildir(smtp_server.maildir, create=False)]
    ids = Counter("".join(str(m["Message-ID"]).split()) for m in received)
    assert max(ids.values()) == 1, "a message reached the SMTP server twice"
    sent = {r.message_id for r in app.store.sent_reminders()}
    assert sent <= set(ids)
    digests = [m for m in received if str(m["Message-ID"]).startswith("<tactful.digest.")]
    assert len(digests) == DAYS  # one a day, the first on day one

    # The replies came over IMAP and were understood: promises, disputes, the bounce.
    intents = Counter(m.intent for m in app.store.inbound_messages(state=None))
    assert intents["promise_to_pay"] >= 5 and intents["dispute"] == 2 and intents["bounce"] == 1
    # Nothing in the customer's mailbox was marked as read or deleted.
    import ssl

    from imapclient import IMAPClient

    context = ssl.create_default_context(cafile=str(imap_account.ca_path))
    with IMAPClient(imap_account.host, port=imap_account.tls_port, ssl=True, ssl_context=context) as client:
        client.login(imap_account.username, imap_account.password)
        client.select_folder("INBOX", readonly=True)
        assert len(client.search("ALL")) == sum(1 for _ in (EXAMPLES / "replies").glob("*.eml"))
        assert client.search("SEEN") == []

    # After the statements stop, the digest says the bank data is stale and needs a person.
    last = datetime.combine(START + timedelta(days=DAYS - 1), datetime.min.time(), tzinfo=app.tz).astimezone(
        UTC
    )
    facts = service.digest_facts(app, last)
    assert any(item.kind == "stale_statements" for item in facts.needs_you)
    assert any(item.kind == "dispute" for item in facts.needs_you)
    assert any(item.kind == "approval" for item in facts.needs_you)
