"""Reply intake over IMAP that loses nothing: checkpointed by UIDVALIDITY + UID, read without marking as read.

The flow for one folder: SELECT (EXAMINE unless we must change something), decide from the stored
checkpoint where to start (:func:`plan_scan`), ``UID SEARCH`` the new UIDs, fetch them in ascending
order in batches with ``BODY.PEEK[]`` (which never sets ``\\Seen``), hand each message to the caller,
who stores it, and only then advance the checkpoint. A crash between the two stores a message twice at
worst, never zero times; the caller removes duplicates with :func:`dedupe_key`. A changed UIDVALIDITY
or a UID rewind makes the whole folder be read again, for the same reason.

Nothing is deleted or flagged unless the configuration asks for it (``move_to``, ``mark_seen``,
``allow_expunge``). The password is never logged or put in an error message.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import functools
import hashlib
import ipaddress
import logging
import math
import re
import ssl
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

log = logging.getLogger(__name__)

SECURITY_MODES = ("tls", "starttls", "none")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
# RFC 2177: servers may drop an IDLE after 30 minutes; re-issue well before 29.
MAX_IDLE_RENEW_S = 28 * 60
DEFAULT_BATCH_SIZE = 50
DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024
IDLE_MAX_EMPTY_WAKEUPS = 3
# At most this many bytes of message bodies are fetched (and held in memory) in one FETCH.
FETCH_BYTES_BUDGET = 32 * 1024 * 1024
SEEN = b"\\Seen"
DELETED = b"\\Deleted"

# Failures after which reconnecting may help (server restarted, network blip, idle connection dropped).
RETRYABLE_ERRORS: tuple[type[BaseException], ...] = (
    IMAPClientAbortError,
    ConnectionError,
    TimeoutError,
    ssl.SSLEOFError,
    ssl.SSLZeroReturnError,
)


class IntakeError(Exception):
    """Reading replies failed in a way a person can act on; the message says where and what to do.

    ``is_transient`` is True when retrying later may succeed (server unreachable, connection dropped).
    """

    def __init__(self, message: str, *, host: str = "", folder: str = "", is_transient: bool = False) -> None:
        super().__init__(message)
        self.host = host
        self.folder = folder
        self.is_transient = is_transient


@dataclass(frozen=True, slots=True, kw_only=True)
class ImapSettings:
    """Where and how to read replies. ``password`` is resolved by the caller (env or file), never logged.

    ``security``: "tls" (implicit TLS, port 993), "starttls" (port 143) or "none" (loopback hosts only).
    ``port`` 0 means the default port for ``security``. ``max_message_bytes``: larger messages are
    recorded from their header only (``RawMessage.is_oversized``). ``move_to``: folder processed
    messages are moved to (MOVE; COPY + \\Deleted + EXPUNGE only with ``allow_expunge``).
    ``idle_renew_s``: IDLE is re-issued this often; ``poll_interval_s``: how often to look when the
    server has no IDLE (or ``use_idle`` is off).
    """

    host: str
    username: str
    password: str = field(repr=False)
    port: int = 0
    security: str = "tls"
    folders: tuple[str, ...] = ("INBOX",)
    ca_file: str | None = None
    timeout_s: float = 60.0
    batch_size: int = DEFAULT_BATCH_SIZE
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    move_to: str | None = None
    mark_seen: bool = False
    allow_expunge: bool = False
    use_idle: bool = True
    idle_renew_s: float = 25 * 60
    poll_interval_s: float = 60.0

    def __post_init__(self) -> None:
        # TOML has no null: an empty string means "not set".
        for name in ("ca_file", "move_to"):
            if getattr(self, name) == "":
                object.__setattr__(self, name, None)
        object.__setattr__(self, "folders", tuple(self.folders))
        problems = settings_problems(self)
        if problems:
            raise IntakeError("IMAP settings: " + "; ".join(problems), host=self.host)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS.get(self.security, 993)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.effective_port}"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses (where plaintext IMAP is acceptable)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def settings_problems(settings: ImapSettings) -> list[str]:
    """Every problem with ``settings``, each saying what to change (empty list when fine)."""
    problems: list[str] = []
    if not settings.host:
        problems.append("host is empty; set the IMAP server name, e.g. host = 'imap.example.com'")
    if not settings.username:
        problems.append("username is empty; set the IMAP login name")
    if settings.security not in SECURITY_MODES:
        problems.append(f"security must be one of {', '.join(SECURITY_MODES)}, got {settings.security!r}")
    elif settings.security == "none" and settings.host and not is_loopback_host(settings.host):
        problems.append(
            f"security = 'none' sends the password in clear text and is only allowed for loopback hosts, "
            f"got host {settings.host!r}; use security = 'tls' or 'starttls'"
        )
    if not 0 <= settings.port <= 65535:
        problems.append(f"port must be between 1 and 65535, got {settings.port!r}")
    if not settings.folders:
        problems.append("folders is empty; list at least one folder, e.g. folders = ['INBOX']")
    if settings.move_to is not None and settings.move_to in settings.folders:
        problems.append(f"move_to {settings.move_to!r} is also a folder to read; choose another folder")
    if settings.timeout_s <= 0:
        problems.append(f"timeout_s must be positive, got {settings.timeout_s!r}")
    if settings.batch_size < 1:
        problems.append(f"batch_size must be at least 1, got {settings.batch_size!r}")
    if settings.max_message_bytes < 1:
        problems.append(f"max_message_bytes must be positive, got {settings.max_message_bytes!r}")
    if not 0 < settings.idle_renew_s <= MAX_IDLE_RENEW_S:
        problems.append(
            f"idle_renew_s must be between 1 and {MAX_IDLE_RENEW_S} s (servers drop IDLE after 29-30 min), "
            f"got {settings.idle_renew_s!r}; the default is 1500"
        )
    if settings.poll_interval_s <= 0:
        problems.append(f"poll_interval_s must be positive, got {settings.poll_interval_s!r}")
    return problems


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message as read from a folder, before any parsing.

    ``sha256`` is the hex digest of ``raw``, or of ``header`` when the message was too large to fetch
    (then ``raw`` is None, ``is_oversized`` is True and only ``header`` is kept). ``message_id`` is the
    Message-ID header ("" when there is none). ``internal_at`` is the server's arrival time (UTC).
    """

    folder: str
    uidvalidity: int
    uid: int
    message_id: str
    sha256: str
    size: int
    raw: bytes | None = field(repr=False)
    internal_at: datetime | None
    is_oversized: bool = False
    header: bytes | None = field(default=None, repr=False)


