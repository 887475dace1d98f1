"""IMAP intake against a real private Dovecot on 127.0.0.1 (plain, STARTTLS and implicit TLS)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

import pytest
from imapclient import IMAPClient

from mailer.imap import (
    ImapIntake,
    ImapSettings,
    IntakeError,
    MemoryCheckpointStore,
    RawMessage,
    check_imap_login,
    dedupe_key,
    fetch_new,
    is_known,
)
from tests.servers import DovecotServer, ImapAccount, start_dovecot

pytestmark = pytest.mark.integration

SEEN = b"\\Seen"


def build_reply(number: int, *, body_extra: str = "") -> bytes:
    """A realistic customer reply to a reminder, as CRLF bytes the way a mail client would send it."""
    message = EmailMessage()
    message["From"] = f"Jürgen Müller <buchhaltung{number}@kunde-{number}.example>"
    message["To"] = "Forderungen <ar@tactful.example>"
    message["Subject"] = f"Re: Zahlungserinnerung Rechnung RE-2024-{1000 + number}"
    message["Date"] = format_datetime(time_aware(number))
    message["Message-ID"] = f"<reply{number}.20240501.{number * 7919}@kunde-{number}.example>"
    message["In-Reply-To"] = f"<reminder-{number}@tactful.example>"
    message["References"] = f"<reminder-{number}@tactful.example>"
    message.set_content(
        "Sehr geehrte Damen und Herren,\n\n"
        f"wir überweisen den offenen Betrag von 1.234,{number:02d} € bis Freitag.\n\n"
        "Mit freundlichen Grüßen\nJürgen Müller\n\n"
        f"> Rechnung RE-2024-{1000 + number} ist seit 14 Tagen fällig.\n" + body_extra
    )
    return message.as_bytes(policy=SMTP)


def time_aware(number: int) -> datetime:
    return datetime(2024, 5, 1, 9, 0, tzinfo=UTC) + timedelta(hours=number)


def settings_for(account: ImapAccount, **overrides: object) -> ImapSettings:
    values: dict[str, object] = {
        "host": account.host,
        "port": account.port,
        "security": "none",
        "username": account.username,
        "password": account.password,
        "timeout_s": 5.0,
    }
    values.update(overrides)
    return ImapSettings(**values)  # type: ignore[arg-type]


@pytest.fixture
def mailbox(imap_account: ImapAccount) -> Iterator[IMAPClient]:
    """A second, independent client: the customer's side that delivers replies and inspects flags."""
    client = IMAPClient(imap_account.host, imap_account.port, ssl=False, timeout=5)
    client.login(imap_account.username, imap_account.password)
    try:
        yield client
    finally:
        with contextlib.suppress(Exception):  # a test may have restarted the server
            client.logout()


def append(client: IMAPClient, folder: str, raws: list[bytes]) -> None:
    for raw in raws:
        client.append(folder, raw)


def flags_of(client: IMAPClient, folder: str) -> dict[int, tuple[bytes, ...]]:
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])
    response = client.fetch(uids, ["FLAGS"]) if uids else {}
    client.unselect_folder()
    return {uid: tuple(data[b"FLAGS"]) for uid, data in response.items()}


class Collector:
    """The caller's store: keeps messages, can fail or act after the n-th one."""

    def __init__(self) -> None:
        self.messages: list[RawMessage] = []
        self.after: dict[int, object] = {}

    def __call__(self, message: RawMessage) -> None:
        self.messages.append(message)
        action = self.after.get(len(self.messages))
        if callable(action):
            action()

    @property
    def keys(self) -> list[str]:
        return [dedupe_key(m) for m in self.messages]


def test_it_yields_each_reply_once_with_bytes_intact_and_leaves_them_unread(imap_account, mailbox):
    raws = [build_reply(n) for n in range(1, 4)]
    append(mailbox, "INBOX", raws)
    store = MemoryCheckpointStore()
    collected = Collector()

    with ImapIntake(settings_for(imap_account), store) as intake:
        result = intake.poll(collected)

    assert result.stored == 3
    assert [m.raw for m in collected.messages] == raws
    assert [m.uid for m in collected.messages] == sorted(m.uid for m in collected.messages)
    assert len(set(collected.keys)) == 3
    assert all(
        m.message_id.startswith("<reply") and m.internal_at.tzinfo is not None for m in collected.messages
    )
    assert all(
        m.size == len(raw) and not m.is_oversized for m, raw in zip(collected.messages, raws, strict=True)
    )
    uidvalidity = collected.messages[0].uidvalidity
    assert store.get_checkpoint("INBOX") == (uidvalidity, collected.messages[-1].uid)
    assert all(SEEN not in flags for flags in flags_of(mailbox, "INBOX").values())


