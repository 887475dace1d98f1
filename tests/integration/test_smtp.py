"""SmtpTransport against a real aiosmtpd on 127.0.0.1: TLS, AUTH, refusals, a connection lost after DATA."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy

import pytest

from mailer import DeliveryError, TransportConfigError, UnknownFateError
from mailer.message import build_message, make_message_id, make_reply_to
from mailer.render import load_templates, render_reminder, sample_context
from mailer.transport import MaildirOutbox, SendResult, SmtpTransport, check_smtp_login
from tests.servers import free_port

pytestmark = pytest.mark.integration

TEMPLATES = load_templates(None, default_language="en")


def reminder(n: int, to: tuple[str, ...] = ("Jan Kowalski <jan@klient.example>",), stage: str = "reminder"):
    rendered = render_reminder(TEMPLATES, stage, "pl", sample_context(stage, "pl"))
    return build_message(
        rendered,
        from_addr="Biuro Przykład <ar@firma.example>",
        to=to,
        reply_to=make_reply_to("ar@firma.example", f"T{n}"),
        message_id=make_message_id(f"r{n}", "firma.example"),
        in_reply_to=None,
        references=(),
        date_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
    )


def plain(server, **kwargs) -> SmtpTransport:
    return SmtpTransport(
        server.host, server.port, security="none", allow_insecure=True, timeout_s=5, **kwargs
    )


def test_it_delivers_a_reminder_that_arrives_intact(smtp_server) -> None:
    msg = reminder(1)
    result = plain(smtp_server).send(msg)

    assert result == SendResult(message_id="<tactful.r1@firma.example>", recipients=("jan@klient.example",))
    (envelope,) = smtp_server.handler.envelopes
    assert envelope.mail_from == "ar@firma.example"
    assert envelope.rcpt_tos == ["jan@klient.example"]
    received = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert received["Message-ID"] == "<tactful.r1@firma.example>"
    assert received["Reply-To"] == "ar+T1@firma.example"
    text = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text == msg.get_body(("plain",)).get_content()
    assert MaildirOutbox(smtp_server.maildir).contains("<tactful.r1@firma.example>")


def test_a_batch_uses_one_connection(smtp_server) -> None:
    with plain(smtp_server).session() as session:
        for n in range(4):
            session.send(reminder(n))

    assert len(smtp_server.handler.envelopes) == 4
    assert smtp_server.connections == 1


def test_it_reconnects_once_when_the_server_closed_an_idle_connection(smtp_server) -> None:
    with plain(smtp_server).session() as session:
        session.send(reminder(1))
        smtp_server.close_connections()
        session.send(reminder(2))

    assert [e.rcpt_tos for e in smtp_server.handler.envelopes] == [["jan@klient.example"]] * 2
    assert smtp_server.connections == 2


def test_starttls_verifies_the_certificate_against_the_configured_ca(
    start_smtp_server, smtp_certificates
) -> None:
    server = start_smtp_server(tls="starttls", certificates=smtp_certificates)
    transport = SmtpTransport(
        server.host, server.port, security="starttls", ca_file=smtp_certificates.ca_path
    )

    transport.send(reminder(1))

    assert len(server.handler.envelopes) == 1
    assert "STARTTLS (TLSv1." in check_smtp_login(
        server.host, server.port, security="starttls", ca_file=smtp_certificates.ca_path
    )


def test_starttls_with_the_wrong_ca_fails_and_sends_nothing(
    start_smtp_server, smtp_certificates, tmp_path
) -> None:
    from tests.servers import make_test_certificates

    server = start_smtp_server(tls="starttls", certificates=smtp_certificates)
    other = make_test_certificates(tmp_path / "other")
    for ca_file in (other.ca_path, None):  # another CA, and the system CAs
        transport = SmtpTransport(server.host, server.port, security="starttls", ca_file=ca_file, timeout_s=5)
        with pytest.raises(DeliveryError, match=r"certificate did not verify.*ca_file") as info:
            transport.send(reminder(1))
        assert not info.value.permanent
    assert server.handler.envelopes == []


def test_implicit_tls_delivers(start_smtp_server, smtp_certificates) -> None:
    server = start_smtp_server(tls="implicit", certificates=smtp_certificates)
    transport = SmtpTransport(server.host, server.port, security="tls", ca_file=smtp_certificates.ca_path)

    transport.send(reminder(1))

    assert len(server.handler.envelopes) == 1


def _authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"ar", b"s3cret")
    # handled=False on failure: aiosmtpd then answers 535; otherwise the client waits for its timeout.
    return AuthResult(success=True) if ok else AuthResult(success=False, handled=False)


def test_it_logs_in_when_a_username_is_given(start_smtp_server, smtp_certificates) -> None:
    server = start_smtp_server(tls="starttls", certificates=smtp_certificates, authenticator=_authenticator)
    transport = SmtpTransport(
        server.host, server.port, username="ar", password="s3cret", ca_file=smtp_certificates.ca_path
    )

    transport.send(reminder(1))

    assert len(server.handler.envelopes) == 1


def test_a_wrong_password_is_a_clear_temporary_error(start_smtp_server, smtp_certificates) -> None:
    server = start_smtp_server(tls="starttls", certificates=smtp_certificates, authenticator=_authenticator)
    transport = SmtpTransport(
        server.host,
        server.port,
        username="ar",
        password="wrong",
        ca_file=smtp_certificates.ca_path,
        timeout_s=5,
    )

    with pytest.raises(DeliveryError, match=r"login as 'ar' refused \(535.*username and password") as info:
        transport.send(reminder(1))
    assert not info.value.permanent
    assert server.handler.envelopes == []


def test_without_auth_the_servers_refusal_is_reported(start_smtp_server, smtp_certificates) -> None:
    server = start_smtp_server(tls="starttls", certificates=smtp_certificates, authenticator=_authenticator)
    transport = SmtpTransport(server.host, server.port, ca_file=smtp_certificates.ca_path, timeout_s=5)

    with pytest.raises(DeliveryError, match="530"):
        transport.send(reminder(1))


@pytest.mark.parametrize(
    ("answer", "is_permanent"),
    [("451 4.3.0 try again later", False), ("554 5.7.1 message rejected as spam", True)],
)
def test_an_answer_to_data_decides_temporary_or_permanent(smtp_server, answer, is_permanent) -> None:
    smtp_server.handler.data_answer = answer

    with pytest.raises(DeliveryError) as info:
        plain(smtp_server).send(reminder(1))

    assert info.value.permanent is is_permanent
    assert not info.value.is_unknown_fate
    assert answer.split()[0] in str(info.value)


def test_the_connection_stays_usable_after_a_refusal(smtp_server) -> None:
    with plain(smtp_server).session() as session:
        smtp_server.handler.data_answer = "452 4.3.1 insufficient storage"
        with pytest.raises(DeliveryError):
            session.send(reminder(1))
        smtp_server.handler.data_answer = None
        session.send(reminder(2))

    assert len(smtp_server.handler.envelopes) == 1
    assert smtp_server.connections == 1


def test_a_refused_recipient_is_reported_while_the_others_get_the_letter(smtp_server) -> None:
    smtp_server.handler.rcpt_answers["gone@klient.example"] = "550 5.1.1 no such user"
    msg = reminder(1, to=("jan@klient.example", "gone@klient.example"))

    result = plain(smtp_server).send(msg)

    assert result.recipients == ("jan@klient.example",)
    assert result.refused == {"gone@klient.example": (550, "5.1.1 no such user")}
    assert smtp_server.handler.envelopes[0].rcpt_tos == ["jan@klient.example"]


@pytest.mark.parametrize(
    ("answer", "is_permanent"), [("550 5.1.1 no such user", True), ("450 4.2.1 mailbox busy", False)]
)
def test_when_every_recipient_is_refused_nothing_is_sent(smtp_server, answer, is_permanent) -> None:
    smtp_server.handler.rcpt_answers["jan@klient.example"] = answer

    with pytest.raises(DeliveryError) as info:
        plain(smtp_server).send(reminder(1))

    assert info.value.permanent is is_permanent
    assert info.value.refused["jan@klient.example"][0] == int(answer[:3])
    assert smtp_server.handler.envelopes == []


def test_a_refused_sender_is_permanent_for_5xx(smtp_server) -> None:
    smtp_server.handler.mail_answer = "553 5.7.1 sender not allowed"

    with pytest.raises(DeliveryError, match=r"sender 'ar@firma\.example' refused.*553") as info:
        plain(smtp_server).send(reminder(1))
    assert info.value.permanent


@pytest.mark.parametrize(("fate", "is_in_mailbox"), [("stored", True), ("lost", False)])
def test_a_connection_lost_after_data_is_an_unknown_fate_the_mailbox_can_settle(
    smtp_server, fate, is_in_mailbox
) -> None:
    smtp_server.handler.drop_after_data = fate
    msg = reminder(7)

    with pytest.raises(UnknownFateError, match="may or may not have been accepted") as info:
        plain(smtp_server).send(msg)

    assert info.value.is_unknown_fate and not info.value.permanent
    # The caller holds the reminder and asks the mailbox that would have it.
    assert MaildirOutbox(smtp_server.maildir).contains(msg["Message-ID"]) is is_in_mailbox


def test_a_refused_connection_is_temporary() -> None:
    transport = SmtpTransport("127.0.0.1", free_port(), security="none", allow_insecure=True, timeout_s=5)

    with pytest.raises(DeliveryError, match="connection refused") as info:
        transport.send(reminder(1))
    assert not info.value.permanent
    with pytest.raises(DeliveryError, match="connection refused"):
        check_smtp_login("127.0.0.1", transport.port, security="none", allow_insecure=True)


def test_starttls_to_a_server_without_it_is_refused_not_downgraded(smtp_server) -> None:
    transport = SmtpTransport(
        smtp_server.host, smtp_server.port, security="starttls", timeout_s=5, allow_insecure=True
    )

    with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
        transport.send(reminder(1))
    assert smtp_server.handler.envelopes == []


def test_plain_smtp_to_a_remote_host_is_a_configuration_error() -> None:
    with pytest.raises(TransportConfigError, match="loopback"):
        SmtpTransport("smtp.example.com", 25, security="none", allow_insecure=True)


def test_the_sent_copy_on_imap_can_be_searched_by_message_id(imap_account) -> None:
    from mailer.transport import ImapSentCopy

    sent = ImapSentCopy(
        imap_account.host,
        imap_account.port,
        username=imap_account.username,
        password=imap_account.password,
        folder="Sent",
        security="none",
        allow_insecure=True,
        timeout_s=5,
    )
    msg = reminder(3)

    sent.append(msg, date_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC))

    assert sent.contains("<tactful.r3@firma.example>")
    assert not sent.contains("<tactful.r@firma.example>")  # a substring of the real id
    assert not sent.contains("<tactful.r4@firma.example>")


def test_a_server_that_never_answers_is_a_temporary_timeout() -> None:
    import socket

    with socket.socket() as listener:  # accepts connections (the kernel does) but never says hello
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        transport = SmtpTransport("127.0.0.1", port, security="none", allow_insecure=True, timeout_s=0.3)

        with pytest.raises(DeliveryError, match=r"no answer within 0\.3 s") as info:
            transport.send(reminder(1))

    assert not info.value.permanent and not info.value.is_unknown_fate


def test_implicit_tls_against_a_plain_port_says_to_check_the_security_setting(
    smtp_server, smtp_certificates
) -> None:
    transport = SmtpTransport(
        smtp_server.host, smtp_server.port, security="tls", ca_file=smtp_certificates.ca_path, timeout_s=5
    )

    with pytest.raises(DeliveryError, match=r"TLS failed.*security='tls' matches the port") as info:
        transport.send(reminder(1))
    assert not info.value.permanent
