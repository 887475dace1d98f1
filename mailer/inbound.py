"""Reading a received e-mail: MIME to text, the customer's own words, auto-replies and bounces.

``read_message(raw)`` never raises. Whatever arrives (a broken MIME tree, an unknown
charset, an HTML-only reply, a bounce from a 1998 Sendmail) yields an ``InboundMessage``;
what could not be read is listed in ``problems``.

The most important job here is ``text``: the customer's own words, with the quoted
reminder and the signature removed, so that our own letter quoted below a reply can
never be read as the customer promising or disputing anything.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from mailer.bounce import Bounce, detect_bounce
from mailer.htmltext import html_to_text

__all__ = [
    "Attachment",
    "Bounce",
    "InboundMessage",
    "decode_bytes",
    "detect_auto_reply",
    "read_message",
    "strip_quotes",
]


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a message; ``size`` is the decoded size in bytes."""

    filename: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One received message as text plus the facts a classifier needs.

    ``text`` is the sender's own words (quotes and signature stripped); ``full_text``
    the whole body as text. ``date_at`` is an aware UTC datetime or ``None`` when the
    Date header is missing or unreadable.
    """

    message_id: str = ""
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    from_address: str = ""
    from_name: str = ""
    to: tuple[str, ...] = ()
    subject: str = ""
    date_at: datetime | None = None
    text: str = ""
    full_text: str = ""
    language_hint: str = ""
    attachments: tuple[Attachment, ...] = ()
    is_auto_reply: bool = False
    auto_reply_evidence: str = ""
    bounce: Bounce | None = None
    authentication_results: str = ""
    problems: tuple[str, ...] = ()
    # Sent to a list (Precedence: bulk/list/junk, List-Id, List-Unsubscribe): a mailing, not
    # someone answering a reminder.
    is_bulk: bool = False


# ---------------------------------------------------------------------------------------------
# charsets

# Bytes where windows-1250 and iso-8859-2 put different Polish letters; in iso-8859-2
# 0x80-0x9f are C1 control characters nobody writes, so their presence means cp1250.
_CP1250_ONLY = re.compile(rb"[\x80-\x9f]")
_CHARSET_ALIASES = {
    "unknown-8bit": "",
    "x-unknown": "",
    "unknown": "",
    "8bit": "",
    "x-user-defined": "",
    "default": "",
    "iso-8859-8-i": "iso-8859-8",
    "ks_c_5601-1987": "cp949",
    "x-mac-ce": "mac-latin2",
    "cp-850": "cp850",
    "ansi_x3.4-1968": "ascii",
    "us-ascii": "ascii",
    "latin2": "iso-8859-2",
    "iso8859-2": "iso-8859-2",
    "win-1250": "cp1250",
    "x-cp1250": "cp1250",
}


_LATIN_LABELS = ("iso-8859-2", "iso-8859-1", "ascii", "latin1", "iso-8859-15", "cp1252", "windows-1252", "")


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str]:
    """Text of ``data`` in its declared ``charset``, repaired where mislabelled; and a problem or ``""``.

    Order of trust: valid UTF-8 beats a wrong Latin label; cp1250 beats an
    iso-8859-2 label when C1 control bytes show up; unknown labels fall back to UTF-8,
    then cp1250 (the usual Polish Windows charset), never raising.
    """
    label = (charset or "").strip().strip('"').lower()
    label = _CHARSET_ALIASES.get(label, label)
    if not data:
        return "", ""
    is_ascii = not re.search(rb"[\x80-\xff]", data)
    if is_ascii and "2022" not in label and label != "utf-7":
        return data.decode("ascii"), ""
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if label in ("utf-8", "utf8"):
        if utf8 is not None:
            return utf8, ""
        return data.decode(
            "cp1250", "replace"
        ), f"body labelled {charset!r} is not valid UTF-8; read as windows-1250"
    if utf8 is not None and label in _LATIN_LABELS:
        problem = f"body labelled {charset!r} is UTF-8" if label else ""
        return utf8, problem
    if label in ("iso-8859-2", "iso_8859-2") and _CP1250_ONLY.search(data):
        return data.decode("cp1250", "replace"), f"body labelled {charset!r} is windows-1250"
    if label in ("iso-8859-1", "latin1", "ascii") and _CP1250_ONLY.search(data):
        return data.decode("cp1250", "replace"), f"body labelled {charset!r} contains windows-125x bytes"
    if not label:
        return data.decode("cp1250", "replace"), "body has no usable charset; read as windows-1250"
    try:
        return data.decode(label, "replace"), ""
    except LookupError:
        if utf8 is not None:
            return utf8, f"unknown charset {charset!r}; read as UTF-8"
        return data.decode("cp1250", "replace"), f"unknown charset {charset!r}; read as windows-1250"


def _part_text(part: Message, problems: list[str]) -> str:
    try:
        data = part.get_payload(decode=True)
    except Exception as exc:  # broken base64 / quoted-printable
        problems.append(f"unreadable {part.get_content_type()} part: {exc}")
        return ""
    if not isinstance(data, bytes):
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    try:
        charset = part.get_content_charset() or part.get_param("charset") or ""
    except Exception:
        charset = ""
    text, problem = decode_bytes(data, str(charset) if charset else None)
    if problem:
        problems.append(problem)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# headers


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:
        value = None
        for key, raw in getattr(msg, "_headers", []):
            if key.lower() == name.lower():
                value = raw
                break
    if value is None:
        return ""
    text = str(value)
    if "=?" in text:
        with contextlib.suppress(Exception):
            text = str(make_header(decode_header(text)))
    return " ".join(text.split())


def _ids(value: str) -> tuple[str, ...]:
    return tuple(re.findall(r"<[^<>\s]+>", value)) or ((value.strip(),) if value.strip() else ())


def _addresses(value: str) -> list[tuple[str, str]]:
    try:
        return [(n, a) for n, a in getaddresses([value]) if a]
    except Exception:
        return []


# ---------------------------------------------------------------------------------------------
# quotes and signatures

_ATTRIBUTION = re.compile(
    r"^\s*("
    r"on\b.{3,200}\bwrote\s*:|"
    r"w dniu\b.{3,200}\bnapisa(ł|l)(\(a\)|a)?\s*:|"
    r"(dnia|dn\.)\b.{3,200}\bnapisa(ł|l)(\(a\)|a)?\s*:|"
    r".{3,200}\bnapisa(ł|l)(\(a\)|a)?\s*:\s*$|"
    r"am\b.{3,200}\bschrieb\b.{0,200}:|"
    r".{3,200}\bschrieb\b.{0,80}:\s*$|"
    r"le\b.{3,200}\ba écrit\s*:|"
    r"el\b.{3,200}\bescribió\s*:|"
    r".{3,200}\bwrote\s*:\s*$"
    r")",
    re.I,
)
_SEPARATOR = re.compile(
    r"^\s*("
    r"-{2,}\s*(original message|ursprüngliche nachricht|oryginalna wiadomo(ść|sc)|wiadomo(ść|sc) oryginalna|"
    r"forwarded message|weitergeleitete nachricht|przekazana wiadomo(ść|sc)|reply message)\s*-{2,}|"
    r"_{20,}|"
    r"-{20,}|"
    r"begin forwarded message:|anfang der weitergeleiteten nachricht:|"
    r"(from|von|od|de):\s.*\b(sent|gesendet|wysłano|wyslano|date|datum|data|envoyé):.*"
    r")\s*$",
    re.I,
)
_OUTLOOK_FROM = re.compile(r"^\s*\**\s*(from|von|od|de|absender)\s*:\**\s*\S", re.I)
_OUTLOOK_FIELD = re.compile(
    r"^\s*\**\s*(sent|date|gesendet|datum|wysłano|wyslano|data|envoyé|to|an|do|à|cc|dw|kopia|"
    r"subject|betreff|temat|objet)\s*:",
    re.I,
)
_SIGNATURE_START = re.compile(
    r"^\s*("
    r"--\s*|"
    r"(sent|get outlook) (from|for) (my )?\S.*|"
    r"wysłane z (mojego )?\S.*|wysłano z (mojego )?\S.*|wyslane z \S.*|"
    r"von meinem \S.*gesendet\.?|gesendet von (meinem )?\S.*|"
    r"envoyé de mon \S.*"
    r")$",
    re.I,
)
_SIGNOFF = re.compile(
    r"^\s*("
    r"(best|kind|warm|many thanks and|with best|with kind)?\s*regards|best wishes|cheers|sincerely|"
    r"yours (sincerely|faithfully|truly)|thanks( again)?|thank you|many thanks|br|"
    r"pozdrawiam(y)?( serdecznie)?|serdecznie pozdrawiam(y)?|z poważaniem|z powazaniem|pozdrowienia|"
    r"z wyrazami szacunku|dziękuję|dziekuje|dzięki|łączę pozdrowienia|"
    r"mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|"
    r"viele grüße|viele grüsse|beste grüße|beste grüsse|liebe grüße|herzliche grüße|grüße|gruß|mfg|lg|vg"
    r")\s*[,.!]?\s*(?P<trailing>\S+(\s+\S+){0,3})?\s*$",
    re.I,
)


def strip_quotes(text: str) -> str:
    """The sender's own words from a plain-text reply: quoted original, forwarded parts and signature removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = len(lines)
    cut_at_attribution = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(">"):
            # A quote block preceded by an attribution is handled below; a bare quote block
            # is dropped line by line (interleaved replies keep the sender's lines).
            continue
        if _is_attribution(lines, i):
            cut, cut_at_attribution = i, True
            break
        if _SEPARATOR.match(stripped) or _is_outlook_header(lines, i):
            cut = i
            break
        if _SIGNATURE_START.match(line.rstrip()) and (
            (stripped.startswith("--") and len(stripped) <= 3) or i > 0
        ):
            cut = i
            break
        if (
            i > 0
            and len(stripped) <= 60
            and _is_signoff(stripped)
            and _has_words_before(lines[:i])
            and _looks_like_signature_block(lines, i + 1)
        ):
            cut = i
            break
    own = [ln for ln in lines[:cut] if not ln.lstrip().startswith(">")]
    result = "\n".join(ln.rstrip() for ln in own).strip()
    if not result and cut_at_attribution:
        # Bottom-posting: "On ... wrote:", the quoted original, then the answer below it.
        below = [ln for ln in lines[cut + 1 :] if not ln.lstrip().startswith(">")]
        if any(ln.strip() for ln in below) and any(ln.lstrip().startswith(">") for ln in lines[cut + 1 :]):
            return strip_quotes("\n".join(below))
    return re.sub(r"\n{3,}", "\n\n", result)


