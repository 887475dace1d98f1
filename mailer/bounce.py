"""Recognising delivery failure notices (bounces): RFC 3464 reports and the many home-grown forms.

A bounce is decided from the message's *own* structure and text, never from an attached
original (a forwarded bounce is a customer's message). RFC 3464 ``message/delivery-status``
parts are read field by field; everything else (qmail, Exim, Sendmail, Exchange, Yahoo...)
needs two independent signals: a sender or subject that looks like a mailer daemon, and a body
sentence that only delivery software writes. flufl.bounce (Mailman's detectors) helps to find
the failed addresses in those free-text forms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from email.message import Message
from typing import Literal

__all__ = ["Bounce", "detect_bounce"]


@dataclass(frozen=True, slots=True)
class Bounce:
    """A delivery failure: who could not be reached, and whether retrying can help.

    ``status`` is the RFC 3463 code (``"5.1.1"``) or ``""`` when the notice gives none;
    ``evidence`` says what made us call it a bounce.
    """

    recipients: tuple[str, ...]
    is_permanent: bool
    status: str = ""
    diagnostic: str = ""
    evidence: str = ""


_DAEMON_SENDER = re.compile(
    r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon|maildelivery|mail-delivery|"
    r"bounce[s]?|nobody|root|post_master|no-?reply|double-bounce|microsoftexchange[0-9a-f]*|mailadmin|"
    r"mail\.delivery|noreply-dsn|dsn)\b",
    re.I,
)
_DAEMON_NAME = re.compile(
    r"mail ?deliver(y|ed|)\s*(system|subsystem|service)|mailer[- ]daemon|postmaster|"
    r"mail delivery|delivery status|mail administrator|mail system|system administrator|"
    r"internet mail delivery|mail router|postoffice|post office",
    re.I,
)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|not delivered|non[- ]?deliver|delivery (status )?notification|"
    r"delivery (has )?fail|delivery problem|delivery error|delivery report|mail delivery|"
    r"failure notice|failed delivery|returned mail|return(ed)? to sender|mail (system )?error|"
    r"could not (be )?deliver|couldn't (be )?deliver|message (not|could not be) delivered|"
    r"delivery (was )?(delayed|incomplete)|delayed mail|warning: could not send|"
    r"unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|unzustellbare|"
    r"niedostarczon|niedostarczaln|nie (został[ao]? |mo[żz]na )?dostarcz|"
    r"non remis|non distribuable|no se puede entregar|"
    r"mail could not be delivered|rejected|returned|bounce|permanent error|"
    r"user unknown|unknown user|mailbox (unavailable|full)|quota|error sending message|"
    r"delivery failure|failed|failure|fehler|nachricht konnte nicht",
    re.I,
)
# Sentences that delivery software writes and people do not.
_BODY_MARKERS = re.compile(
    r"this is the qmail-send program|"
    r"this message was created automatically by mail delivery software|"
    r"this is the mail system at host|"
    r"the original message was received at|"
    r"transcript of (the )?session follows|"
    r"the following addresses had (permanent fatal|delivery) errors|"
    r"unsent message follows|undelivered message follows|"
    r"i'm afraid i wasn't able to deliver|i'm sorry to have to inform you that your message could not|"
    r"delivery to the following recipients? (failed|has been delayed|was unsuccessful)|"
    r"delivery has failed to these recipients|"
    r"your message (could not|couldn't|did not|didn't|wasn't|was not|cannot) (be )?(reach|deliver)|"
    r"could not be delivered to (one or more|the following)|"
    r"message could not be delivered|could not be delivered to|did not reach the following recipient|"
    r"error: invalid user address|requested action not taken|was unable to deliver|"
    r"the following message to .{1,200} was undeliverable|"
    r"there was an error delivering your mail|"
    r"a message that you sent could not be delivered|"
    r"message you sent (to .{1,80} )?(has )?(could not|couldn't|was not|failed)|"
    r"your message wasn't delivered|"
    r"delivery to .{1,120} failed permanently|"
    r"sorry, we were unable to deliver your message|"
    r"unable to deliver (your |the )?message|"
    r"this message is being returned to you|"
    r"failed to deliver|delivery failed|delivery has failed|"
    r"permanent (fatal )?(error|failure)|"
    r"this is a permanent error|"
    r"the mail server at .{1,80} (has )?(rejected|could not)|"
    r"user unknown|unknown user|no such user|mailbox (is )?(unavailable|full|disabled|not found)|"
    r"recipient address rejected|address rejected|host unknown|"
    r"message will be (deleted|returned)|will retry|retry timeout exceeded|"
    r"has not yet been delivered|still undelivered|could not deliver|"
    r"remote host said:|smtp error from remote mail server|diagnostic-code:|"
    r"the recipient's e-mail address|invalid recipient|"
    r"your mail to the following recipients could not be delivered|"
    r"die nachricht konnte nicht zugestellt werden|"
    r"wiadomość nie (mogła zostać|została) dostarczona|"
    r"\b55\d[ -]5\.\d{1,3}\.\d{1,3}\b|\b5\.\d\.\d{1,3}\b",
    re.I,
)
# Notices that are failure-specific even without a daemon sender (mailing-list and SaaS forms).
_STRONG_BODY = re.compile(
    r"this is the qmail-send program|"
    r"this message was created automatically by mail delivery software|"
    r"this is the mail system at host|"
    r"i'm afraid i wasn't able to deliver|"
    r"transcript of (the )?session follows|"
    r"there was an error delivering your mail|"
    r"delivery has failed to these recipients|"
    r"could not be delivered to one or more recipients",
    re.I,
)
_STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]\d)")
_SMTP_REPLY = re.compile(r"(?<![\d.])([45])\d\d(?=[ -][^\d])")
_EMAIL = re.compile(r"[\w.+'=/-]+@[\w-]+(?:\.[\w-]+)+", re.U)
_TEMPORARY = re.compile(
    r"will (continue to )?(re)?try|will be retried|delayed|deferred|temporar(y|ily)|"
    r"has not yet been delivered|still undelivered|not yet been delivered|"
    r"warning: message|try again later|greylist|mailbox (is )?full|over quota|quota exceeded|"
    r"\bexpired\b",
    re.I,
)
_PERMANENT = re.compile(
    r"permanent|user unknown|unknown user|no such user|does not exist|doesn't exist|"
    r"invalid recipient|recipient rejected|address rejected|mailbox unavailable|"
    r"account (has been )?(disabled|closed)|not found|unrouteable|host unknown|failed permanently",
    re.I,
)


def _status_of(text: str) -> str:
    match = _STATUS.search(text)
    return ".".join(match.groups()) if match else ""


def _strip_addr(value: str) -> str:
    value = value.strip()
    if ";" in value:  # "rfc822; user@example.com"
        value = value.split(";", 1)[1]
    value = value.strip().strip("<>").strip()
    match = _EMAIL.search(value)
    return match.group(0).lower().strip(".") if match else ""


def _dsn_fields(part: Message) -> list[dict[str, str]]:
    """Per-recipient field groups of a message/delivery-status part (the first group is per-message)."""
    groups: list[dict[str, str]] = []
    payload = part.get_payload()
    blocks: list[str] = []
    if isinstance(payload, list):
        for sub in payload:
            if not isinstance(sub, Message):
                continue
            try:
                raw_headers = getattr(sub, "_headers", [])  # raw values: lenient with odd fields
                block = "\n".join(f"{k}: {v}" for k, v in raw_headers)
                rest = sub.get_payload()
                if isinstance(rest, str) and rest.strip():
                    # A malformed field (e.g. "Action : failed") ends the header block early.
                    block += "\n" + rest
                blocks.append(block)
            except Exception:
                continue
    else:
        raw = part.get_payload(decode=True)
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(payload)
        blocks = re.split(r"\r?\n\s*\r?\n", text)
    for block in blocks:
        fields: dict[str, str] = {}
        current = ""
        for line in block.splitlines():
            if line[:1] in (" ", "\t") and current:
                fields[current] += " " + line.strip()
                continue
            name, sep, value = line.partition(":")
            if not sep:
                continue
            current = name.strip().lower()
            fields[current] = value.strip()
        if fields:
            groups.append(fields)
    return groups


def _from_dsn(part: Message) -> tuple[Bounce | None, bool]:
    """The bounce a delivery-status part reports, and whether it reports success instead."""
    recipients: list[str] = []
    statuses: list[str] = []
    actions: list[str] = []
    diagnostics: list[str] = []
    for fields in _dsn_fields(part):
        recipient = fields.get("final-recipient") or fields.get("original-recipient") or ""
        if not recipient:
            continue
        address = _strip_addr(recipient)
        if address and address not in recipients:
            recipients.append(address)
        action = fields.get("action", "").lower().strip()
        actions.append(action)
        status = _status_of(fields.get("status", ""))
        diagnostic = fields.get("diagnostic-code", "")
        if ";" in diagnostic:
            diagnostic = diagnostic.split(";", 1)[1].strip()
        if not status:
            status = _status_of(diagnostic)
        statuses.append(status)
        if diagnostic:
            diagnostics.append(diagnostic)
    if not actions:
        return None, False
    failing = [a for a in actions if a not in ("delivered", "relayed", "expanded")]
    if not failing and all(s.startswith("2") or not s for s in statuses):
        return None, True  # a success notification, not a bounce
    status = next((s for s in statuses if s.startswith("5")), "") or next((s for s in statuses if s), "")
    if status.startswith("5") or "failed" in actions:
        is_permanent = not (status.startswith("4") and "failed" not in actions)
    else:
        is_permanent = False
    if status.startswith("4") and "failed" not in actions:
        is_permanent = False
    bounce = Bounce(
        recipients=tuple(recipients),
        is_permanent=is_permanent,
        status=status,
        diagnostic=(diagnostics[0] if diagnostics else "")[:300],
        evidence=f"RFC 3464 delivery-status report (Action: {', '.join(sorted(set(actions))) or '?'})",
    )
    return bounce, False


def _from_ses_json(body: str) -> Bounce | Literal[False] | None:
    """Amazon SES/SNS JSON notifications: a ``Bounce``, ``False`` for other notices, ``None`` if not JSON."""
    text = body.strip()
    if not text.startswith("{") or "notificationType" not in text[:3000]:
        return None
    try:
        data = json.loads(text)
        if isinstance(data, dict) and isinstance(data.get("Message"), str):
            data = json.loads(data["Message"])
    except ValueError:
        data = _ses_fields_by_pattern(text)  # truncated or mangled JSON: read the few fields we need
    if not isinstance(data, dict):
        return None
    if data.get("notificationType") != "Bounce" or not isinstance(data.get("bounce"), dict):
        return False
    info = data["bounce"]
    recipients = []
    status = diagnostic = ""
    for item in info.get("bouncedRecipients") or []:
        if isinstance(item, dict):
            address = _strip_addr(str(item.get("emailAddress", "")))
            if address:
                recipients.append(address)
            status = status or _status_of(str(item.get("status", "")))
            diagnostic = diagnostic or str(item.get("diagnosticCode", ""))
    return Bounce(
        tuple(recipients),
        str(info.get("bounceType", "")).lower() == "permanent",
        status,
        diagnostic[:300],
        "Amazon SES bounce notification",
    )


def _walk_own(msg: Message) -> list[Message]:
    """Parts of the message itself, not descending into attached messages."""
    parts: list[Message] = []
    stack = [msg]
    while stack:
        part = stack.pop(0)
        parts.append(part)
        if part.is_multipart() and part.get_content_type() != "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(p for p in payload if isinstance(p, Message))
    return parts


def _flufl_recipients(msg: Message) -> tuple[list[str], list[str]]:
    try:
        from flufl.bounce import all_failures
    except ImportError:  # optional helper
        return [], []
    try:
        temporary, permanent = all_failures(msg)
    except Exception:
        return [], []

    def norm(values: frozenset[bytes]) -> list[str]:
        out = []
        for value in values:
            text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            address = _strip_addr(text)
            if address:
                out.append(address)
        return sorted(set(out))

    return norm(temporary), norm(permanent)


def _own_addresses(msg: Message, from_address: str) -> set[str]:
    """The notice's own sender and addressee: never the failed recipient."""
    exclude = {from_address.lower()} if from_address else set()
    try:
        to_header = str(msg.get("To", "") or "")
    except Exception:
        to_header = ""
    exclude.update(m.group(0).lower() for m in _EMAIL.finditer(to_header))
    return exclude


