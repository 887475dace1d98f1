"""Pure parts of IMAP intake: scan planning, dedupe keys, Message-ID, settings checks (no sockets)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailer.imap import (
    MAX_IDLE_RENEW_S,
    ImapSettings,
    IntakeError,
    MemoryCheckpointStore,
    _idle_news,
    backoff_delay,
    dedupe_key,
    group_by_bytes,
    has_news,
    is_known,
    is_loopback_host,
    make_raw_message,
    message_id_of,
    plan_scan,
)
from tests.servers import require_or_skip

REPLY = (
    b"From: Kunde <kunde@example.com>\r\n"
    b"Subject: Re: Zahlungserinnerung\r\n"
    b"Message-ID:\r\n <abc.123@example.com>\r\n"
    b"\r\n"
    b"Wir zahlen am Freitag.\r\n"
    b"Message-ID: <not-a-header@example.com>\r\n"
)


def settings(**overrides: object) -> ImapSettings:
    values: dict[str, object] = {
        "host": "imap.example.com",
        "username": "ar@example.com",
        "password": "hunter2",
    }
    values.update(overrides)
    return ImapSettings(**values)  # type: ignore[arg-type]


def test_a_first_read_starts_at_the_first_uid_without_calling_it_a_rescan():
    plan = plan_scan(None, 77, 10)
    assert (plan.start_uid, plan.is_rescan) == (1, False)


def test_it_continues_after_the_checkpoint_when_uidvalidity_is_unchanged():
    plan = plan_scan((77, 41), 77, 50)
    assert (plan.start_uid, plan.is_rescan) == (42, False)


def test_a_changed_uidvalidity_rescans_the_whole_folder():
    plan = plan_scan((77, 41), 78, 3)
    assert (plan.start_uid, plan.is_rescan) == (1, True)
    assert "UIDVALIDITY changed from 77 to 78" in plan.reason


def test_a_uid_rewind_rescans_the_whole_folder():
    plan = plan_scan((77, 41), 77, 41)
    assert (plan.start_uid, plan.is_rescan) == (1, True)
    assert "rewind" in plan.reason


@given(
    checkpoint=st.none() | st.tuples(st.integers(1, 2**32 - 1), st.integers(0, 2**32 - 1)),
    uidvalidity=st.integers(1, 2**32 - 1),
    uidnext=st.integers(1, 2**32),
)
def test_a_scan_never_skips_a_uid_the_checkpoint_does_not_cover(checkpoint, uidvalidity, uidnext):
    plan = plan_scan(checkpoint, uidvalidity, uidnext)
    if checkpoint is None or checkpoint[0] != uidvalidity:
        assert plan.start_uid == 1
    else:
        # Everything after the checkpoint is read; at most the covered UIDs are skipped.
        assert 1 <= plan.start_uid <= checkpoint[1] + 1
        assert plan.is_rescan == (plan.start_uid == 1 and uidnext <= checkpoint[1])


def test_has_news_compares_the_folder_status_with_the_checkpoint():
    assert has_news(None, 5, 1, 0) is False
    assert has_news(None, 5, 4, 3) is True
    assert has_news((5, 3), 5, 4, 3) is False
    assert has_news((5, 3), 5, 5, 4) is True
    assert has_news((5, 3), 6, 4, 3) is True


def test_the_same_bytes_give_the_same_dedupe_key_in_any_folder_or_uid():
    first = make_raw_message("INBOX", 1, 10, raw=REPLY)
    again = make_raw_message("Archive", 99, 3, raw=REPLY)
    assert dedupe_key(first) == dedupe_key(again)
    assert is_known(again, {dedupe_key(first)})


def test_a_different_body_under_the_same_message_id_is_not_known():
    first = make_raw_message("INBOX", 1, 10, raw=REPLY)
    edited = make_raw_message("INBOX", 1, 11, raw=REPLY.replace(b"Freitag", b"Montag"))
    assert first.message_id == edited.message_id
    assert not is_known(edited, {dedupe_key(first)})


def test_message_id_is_read_from_the_header_only_and_unfolded():
    assert message_id_of(REPLY) == "<abc.123@example.com>"
    assert message_id_of(REPLY.replace(b"\r\n", b"\n")) == "<abc.123@example.com>"
    assert message_id_of(b"Subject: none\r\n\r\nMessage-ID: <body@example.com>\r\n") == ""


def test_an_oversized_message_keeps_its_header_and_hashes_it():
    header = REPLY.split(b"\r\n\r\n")[0] + b"\r\n\r\n"
    message = make_raw_message("INBOX", 1, 2, raw=None, header=header, size=50_000_000)
    assert message.is_oversized and message.raw is None and message.header == header
    assert message.size == 50_000_000
    assert message.message_id == "<abc.123@example.com>"
    assert message.sha256 == make_raw_message("INBOX", 1, 2, raw=header).sha256


def test_internal_dates_are_returned_in_utc():
    berlin = timezone(timedelta(hours=2))
    message = make_raw_message(
        "INBOX", 1, 2, raw=REPLY, internal_at=datetime(2024, 5, 1, 11, 0, tzinfo=berlin)
    )
    assert message.internal_at == datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    assert message.internal_at.tzinfo is UTC


def test_settings_collect_every_problem_with_what_to_change():
    with pytest.raises(IntakeError) as caught:
        settings(security="none", folders=(), batch_size=0, idle_renew_s=MAX_IDLE_RENEW_S + 60)
    text = str(caught.value)
    assert "security = 'none'" in text and "'imap.example.com'" in text
    assert "folders is empty" in text
    assert "batch_size must be at least 1" in text
    assert "idle_renew_s must be between 1 and 1680" in text


def test_plaintext_is_allowed_on_loopback_only():
    assert settings(host="127.0.0.1", security="none").effective_port == 143
    assert settings(host="localhost", security="none").address == "localhost:143"
    assert is_loopback_host("::1") and is_loopback_host("127.0.0.2")
    assert not is_loopback_host("imap.example.com") and not is_loopback_host("10.0.0.1")


def test_default_ports_follow_the_security_mode():
    assert settings().effective_port == 993
    assert settings(security="starttls").effective_port == 143
    assert settings(port=1993).effective_port == 1993


def test_the_password_never_appears_in_the_settings_repr():
    assert "hunter2" not in repr(settings())


def test_move_to_cannot_be_a_folder_that_is_read():
    with pytest.raises(IntakeError, match="move_to 'INBOX' is also a folder to read"):
        settings(move_to="INBOX")


def test_an_unknown_security_mode_names_the_choices():
    with pytest.raises(IntakeError, match="security must be one of tls, starttls, none, got 'ssl'"):
        settings(security="ssl")


def test_backoff_walks_the_steps_then_stays_at_the_last():
    assert [backoff_delay(n, (1, 2, 5)) for n in range(1, 6)] == [1, 2, 5, 5, 5]
    assert backoff_delay(3, ()) == 0.0


def test_idle_news_is_an_arrival_or_the_server_leaving_not_a_keepalive():
    assert _idle_news([(3, b"EXISTS")])
    assert _idle_news([(b"BYE", b"Server shutting down.")])
    assert not _idle_news([(b"OK", b"Still here")])
    assert not _idle_news([(2, b"EXPUNGE"), (1, b"FETCH", (b"FLAGS", (b"\\Seen",)))])


def test_the_memory_checkpoint_store_remembers_per_folder():
    store = MemoryCheckpointStore()
    assert store.get_checkpoint("INBOX") is None
    store.save_checkpoint("INBOX", 7, 12)
    store.save_checkpoint("Replies", 9, 1)
    assert store.get_checkpoint("INBOX") == (7, 12)
    assert store.get_checkpoint("Replies") == (9, 1)


@given(
    sizes=st.lists(st.integers(0, 5000), max_size=40),
    budget=st.integers(1, 10_000),
)
def test_fetch_groups_keep_the_order_and_stay_within_the_byte_budget(sizes, budget):
    uids = list(range(10, 10 + len(sizes)))
    by_uid = dict(zip(uids, sizes, strict=True))
    groups = group_by_bytes(uids, by_uid, budget)
    assert [uid for group in groups for uid in group] == uids
    assert all(group for group in groups)
    assert all(len(group) == 1 or sum(by_uid[u] for u in group) <= budget for group in groups)


def test_require_or_skip_skips_normally_and_fails_when_servers_are_required(monkeypatch):
    monkeypatch.delenv("REQUIRE_TEST_SERVERS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install dovecot"):
        require_or_skip("install dovecot")
    monkeypatch.setenv("REQUIRE_TEST_SERVERS", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_TEST_SERVERS=1 but: install dovecot"):
        require_or_skip("install dovecot")


def test_empty_strings_from_toml_mean_not_set():
    chosen = settings(ca_file="", move_to="", folders=["INBOX", "Antworten"])
    assert chosen.ca_file is None and chosen.move_to is None
    assert chosen.folders == ("INBOX", "Antworten")