def dedupe_key(message: RawMessage) -> str:
    """A key equal for the same message read twice (re-delivered, rescanned, other folder or UID)."""
    return f"{message.message_id}|{message.sha256}"


def is_known(message: RawMessage, known_keys: Collection[str]) -> bool:
    """True when ``message`` was already stored, according to the stored ``dedupe_key`` values."""
    return dedupe_key(message) in known_keys


_HEADER_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)
_WS = re.compile(r"\s+")


def message_id_of(raw_header: bytes) -> str:
    """The Message-ID of a message (or its header block), whitespace-normalised; "" when absent."""
    header_end = raw_header.find(b"\r\n\r\n")
    if header_end < 0:
        header_end = raw_header.find(b"\n\n")
    head = raw_header if header_end < 0 else raw_header[: header_end + 2]
    value = _HEADER_PARSER.parsebytes(head).get("Message-ID")
    if value is None:
        return ""
    return _WS.sub("", str(value))


def make_raw_message(
    folder: str,
    uidvalidity: int,
    uid: int,
    *,
    raw: bytes | None,
    header: bytes | None = None,
    size: int | None = None,
    internal_at: datetime | None = None,
) -> RawMessage:
    """Build a RawMessage from full bytes, or (``raw`` None) from the header of an oversized message."""
    if raw is not None:
        content = raw
        oversized = False
        total = len(raw) if size is None else size
    else:
        content = header or b""
        oversized = True
        total = size if size is not None else len(content)
    return RawMessage(
        folder=folder,
        uidvalidity=uidvalidity,
        uid=uid,
        message_id=message_id_of(content),
        sha256=hashlib.sha256(content).hexdigest(),
        size=total,
        raw=raw,
        # A naive INTERNALDATE is imapclient's conversion to local time; astimezone() reads it as such.
        internal_at=internal_at.astimezone(UTC) if internal_at is not None else None,
        is_oversized=oversized,
        header=header if oversized else None,
    )


class CheckpointStore(Protocol):
    """Where intake remembers how far it read each folder (the lead implements it on the database)."""

    def get_checkpoint(self, folder: str) -> tuple[int, int] | None:
        """(uidvalidity, last processed uid) of ``folder``, or None if never read."""
        ...

    def save_checkpoint(self, folder: str, uidvalidity: int, last_uid: int) -> None:
        """Remember that everything up to ``last_uid`` in ``folder`` under ``uidvalidity`` is stored."""
        ...