def test_a_second_poll_yields_nothing_and_later_appends_only_the_new_ones(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1), build_reply(2)])
    store = MemoryCheckpointStore()
    collected = Collector()
    with ImapIntake(settings_for(imap_account), store) as intake:
        intake.poll(collected)
        assert intake.poll(collected).stored == 0
        append(mailbox, "INBOX", [build_reply(3), build_reply(4)])
        assert intake.poll(collected).stored == 2

    assert [m.raw for m in collected.messages] == [build_reply(n) for n in range(1, 5)]
    assert len(set(collected.keys)) == 4


def test_a_connection_killed_mid_fetch_is_resumed_without_loss_or_duplicate(imap_account, mailbox):
    raws = [build_reply(n) for n in range(1, 6)]
    append(mailbox, "INBOX", raws)
    store = MemoryCheckpointStore()
    collected = Collector()
    sleeps: list[float] = []
    intake = ImapIntake(settings_for(imap_account, batch_size=2), store, sleep=sleeps.append)
    # After the first stored message the socket dies under the intake's feet.
    collected.after[1] = lambda: intake.client.socket().shutdown(socket.SHUT_RDWR)

    result = intake.poll(collected)
    intake.close()

    assert result.reconnects >= 1 and sleeps
    assert result.stored == len(raws)
    assert [m.raw for m in collected.messages] == raws
    assert len(set(collected.keys)) == len(raws)


def test_a_server_restart_mid_fetch_is_resumed_without_loss_or_duplicate(dovecot, imap_account, mailbox):
    raws = [build_reply(n) for n in range(1, 5)]
    append(mailbox, "INBOX", raws)
    store = MemoryCheckpointStore()
    collected = Collector()

    def restart() -> None:
        dovecot.halt()
        dovecot.start()

    collected.after[2] = restart
    with ImapIntake(settings_for(imap_account, batch_size=1), store, sleep=lambda _s: None) as intake:
        result = intake.poll(collected)

    assert result.reconnects >= 1
    assert [m.raw for m in collected.messages] == raws


def test_a_crash_in_the_callers_store_offers_the_message_again_next_time(imap_account, mailbox):
    raws = [build_reply(n) for n in range(1, 4)]
    append(mailbox, "INBOX", raws)
    store = MemoryCheckpointStore()
    stored: list[RawMessage] = []

    def failing_store(message: RawMessage) -> None:
        if len(stored) == 1:
            raise RuntimeError("database is locked")
        stored.append(message)

    with (
        ImapIntake(settings_for(imap_account), store) as intake,
        pytest.raises(RuntimeError, match="database is locked"),
    ):
        intake.poll(failing_store)
    with ImapIntake(settings_for(imap_account), store) as intake:
        intake.poll(stored.append)

    assert [m.raw for m in stored] == raws


def test_an_unreachable_server_gives_a_transient_error_after_backing_off(dovecot, imap_account):
    sleeps: list[float] = []
    settings = settings_for(imap_account)
    dovecot.halt()
    try:
        intake = ImapIntake(
            settings, MemoryCheckpointStore(), sleep=sleeps.append, backoff_s=(1, 4), max_attempts=3
        )
        with pytest.raises(IntakeError, match=r"failed 3 times") as caught:
            intake.poll(Collector())
    finally:
        dovecot.start()
    assert caught.value.is_transient
    assert sleeps == [1, 4]


def test_a_new_uidvalidity_rescans_the_folder_and_the_dedupe_key_recognises_the_messages(
    imap_account, mailbox
):
    raws = [build_reply(n) for n in range(1, 3)]
    mailbox.create_folder("Replies")
    append(mailbox, "Replies", raws)
    store = MemoryCheckpointStore()
    first = Collector()
    settings = settings_for(imap_account, folders=("Replies",))
    with ImapIntake(settings, store) as intake:
        intake.poll(first)
    known = set(first.keys)

    mailbox.delete_folder("Replies")
    mailbox.create_folder("Replies")
    append(mailbox, "Replies", raws)
    again = Collector()
    with ImapIntake(settings, store) as intake:
        intake.poll(again)

    assert again.messages[0].uidvalidity != first.messages[0].uidvalidity
    assert [m.raw for m in again.messages] == raws
    assert all(is_known(m, known) for m in again.messages)
    assert not is_known(again.messages[0], set())