def _is_attribution(lines: list[str], i: int) -> bool:
    stripped = lines[i].strip()
    if _ATTRIBUTION.match(stripped):
        return True
    # Mail programs wrap long attributions: "On Mon, ... Accounts <ar@example.org>\nwrote:".
    joined = stripped + (" " + lines[i + 1].strip() if i + 1 < len(lines) else "")
    return bool(_ATTRIBUTION.match(joined)) and not stripped.endswith((".", "!", "?")) and len(stripped) < 120


def _is_outlook_header(lines: list[str], i: int) -> bool:
    if not _OUTLOOK_FROM.match(lines[i].strip()):
        return False
    following = [ln for ln in lines[i + 1 : i + 7] if ln.strip()]
    return sum(1 for ln in following[:5] if _OUTLOOK_FIELD.match(ln)) >= 2


# Words that show "Thank you ..." or "Dziękuję ..." begins a sentence, not a sign-off with a name.
_NOT_A_NAME = frozenset(
    [
        "for",
        "za",
        "für",
        "fur",
        "and",
        "und",
        "i",
        "so",
        "very",
        "a",
        "in",
        "that",
        "dass",
        "że",
        "ze",
        "von",
        "from",
        "to",
        "you",
        "your",
        "the",
        "we",
        "our",
        "for",
        "your",
        "z",
        "ze",
        "o",
        "na",
        "im",
        "vielmals",
        "sehr",
        "bardzo",
    ]
)