class MemoryCheckpointStore:
    """A CheckpointStore in a dict: for tests, the demo and one-off runs."""

    def __init__(self, initial: dict[str, tuple[int, int]] | None = None) -> None:
        self.checkpoints: dict[str, tuple[int, int]] = dict(initial or {})

    def get_checkpoint(self, folder: str) -> tuple[int, int] | None:
        return self.checkpoints.get(folder)

    def save_checkpoint(self, folder: str, uidvalidity: int, last_uid: int) -> None:
        self.checkpoints[folder] = (uidvalidity, last_uid)


@dataclass(frozen=True, slots=True)
class ScanPlan:
    """Where to start reading a folder: UIDs >= ``start_uid``; ``is_rescan`` says the checkpoint was void."""

    start_uid: int
    is_rescan: bool
    reason: str


def plan_scan(checkpoint: tuple[int, int] | None, uidvalidity: int, uidnext: int) -> ScanPlan:
    """Decide the first UID to read from the checkpoint and the folder's UIDVALIDITY and UIDNEXT."""
    if checkpoint is None:
        return ScanPlan(1, False, "first read of this folder")
    old_validity, last_uid = checkpoint
    if old_validity != uidvalidity:
        return ScanPlan(1, True, f"UIDVALIDITY changed from {old_validity} to {uidvalidity}")
    if uidnext <= last_uid:
        # UIDNEXT never decreases while UIDVALIDITY stays: the server lost or renumbered messages.
        return ScanPlan(1, True, f"UID rewind: next UID {uidnext} is not above the checkpoint {last_uid}")
    return ScanPlan(last_uid + 1, False, f"new messages after UID {last_uid}")


def has_news(checkpoint: tuple[int, int] | None, uidvalidity: int, uidnext: int, messages: int) -> bool:
    """True when a folder with this status holds messages the checkpoint has not covered."""
    if checkpoint is None:
        return messages > 0
    old_validity, last_uid = checkpoint
    return old_validity != uidvalidity or uidnext > last_uid + 1


def backoff_delay(attempt: int, steps: Sequence[float]) -> float:
    """Seconds to wait before reconnect ``attempt`` (1-based): ``steps`` in order, then the last one."""
    if not steps:
        return 0.0
    return float(steps[min(max(attempt, 1), len(steps)) - 1])