def test_a_checkpoint_beyond_the_next_uid_rescans_the_folder(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1), build_reply(2)])
    uidvalidity = mailbox.select_folder("INBOX")[b"UIDVALIDITY"]
    store = MemoryCheckpointStore({"INBOX": (uidvalidity, 500)})
    collected = Collector()
    with ImapIntake(settings_for(imap_account), store) as intake:
        intake.poll(collected)
        assert len(collected.messages) == 2
        assert intake.poll(collected).stored == 0  # the checkpoint now matches the server again
    assert store.get_checkpoint("INBOX") == (uidvalidity, collected.messages[-1].uid)


def test_an_oversized_message_is_kept_as_flagged_metadata_only(imap_account, mailbox):
    big = build_reply(1, body_extra="Anhang folgt.\n" + "x" * 70 + "\n" * 300)
    small = build_reply(2)
    append(mailbox, "INBOX", [big, small])
    collected = Collector()
    with ImapIntake(
        settings_for(imap_account, max_message_bytes=len(small) + 100), MemoryCheckpointStore()
    ) as intake:
        intake.poll(collected)

    oversized, normal = collected.messages
    assert oversized.is_oversized and oversized.raw is None
    assert oversized.size == len(big)
    assert big.startswith(oversized.header)
    assert b"Subject: Re: Zahlungserinnerung" in oversized.header
    assert oversized.message_id.startswith("<reply1")
    assert not normal.is_oversized and normal.raw == small
    assert all(SEEN not in flags for flags in flags_of(mailbox, "INBOX").values())


def test_a_small_fetch_budget_splits_batches_without_changing_order_or_bytes(
    imap_account, mailbox, monkeypatch
):
    import mailer.imap

    raws = [build_reply(n) for n in range(1, 6)]
    append(mailbox, "INBOX", raws)
    monkeypatch.setattr(mailer.imap, "FETCH_BYTES_BUDGET", len(raws[0]) + 10)
    collected = Collector()
    with ImapIntake(settings_for(imap_account, batch_size=4), MemoryCheckpointStore()) as intake:
        intake.poll(collected)
    assert [m.raw for m in collected.messages] == raws


def test_move_to_moves_stored_messages_and_leaves_them_unread(imap_account, mailbox):
    raws = [build_reply(n) for n in range(1, 4)]
    append(mailbox, "INBOX", raws)
    mailbox.create_folder("Processed")
    collected = Collector()
    with ImapIntake(settings_for(imap_account, move_to="Processed"), MemoryCheckpointStore()) as intake:
        result = intake.poll(collected)

    assert result.moved == 3
    assert flags_of(mailbox, "INBOX") == {}
    moved_flags = flags_of(mailbox, "Processed")
    assert len(moved_flags) == 3 and all(SEEN not in flags for flags in moved_flags.values())


def test_mark_seen_sets_the_seen_flag_only_when_configured(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1)])
    with ImapIntake(settings_for(imap_account, mark_seen=True), MemoryCheckpointStore()) as intake:
        intake.poll(Collector())
    assert all(SEEN in flags for flags in flags_of(mailbox, "INBOX").values())


def test_messages_stored_before_a_crash_but_not_moved_are_moved_on_the_next_poll(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1), build_reply(2)])
    mailbox.create_folder("Processed")
    info = mailbox.select_folder("INBOX")
    # The checkpoint says both were stored; the crash came before the MOVE.
    store = MemoryCheckpointStore({"INBOX": (info[b"UIDVALIDITY"], info[b"UIDNEXT"] - 1)})
    collected = Collector()
    with ImapIntake(settings_for(imap_account, move_to="Processed"), store) as intake:
        result = intake.poll(collected)
    assert collected.messages == []
    assert result.moved == 2
    assert len(flags_of(mailbox, "Processed")) == 2


def test_a_missing_folder_is_reported_after_the_other_folders_are_read(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1)])
    collected = Collector()
    settings = settings_for(imap_account, folders=("Kunden/Antworten", "INBOX"))
    opened = r"folder 'Kunden/Antworten' on 127\.0\.0\.1 cannot be opened"
    with (
        ImapIntake(settings, MemoryCheckpointStore()) as intake,
        pytest.raises(IntakeError, match=opened) as caught,
    ):
        intake.poll(collected)
    assert [m.raw for m in collected.messages] == [build_reply(1)]
    assert caught.value.folder == "Kunden/Antworten" and not caught.value.is_transient


