"""Exactly once, with real processes: kill -9 in the middle of a batch, and two daemons on one database.

Every letter reaches the SMTP server (aiosmtpd on 127.0.0.1) at most once; a letter whose fate is
unknown after a crash is held for a person, never resent; nothing is lost silently.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import service
from tests.integration.test_daemon import EXAMPLES

AT = "2026-10-05T09:30"  # a Monday
CUSTOMERS = 200


def write_book(folder: Path, customers: int) -> None:
    """One overdue invoice per customer, and a statement from this morning (fresh bank data)."""
    due = date(2026, 9, 20)
    lines = [
        "number,customer_id,customer_name,customer_vat_id,customer_iban,email,language,issue_date,due_date,total,currency,paid"
    ]
    for n in range(customers):
        lines.append(
            f"FV/2026/09/{n:04d},C{n:04d},Customer {n} Sp. z o.o.,,,ar{n}@example.com,pl,"
            f"{due - timedelta(days=14)},{due},{100 + n}.00,PLN,0"
        )
    (folder / "inbox/invoices/book.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    statement = sorted((EXAMPLES / "statements").glob("*.xml"))[0].read_text(encoding="utf-8")
    (folder / "inbox/statements/today.xml").write_text(
        statement.replace("2026-09-30", "2026-10-02"), encoding="utf-8"
    )


def workspace(tmp_path: Path, smtp: Any, database_url: str | None = None) -> Path:
    config = service.demo_workspace(tmp_path / "books", EXAMPLES)
    text = config.read_text(encoding="utf-8").replace('transport = "maildir"', 'transport = "smtp"')
    if database_url:
        text = text.replace('url = "sqlite:///tactful.db"', f'url = "{database_url}"')
    text += f'\n[smtp]\nhost = "{smtp.host}"\nport = {smtp.port}\nsecurity = "none"\nallow_insecure = true\n'
    config.write_text(text, encoding="utf-8")
    write_book(config.parent, CUSTOMERS)
    # Import first (one process), so the runs below only plan and send.
    app = service.open_app(service.load_config(config))
    assert service.run_cycle(app, service.parse_at(AT, "Europe/Warsaw"), ("import",))
    app.store.close()
    return config


def start_run(config: Path, at: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import service; service.main()",
            "--config",
            str(config),
            "run",
            "--once",
            "--at",
            at,
        ],
        cwd=Path(service.__file__).parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def received_ids(smtp: Any) -> Counter[str]:
    import mailbox

    box = mailbox.Maildir(smtp.maildir, create=False) if smtp.maildir.exists() else []
    return Counter("".join(str(m["Message-ID"]).split()) for m in box if "digest" not in str(m["Message-ID"]))


def outcome(config: Path) -> tuple[dict[str, str], dict[str, str]]:
    app = service.open_app(service.load_config(config))
    try:
        states = {r.id: r.state for r in app.store.reminders()}
        ids = {r.id: r.message_id or "" for r in app.store.reminders()}
    finally:
        app.store.close()
    return states, ids


@pytest.mark.parametrize("kill_after", [1, 77, 199])
def test_kill_9_mid_batch_then_restart_delivers_each_letter_once_or_holds_it(
    kill_after: int, start_smtp_server: Any, tmp_path: Path
) -> None:
    smtp = start_smtp_server()
    config = workspace(tmp_path, smtp)
    process: subprocess.Popen[bytes] | None = None
    original = smtp.handler.handle_DATA

    async def handle_data(server: Any, session: Any, envelope: Any) -> str:
        answer = await original(server, session, envelope)
        # The server has the message; the sender dies before it reads the answer (the worst moment).
        if len(received_ids(smtp)) == kill_after and process is not None:
            os.kill(process.pid, signal.SIGKILL)
        return answer

    smtp.handler.handle_DATA = handle_data
    process = start_run(config, AT)
    process.wait(timeout=120)
    assert process.returncode == -signal.SIGKILL

    smtp.handler.handle_DATA = original
    # Restart at once (the dead worker's claim is still leased), then after the lease has expired.
    for later in (AT, "2026-10-05T10:30"):
        restarted = start_run(config, later)
        assert restarted.wait(timeout=300) == 0, restarted.stderr.read().decode() if restarted.stderr else ""

    states, message_ids = outcome(config)
    received = received_ids(smtp)
    assert max(received.values()) == 1, "a letter reached the server twice"
    assert len(states) == CUSTOMERS
    for reminder_id, state in states.items():
        copies = received[message_ids[reminder_id]] if message_ids[reminder_id] else 0
        if state == "sent":
            assert copies == 1, reminder_id
        else:
            # The one letter in flight when the sender died: delivered or not, it is held for a person.
            assert state == "unknown", (reminder_id, state)
    assert Counter(states.values())["unknown"] <= 1
    assert Counter(states.values())["sent"] >= CUSTOMERS - 1


def test_two_daemons_on_one_postgresql_send_each_letter_once(
    start_smtp_server: Any, postgres_url: str, tmp_path: Path
) -> None:
    smtp = start_smtp_server()
    config = workspace(tmp_path, smtp, postgres_url)
    runs = [start_run(config, AT) for _ in range(2)]
    errors = [run.wait(timeout=300) for run in runs]
    assert errors == [0, 0], [run.stderr.read().decode() for run in runs if run.stderr]
    states, message_ids = outcome(config)
    received = received_ids(smtp)
    assert Counter(states.values()) == {"sent": CUSTOMERS}
    assert set(received) == set(message_ids.values())
    assert max(received.values()) == 1
    import mailbox

    digests = [m for m in mailbox.Maildir(smtp.maildir, create=False) if "digest" in str(m["Message-ID"])]
    assert len(digests) == 1


def test_a_daemon_stopped_with_sigterm_finishes_the_letter_in_hand(
    start_smtp_server: Any, tmp_path: Path
) -> None:
    smtp = start_smtp_server()
    config = workspace(tmp_path, smtp)
    process = start_run(config, AT)
    deadline = time.monotonic() + 60
    while len(received_ids(smtp)) < 20 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    states, _ = outcome(config)
    # Whatever it had claimed, it recorded: nothing left "claimed" behind a clean stop.
    assert "claimed" not in Counter(states.values()), Counter(states.values())


def test_a_copy_in_the_sent_folder_settles_a_send_of_unknown_fate(
    start_smtp_server: Any, imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl
    from datetime import UTC, datetime

    from imapclient import IMAPClient

    from store import PlannedReminder

    smtp = start_smtp_server()
    config = workspace(tmp_path, smtp)
    monkeypatch.setenv("TACTFUL_TEST_IMAP_PASSWORD", imap_account.password)
    config.write_text(
        config.read_text(encoding="utf-8")
        + f'\n[imap]\nhost = "{imap_account.host}"\nport = {imap_account.tls_port}\nsecurity = "tls"\n'
        f'ca_file = "{imap_account.ca_path}"\nusername = "{imap_account.username}"\n'
        'password_env = "TACTFUL_TEST_IMAP_PASSWORD"\nsent_folder = "Sent"\n',
        encoding="utf-8",
    )
    context = ssl.create_default_context(cafile=str(imap_account.ca_path))
    with IMAPClient(imap_account.host, port=imap_account.tls_port, ssl=True, ssl_context=context) as client:
        client.login(imap_account.username, imap_account.password)
        client.create_folder("Sent")
    app = service.open_app(service.load_config(config))
    now = service.parse_at(AT, "Europe/Warsaw")
    counts = service.job_dunning(app, now)
    assert counts["sent"] == CUSTOMERS
    sent = app.store.sent_reminders()
    assert app.sent_copy.contains(sent[0].message_id)

    # A letter whose sender died after the server took it: claimed, never recorded.
    lost = PlannedReminder(
        "X1:reminder:first", "C0001", "reminder", "reminder", "pl", ("FV/2026/09/0001",), ("ar1@example.com",)
    )
    app.store.plan_reminder(lost, now)
    mid = "<tactful.lost-one@nordwind.pl>"
    assert app.store.claim_reminder(lost.id, "dead-worker", now, 60, message_id=mid)
    with IMAPClient(imap_account.host, port=imap_account.tls_port, ssl=True, ssl_context=context) as client:
        client.login(imap_account.username, imap_account.password)
        client.append("Sent", f"Message-ID: {mid}\r\nSubject: x\r\n\r\nbody\r\n".encode())
    later = datetime(2026, 10, 5, 12, 0, tzinfo=UTC)
    service.settle_unknown_sends(app, later)
    assert app.store.reminder(lost.id).state == "sent"
