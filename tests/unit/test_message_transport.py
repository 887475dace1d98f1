"""The socket-free parts of the transports: settings checks, rate limiting, envelopes, the Maildir outbox."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from mailer import DeliveryError, TemplateError, TransportConfigError, UnknownFateError
from mailer.message import build_message, make_message_id
from mailer.render import RenderedMessage
from mailer.transport import (
    MaildirOutbox,
    PreparedMessage,
    SendResult,
    SmtpTransport,
    _dot_stuffed,
    check_smtp_login,
    envelope_of,
    flatten,
    is_loopback,
    prepare,
    send_all,
)


def message(n: int, text: str = "Body\n") -> EmailMessage:
    return build_message(
        RenderedMessage(f"Reminder {n}", text, "<p>Body</p>", "en"),
        from_addr="Accounts <ar@firma.example>",
        to=["Jan <jan@klient.example>", "jan@klient.example", "Ola <ola@klient.example>"],
        reply_to=None,
        message_id=make_message_id(f"r{n}", "firma.example"),
        in_reply_to=None,
        references=(),
        date_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("127.8.0.2", True), ("10.0.0.1", False),
     ("smtp.example.com", False), ("localhost.example.com", False)],
)  # fmt: skip
def test_loopback_is_judged_without_dns(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"host": "smtp.example.com", "port": 25, "security": "none"}, "only allowed to a loopback host"),
        ({"host": "smtp.example.com", "port": 25, "security": "none", "allow_insecure": True}, "loopback"),
        ({"host": "127.0.0.1", "port": 25, "security": "none"}, "allow_insecure"),
        (
            {"host": "smtp.example.com", "port": 587, "verify_certificate": False, "allow_insecure": True},
            "unverified",
        ),
        ({"host": "smtp.example.com", "port": 587, "security": "ssl"}, "'starttls', 'tls' or 'none'"),
        ({"host": "smtp.example.com", "port": 587, "rate_per_minute": 0}, "rate_per_minute must be positive"),
        ({"host": "smtp.example.com", "port": 587, "ca_file": "/nonexistent/ca.pem"}, "ca_file"),
        ({"host": "smtp.example.com", "port": 587, "password": "x"}, "without a username"),
    ],
)
def test_unsafe_or_inconsistent_smtp_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(TransportConfigError, match=message):
        SmtpTransport(**kwargs)


def test_plain_smtp_to_loopback_is_allowed_only_when_asked() -> None:
    transport = SmtpTransport("127.0.0.1", 2525, security="none", allow_insecure=True)
    assert transport.security == "none"


def test_the_rate_limit_waits_through_the_injected_sleep() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    transport = SmtpTransport("smtp.example.com", 587, rate_per_minute=30, sleep=sleep, clock=lambda: now[0])
    transport.throttle()  # the first message goes at once
    now[0] += 0.5
    transport.throttle()
    now[0] += 10
    transport.throttle()  # waited long enough already

    assert slept == [pytest.approx(1.5)]


def test_without_a_rate_nothing_waits() -> None:
    transport = SmtpTransport("smtp.example.com", 587, sleep=lambda s: pytest.fail("slept"))
    for _ in range(3):
        transport.throttle()


def test_the_envelope_comes_from_the_headers_without_duplicates() -> None:
    sender, recipients = envelope_of(message(1))

    assert sender == "ar@firma.example"
    assert recipients == ["jan@klient.example", "ola@klient.example"]
    assert envelope_of(message(1), ["x@y.example"])[1] == ["x@y.example"]


def test_flatten_drops_bcc_and_uses_crlf() -> None:
    msg = message(1)
    msg["Bcc"] = "audit@firma.example"

    raw = flatten(msg)

    assert b"audit@firma.example" not in raw
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert msg["Bcc"] == "audit@firma.example"  # the caller's message is untouched


def test_lines_starting_with_a_dot_are_doubled_for_data() -> None:
    assert _dot_stuffed(b"a\r\n.b\r\n..c") == b"a\r\n..b\r\n...c\r\n.\r\n"


def test_an_unknown_fate_is_a_temporary_delivery_error_with_a_flag() -> None:
    error = UnknownFateError("connection broke after DATA")

    assert isinstance(error, DeliveryError)
    assert error.is_unknown_fate and not error.permanent
    assert not DeliveryError("x").is_unknown_fate


def test_the_maildir_outbox_stores_each_message_and_finds_it_by_message_id(tmp_path: Path) -> None:
    outbox = MaildirOutbox(tmp_path / "outbox")
    with outbox.session() as session:
        results = [session.send(message(n)) for n in range(3)]

    assert [r.message_id for r in results] == [f"<tactful.r{n}@firma.example>" for n in range(3)]
    assert results[0].recipients == ("jan@klient.example", "ola@klient.example")
    files = list((tmp_path / "outbox" / "new").iterdir())
    assert len(files) == 3 and not list((tmp_path / "outbox" / "tmp").iterdir())
    # A fresh outbox object (another process, after a restart) finds them by reading the files.
    again = MaildirOutbox(tmp_path / "outbox")
    assert again.contains("<tactful.r2@firma.example>")
    assert again.contains("tactful.r0@firma.example")
    assert not again.contains("<tactful.r9@firma.example>")
    assert not again.contains("<tactful.r@firma.example>")


def test_the_maildir_outbox_sees_messages_other_writers_add(tmp_path: Path) -> None:
    import mailbox

    outbox = MaildirOutbox(tmp_path / "box")
    assert not outbox.contains("<tactful.r5@firma.example>")
    mailbox.Maildir(tmp_path / "box").add(message(5).as_bytes())

    assert outbox.contains("<tactful.r5@firma.example>")


def test_a_stored_message_reads_back_with_its_body(tmp_path: Path) -> None:
    import mailbox
    from email import message_from_bytes, policy

    MaildirOutbox(tmp_path / "box").send(message(1, text="Zażółć gęślą jaźń\n.leading dot\n"))
    (key,) = mailbox.Maildir(tmp_path / "box").keys()
    raw = mailbox.Maildir(tmp_path / "box").get_bytes(key)

    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed.get_body(("plain",)).get_content() == "Zażółć gęślą jaźń\n.leading dot\n"
    assert b"\r\n" not in raw


class RecordingSession:
    """A stand-in for an SMTP session: records what it was given, refuses what it is told to."""

    def __init__(self, refuse: set[str] = frozenset()) -> None:
        self.sent: list[str] = []
        self.refuse = refuse

    def send(self, msg: object) -> SendResult:
        prepared = msg if isinstance(msg, PreparedMessage) else prepare(msg)  # type: ignore[arg-type]
        if prepared.message_id in self.refuse:
            raise DeliveryError("550 no", permanent=True)
        self.sent.append(prepared.message_id)
        return SendResult(prepared.message_id, prepared.recipients)


def test_send_all_sends_in_order_and_reports_each_outcome() -> None:
    session = RecordingSession(refuse={"<tactful.r2@firma.example>"})

    def build(n: int) -> EmailMessage:
        if n == 4:
            raise TemplateError("templates/pl/firm-body.txt line 3: 'x' is undefined")
        return message(n)

    outcomes = list(send_all(session, range(6), build, lookahead=2))

    assert [o.item for o in outcomes] == list(range(6))
    assert session.sent == [f"<tactful.r{n}@firma.example>" for n in (0, 1, 3, 5)]
    assert isinstance(outcomes[2].error, DeliveryError) and outcomes[2].error.permanent
    assert isinstance(outcomes[4].error, TemplateError)
    assert all(o.result is not None for o in outcomes if o.error is None)


def test_send_all_stops_rendering_when_the_caller_stops() -> None:
    built: list[int] = []

    def build(n: int) -> EmailMessage:
        built.append(n)
        return message(n)

    outcomes = send_all(RecordingSession(), range(1000), build, lookahead=1)
    next(outcomes)
    outcomes.close()

    assert len(built) <= 4  # one sent, at most a couple rendered ahead; not the whole batch


def test_send_all_raises_when_the_items_cannot_be_read() -> None:
    def items():
        yield 1
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        list(send_all(RecordingSession(), items(), message))


def test_a_prepared_message_carries_envelope_and_wire_bytes() -> None:
    prepared = prepare(message(1), envelope_from="bounces@firma.example")

    assert prepared.sender == "bounces@firma.example"
    assert prepared.recipients == ("jan@klient.example", "ola@klient.example")
    assert prepared.payload == flatten(message(1))


def test_check_smtp_login_needs_a_port_with_a_host_name() -> None:
    with pytest.raises(TypeError, match="port"):
        check_smtp_login("smtp.example.com")
