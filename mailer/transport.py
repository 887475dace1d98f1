"""Getting reminders out: SMTP, a local Maildir outbox, and a copy in the company's Sent folder.

Every transport has ``session()``, a context manager whose object has ``send(msg) -> SendResult``:

    with transport.session() as s:
        for message in batch:
            try:
                s.send(message)
            except UnknownFateError:  # the server may have it: hold, never resend silently
                ...
            except DeliveryError as exc:  # exc.permanent: give up on it; else retry later
                ...

``SmtpTransport`` verifies certificates by default and refuses plain or unverified connections
except to a loopback host with ``allow_insecure=True`` (tests, a local relay). One connection
serves the whole batch; if the server closed it while idle, the session reconnects once.

Failures are classified so the caller can decide without parsing text: a 4xx answer, a timeout or
a refused connection is temporary; a 5xx answer to the message or all of its recipients is
permanent; a connection lost after the whole message went out and before the server's answer is
an :class:`~mailer.UnknownFateError`. Login, TLS and connection problems are temporary (they are
about the settings or the network, not the message) and say what to check.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import ipaddress
import logging
import mailbox
import queue
import re
import smtplib
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import SMTP as SMTP_POLICY
from email.policy import default as default_policy
from email.utils import getaddresses
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

from mailer import DeliveryError, TransportConfigError, UnknownFateError

log = logging.getLogger("tactful.mailer")

Security = Literal["starttls", "tls", "none"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SendResult:
    """What the server accepted: the Message-ID, the recipients it took, and those it refused (``(code, text)``)."""

    message_id: str
    recipients: tuple[str, ...]
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP literals (no DNS look-up: a name could point anywhere)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def envelope_of(msg: Message, recipients: Sequence[str] | None = None) -> tuple[str, list[str]]:
    """The SMTP envelope of ``msg``: sender from Sender/From, recipients from To, Cc and Bcc unless given."""
    senders = getaddresses([str(v) for v in msg.get_all("Sender", []) or msg.get_all("From", [])])
    sender = next((addr for _, addr in senders if addr), "")
    if recipients is None:
        fields = [str(v) for h in ("To", "Cc", "Bcc") for v in msg.get_all(h, [])]
        recipients = [addr for _, addr in getaddresses(fields) if addr]
    # Keep the order, drop duplicates: the same address twice would get the letter twice.
    return sender, list(dict.fromkeys(recipients))


def flatten(msg: Message) -> bytes:
    """``msg`` as the bytes that go over SMTP: CRLF line ends, no Bcc header."""
    if msg.get_all("Bcc"):
        msg = copy.copy(msg)
        del msg["Bcc"]
    policy = getattr(msg, "policy", SMTP_POLICY)
    return msg.as_bytes(policy=policy.clone(linesep="\r\n"))


def message_id_of(msg: Message) -> str:
    return str(msg.get("Message-ID", "")).strip()


@dataclass(frozen=True, slots=True)
class PreparedMessage:
    """A message with its envelope and wire bytes worked out, ready for ``send`` (see :func:`prepare`)."""

    message: Message
    message_id: str
    sender: str
    recipients: tuple[str, ...]
    payload: bytes


def prepare(
    msg: Message, *, envelope_from: str | None = None, recipients: Sequence[str] | None = None
) -> PreparedMessage:
    """Do the CPU work of a send ahead of time: the envelope and the flattened bytes."""
    sender, rcpts = envelope_of(msg, recipients)
    return PreparedMessage(
        message=msg,
        message_id=message_id_of(msg),
        sender=envelope_from if envelope_from is not None else sender,
        recipients=tuple(rcpts),
        payload=flatten(msg),
    )


class SmtpTransport:
    """An SMTP submission server; ``session()`` opens one connection for a batch."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        security: Security = "starttls",
        username: str | None = None,
        password: str | None = None,
        timeout_s: float = 30,
        ca_file: str | Path | None = None,
        allow_insecure: bool = False,
        verify_certificate: bool = True,
        rate_per_minute: float | None = None,
        local_hostname: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if security not in ("starttls", "tls", "none"):
            raise TransportConfigError(f"smtp security must be 'starttls', 'tls' or 'none', got {security!r}")
        if not host:
            raise TransportConfigError("smtp host is empty; set it to your provider's submission server")
        insecure = security == "none" or not verify_certificate
        if insecure and not (allow_insecure and is_loopback(host)):
            what = "plain SMTP (security='none')" if security == "none" else "an unverified certificate"
            raise TransportConfigError(
                f"smtp {host}:{port}: {what} is only allowed to a loopback host with allow_insecure set; "
                f"use security='starttls' (port 587) or 'tls' (port 465) with certificate checks"
            )
        if rate_per_minute is not None and rate_per_minute <= 0:
            raise TransportConfigError(f"smtp rate_per_minute must be positive, got {rate_per_minute!r}")
        if timeout_s <= 0:
            raise TransportConfigError(f"smtp timeout_s must be positive, got {timeout_s!r}")
        if ca_file is not None and not Path(ca_file).is_file():
            raise TransportConfigError(
                f"smtp ca_file {str(ca_file)!r} does not exist; give a PEM file of CA certificates"
            )
        if password and not username:
            raise TransportConfigError("smtp password given without a username")
        self.host = host
        self.port = int(port)
        self.security: Security = security
        self.username = username
        self.password = password
        self.timeout_s = float(timeout_s)
        self.ca_file = str(ca_file) if ca_file is not None else None
        self.verify_certificate = verify_certificate
        self.rate_per_minute = rate_per_minute
        self.local_hostname = local_hostname
        self._sleep = sleep
        self._clock = clock
        self._last_send_at: float | None = None

    def __repr__(self) -> str:
        return f"SmtpTransport({self.host!r}, {self.port}, security={self.security!r}, username={self.username!r})"

    @property
    def where(self) -> str:
        return f"smtp {self.host}:{self.port}"

    def ssl_context(self) -> ssl.SSLContext:
        """Certificate and host name checks on, trusting ``ca_file`` if given, else the system CAs."""
        context = ssl.create_default_context(cafile=self.ca_file)
        if not self.verify_certificate:  # only reachable for loopback with allow_insecure
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    @contextlib.contextmanager
    def session(self) -> Iterator[SmtpSession]:
        """One connection for a batch of ``send`` calls (opened at the first send, closed with QUIT at the end)."""
        session = SmtpSession(self)
        try:
            yield session
        finally:
            session.close()

    def send(self, msg: Message, **kwargs: Any) -> SendResult:
        """Send one message on a connection of its own."""
        with self.session() as session:
            return session.send(msg, **kwargs)

    def throttle(self) -> None:
        """Wait as long as ``rate_per_minute`` asks since the previous message (through the injected ``sleep``)."""
        if not self.rate_per_minute:
            return
        interval = 60.0 / self.rate_per_minute
        now = self._clock()
        if self._last_send_at is not None:
            wait = self._last_send_at + interval - now
            if wait > 0:
                self._sleep(wait)
                now += wait
        self._last_send_at = now


