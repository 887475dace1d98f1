"""MaildirSource: a local Maildir yields the same RawMessage as IMAP, and is left alone unless configured."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mailer.imap import IntakeError, RawMessage, dedupe_key
from mailer.maildirsource import MaildirSource, maildir_key, maildir_uid, with_flag


def reply(number: int, extra: bytes = b"") -> bytes:
    return (
        f"From: Kunde {number} <kunde{number}@example.com>\n"
        f"Subject: Re: Rechnung RE-{number}\n"
        f"Message-ID: <reply{number}@example.com>\n"
        "\n"
        f"Wir zahlen Rechnung RE-{number} am Freitag.\n"
    ).encode() + extra


def make_maildir(root: Path, files: dict[str, tuple[bytes, int]]) -> Path:
    """A Maildir with ``files`` as {"new/name" or "cur/name:2,S": (bytes, mtime)}."""
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for name, (content, mtime) in files.items():
        path = root / name
        path.write_bytes(content)
        os.utime(path, (mtime, mtime))
    return root


def snapshot(root: Path) -> list[tuple[str, int, float]]:
    return sorted(
        (str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime)
        for p in root.rglob("*")
        if p.is_file()
    )


def test_it_yields_every_message_oldest_first_with_bytes_intact(tmp_path):
    root = make_maildir(
        tmp_path / "Maildir",
        {
            "new/1700000300.M1P1.host": (reply(3), 1_700_000_300),
            "cur/1700000100.M1P1.host:2,S": (reply(1), 1_700_000_100),
            "new/1700000200.M1P1.host": (reply(2), 1_700_000_200),
        },
    )
    messages = list(MaildirSource(root).messages())
    assert [m.raw for m in messages] == [reply(1), reply(2), reply(3)]
    assert [m.message_id for m in messages] == [
        "<reply1@example.com>",
        "<reply2@example.com>",
        "<reply3@example.com>",
    ]
    assert all(m.folder == str(root) and m.uidvalidity == 0 for m in messages)
    assert messages[0].internal_at.timestamp() == 1_700_000_100


def test_reading_changes_nothing_in_the_maildir(tmp_path):
    root = make_maildir(tmp_path / "Maildir", {"new/a.host": (reply(1), 1_700_000_000)})
    before = snapshot(root)
    stored: list[RawMessage] = []
    MaildirSource(root).poll(stored.append)
    MaildirSource(root).poll(stored.append)
    assert snapshot(root) == before
    assert len(stored) == 2  # without known keys every poll offers everything; the caller deduplicates


def test_the_uid_and_dedupe_key_survive_another_program_marking_the_message_read(tmp_path):
    root = make_maildir(tmp_path / "Maildir", {"new/1700000000.M5P9.host": (reply(1), 1_700_000_000)})
    (first,) = MaildirSource(root).messages()
    os.rename(root / "new/1700000000.M5P9.host", root / "cur/1700000000.M5P9.host:2,S")
    (again,) = MaildirSource(root).messages()
    assert again.uid == first.uid == maildir_uid("1700000000.M5P9.host")
    assert dedupe_key(again) == dedupe_key(first)


def test_poll_skips_messages_the_caller_already_stored(tmp_path):
    root = make_maildir(
        tmp_path / "Maildir",
        {"new/a.host": (reply(1), 1_700_000_000), "new/b.host": (reply(2), 1_700_000_001)},
    )
    source = MaildirSource(root)
    known = {dedupe_key(m) for m in source.messages() if m.message_id == "<reply1@example.com>"}
    stored: list[RawMessage] = []
    result = source.poll(stored.append, known)
    assert [m.message_id for m in stored] == ["<reply2@example.com>"]
    assert result.stored == 1


def test_mark_seen_adds_the_s_flag_and_moves_the_file_to_cur(tmp_path):
    root = make_maildir(
        tmp_path / "Maildir",
        {"new/a.host": (reply(1), 1_700_000_000), "cur/b.host:2,F": (reply(2), 1_700_000_001)},
    )
    MaildirSource(root, mark_seen=True).poll(lambda _m: None)
    assert sorted(p.name for p in (root / "cur").iterdir()) == ["a.host:2,S", "b.host:2,FS"]
    assert list((root / "new").iterdir()) == []


def test_move_to_moves_stored_messages_into_a_maildir_plus_plus_folder(tmp_path):
    root = make_maildir(tmp_path / "Maildir", {"new/a.host": (reply(1), 1_700_000_000)})
    result = MaildirSource(root, move_to="Processed").poll(lambda _m: None)
    assert result.moved == 1
    assert [p.name for p in (root / ".Processed" / "cur").iterdir()] == ["a.host:2,"]
    assert (root / ".Processed" / "cur" / "a.host:2,").read_bytes() == reply(1)
    assert list(MaildirSource(root).messages()) == []


def test_a_failing_store_leaves_the_message_where_it_was(tmp_path):
    root = make_maildir(tmp_path / "Maildir", {"new/a.host": (reply(1), 1_700_000_000)})

    def failing_store(_message: RawMessage) -> None:
        raise RuntimeError("database is locked")

    with pytest.raises(RuntimeError):
        MaildirSource(root, move_to="Processed", mark_seen=True).poll(failing_store)
    assert (root / "new" / "a.host").exists()


def test_an_oversized_file_is_kept_as_header_only_metadata(tmp_path):
    big = reply(1, b"x" * 5000)
    root = make_maildir(tmp_path / "Maildir", {"new/a.host": (big, 1_700_000_000)})
    (message,) = MaildirSource(root, max_message_bytes=1000).messages()
    assert message.is_oversized and message.raw is None
    assert message.size == len(big)
    assert message.header == big[: big.index(b"\n\n") + 2]
    assert message.message_id == "<reply1@example.com>"


def test_a_folder_that_is_not_a_maildir_is_a_clear_error(tmp_path):
    (tmp_path / "mail" / "cur").mkdir(parents=True)
    with pytest.raises(
        IntakeError, match=r"is not a Maildir: it has no new/, tmp/; point the maildir setting"
    ):
        list(MaildirSource(tmp_path / "mail").messages())


def test_dot_files_and_subfolders_are_ignored(tmp_path):
    root = make_maildir(tmp_path / "Maildir", {"new/a.host": (reply(1), 1_700_000_000)})
    (root / "new" / ".hidden").write_bytes(b"junk")
    (root / "cur" / "dir").mkdir()
    assert len(list(MaildirSource(root).messages())) == 1


def test_maildir_names_split_into_key_and_sorted_flags():
    assert maildir_key("1700000000.M1P2.host:2,RS") == "1700000000.M1P2.host"
    assert with_flag("k.host:2,RF", "S") == "k.host:2,FRS"
    assert with_flag("k.host", "S") == "k.host:2,S"
    assert with_flag("k.host:2,S", "S") == "k.host:2,S"


def test_move_to_must_be_a_plain_folder_name(tmp_path):
    with pytest.raises(IntakeError, match="plain folder name"):
        MaildirSource(tmp_path, move_to="../elsewhere")


def test_create_makes_an_empty_maildir_when_there_is_none(tmp_path):
    source = MaildirSource(tmp_path / "replies", create=True)
    assert list(source.messages()) == []
    assert all((tmp_path / "replies" / sub).is_dir() for sub in ("cur", "new", "tmp"))