def test_a_missing_move_to_folder_is_a_clear_error(imap_account):
    with pytest.raises(IntakeError, match=r"'Archive/Done' \(move_to\) does not exist"):
        ImapIntake(settings_for(imap_account, move_to="Archive/Done"), MemoryCheckpointStore()).poll(
            Collector()
        )


def test_idle_sees_a_newly_appended_message(imap_account, mailbox):
    store = MemoryCheckpointStore()
    with ImapIntake(settings_for(imap_account), store) as intake:
        intake.poll(Collector())
        timer = threading.Timer(0.1, lambda: mailbox.append("INBOX", build_reply(7)))
        started = time.monotonic()
        timer.start()
        try:
            has_changes = intake.wait_for_changes(20)
        finally:
            timer.join()
        waited = time.monotonic() - started
        collected = Collector()
        intake.poll(collected)
    assert has_changes and waited < 20  # woken by the server, not by the timeout
    assert [m.raw for m in collected.messages] == [build_reply(7)]


def test_a_connection_lost_during_idle_ends_the_wait_and_the_next_poll_reconnects(imap_account, mailbox):
    store = MemoryCheckpointStore()
    with ImapIntake(settings_for(imap_account), store, sleep=lambda _s: None) as intake:
        intake.poll(Collector())
        doomed = intake.client.socket()
        timer = threading.Timer(0.3, lambda: doomed.shutdown(socket.SHUT_RDWR))
        timer.start()
        try:
            has_changes = intake.wait_for_changes(20)
        finally:
            timer.join()
        mailbox.append("INBOX", build_reply(5))
        collected = Collector()
        intake.poll(collected)
    assert has_changes is True
    assert [m.raw for m in collected.messages] == [build_reply(5)]


def test_waiting_returns_at_once_when_mail_arrived_before_the_wait(imap_account, mailbox):
    store = MemoryCheckpointStore()
    with ImapIntake(settings_for(imap_account), store) as intake:
        intake.poll(Collector())
        mailbox.append("INBOX", build_reply(1))
        assert intake.wait_for_changes(20) is True


def test_idle_is_reissued_within_the_renewal_period_and_times_out_quietly(imap_account):
    with ImapIntake(settings_for(imap_account, idle_renew_s=0.1), MemoryCheckpointStore()) as intake:
        intake.poll(Collector())
        client = intake.client
        calls: list[float] = []
        original_idle = client.idle

        def counting_idle():
            calls.append(time.monotonic())
            return original_idle()

        client.idle = counting_idle  # type: ignore[method-assign]
        assert intake.wait_for_changes(0.45) is False
    assert len(calls) >= 3


@pytest.fixture(scope="module")
def plain_dovecot() -> Iterator[DovecotServer]:
    """A Dovecot that offers neither IDLE nor MOVE, to exercise the fallbacks."""
    server = start_dovecot(capabilities="IMAP4rev1 LITERAL+ SASL-IR UIDPLUS UNSELECT NAMESPACE")
    try:
        yield server
    finally:
        server.stop()


def test_without_idle_it_polls_status_with_the_injected_sleep(plain_dovecot):
    account = plain_dovecot.new_account()
    sender = IMAPClient(account.host, account.port, ssl=False, timeout=5)
    sender.login(account.username, account.password)
    sleeps: list[float] = []

    def sleep_and_deliver(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            sender.append("INBOX", build_reply(1))

    store = MemoryCheckpointStore()
    settings = settings_for(account, poll_interval_s=30)
    with ImapIntake(settings, store, sleep=sleep_and_deliver) as intake:
        intake.poll(Collector())
        assert intake.wait_for_changes(600) is True
    sender.logout()
    assert sleeps == [30, 30]


def test_without_move_it_refuses_to_expunge_unless_allowed(plain_dovecot):
    account = plain_dovecot.new_account()
    sender = IMAPClient(account.host, account.port, ssl=False, timeout=5)
    sender.login(account.username, account.password)
    sender.create_folder("Processed")
    append(sender, "INBOX", [build_reply(1), build_reply(2)])

    with pytest.raises(IntakeError, match="does not support MOVE; set allow_expunge"):
        ImapIntake(settings_for(account, move_to="Processed"), MemoryCheckpointStore()).poll(Collector())
    assert len(flags_of(sender, "INBOX")) == 2

    settings = settings_for(account, move_to="Processed", allow_expunge=True)
    with ImapIntake(settings, MemoryCheckpointStore()) as intake:
        assert intake.poll(Collector()).moved == 2
    assert flags_of(sender, "INBOX") == {}
    assert len(flags_of(sender, "Processed")) == 2
    sender.logout()


def test_a_wrong_password_is_a_clear_error_without_the_password(imap_account):
    settings = settings_for(imap_account, password="not-the-password")
    with pytest.raises(IntakeError) as caught:
        ImapIntake(settings, MemoryCheckpointStore()).poll(Collector())
    text = str(caught.value)
    assert (
        f"IMAP login to {imap_account.host}:{imap_account.port} as {imap_account.username!r} failed" in text
    )
    assert "password_env" in text and "not-the-password" not in text
    assert not caught.value.is_transient


def test_implicit_tls_with_the_test_ca_reads_replies(dovecot, imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1)])
    settings = settings_for(imap_account, security="tls", port=dovecot.tls_port, ca_file=str(dovecot.ca_path))
    messages = list(fetch_new(settings, "INBOX", None))
    assert [m.raw for m in messages] == [build_reply(1)]