class _StaleConnection(Exception):
    """The server had closed the connection before MAIL FROM: nothing was sent, reconnecting is safe."""


class SmtpSession:
    """An open (or not yet opened) SMTP connection; use through ``SmtpTransport.session()``."""

    def __init__(self, transport: SmtpTransport) -> None:
        self.transport = transport
        self._smtp: smtplib.SMTP | None = None
        self.sent = 0

    @property
    def is_connected(self) -> bool:
        return self._smtp is not None

    def describe(self) -> str:
        """What the connection is: host, TLS version, login; for ``tactful check --connect``."""
        t = self.transport
        parts = [t.where]
        sock = getattr(self._smtp, "sock", None)
        if isinstance(sock, ssl.SSLSocket):
            parts.append(f"{'implicit TLS' if t.security == 'tls' else 'STARTTLS'} ({sock.version()})")
        else:
            parts.append("no TLS")
        parts.append(f"logged in as {t.username}" if t.username else "no login")
        return ", ".join(parts)

    def connect(self) -> None:
        """Open the connection (TLS, EHLO, AUTH); a DeliveryError (temporary) that says what to check on failure."""
        self.close()
        t = self.transport
        smtp: smtplib.SMTP | None = None
        try:
            if t.security == "tls":
                smtp = smtplib.SMTP_SSL(
                    t.host,
                    t.port,
                    local_hostname=t.local_hostname,
                    timeout=t.timeout_s,
                    context=t.ssl_context(),
                )
            else:
                smtp = smtplib.SMTP(t.host, t.port, local_hostname=t.local_hostname, timeout=t.timeout_s)
            smtp.ehlo()
            if t.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise DeliveryError(
                        f"{t.where}: the server does not offer STARTTLS; use security='tls' if it expects "
                        f"implicit TLS (usually port 465), or another server"
                    )
                smtp.starttls(context=t.ssl_context())
                smtp.ehlo()
            if t.username:
                if not smtp.has_extn("auth"):
                    raise DeliveryError(
                        f"{t.where}: the server offers no AUTH on this connection; check the port and security"
                    )
                smtp.login(t.username, t.password or "")
        except DeliveryError:
            _quietly_close(smtp)
            raise
        except smtplib.SMTPAuthenticationError as exc:
            _quietly_close(smtp)
            raise DeliveryError(
                f"{t.where}: login as {t.username!r} refused ({exc.smtp_code} {_text(exc.smtp_error)}); "
                f"check the SMTP username and password (an app password if the provider requires one)"
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            _quietly_close(smtp)
            raise DeliveryError(
                f"{t.where}: the server's certificate did not verify ({exc.verify_message}); if it uses a "
                f"private CA, set ca_file to that CA's PEM file"
            ) from exc
        except ssl.SSLError as exc:
            _quietly_close(smtp)
            raise DeliveryError(
                f"{t.where}: TLS failed ({exc.reason or exc}); check that security={t.security!r} matches the "
                f"port (465 = 'tls', 587 = 'starttls')"
            ) from exc
        except smtplib.SMTPResponseException as exc:
            _quietly_close(smtp)
            raise DeliveryError(
                f"{t.where}: the server refused the connection: {exc.smtp_code} {_text(exc.smtp_error)}"
            ) from exc
        except smtplib.SMTPServerDisconnected as exc:
            _quietly_close(smtp)
            if isinstance(exc.__context__, TimeoutError):  # smtplib turns a read timeout into this
                raise DeliveryError(
                    f"{t.where}: no answer within {t.timeout_s:g} s; check host, port and security "
                    f"(an implicit-TLS port 465 stays silent to plain SMTP)"
                ) from exc
            raise DeliveryError(
                f"{t.where}: the server closed the connection before we could log in ({exc}); "
                f"check host, port and security"
            ) from exc
        except smtplib.SMTPException as exc:
            _quietly_close(smtp)
            raise DeliveryError(f"{t.where}: {exc}; check host, port and security") from exc
        except ConnectionRefusedError as exc:
            raise DeliveryError(
                f"{t.where}: connection refused; is the server running and the port right?"
            ) from exc
        except socket.gaierror as exc:
            raise DeliveryError(
                f"{t.where}: cannot resolve host name ({exc.strerror}); check the host"
            ) from exc
        except TimeoutError as exc:
            _quietly_close(smtp)
            raise DeliveryError(
                f"{t.where}: no answer within {t.timeout_s:g} s; check host, port and firewall"
            ) from exc
        except OSError as exc:
            _quietly_close(smtp)
            raise DeliveryError(f"{t.where}: cannot connect ({exc}); check host, port and network") from exc
        self._smtp = smtp

    def close(self) -> None:
        """Say QUIT and close; errors are ignored (the batch is over either way)."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()
            _quietly_close(smtp)

    def send(
        self,
        msg: Message | PreparedMessage,
        *,
        envelope_from: str | None = None,
        recipients: Sequence[str] | None = None,
    ) -> SendResult:
        """Send ``msg`` (envelope from its headers unless given); DeliveryError / UnknownFateError on failure."""
        prepared = (
            msg
            if isinstance(msg, PreparedMessage)
            else prepare(msg, envelope_from=envelope_from, recipients=recipients)
        )
        msg, sender, rcpts, payload = (
            prepared.message,
            prepared.sender,
            list(prepared.recipients),
            prepared.payload,
        )
        if not rcpts:
            raise DeliveryError(f"message {prepared.message_id!r} has no recipients", permanent=True)
        self.transport.throttle()
        was_open = self._smtp is not None
        try:
            result = self._send_once(msg, sender, rcpts, payload)
        except _StaleConnection:
            if not was_open:  # a fresh connection that drops at once is not an idle timeout
                raise DeliveryError(
                    f"{self.transport.where}: the server closed the connection before MAIL FROM"
                ) from None
            log.info("%s: connection closed while idle; reconnecting once", self.transport.where)
            self.close()
            try:
                result = self._send_once(msg, sender, rcpts, payload)
            except _StaleConnection:
                raise DeliveryError(
                    f"{self.transport.where}: the server closed the connection again before MAIL FROM"
                ) from None
        self.sent += 1
        return result

    def _send_once(self, msg: Message, sender: str, rcpts: list[str], payload: bytes) -> SendResult:
        if self._smtp is None:
            self.connect()
        smtp = self._smtp
        assert smtp is not None
        where = self.transport.where
        mid = message_id_of(msg)
        options: list[str] = []
        if not all(x.isascii() for x in [sender, *rcpts]):
            if not smtp.has_extn("smtputf8"):
                raise DeliveryError(
                    f"{where}: an address of {mid} is not ASCII and the server lacks SMTPUTF8", permanent=True
                )
            options.append("SMTPUTF8")

        # MAIL FROM: a connection found closed here sent nothing, so it may be reopened.
        try:
            code, text = smtp.mail(sender, options)
        except smtplib.SMTPServerDisconnected:
            self._drop()
            raise _StaleConnection from None
        if code == 421:
            self._drop()
            raise _StaleConnection
        if code != 250:
            self._reset()
            raise _answer_error(f"{where}: sender {sender!r} refused for {mid}", code, text)

        refused: dict[str, tuple[int, str]] = {}
        accepted: list[str] = []
        for rcpt in rcpts:
            code, text = self._command(functools.partial(smtp.rcpt, rcpt), "RCPT TO", mid)
            if code in (250, 251):
                accepted.append(rcpt)
            else:
                refused[rcpt] = (code, _text(text))
        if not accepted:
            self._reset()
            # Permanent only if every refusal was permanent: a 4xx (mailbox busy, greylisting) may pass later.
            permanent = all(code >= 500 for code, _ in refused.values())
            detail = "; ".join(f"{r}: {c} {t}" for r, (c, t) in refused.items())
            raise DeliveryError(
                f"{where}: every recipient of {mid} was refused ({detail})", permanent, refused=refused
            )

        code, text = self._command(lambda: smtp.docmd("DATA"), "DATA", mid)
        if code != 354:
            self._reset()
            raise _answer_error(f"{where}: DATA refused for {mid}", code, text)
        try:
            smtp.send(_dot_stuffed(payload))
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # The end-of-data mark is the last thing sent; if sending failed it never reached the server.
            self._drop()
            raise DeliveryError(
                f"{where}: connection lost while sending {mid} ({exc}); nothing was accepted"
            ) from exc
        try:
            code, text = smtp.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise UnknownFateError(
                f"{where}: the connection broke after {mid} was sent and before the server answered ({exc}); "
                f"it may or may not have been accepted: hold it and check the Sent copy before resending"
            ) from exc
        if code != 250:
            self._reset()
            raise _answer_error(f"{where}: {mid} refused after DATA", code, text, refused=refused)
        if refused:
            log.warning("%s: %s accepted, but refused for %s", where, mid, ", ".join(refused))
        return SendResult(message_id=mid, recipients=tuple(accepted), refused=refused)

    def _command(self, call: Callable[[], tuple[int, bytes]], what: str, mid: str) -> tuple[int, bytes]:
        try:
            return call()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise DeliveryError(
                f"{self.transport.where}: connection lost at {what} for {mid} ({exc})"
            ) from exc

    def _reset(self) -> None:
        """RSET after a refusal so the connection can carry the next message; drop it if that fails."""
        if self._smtp is None:
            return
        try:
            code, _ = self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            code = 0
        if code != 250:
            self._drop()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        _quietly_close(smtp)


def _dot_stuffed(payload: bytes) -> bytes:
    data = re.sub(rb"(?m)^\.", b"..", payload)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _text(raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())


def _answer_error(
    prefix: str, code: int, text: bytes | str, *, refused: Mapping[str, tuple[int, str]] | None = None
) -> DeliveryError:
    return DeliveryError(f"{prefix}: {code} {_text(text)}", permanent=500 <= code < 600, refused=refused)


def _quietly_close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        with contextlib.suppress(Exception):
            smtp.close()


def check_smtp_login(transport: SmtpTransport | str, port: int | None = None, **settings: Any) -> str:
    """Connect, start TLS and log in, then QUIT; a one-line description of the connection.

    Takes an ``SmtpTransport``, or ``host, port`` and the same keywords as ``SmtpTransport``.
    Raises :class:`mailer.DeliveryError` (what failed and what to check) or
    :class:`mailer.TransportConfigError` (unsafe settings). Sends nothing.
    """
    if not isinstance(transport, SmtpTransport):
        if port is None:
            raise TypeError("check_smtp_login(host, port, ...) needs the port")
        transport = SmtpTransport(transport, port, **settings)
    with transport.session() as session:
        session.connect()
        return session.describe()


# --- batches -------------------------------------------------------------------------------------


class SendSession(Protocol):
    """What ``transport.session()`` yields: SMTP, the Maildir outbox, or a test double."""

    def send(self, msg: Message | PreparedMessage) -> SendResult: ...


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """One item of a batch: what was sent (``result``) or why not (``error``: a DeliveryError, a TemplateError...)."""

    item: T
    result: SendResult | None
    error: Exception | None


_DONE = object()


def send_all(
    session: SendSession,
    items: Iterable[T],
    build: Callable[[T], Message],
    *,
    lookahead: int = 2,
) -> Iterator[Outcome[T]]:
    """Send ``build(item)`` for each item in order, rendering up to ``lookahead`` messages ahead in a thread.

    While the main thread waits for the server's answers (which releases the GIL), a worker thread
    renders and flattens the next messages, so rendering costs little extra time on the wire.
    ``build`` and the iteration of ``items`` run in the worker thread: they must be pure (render
    and build a message from values) and not touch a database connection of the caller's thread.
    A failing ``build`` or send is reported in that item's :class:`Outcome` and the batch goes on;
    an exception from iterating ``items`` itself is raised. Stopping the iteration early stops the
    worker; items it already rendered are not sent.
    """
    if lookahead < 1:
        raise ValueError(f"lookahead must be at least 1, got {lookahead!r}")
    ready: queue.Queue[Any] = queue.Queue(maxsize=lookahead)
    stop = threading.Event()

    def put(entry: Any) -> bool:
        while not stop.is_set():
            try:
                ready.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for item in items:
                try:
                    entry: Any = (item, prepare(build(item)), None)
                except Exception as exc:  # reported for this item; the batch goes on
                    entry = (item, None, exc)
                if not put(entry):
                    return
        except BaseException as exc:  # iterating the items failed: hand it to the caller
            put((_DONE, exc))
            return
        put((_DONE, None))

    worker = threading.Thread(target=work, name="tactful-render-ahead", daemon=True)
    # The main thread mostly waits for the server; when an answer arrives it must get the GIL back
    # from the rendering thread quickly. Python's default switch interval (5 ms) would add up to
    # 5 ms to every SMTP round trip, so shorten it for the length of the batch.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_interval, 0.0002))
    worker.start()
    try:
        while True:
            entry = ready.get()
            if entry[0] is _DONE:
                if entry[1] is not None:
                    raise entry[1]
                return
            item, prepared, error = entry
            result = None
            if error is None:
                try:
                    result = session.send(prepared)
                except DeliveryError as exc:
                    error = exc
            yield Outcome(item, result, error)
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                ready.get_nowait()
        worker.join(timeout=5)
        sys.setswitchinterval(switch_interval)


# --- Maildir ---------------------------------------------------------------------------------------


class MaildirOutbox:
    """The embedded default: each message becomes a file in a Maildir, and nothing leaves the machine.

    ``mailbox.Maildir.add`` writes into ``tmp/`` and renames into ``new/``, so a reader never sees
    half a message. ``contains`` finds a message by its Message-ID (to settle an unknown-fate send,
    or to point it at the Maildir a local server delivers into).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._box = mailbox.Maildir(self.path, factory=None, create=True)
        self._ids: dict[str, str] = {}  # file key -> Message-ID, filled lazily; keys never change

    def __repr__(self) -> str:
        return f"MaildirOutbox({str(self.path)!r})"

    @contextlib.contextmanager
    def session(self) -> Iterator[MaildirOutbox]:
        yield self

    def send(
        self,
        msg: Message | PreparedMessage,
        *,
        envelope_from: str | None = None,
        recipients: Sequence[str] | None = None,
    ) -> SendResult:
        """Store ``msg`` (with Unix line ends, as Maildir readers expect)."""
        if isinstance(msg, PreparedMessage):
            rcpts = list(msg.recipients)
            msg = msg.message
        else:
            _, rcpts = envelope_of(msg, recipients)
        mid = message_id_of(msg)
        policy = getattr(msg, "policy", default_policy)
        try:
            key = self._box.add(msg.as_bytes(policy=policy.clone(linesep="\n")))
        except OSError as exc:
            raise DeliveryError(
                f"maildir {self.path}: cannot store {mid} ({exc}); check the folder and disk"
            ) from exc
        if mid:
            self._ids[key] = mid
        return SendResult(message_id=mid, recipients=tuple(rcpts))

    def message_ids(self) -> set[str]:
        """Every Message-ID in the Maildir (new and cur)."""
        keys = set(self._box.keys())
        for key in keys - self._ids.keys():
            self._ids[key] = self._read_message_id(key)
        for gone in self._ids.keys() - keys:
            del self._ids[gone]
        return set(self._ids.values())

    def contains(self, message_id: str) -> bool:
        """Whether a message with this Message-ID is in the Maildir (angle brackets optional)."""
        wanted = _bare_id(message_id)
        return any(_bare_id(x) == wanted for x in self.message_ids())

    def _read_message_id(self, key: str) -> str:
        try:
            with self._box.get_file(key) as handle:
                head = _read_header_block(handle)
        except (OSError, KeyError):
            return ""
        return str(BytesHeaderParser(policy=default_policy).parsebytes(head).get("Message-ID", "")).strip()


def _read_header_block(handle: Any, limit: int = 256 * 1024) -> bytes:
    data = b""
    while len(data) < limit:
        chunk: bytes = handle.read(8192)
        if not chunk:
            break
        data += chunk
        match = re.search(rb"\r?\n\r?\n", data)
        if match:
            return data[: match.end()]
    return data


def _bare_id(message_id: str) -> str:
    return message_id.strip().strip("<>").strip()


# --- IMAP Sent copy ---------------------------------------------------------------------------------


class ImapSentCopy:
    """A copy of each reminder in the company's Sent folder over IMAP, and a look-up by Message-ID."""

    def __init__(
        self,
        host: str,
        port: int = 993,
        *,
        username: str,
        password: str,
        folder: str = "Sent",
        security: Security = "tls",
        ca_file: str | Path | None = None,
        timeout_s: float = 30,
        allow_insecure: bool = False,
    ) -> None:
        if security not in ("starttls", "tls", "none"):
            raise TransportConfigError(f"imap security must be 'starttls', 'tls' or 'none', got {security!r}")
        if security == "none" and not (allow_insecure and is_loopback(host)):
            raise TransportConfigError(
                f"imap {host}:{port}: plain IMAP is only allowed to a loopback host with allow_insecure set; "
                f"use security='tls' (port 993)"
            )
        self.host, self.port, self.folder = host, int(port), folder
        self.username, self.password = username, password
        self.security: Security = security
        self.ca_file = str(ca_file) if ca_file is not None else None
        self.timeout_s = float(timeout_s)

    @property
    def where(self) -> str:
        return f"imap {self.host}:{self.port} folder {self.folder!r}"

    @contextlib.contextmanager
    def _client(self) -> Iterator[Any]:
        import imapclient  # lazily: only deployments with a Sent copy pay for it
        from imapclient.exceptions import IMAPClientError

        context = ssl.create_default_context(cafile=self.ca_file)
        client = None
        try:
            client = imapclient.IMAPClient(
                self.host,
                port=self.port,
                ssl=self.security == "tls",
                ssl_context=context,
                timeout=self.timeout_s,
            )
            if self.security == "starttls":
                client.starttls(context)
            client.login(self.username, self.password)
            yield client
        except (IMAPClientError, OSError) as exc:
            raise DeliveryError(
                f"{self.where}: {type(exc).__name__}: {exc}; check the IMAP settings"
            ) from exc
        finally:
            if client is not None:
                with contextlib.suppress(Exception):
                    client.logout()

    def append(self, msg: Message, *, date_at: datetime | None = None) -> None:
        """Put ``msg`` into the Sent folder, marked as read."""
        with self._client() as client:
            client.append(self.folder, flatten(msg), flags=[b"\\Seen"], msg_time=date_at)

    def contains(self, message_id: str) -> bool:
        """Whether the Sent folder holds a message with this Message-ID."""
        wanted = _bare_id(message_id)
        with self._client() as client:
            client.select_folder(self.folder, readonly=True)
            # SEARCH HEADER is a substring match: confirm the exact id on what it finds.
            uids = client.search(["HEADER", "Message-ID", wanted])
            if not uids:
                return False
            fetched = client.fetch(uids, [b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            for data in fetched.values():
                raw = next((v for k, v in data.items() if k.startswith(b"BODY")), b"")
                found = BytesHeaderParser(policy=default_policy).parsebytes(raw).get("Message-ID", "")
                if _bare_id(str(found)) == wanted:
                    return True
            return False