def group_by_bytes(uids: Sequence[int], sizes: dict[int, int], budget: int) -> list[list[int]]:
    """Split ``uids`` (order kept) into runs whose summed ``sizes`` stay within ``budget`` bytes.

    A message larger than the budget gets a run of its own; no run is empty.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if current and total + size > budget:
            groups.append(current)
            current, total = [], 0
        current.append(uid)
        total += size
    if current:
        groups.append(current)
    return groups


def _batched(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# --- connecting -----------------------------------------------------------------------------------------


def _ssl_context(settings: ImapSettings) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=settings.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise IntakeError(
            f"IMAP ca_file {settings.ca_file!r} cannot be loaded as PEM certificates: {exc}; "
            "point ca_file at the PEM file of the CA that signed the server certificate",
            host=settings.host,
        ) from exc


def connect(settings: ImapSettings) -> IMAPClient:
    """Open a verified connection to the server, log in, and return the client (the caller logs out)."""
    address = settings.address
    context = _ssl_context(settings) if settings.security != "none" else None
    try:
        if settings.security == "tls":
            client = IMAPClient(
                settings.host,
                settings.effective_port,
                ssl=True,
                ssl_context=context,
                timeout=settings.timeout_s,
            )
        else:
            client = IMAPClient(settings.host, settings.effective_port, ssl=False, timeout=settings.timeout_s)
            if settings.security == "starttls":
                if not client.has_capability("STARTTLS"):
                    _logout_quietly(client)
                    raise IntakeError(
                        f"IMAP server {address} does not offer STARTTLS; use security = 'tls' with port 993",
                        host=settings.host,
                    )
                client.starttls(context)
    except ssl.SSLCertVerificationError as exc:
        raise IntakeError(
            f"IMAP server {address}: its TLS certificate could not be verified ({exc.verify_message}); "
            "set ca_file to the CA that signed it, or fix the certificate on the server",
            host=settings.host,
        ) from exc
    except ssl.SSLError as exc:
        raise IntakeError(
            f"IMAP server {address}: TLS handshake failed ({exc.reason or exc}); check that security "
            f"({settings.security!r}) matches the port (993 = 'tls', 143 = 'starttls')",
            host=settings.host,
        ) from exc
    except (TimeoutError, ConnectionError) as exc:
        raise IntakeError(
            f"cannot connect to IMAP server {address}: {exc.__class__.__name__}: {exc}; check host and port, "
            "and that the server is up",
            host=settings.host,
            is_transient=True,
        ) from exc
    except OSError as exc:
        # DNS failures and unreachable networks: transient from where we stand.
        raise IntakeError(
            f"cannot connect to IMAP server {address}: {exc}; check host and port",
            host=settings.host,
            is_transient=True,
        ) from exc
    except IMAPClientAbortError as exc:
        raise IntakeError(
            f"IMAP server {address} closed the connection during greeting: {exc}",
            host=settings.host,
            is_transient=True,
        ) from exc
    except IMAPClientError as exc:
        raise IntakeError(f"IMAP server {address} refused the session: {exc}", host=settings.host) from exc
    if settings.security == "none" and client.has_capability("LOGINDISABLED"):
        _logout_quietly(client)
        raise IntakeError(
            f"IMAP server {address} refuses to log in without encryption (LOGINDISABLED); use security = "
            "'starttls' (port 143) or 'tls' (port 993)",
            host=settings.host,
        )
    try:
        client.login(settings.username, settings.password)
    except LoginError as exc:
        _logout_quietly(client)
        raise IntakeError(
            f"IMAP login to {address} as {settings.username!r} failed: {_text(exc)}; check the user name "
            "and the password (password_env / password_file)",
            host=settings.host,
        ) from exc
    except IMAPClientAbortError as exc:
        raise IntakeError(
            f"IMAP server {address} dropped the connection during login: {exc}",
            host=settings.host,
            is_transient=True,
        ) from exc
    except IMAPClientError as exc:
        _logout_quietly(client)
        raise IntakeError(
            f"IMAP login to {address} as {settings.username!r} was refused: {_text(exc)}; the server may "
            "require TLS (security = 'tls' or 'starttls')",
            host=settings.host,
        ) from exc
    # Aware datetimes for INTERNALDATE instead of naive local time.
    client.normalise_times = False
    return client


def _logout_quietly(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


# --- reading a folder -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FolderState:
    uidvalidity: int
    uidnext: int
    exists: int


def _select(client: IMAPClient, folder: str, readonly: bool, host: str) -> _FolderState:
    try:
        info = client.select_folder(folder, readonly=readonly)
    except IMAPClientAbortError:
        raise
    except IMAPClientError as exc:
        raise IntakeError(
            f"IMAP folder {folder!r} on {host} cannot be opened: {_text(exc)}; check folders / move_to in "
            "the configuration (names are case-sensitive, sub-folders use the server's separator)",
            host=host,
            folder=folder,
        ) from exc
    if b"UIDVALIDITY" not in info:
        raise IntakeError(
            f"IMAP folder {folder!r} on {host} has no UIDVALIDITY; this server cannot be read safely",
            host=host,
            folder=folder,
        )
    uidvalidity = int(info[b"UIDVALIDITY"])
    uidnext = int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else max(client.search(["ALL"]), default=0) + 1
    return _FolderState(uidvalidity, uidnext, int(info.get(b"EXISTS", 0)))


def _iter_messages(
    client: IMAPClient,
    folder: str,
    state: _FolderState,
    start_uid: int,
    *,
    batch_size: int,
    max_message_bytes: int,
    host: str,
) -> Iterator[RawMessage]:
    # "N:*" always matches the highest UID even when it is below N: filter.
    uids = sorted(uid for uid in client.search(["UID", f"{start_uid}:*"]) if uid >= start_uid)
    for batch in _batched(uids, batch_size):
        meta = client.fetch(batch, ["RFC822.SIZE", "INTERNALDATE"])
        sizes = {uid: int(meta[uid].get(b"RFC822.SIZE", 0)) for uid in batch if uid in meta}
        # Bodies of one FETCH sit in memory together: keep each FETCH under a byte budget.
        fetched_sizes = {uid: size if size <= max_message_bytes else 0 for uid, size in sizes.items()}
        for group in group_by_bytes([uid for uid in batch if uid in meta], fetched_sizes, FETCH_BYTES_BUDGET):
            small = [uid for uid in group if sizes[uid] <= max_message_bytes]
            large = [uid for uid in group if sizes[uid] > max_message_bytes]
            bodies = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
            headers = client.fetch(large, ["BODY.PEEK[HEADER]"]) if large else {}
            for uid in group:
                size = sizes[uid]
                internal_at = meta[uid].get(b"INTERNALDATE")
                if uid in bodies and b"BODY[]" in bodies[uid]:
                    raw = bytes(bodies[uid][b"BODY[]"])
                    yield make_raw_message(
                        folder, state.uidvalidity, uid, raw=raw, size=size, internal_at=internal_at
                    )
                elif uid in headers and b"BODY[HEADER]" in headers[uid]:
                    header = bytes(headers[uid][b"BODY[HEADER]"])
                    log.warning(
                        "imap %s %s uid=%d size=%d over max_message_bytes=%d: kept the header only",
                        host, folder, uid, size, max_message_bytes,
                    )  # fmt: skip
                    yield make_raw_message(
                        folder,
                        state.uidvalidity,
                        uid,
                        raw=None,
                        header=header,
                        size=size,
                        internal_at=internal_at,
                    )
                else:
                    # Expunged by another client between SEARCH and FETCH: nothing left to lose.
                    log.warning("imap %s %s uid=%d vanished before it could be fetched", host, folder, uid)
        for uid in batch:
            if uid not in meta:
                log.warning("imap %s %s uid=%d vanished before it could be fetched", host, folder, uid)


def fetch_new(
    client_or_settings: IMAPClient | ImapSettings,
    folder: str,
    checkpoint: tuple[int, int] | None,
    *,
    batch_size: int | None = None,
    max_message_bytes: int | None = None,
    readonly: bool = True,
) -> Iterator[RawMessage]:
    """Messages of ``folder`` after ``checkpoint`` (uidvalidity, last_uid), in ascending UID order.

    Reads with ``BODY.PEEK[]`` so no flag changes. A changed UIDVALIDITY or a UID rewind yields the
    whole folder again (deduplicate with :func:`dedupe_key`). Given settings, connects and logs out
    itself; given a logged-in client, uses it as is.
    """
    if isinstance(client_or_settings, ImapSettings):
        settings = client_or_settings
        client = connect(settings)
        try:
            yield from fetch_new(
                client,
                folder,
                checkpoint,
                batch_size=batch_size or settings.batch_size,
                max_message_bytes=max_message_bytes or settings.max_message_bytes,
                readonly=readonly,
            )
        finally:
            _logout_quietly(client)
        return
    client = client_or_settings
    host = _text(getattr(client, "host", "?"))
    state = _select(client, folder, readonly, host)
    plan = plan_scan(checkpoint, state.uidvalidity, state.uidnext)
    if plan.is_rescan:
        log.warning("imap %s %s: reading the whole folder again (%s)", host, folder, plan.reason)
    yield from _iter_messages(
        client,
        folder,
        state,
        plan.start_uid,
        batch_size=batch_size or DEFAULT_BATCH_SIZE,
        max_message_bytes=max_message_bytes or DEFAULT_MAX_MESSAGE_BYTES,
        host=host,
    )


# --- the intake service -----------------------------------------------------------------------------------


class _CallbackFailed(Exception):
    """Carries an exception raised by the caller's code so it is not mistaken for a network failure."""

    def __init__(self, original: Exception) -> None:
        super().__init__(str(original))
        self.original = original