def test_starttls_with_the_test_ca_reads_replies(dovecot, imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1)])
    settings = settings_for(imap_account, security="starttls", ca_file=str(dovecot.ca_path))
    collected = Collector()
    with ImapIntake(settings, MemoryCheckpointStore()) as intake:
        intake.poll(collected)
    assert [m.raw for m in collected.messages] == [build_reply(1)]


def test_tls_with_an_unknown_ca_fails_with_a_clear_error(dovecot, imap_account):
    settings = settings_for(imap_account, security="tls", port=dovecot.tls_port)
    with pytest.raises(IntakeError, match=r"certificate could not be verified .*set ca_file") as caught:
        check_imap_login(settings)
    assert not caught.value.is_transient


def test_check_imap_login_reports_folders_and_a_missing_folder(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(1), build_reply(2)])
    lines = check_imap_login(settings_for(imap_account))
    assert any("login" in line and "OK" in line for line in lines)
    assert "IMAP folder 'INBOX': 2 messages" in lines
    with pytest.raises(IntakeError, match=r"folder 'Nope'.*check folders"):
        check_imap_login(settings_for(imap_account, folders=("Nope",)))


def test_fetch_new_on_a_given_client_reads_after_the_checkpoint(imap_account, mailbox):
    append(mailbox, "INBOX", [build_reply(n) for n in range(1, 4)])
    uids = sorted(mailbox.search(["ALL"]) if mailbox.select_folder("INBOX") else [])
    uidvalidity = mailbox.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]
    messages = list(fetch_new(mailbox, "INBOX", (uidvalidity, uids[0]), batch_size=1))
    assert [m.uid for m in messages] == uids[1:]
    assert [m.raw for m in messages] == [build_reply(2), build_reply(3)]


@pytest.fixture(scope="module")
def strict_dovecot() -> Iterator[DovecotServer]:
    """A Dovecot on 127.0.0.2 (which it does not count as secure) that refuses LOGIN without TLS."""
    server = start_dovecot(tls=True, host="127.0.0.2", allow_plaintext_login=False)
    try:
        yield server
    finally:
        server.stop()


def test_a_server_refusing_plaintext_login_asks_for_tls_and_starttls_then_works(strict_dovecot):
    account = strict_dovecot.new_account()
    with pytest.raises(IntakeError, match=r"refuses to log in without encryption .*security = 'starttls'"):
        check_imap_login(settings_for(account))
    settings = settings_for(account, security="starttls", ca_file=str(strict_dovecot.ca_path))
    assert any("OK" in line for line in check_imap_login(settings))


def test_a_server_that_never_answers_times_out_instead_of_hanging():
    # A listening socket nobody accepts from: TCP connects, but no IMAP greeting ever comes.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        settings = ImapSettings(
            host="127.0.0.1", port=port, security="none", username="u", password="p", timeout_s=0.3
        )
        sleeps: list[float] = []
        intake = ImapIntake(settings, MemoryCheckpointStore(), sleep=sleeps.append, max_attempts=2)
        with pytest.raises(IntakeError, match=r"failed 2 times, last: .*TimeoutError") as caught:
            intake.poll(Collector())
    assert caught.value.is_transient
    assert len(sleeps) == 1