def _is_signoff(line: str) -> bool:
    match = _SIGNOFF.match(line)
    if not match:
        return False
    words = (match.group("trailing") or "").split()
    first = words[0].lower().strip(",.!") if words else ""
    return first not in _NOT_A_NAME


def _looks_like_signature_block(lines: list[str], start: int) -> bool:
    """After a sign-off only a name, a title, a phone number... follow, up to the quoted part."""
    count = 0
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if not stripped:
            continue
        if stripped.startswith(">") or _is_attribution(lines, index) or _SEPARATOR.match(stripped):
            break
        if _is_outlook_header(lines, index) or _SIGNATURE_START.match(lines[index].rstrip()):
            break
        count += 1
        if count > 6 or len(stripped) > 80:
            return False
    return True


def _has_words_before(lines: list[str]) -> bool:
    return any(ln.strip() and not ln.lstrip().startswith(">") for ln in lines)


# ---------------------------------------------------------------------------------------------
# automatic replies

_AUTO_SUBJECT = re.compile(
    r"^\s*(automatic reply|auto(matic)?[- ]?(reply|response|antwort)|auto\s*:|autoreply|"
    r"out of (the )?office|ooo\b|away from (the )?office|on vacation|vacation reply|"
    r"odpowied(ź|z) automatyczna|automatyczna odpowied(ź|z)|nieobecno(ść|sc)|poza biurem|"
    r"automatische antwort|abwesenheitsnotiz|abwesenheit|abwesend|nicht im b(ü|u)ro|"
    r"r(é|e)ponse automatique|absence|respuesta autom(á|a)tica|risposta automatica|autosvar|"
    r"automatisch antwoord|afwezig)",
    re.I,
)
_AUTO_TEXT = re.compile(
    r"(this is an? auto(matic|mated)(ally generated)? (reply|response|message)|"
    r"this (e-?mail|message) (is|was) (sent|generated) automatically|"
    r"i am (currently )?(out of (the )?office|away|on (annual )?(leave|holiday|vacation))|"
    r"i'm (currently )?(out of (the )?office|away|on (annual )?(leave|holiday|vacation))|"
    r"i will be out of (the )?office|"
    r"to jest (wiadomo(ść|sc)|odpowied(ź|z)) automatyczn|wiadomo(ść|sc) wygenerowana automatycznie|"
    r"jestem (obecnie )?na urlopie|jestem (obecnie )?poza biurem|nie ma mnie w biurze|"
    r"przebywam na urlopie|do (dnia )?.{1,20} (jestem|będę) nieobecn|"
    r"dies ist eine automatische (antwort|nachricht)|diese nachricht wurde automatisch|"
    r"ich bin (derzeit |zurzeit |momentan )?(nicht im b(ü|u)ro|im urlaub|abwesend|nicht erreichbar)|"
    r"bin ich (nicht im b(ü|u)ro|abwesend|im urlaub))",
    re.I,
)