@dataclass(slots=True)
class _Tally:
    """Counts that survive a reconnect in the middle of a folder."""

    stored: int = 0
    moved: int = 0


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one ``poll`` did: messages handed over and moved, per run."""

    stored: int = 0
    moved: int = 0
    reconnects: int = 0


class ImapIntake:
    """Reads new replies from the configured folders, reconnecting with backoff when the connection drops.

    ``checkpoints`` remembers progress; ``sleep``/``clock`` are injectable for tests. Use as a context
    manager, or call ``close()``.
    """

    def __init__(
        self,
        settings: ImapSettings,
        checkpoints: CheckpointStore,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        backoff_s: Sequence[float] = (1.0, 2.0, 5.0, 15.0, 30.0),
        max_attempts: int = 5,
    ) -> None:
        self.settings = settings
        self.checkpoints = checkpoints
        self._sleep = sleep
        self._clock = clock
        self._backoff_s = tuple(backoff_s)
        self._max_attempts = max(1, max_attempts)
        self._client: IMAPClient | None = None

    # connection ---------------------------------------------------------------------------------------

    def __enter__(self) -> ImapIntake:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def client(self) -> IMAPClient:
        """The logged-in client, connecting first if needed."""
        if self._client is None:
            client = connect(self.settings)
            try:
                self._check_move_possible(client)
            except BaseException:
                _logout_quietly(client)
                raise
            self._client = client
        return self._client

    def close(self) -> None:
        """Log out (quietly: the connection may already be gone)."""
        if self._client is not None:
            _logout_quietly(self._client)
            self._client = None

    def _drop(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.shutdown()
            self._client = None

    def _check_move_possible(self, client: IMAPClient) -> None:
        move_to = self.settings.move_to
        if move_to is None:
            return
        if not client.has_capability("MOVE") and not self.settings.allow_expunge:
            raise IntakeError(
                f"IMAP server {self.settings.address} does not support MOVE; set allow_expunge = true to move "
                "with COPY + \\Deleted + EXPUNGE, or remove move_to",
                host=self.settings.host,
                folder=move_to,
            )
        if not client.folder_exists(move_to):
            raise IntakeError(
                f"IMAP folder {move_to!r} (move_to) does not exist on {self.settings.address}; create it in "
                "your mail program or correct move_to",
                host=self.settings.host,
                folder=move_to,
            )

    def _with_retries(self, action: Callable[[], Any], what: str, folder: str = "") -> tuple[Any, int]:
        attempt = 0
        while True:
            original: Exception | None = None
            try:
                return action(), attempt
            except _CallbackFailed as wrapped:
                original = wrapped.original
            except IntakeError as exc:
                if not exc.is_transient:
                    raise
                error: BaseException = exc
            except RETRYABLE_ERRORS as exc:
                error = exc
            except IMAPClientError as exc:
                # A NO/BAD answer (quota, permissions, a folder deleted meanwhile): retrying won't help.
                raise IntakeError(
                    f"IMAP {what} on {self.settings.address}{f' folder {folder!r}' if folder else ''} failed: "
                    f"{_text(exc)}",
                    host=self.settings.host,
                    folder=folder,
                ) from exc
            if original is not None:
                # The caller's own failure (e.g. its database): re-raised untouched, outside the handler.
                raise original
            attempt += 1
            self._drop()
            if attempt >= self._max_attempts:
                raise IntakeError(
                    f"IMAP {what} on {self.settings.address}{f' folder {folder!r}' if folder else ''} failed "
                    f"{attempt} times, last: {error.__class__.__name__}: {error}; the server may be down, "
                    "intake will try again at the next poll",
                    host=self.settings.host,
                    folder=folder,
                    is_transient=True,
                ) from error
            delay = backoff_delay(attempt, self._backoff_s)
            log.warning(
                "imap %s %s: %s: %s; reconnecting in %.0f s (attempt %d of %d)",
                self.settings.address, folder or "-", what, error, delay, attempt + 1, self._max_attempts,
            )  # fmt: skip
            self._sleep(delay)

    # intake -------------------------------------------------------------------------------------------

    def poll(self, store_callback: Callable[[RawMessage], None]) -> PollResult:
        """Hand every new message of every folder to ``store_callback``, then advance its checkpoint.

        ``store_callback`` must have stored the message durably when it returns; if it raises, the
        exception propagates and the message is offered again next time. A folder that cannot be
        read (missing, no permission) does not stop the others: its IntakeError is raised after them.
        """
        tally = _Tally()
        reconnects = 0
        failures: list[IntakeError] = []
        for folder in self.settings.folders:
            try:
                _, retries = self._with_retries(
                    functools.partial(self._poll_folder, folder, store_callback, tally), "reading", folder
                )
            except IntakeError as exc:
                if exc.is_transient or exc.folder != folder:
                    raise  # the server or the login is the problem: other folders would fail too
                log.error("imap %s %s: %s", self.settings.address, folder, exc)
                failures.append(exc)
                continue
            reconnects += retries
        if len(failures) == 1:
            raise failures[0]
        if failures:
            raise IntakeError(
                "; ".join(str(f) for f in failures), host=self.settings.host, folder=failures[0].folder
            )
        return PollResult(stored=tally.stored, moved=tally.moved, reconnects=reconnects)

    def _poll_folder(self, folder: str, store_callback: Callable[[RawMessage], None], tally: _Tally) -> None:
        settings = self.settings
        client = self.client
        changes_flags = settings.move_to is not None or settings.mark_seen
        checkpoint = self.checkpoints.get_checkpoint(folder)
        state = _select(client, folder, not changes_flags, settings.host)
        if settings.move_to is not None and checkpoint is not None and checkpoint[0] == state.uidvalidity:
            # Stored before a crash but not moved yet: everything up to the checkpoint is safe to move.
            leftovers = []
            if checkpoint[1] >= 1:
                leftovers = [
                    uid for uid in client.search(["UID", f"1:{checkpoint[1]}"]) if uid <= checkpoint[1]
                ]
            if leftovers:
                self._move(client, leftovers)
                tally.moved += len(leftovers)
        plan = plan_scan(checkpoint, state.uidvalidity, state.uidnext)
        if plan.is_rescan:
            log.warning(
                "imap %s %s: reading the whole folder again (%s)", settings.address, folder, plan.reason
            )
        last_uid = 0
        for message in _iter_messages(
            client,
            folder,
            state,
            plan.start_uid,
            batch_size=settings.batch_size,
            max_message_bytes=settings.max_message_bytes,
            host=settings.address,
        ):
            started = self._clock()
            try:
                store_callback(message)
                self.checkpoints.save_checkpoint(folder, message.uidvalidity, message.uid)
            except Exception as exc:
                raise _CallbackFailed(exc) from exc
            last_uid = message.uid
            tally.stored += 1
            if settings.mark_seen:
                client.add_flags([message.uid], [SEEN])
            if settings.move_to is not None:
                self._move(client, [message.uid])
                tally.moved += 1
            log.info(
                "imap %s %s uid=%d size=%d %s stored%s in %.3f s",
                settings.address, folder, message.uid, message.size, message.message_id or "(no Message-ID)",
                f", moved to {settings.move_to}" if settings.move_to else "", self._clock() - started,
            )  # fmt: skip
        # Everything below UIDNEXT at SELECT time has been seen: remember it, so a rescan of an emptied
        # folder or a changed UIDVALIDITY is not repeated at every poll.
        done = (state.uidvalidity, max(state.uidnext - 1, last_uid))
        if self.checkpoints.get_checkpoint(folder) != done:
            try:
                self.checkpoints.save_checkpoint(folder, *done)
            except Exception as exc:
                raise _CallbackFailed(exc) from exc

    def _move(self, client: IMAPClient, uids: list[int]) -> None:
        destination = self.settings.move_to
        assert destination is not None
        if client.has_capability("MOVE"):
            client.move(uids, destination)
            return
        # Only reached with allow_expunge (checked at connect).
        client.copy(uids, destination)
        client.add_flags(uids, [DELETED])
        if client.has_capability("UIDPLUS"):
            client.expunge(uids)
        else:
            log.warning(
                "imap %s: no UIDPLUS, plain EXPUNGE removes every \\Deleted message", self.settings.address
            )
            client.expunge()

    # waiting ------------------------------------------------------------------------------------------

    def wait_for_changes(self, timeout_s: float) -> bool:
        """Block up to ``timeout_s`` until a folder has unread work; True if so, False on timeout.

        Uses IDLE on the first folder (re-issued every ``idle_renew_s``) when the server offers it and
        ``use_idle`` is on, checking the other folders between IDLE rounds; otherwise polls STATUS every
        ``poll_interval_s``. A dropped connection returns True, so the next ``poll`` reconnects.
        """
        deadline = self._clock() + max(timeout_s, 0.0)
        self._with_retries(lambda: self.client, "connecting")
        try:
            return self._wait(deadline)
        except RETRYABLE_ERRORS as exc:
            log.warning(
                "imap %s: connection lost while waiting (%s); will reconnect", self.settings.address, exc
            )
            self._drop()
            return True
        except IMAPClientError as exc:
            raise IntakeError(
                f"IMAP waiting for new mail on {self.settings.address} failed: {_text(exc)}",
                host=self.settings.host,
            ) from exc

    def _folder_has_news(self, client: IMAPClient, folder: str) -> bool:
        status = client.folder_status(folder, ["MESSAGES", "UIDNEXT", "UIDVALIDITY"])
        return has_news(
            self.checkpoints.get_checkpoint(folder),
            int(status[b"UIDVALIDITY"]),
            int(status[b"UIDNEXT"]),
            int(status[b"MESSAGES"]),
        )

    def _wait(self, deadline: float) -> bool:
        settings = self.settings
        client = self.client
        first, others = settings.folders[0], settings.folders[1:]
        if settings.use_idle and client.has_capability("IDLE"):
            state = _select(client, first, True, settings.address)
            if has_news(
                self.checkpoints.get_checkpoint(first), state.uidvalidity, state.uidnext, state.exists
            ):
                return True
            if any(self._folder_has_news(client, folder) for folder in others):
                return True
            while (left := deadline - self._clock()) > 0:
                round_s = min(left, settings.idle_renew_s, settings.poll_interval_s if others else math.inf)
                if self._idle_round(client, round_s):
                    return True
                if any(self._folder_has_news(client, folder) for folder in others):
                    return True
            return False
        if client.has_capability("UNSELECT"):
            try:
                client.unselect_folder()
            except IMAPClientAbortError:
                raise
            except IMAPClientError:
                pass  # nothing was selected
        while True:
            if any(self._folder_has_news(client, folder) for folder in settings.folders):
                return True
            left = deadline - self._clock()
            if left <= 0:
                return False
            self._sleep(min(left, settings.poll_interval_s))

    def _idle_round(self, client: IMAPClient, round_s: float) -> bool:
        end = self._clock() + round_s
        client.idle()
        news = False
        empty_wakeups = 0
        try:
            while (left := end - self._clock()) > 0:
                responses = client.idle_check(timeout=left)
                if _idle_news(responses):
                    news = True
                    break
                if responses:
                    empty_wakeups = 0
                elif end - self._clock() > 0.05:
                    # Woken early with nothing to read: imapclient swallows EOF here, so a dead
                    # connection would spin until the round ends. A few in a row means it is gone.
                    empty_wakeups += 1
                    if empty_wakeups >= IDLE_MAX_EMPTY_WAKEUPS:
                        log.warning(
                            "imap %s: connection lost during IDLE; will reconnect", self.settings.address
                        )
                        news = True
                        break
        finally:
            try:
                client.idle_done()
            except (IMAPClientAbortError, OSError):
                # BYE (server shutting down) or a dead socket: report news so poll reconnects and reads.
                self._drop()
                news = True
        return news


def _idle_news(responses: Iterable[tuple[Any, ...]]) -> bool:
    for response in responses:
        if len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT"):
            return True
        if response and response[0] == b"BYE":
            return True
    return False


# --- `tactful check --connect` ----------------------------------------------------------------------------


def check_imap_login(settings: ImapSettings) -> list[str]:
    """Log in and look at every configured folder; return report lines, or raise IntakeError."""
    client = connect(settings)
    try:
        lines = [f"IMAP login to {settings.address} as {settings.username!r} ({settings.security}) OK"]
        has_idle = client.has_capability("IDLE")
        has_move = client.has_capability("MOVE")
        lines.append(
            f"IMAP server: IDLE {'yes' if has_idle else f'no (polling every {settings.poll_interval_s:g} s)'}, "
            f"MOVE {'yes' if has_move else 'no'}"
        )
        for folder in settings.folders:
            try:
                status = client.folder_status(folder, ["MESSAGES", "UIDVALIDITY"])
            except IMAPClientError as exc:
                raise IntakeError(
                    f"IMAP folder {folder!r} on {settings.address} cannot be read: {_text(exc)}; check folders "
                    "in the configuration",
                    host=settings.host,
                    folder=folder,
                ) from exc
            lines.append(f"IMAP folder {folder!r}: {int(status[b'MESSAGES'])} messages")
        if settings.move_to is not None:
            if not client.folder_exists(settings.move_to):
                raise IntakeError(
                    f"IMAP folder {settings.move_to!r} (move_to) does not exist on {settings.address}; create it "
                    "or correct move_to",
                    host=settings.host,
                    folder=settings.move_to,
                )
            if not has_move and not settings.allow_expunge:
                raise IntakeError(
                    f"IMAP server {settings.address} does not support MOVE; set allow_expunge = true or remove "
                    "move_to",
                    host=settings.host,
                    folder=settings.move_to,
                )
            lines.append(f"IMAP processed messages move to {settings.move_to!r}")
        return lines
    finally:
        _logout_quietly(client)
