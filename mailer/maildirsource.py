"""A local Maildir as the source of replies, for the demo and for people who fetch mail with other tools.

Yields the same :class:`mailer.imap.RawMessage` as IMAP intake: ``folder`` is the Maildir path,
``uidvalidity`` is 0 and ``uid`` a stable number derived from the Maildir key (the file name up to
the ``:2,`` flags), so a message keeps its uid when another program marks it read. Maildir keys carry
no order, so every poll looks at every message and skips the ones the caller already stored
(:func:`mailer.imap.dedupe_key`). The Maildir is never changed unless ``mark_seen`` or ``move_to``
is set.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from mailer.imap import (
    DEFAULT_MAX_MESSAGE_BYTES,
    IntakeError,
    PollResult,
    RawMessage,
    dedupe_key,
    make_raw_message,
)

log = logging.getLogger(__name__)

INFO_SEPARATOR = ":"


def maildir_key(file_name: str) -> str:
    """The unique part of a Maildir file name (without the ``:2,FLAGS`` info)."""
    return file_name.split(INFO_SEPARATOR, 1)[0]


def maildir_uid(key: str) -> int:
    """A stable positive 56-bit number for a Maildir key, used as the message's uid."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()[:7], "big")


def with_flag(file_name: str, flag: str) -> str:
    """``file_name`` with ``flag`` added to its ``:2,`` info (flags kept sorted, as Maildir requires)."""
    key, _, info = file_name.partition(INFO_SEPARATOR)
    flags = info[2:] if info.startswith("2,") else ""
    return f"{key}{INFO_SEPARATOR}2,{''.join(sorted(set(flags) | {flag}))}"


@dataclass(frozen=True, slots=True)
class _Entry:
    path: Path
    key: str
    mtime: float


class MaildirSource:
    """Messages of the Maildir at ``path`` (its ``new/`` and ``cur/``), oldest delivery first.

    ``mark_seen`` adds the ``S`` flag (moving the file to ``cur/``) once a message is stored;
    ``move_to`` moves it into the Maildir++ sub-folder ``.<move_to>`` (created if missing);
    ``create`` makes an empty Maildir at ``path`` when there is none (as ``tactful init`` would).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        mark_seen: bool = False,
        move_to: str | None = None,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
        create: bool = False,
    ) -> None:
        self.path = Path(path)
        self.create = create
        self.mark_seen = mark_seen
        self.move_to = move_to
        self.max_message_bytes = max_message_bytes
        if move_to is not None and (not move_to or "/" in move_to or move_to.startswith(".")):
            raise IntakeError(
                f"Maildir move_to must be a plain folder name like 'Processed', got {move_to!r}",
                folder=str(self.path),
            )

    def _check(self) -> None:
        if self.create:
            for sub in ("cur", "new", "tmp"):
                (self.path / sub).mkdir(parents=True, exist_ok=True)
        missing = [sub for sub in ("cur", "new", "tmp") if not (self.path / sub).is_dir()]
        if missing:
            raise IntakeError(
                f"{self.path} is not a Maildir: it has no {', '.join(m + '/' for m in missing)}; point the "
                "maildir setting at the folder that holds cur/, new/ and tmp/",
                folder=str(self.path),
            )

    def _entries(self) -> list[_Entry]:
        entries: list[_Entry] = []
        for sub in ("new", "cur"):
            with os.scandir(self.path / sub) as listing:
                for item in listing:
                    if item.name.startswith(".") or not item.is_file():
                        continue
                    try:
                        mtime = item.stat().st_mtime
                    except FileNotFoundError:  # moved by another program meanwhile
                        continue
                    entries.append(_Entry(Path(item.path), maildir_key(item.name), mtime))
        entries.sort(key=lambda e: (e.mtime, e.key))
        return entries

    def _read(self, entry: _Entry) -> RawMessage | None:
        folder = str(self.path)
        try:
            size = entry.path.stat().st_size
            internal_at = datetime.fromtimestamp(entry.mtime, UTC)
            with entry.path.open("rb") as handle:
                if size <= self.max_message_bytes:
                    raw = handle.read()
                    return make_raw_message(
                        folder, 0, maildir_uid(entry.key), raw=raw, size=len(raw), internal_at=internal_at
                    )
                header = _read_header(handle)
        except FileNotFoundError:
            log.info("maildir %s: %s vanished while reading (moved by another program)", folder, entry.key)
            return None
        log.warning(
            "maildir %s %s size=%d over max_message_bytes: kept the header only", folder, entry.key, size
        )
        return make_raw_message(
            folder, 0, maildir_uid(entry.key), raw=None, header=header, size=size, internal_at=internal_at
        )

    def messages(self) -> Iterator[RawMessage]:
        """Every message now in the Maildir, oldest first; changes nothing."""
        self._check()
        for entry in self._entries():
            message = self._read(entry)
            if message is not None:
                yield message

    def poll(
        self, store_callback: Callable[[RawMessage], None], known_keys: Collection[str] = ()
    ) -> PollResult:
        """Hand each message whose ``dedupe_key`` is not in ``known_keys`` to ``store_callback``.

        After the callback returns, the message is marked seen / moved when configured.
        """
        self._check()
        stored = moved = 0
        for entry in self._entries():
            message = self._read(entry)
            if message is None or dedupe_key(message) in known_keys:
                continue
            store_callback(message)
            stored += 1
            if self._after_store(entry):
                moved += 1
        return PollResult(stored=stored, moved=moved)

    def _after_store(self, entry: _Entry) -> bool:
        if not self.mark_seen and self.move_to is None:
            return False
        name = entry.path.name
        if self.mark_seen:
            name = with_flag(name, "S")
        elif INFO_SEPARATOR not in name:
            name = f"{name}{INFO_SEPARATOR}2,"  # files in cur/ carry an info part
        target_dir = self.path / "cur"
        if self.move_to is not None:
            target = self.path / f".{self.move_to}"
            for sub in ("cur", "new", "tmp"):
                (target / sub).mkdir(parents=True, exist_ok=True)
            target_dir = target / "cur"
        try:
            os.rename(entry.path, target_dir / name)
        except FileNotFoundError:
            log.info("maildir %s: %s was moved by another program before we could", self.path, entry.key)
            return False
        return self.move_to is not None


def _read_header(handle: BinaryIO) -> bytes:
    """The header block of a message file (up to and including the blank line), at most 1 MiB."""
    read = handle.readline
    lines: list[bytes] = []
    total = 0
    while total < 1024 * 1024:
        line = read(65536)
        if not line:
            break
        lines.append(line)
        total += len(line)
        if line in (b"\n", b"\r\n"):
            break
    return b"".join(lines)