def detect_auto_reply(msg: Message, subject: str, text: str) -> tuple[bool, str]:
    """Whether ``msg`` was sent by a machine on someone's behalf, and why (RFC 3834 and common practice)."""
    auto_submitted = _header(msg, "Auto-Submitted").lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return True, f"Auto-Submitted: {auto_submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply", "X-Vacation"):
        value = _header(msg, name)
        if value and value.lower() not in ("no", "false", "0"):
            return True, f"{name}: {value}"
    precedence = _header(msg, "Precedence").lower()
    if precedence in ("auto_reply", "auto-reply"):
        return True, f"Precedence: {precedence}"
    if _header(msg, "X-Autogenerated").lower() == "reply" or _header(msg, "X-POST-MessageClass").startswith(
        "9; Autoresponder"
    ):
        return True, "autoresponder header"
    match = _AUTO_SUBJECT.search(subject or "")
    if match:
        return True, f"subject {subject!r}"
    # Microsoft sets these on ordinary mail too; they only confirm what the text says.
    suppress = _header(msg, "X-Auto-Response-Suppress") or _header(msg, "X-MS-Exchange-Inbox-Rules-Loop")
    text_match = _AUTO_TEXT.search(text[:3000])
    if text_match:
        evidence = f"text {text_match.group(0)!r}"
        if suppress:
            evidence += " (with Microsoft auto-response headers)"
        return True, evidence
    return False, ""


# ---------------------------------------------------------------------------------------------
# reading


def _is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:
        disposition = ""
    try:
        filename = part.get_filename()
    except Exception:
        filename = None
    return disposition == "attachment" or bool(filename)


def _walk(msg: Message) -> list[Message]:
    """Leaf parts of the message itself; attached messages count as one leaf."""
    leaves: list[Message] = []
    stack: list[Message] = [msg]
    while stack:
        part = stack.pop(0)
        try:
            is_multi = part.is_multipart()
        except Exception:
            is_multi = False
        if is_multi and part.get_content_type() != "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list):
                stack[0:0] = [p for p in payload if isinstance(p, Message)]
                continue
        leaves.append(part)
    return leaves