# Header lines of the returned original that name addresses which are not the failed recipient.
_NOT_RECIPIENT_LINE = re.compile(
    r"^\s*(message-id|references|in-reply-to|received|return-path|from|sender|reply-to|envelope-from|"
    r"x-[\w-]+|dkim-signature|list-[\w-]+|errors-to|by|id|with)\b",
    re.I,
)
_ID_LIKE = re.compile(r"^[0-9a-f][0-9a-f.\-]{9,}$", re.I)


def _guess_recipients(body: str, exclude: set[str]) -> list[str]:
    """Addresses a free-text notice names, in order, skipping ids, senders and the notice's own addresses."""
    found: list[str] = []
    for line in body[:6000].splitlines():
        if _NOT_RECIPIENT_LINE.match(line):
            continue
        for match in _EMAIL.finditer(line):
            address = match.group(0).lower().strip(".")
            local = address.split("@", 1)[0]
            if address in exclude or _DAEMON_SENDER.match(local) or _ID_LIKE.match(local):
                continue
            if (
                match.start() > 0
                and line[match.start() - 1] == "<"
                and "message" in line[: match.start()].lower()
            ):
                continue
            if address not in found:
                found.append(address)
    return found[:5]


def detect_bounce(msg: Message, body: str, from_address: str, from_name: str, subject: str) -> Bounce | None:
    """A ``Bounce`` when ``msg`` is a delivery failure notice, else ``None``.

    ``body`` is the message's own text (attached originals excluded); ``from_*`` and
    ``subject`` are the decoded headers.
    """
    own_parts = _walk_own(msg)
    for part in own_parts:
        ctype = part.get_content_type()
        if ctype in ("message/delivery-status", "message/global-delivery-status"):
            result, is_success = _from_dsn(part)
            if is_success:
                return None
            if result is not None:
                if not result.recipients:
                    temporary, permanent = _flufl_recipients(msg)
                    found = (
                        permanent or temporary or _guess_recipients(body, _own_addresses(msg, from_address))
                    )
                    result = Bounce(
                        tuple(found),
                        result.is_permanent,
                        result.status,
                        result.diagnostic,
                        result.evidence,
                    )
                return result
            break  # a report without per-recipient fields: judge the text as for other forms

    ses = _from_ses_json(body)
    if ses is not None:
        return ses or None

    local = from_address.split("@", 1)[0] if from_address else ""
    is_daemon_sender = bool(
        (local and _DAEMON_SENDER.match(local)) or _DAEMON_NAME.search(from_name or "") or not from_address
    )
    is_bounce_subject = bool(_BOUNCE_SUBJECT.search(subject or ""))
    failed_header = ""
    for name in ("X-Failed-Recipients", "X-Failed-Recipient"):
        try:
            value = msg.get(name)
        except Exception:
            value = None
        if value:
            failed_header = str(value)
            break
    head = body[:8000]
    marker = _BODY_MARKERS.search(head)
    strong = _STRONG_BODY.search(head)
    is_report = (
        msg.get_content_type() == "multipart/report"
        and str(msg.get_param("report-type") or "").lower() != "feedback-report"
    )

    evidence = ""
    if failed_header:
        evidence = "X-Failed-Recipients header"
    elif strong:
        evidence = f"delivery software text {strong.group(0)!r}"
    elif is_report and (is_daemon_sender or is_bounce_subject):
        evidence = "multipart/report from a mail system"
    elif is_daemon_sender and (is_bounce_subject or marker):
        evidence = f"sender {from_address or '<>'!r} and " + (
            f"subject {subject!r}" if is_bounce_subject else f"text {marker.group(0)!r}"  # type: ignore[union-attr]
        )
    elif is_bounce_subject and marker and _looks_like_failure_subject(subject):
        evidence = f"subject {subject!r} and text {marker.group(0)!r}"
    if not evidence:
        return None

    temporary, permanent = _flufl_recipients(msg)
    recipients: list[str] = []
    if failed_header:
        recipients = [a for a in (_strip_addr(v) for v in failed_header.split(",")) if a]
    if not recipients:
        recipients = permanent or temporary
    if not recipients:
        recipients = _guess_recipients(body, _own_addresses(msg, from_address))

    status = _status_of(head)
    diagnostic = ""
    diag_match = re.search(r"(?im)^.*\b[45]\d\d[ -].*$", head)
    if diag_match:
        diagnostic = diag_match.group(0).strip()[:300]
    if status.startswith("5"):
        is_permanent = True
    elif status.startswith("4"):
        is_permanent = False
    elif permanent and not temporary:
        is_permanent = True
    elif temporary and not permanent:
        is_permanent = False
    else:
        smtp = _SMTP_REPLY.search(head)
        if smtp:
            is_permanent = smtp.group(1) == "5"
        elif _TEMPORARY.search(subject + "\n" + head) and not _PERMANENT.search(head):
            is_permanent = False
        else:
            # A failure notice that names no reason: retrying blindly is what annoys customers,
            # so treat it as permanent and let a person look at the address.
            is_permanent = True
    return Bounce(tuple(recipients), is_permanent, status, diagnostic, evidence)


def _ses_fields_by_pattern(text: str) -> dict[str, object]:
    kind = re.search(r'notificationType\\?"\s*:\s*\\?"(\w+)', text)
    if not kind:
        return {}
    bounce_type = re.search(r'bounceType\\?"\s*:\s*\\?"(\w+)', text)
    recipients = [
        {"emailAddress": m.group(1)} for m in re.finditer(r'emailAddress\\?"\s*:\s*\\?"([^"\\]+)', text)
    ]
    return {
        "notificationType": kind.group(1),
        "bounce": {
            "bounceType": bounce_type.group(1) if bounce_type else "",
            "bouncedRecipients": recipients,
        },
    }


def _looks_like_failure_subject(subject: str) -> bool:
    return bool(
        re.search(
            r"undeliver|not delivered|delivery (status )?notification|failure notice|returned mail|"
            r"mail delivery failed|delivery failure|unzustellbar|niedostarcz",
            subject or "",
            re.I,
        )
    )
