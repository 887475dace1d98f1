"""One rendered reminder as an ``EmailMessage``: threading, reply address and safe headers.

Every header goes through the ``email`` package's header registry (``email.policy.SMTP``), and
every value that came from data (a customer name, an invoice number in the subject) is first
flattened to one line, so a CR/LF in the ledger can never add a header such as ``Bcc``.

There is deliberately no ``Auto-Submitted`` or ``Precedence`` header: out-of-office responders
skip mail marked that way, and their answer ("back on the 12th") is useful to the collector.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.headerregistry import Address, AddressHeader, BaseHeader, HeaderRegistry
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from typing import Any

from mailer.render import RenderedMessage

# Headers build_message sets itself, and the ones it must never set (see the module docstring).
_OWN_HEADERS = {
    "from",
    "to",
    "cc",
    "bcc",
    "reply-to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-language",
}
_FORBIDDEN_HEADERS = {"auto-submitted", "precedence", "x-auto-response-suppress"}
_HEADER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
# A deliberately plain address: local@domain, no spaces, quotes, angle brackets, commas or colons.
_ADDR_SPEC = re.compile(
    r"^[^\s@<>()\[\]\\,;:\"]+@[A-Za-z0-9.-]+\.?[A-Za-z0-9-]*$|^[^\s@<>()\[\]\\,;:\"]+@\[[0-9.:A-Fa-f]+\]$"
)
_MSG_ID = re.compile(r"^<[^<>\s@]+@[^<>\s@]+>$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# RFC 5322 atext minus "=", which escapes everything else (so the mapping stays one-to-one).
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/?^_`{|}~.-]")


class _CachedHeaderRegistry(HeaderRegistry):
    """The standard header registry, remembering the classes it makes and the headers it parses.

    ``HeaderRegistry.__getitem__`` creates a new class with ``type()`` on every header it parses or
    folds, and parsing is the largest cost of building a message; at thousands of messages both
    show. Same classes and same header objects, made once.
    """

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[BaseHeader]] = {}
        self._parsed: dict[tuple[str, str], BaseHeader] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().__getitem__(name)
        return made

    def __call__(self, name: str, value: Any) -> BaseHeader:
        # Parsed headers are immutable (a str subclass); the same text parses to the same header.
        # Most headers of a batch repeat (From, MIME-Version, Content-Type of each part...).
        if not isinstance(value, str):
            return super().__call__(name, value)
        key = (name, value)
        header = self._parsed.get(key)
        if header is None:
            if len(self._parsed) >= 2048:
                self._parsed.clear()
            header = self._parsed[key] = super().__call__(name, value)
        return header


class _Policy(EmailPolicy):
    """``email.policy.SMTP`` with a shortcut for short plain-ASCII headers.

    Folding re-parses every header value; for a non-address value that parsed without defects, is
    printable ASCII without encoded words and fits on one line, the result is ``Name: value`` (a
    property test checks it against the full fold), so skip the work.
    """

    def _fold(self, name: str, value: Any, refold_binary: bool = False) -> str:
        # Only unstructured and Message-ID-like headers: an address header's str() is a normalised
        # form (whitespace, groups) that may differ from its folded form.
        if hasattr(value, "name") and not value.defects and not isinstance(value, AddressHeader):
            text = str(value)
            limit = self.max_line_length or 998
            if len(name) + 2 + len(text) <= limit and _PLAIN_ASCII.fullmatch(text) and "=?" not in text:
                return f"{name}: {text}{self.linesep}"
        return str(super()._fold(name, value, refold_binary))  # type: ignore[misc]  # private in typeshed


_PLAIN_ASCII = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?")
POLICY = _Policy(linesep="\r\n", header_factory=_CachedHeaderRegistry())


def one_line(value: str) -> str:
    """``value`` on one line: every line break (as ``str.splitlines`` knows them) and control character becomes a space."""
    joined = " ".join(part.strip() for part in value.splitlines())
    return re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", " ", joined).strip()


def parse_address(value: str) -> Address:
    """``"Jan Kowalski <jan@firma.pl>"`` or ``"jan@firma.pl"`` as an ``Address``; ValueError if it is not one address."""
    text = one_line(value)
    name, addr = "", text
    if text.endswith(">") and "<" in text:
        cut = text.rindex("<")
        name, addr = text[:cut].strip().strip('"').strip(), text[cut + 1 : -1].strip()
    local, _, domain = addr.rpartition("@")
    if domain and not domain.isascii():
        # An internationalised domain (müller.de) travels as punycode; the mailbox stays the same.
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            domain = "\x00"  # fails the check below with the usual message
        addr = f"{local}@{domain}"
    if not _ADDR_SPEC.match(addr) or ".." in addr or addr.startswith("."):
        raise ValueError(f"not a single e-mail address: {value!r}; expected e.g. 'Name <name@example.com>'")
    # Address() quotes a display name with specials, so "X: evil@x" stays a name, never a group.
    return Address(display_name=name, username=local, domain=domain)


def make_message_id(reminder_id: str, domain: str) -> str:
    """``<tactful.{reminder_id}@{domain}>``, the same for the same reminder, so a resend is recognisable."""
    if not reminder_id:
        raise ValueError("make_message_id needs a non-empty reminder id")
    if not re.fullmatch(r"[A-Za-z0-9.-]+", domain or "") or domain.startswith(".") or ".." in domain:
        raise ValueError(
            f"not a domain for a Message-ID: {domain!r}; use the sending domain, e.g. 'firma.pl'"
        )
    # Characters outside atext become =XX (UTF-8 bytes); a dot stays only between two other characters,
    # so the id-left is a valid dot-atom and different reminder ids never share a Message-ID.
    parts = []
    for i, ch in enumerate(reminder_id):
        is_inner_dot = (
            ch == "." and 0 < i < len(reminder_id) - 1 and "." not in (reminder_id[i - 1], reminder_id[i + 1])
        )
        if (ch != "." and _ATEXT.fullmatch(ch)) or is_inner_dot:
            parts.append(ch)
        else:
            parts.append("".join(f"={b:02X}" for b in ch.encode()))
    return f"<tactful.{''.join(parts)}@{domain}>"


def make_reply_to(mailbox: str, token: str | None = None) -> str:
    """The Reply-To address: ``ar@firma.pl`` plus-addressed as ``ar+TOKEN@firma.pl`` when ``token`` is given."""
    address = parse_address(mailbox)
    if token is None or token == "":
        return address.addr_spec
    if not _TOKEN.match(token):
        raise ValueError(f"reply token {token!r} may only hold letters, digits, '-' and '_' (at most 64)")
    return f"{address.username}+{token}@{address.domain}"


def build_message(
    rendered: RenderedMessage,
    *,
    from_addr: str,
    to: Sequence[str],
    reply_to: str | None,
    message_id: str,
    in_reply_to: str | None,
    references: Sequence[str],
    date_at: datetime,
    headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A multipart/alternative message (text, then HTML) ready for SMTP, threaded under ``in_reply_to``."""
    if date_at.tzinfo is None or date_at.utcoffset() is None:
        raise ValueError(f"date_at must be an aware datetime (UTC), got {date_at!r}")
    if not to:
        raise ValueError("a reminder needs at least one recipient")
    ids = [_checked_msg_id(x, "references") for x in references]
    parent = _checked_msg_id(in_reply_to, "in_reply_to") if in_reply_to else None
    if parent and parent not in ids:
        ids.append(parent)

    msg = EmailMessage(policy=POLICY)
    msg["From"] = parse_address(from_addr)
    msg["To"] = tuple(parse_address(x) for x in to)
    if reply_to:
        msg["Reply-To"] = parse_address(reply_to)
    msg["Subject"] = one_line(rendered.subject)
    msg["Date"] = format_datetime(date_at)
    msg["Message-ID"] = _checked_msg_id(message_id, "message_id")
    if parent:
        msg["In-Reply-To"] = parent
    if ids:
        msg["References"] = " ".join(ids)
    for name, value in (headers or {}).items():
        key = name.strip().lower()
        if not _HEADER_NAME.match(name) or key in _OWN_HEADERS:
            raise ValueError(
                f"extra header {name!r} is not allowed (not a header name, or one build_message sets)"
            )
        if key in _FORBIDDEN_HEADERS:
            raise ValueError(
                f"header {name!r} is not set on reminders: it makes out-of-office responders stay silent"
            )
        msg[name] = one_line(str(value))

    # Quoted-printable keeps the text readable in a raw source view and survives 7-bit relays. The
    # HTML goes as base64: as safe, its encoder is C (quoted-printable's is slow pure Python), and
    # nobody reads HTML source in a raw view.
    msg.set_content(rendered.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if rendered.html is not None:
        msg.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="base64")
        # A boundary from the Message-ID makes the same reminder the same bytes. "=_" never occurs in
        # quoted-printable or base64 text, so it cannot collide with the content.
        digest = hashlib.sha256(str(msg["Message-ID"]).encode()).hexdigest()[:32]
        msg.set_boundary(f"=_tactful_{digest}")
    if rendered.language:  # after the content: set_content() clears Content-* headers
        msg["Content-Language"] = one_line(rendered.language)
    return msg


def _checked_msg_id(value: str, what: str) -> str:
    text = value.strip()
    if not _MSG_ID.match(text):
        raise ValueError(f"{what}: {value!r} is not a Message-ID like '<id@domain>'")
    return text