def read_message(raw: bytes) -> InboundMessage:
    """Parse ``raw`` RFC 5322 bytes into an ``InboundMessage``; never raises."""
    problems: list[str] = []
    try:
        msg: Message = message_from_bytes(raw, policy=policy.default)
    except Exception as exc:
        problems.append(f"MIME structure unreadable ({exc}); read as plain text")
        try:
            msg = message_from_bytes(raw, policy=policy.compat32)
        except Exception:
            msg = Message()
            msg.set_payload(raw.decode("utf-8", "replace"))
    for defect in getattr(msg, "defects", [])[:5]:
        problems.append(f"MIME defect: {type(defect).__name__}")

    from_pairs = _addresses(_header(msg, "From"))
    from_name, from_address = from_pairs[0] if from_pairs else ("", "")
    to_pairs = _addresses(_header(msg, "To")) + _addresses(_header(msg, "Cc"))
    subject = _header(msg, "Subject")
    date_at: datetime | None = None
    date_value = _header(msg, "Date")
    if date_value:
        try:
            parsed = parsedate_to_datetime(date_value)
            date_at = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
        except Exception:
            problems.append(f"unreadable Date header {date_value!r}")

    plain_parts: list[str] = []
    html_parts: list[str] = []
    attachments: list[Attachment] = []
    other_text: list[str] = []  # text of report parts etc., for bounce detection
    try:
        leaves = _walk(msg)
    except Exception as exc:
        problems.append(f"MIME tree unreadable: {exc}")
        leaves = [msg]
    for part in leaves:
        try:
            ctype = part.get_content_type()
        except Exception:
            ctype = "text/plain"
        if ctype == "message/rfc822" or _is_attachment(part):
            attachments.append(_attachment(part, ctype))
            if ctype == "message/rfc822" or not ctype.startswith("text/"):
                continue
            if _is_attachment(part):
                continue
        if ctype == "text/plain":
            plain_parts.append(_part_text(part, problems))
        elif ctype == "text/html":
            html_parts.append(_part_text(part, problems))
        elif ctype.startswith(("text/", "message/")):
            other_text.append(_part_text(part, problems))
        elif ctype.startswith("multipart/"):
            # A multipart whose boundary could not be read: its raw text is all we have.
            payload = part.get_payload()
            if isinstance(payload, str):
                problems.append(f"{ctype} part without a usable boundary; read as plain text")
                other_text.append(payload)

    plain = "\n\n".join(p for p in plain_parts if p.strip())
    html = "\n".join(html_parts)
    if plain.strip():
        full_text = plain.strip()
        text = strip_quotes(plain)
    elif html.strip():
        full_text = html_to_text(html)
        text = strip_quotes(html_to_text(html, drop_quotes=True))
    else:
        full_text = "\n".join(other_text).strip()
        text = (
            strip_quotes(full_text)
            if full_text and not msg.get_content_type().startswith("multipart/report")
            else ""
        )

    bounce_body = "\n".join([full_text, *other_text])
    bounce: Bounce | None = None
    try:
        bounce = detect_bounce(msg, bounce_body, from_address, from_name, subject)
    except Exception as exc:
        problems.append(f"bounce detection failed: {exc}")

    is_auto, auto_evidence = (False, "")
    is_feedback_report = (
        msg.get_content_type() == "multipart/report"
        and str(msg.get_param("report-type") or "").lower() == "feedback-report"
    )
    if is_feedback_report:
        problems.append("abuse feedback report (ARF): neither a reply nor a bounce")
    elif bounce is None:
        try:
            # Only the sender's own words: our reminder quoted below may say it was sent automatically.
            is_auto, auto_evidence = detect_auto_reply(msg, subject, text)
        except Exception as exc:
            problems.append(f"auto-reply detection failed: {exc}")

    language = _header(msg, "Content-Language").split(",")[0].strip().lower()[:2]
    return InboundMessage(
        message_id=_header(msg, "Message-ID"),
        in_reply_to=_header(msg, "In-Reply-To"),
        references=_ids(_header(msg, "References")),
        from_address=from_address.lower(),
        from_name=from_name,
        to=tuple(a.lower() for _, a in to_pairs),
        subject=subject,
        date_at=date_at,
        text=text,
        full_text=full_text,
        language_hint=language,
        attachments=tuple(attachments),
        is_auto_reply=is_auto,
        auto_reply_evidence=auto_evidence,
        bounce=bounce,
        authentication_results=_header(msg, "Authentication-Results"),
        problems=tuple(dict.fromkeys(problems)),
        is_bulk=_header(msg, "Precedence").lower() in ("bulk", "list", "junk")
        or bool(_header(msg, "List-Id") or _header(msg, "List-Unsubscribe")),
    )


def _attachment(part: Message, ctype: str) -> Attachment:
    try:
        filename = part.get_filename() or ""
    except Exception:
        filename = ""
    size = 0
    try:
        if ctype == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            size = len(inner.as_bytes()) if isinstance(inner, Message) else 0
            filename = filename or "message.eml"
        else:
            data = part.get_payload(decode=True)
            size = len(data) if isinstance(data, bytes) else 0
    except Exception:
        size = 0
    return Attachment(filename=filename, content_type=ctype, size=size)
