"""build_message: the MIME structure, threading, Reply-To, and no header injection from data."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta, timezone
from email import policy

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mailer.message import build_message, make_message_id, make_reply_to, one_line, parse_address
from mailer.render import RenderedMessage

RENDERED = RenderedMessage(
    subject="Przypomnienie o płatności – faktura FV/1",
    text="Szanowni Państwo,\n\nkwota 12 345,67 zł\n",
    html="<p>Szanowni Państwo,</p><p>kwota 12\u00a0345,67\u00a0zł</p>\n",
    language="pl",
)
DATE_AT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def build(rendered: RenderedMessage = RENDERED, **overrides):
    kwargs = {
        "from_addr": "Biuro Przykład <ar@firma.example>",
        "to": ["Jan Kowalski <jan@klient.example>"],
        "reply_to": "ar+T1@firma.example",
        "message_id": make_message_id("r2", "firma.example"),
        "in_reply_to": "<tactful.r1@firma.example>",
        "references": ["<tactful.r0@firma.example>"],
        "date_at": DATE_AT,
    }
    kwargs.update(overrides)
    return build_message(rendered, **kwargs)


def reparse(msg) -> email.message.EmailMessage:
    # Read back as a receiver would, with Unix line ends in the decoded parts.
    return email.message_from_bytes(msg.as_bytes().replace(b"\r\n", b"\n"), policy=policy.default)


def test_it_is_multipart_alternative_text_first_then_html() -> None:
    parsed = reparse(build())

    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert parsed.get_body(("plain",)).get_content() == RENDERED.text
    # base64 carries the HTML in canonical form (CRLF line ends), as RFC 2046 asks for text.
    assert parsed.get_body(("html",)).get_content().replace("\r\n", "\n") == RENDERED.html
    assert parsed["Subject"] == RENDERED.subject
    assert parsed["Content-Language"] == "pl"
    assert parsed["Date"].datetime == DATE_AT


def test_without_html_it_is_a_single_text_part() -> None:
    parsed = reparse(build(RenderedMessage("S", "Body\n", None)))

    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content() == "Body\n"


def test_it_threads_under_the_previous_reminder() -> None:
    parsed = reparse(build())

    assert parsed["Message-ID"] == "<tactful.r2@firma.example>"
    assert parsed["In-Reply-To"] == "<tactful.r1@firma.example>"
    assert parsed["References"] == "<tactful.r0@firma.example> <tactful.r1@firma.example>"
    first = reparse(build(in_reply_to=None, references=[]))
    assert "In-Reply-To" not in first and "References" not in first


def test_it_never_marks_itself_as_automatic() -> None:
    parsed = reparse(build())

    assert "Auto-Submitted" not in parsed and "Precedence" not in parsed
    with pytest.raises(ValueError, match="out-of-office"):
        build(headers={"Auto-Submitted": "auto-generated"})


def test_a_crlf_in_a_customer_name_cannot_add_a_bcc() -> None:
    msg = build(
        RenderedMessage("Reminder\r\nBcc: evil@x.example", "t\n", None),
        to=["X\r\nBcc: evil@x.example <jan@klient.example>"],
        headers={"X-Tactful-Customer": "ACME\r\nBcc: evil@x.example"},
    )
    raw = msg.as_bytes()
    parsed = reparse(msg)

    assert b"\nBcc:" not in raw and b"\r\nBcc:" not in raw
    assert parsed["Bcc"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jan@klient.example"]
    assert parsed["To"].addresses[0].display_name == "X Bcc: evil@x.example"
    assert parsed["Subject"] == "Reminder Bcc: evil@x.example"
    assert parsed["X-Tactful-Customer"] == "ACME Bcc: evil@x.example"


@settings(deadline=None)  # the machine is shared: timing says nothing here
@given(name=st.text(max_size=40), subject=st.text(min_size=1, max_size=60))
def test_no_data_in_a_name_or_subject_ever_adds_a_header(name: str, subject: str) -> None:
    msg = build(RenderedMessage(subject, "t\n", None, "pl"), to=[f"{name} <jan@klient.example>"])
    parsed = reparse(msg)

    assert sorted(parsed.keys()) == sorted(
        ["From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
         "Content-Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"]
    )  # fmt: skip
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jan@klient.example"]


def test_a_list_of_addresses_in_one_recipient_is_refused() -> None:
    with pytest.raises(ValueError, match="not a single e-mail address"):
        build(to=["jan@klient.example, boss@klient.example"])
    with pytest.raises(ValueError, match="at least one recipient"):
        build(to=[])


def test_a_naive_date_is_refused_and_an_offset_is_kept() -> None:
    with pytest.raises(ValueError, match="aware"):
        build(date_at=datetime(2026, 12, 1, 8, 30))
    warsaw = timezone(timedelta(hours=1))
    assert reparse(build(date_at=DATE_AT.astimezone(warsaw)))["Date"].datetime == DATE_AT


def test_the_core_headers_cannot_be_overridden_by_extra_headers() -> None:
    for name in ("To", "bcc", "Message-ID", "Bad Name"):
        with pytest.raises(ValueError, match="not allowed"):
            build(headers={name: "x"})


def test_a_message_id_is_deterministic_and_looks_like_one() -> None:
    assert make_message_id("17", "firma.pl") == "<tactful.17@firma.pl>"
    assert make_message_id("17", "firma.pl") == make_message_id("17", "firma.pl")
    with pytest.raises(ValueError, match="domain"):
        make_message_id("17", "firma pl")


@settings(deadline=None)  # the machine is shared: timing says nothing here
@given(a=st.text(min_size=1, max_size=20), b=st.text(min_size=1, max_size=20))
def test_different_reminder_ids_never_share_a_message_id(a: str, b: str) -> None:
    id_a, id_b = make_message_id(a, "firma.pl"), make_message_id(b, "firma.pl")

    assert (id_a == id_b) == (a == b)
    parsed = reparse(build(message_id=id_a))
    assert parsed["Message-ID"].strip() == id_a  # a long id may be folded onto its own line
    assert id_a.isascii() and " " not in id_a


def test_reply_to_is_plus_addressed_with_the_token() -> None:
    assert make_reply_to("ar@firma.pl", "AB12") == "ar+AB12@firma.pl"
    assert make_reply_to("Należności <ar@firma.pl>", None) == "ar@firma.pl"
    with pytest.raises(ValueError, match="reply token"):
        make_reply_to("ar@firma.pl", "a b")


def test_an_internationalised_domain_is_sent_as_punycode() -> None:
    parsed = reparse(build(to=["Jürgen <info@müller.de>"]))

    assert [a.addr_spec for a in parsed["To"].addresses] == ["info@xn--mller-kva.de"]
    assert parsed["To"].addresses[0].display_name == "Jürgen"


def test_one_line_and_parse_address_handle_unicode_line_breaks() -> None:
    assert one_line("a\u2028b\r\n c") == "a b c"
    assert parse_address('"Kowalski, Jan" <jan@klient.example>').display_name == "Kowalski, Jan"


def test_the_same_reminder_is_the_same_bytes() -> None:
    assert build().as_bytes() == build().as_bytes()
    assert build().as_bytes() != build(message_id=make_message_id("r3", "firma.example")).as_bytes()


@settings(deadline=None, max_examples=300)
@given(
    name=st.sampled_from(
        ["Subject", "To", "From", "Reply-To", "Message-ID", "References", "X-Tactful-Customer"]
    ),
    value=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=90)
    | st.sampled_from(
        ["=?utf-8?q?Zap=C5=82ata?=", " lead", "trail ", "a  b", "<x@y> <z@w>", "0@0 ", '"q" <a@b.c>']
    ),
)
def test_the_fold_shortcut_writes_what_the_standard_policy_writes(name: str, value: str) -> None:
    from email.policy import SMTP

    from mailer.message import POLICY

    try:
        standard = SMTP.fold(name, SMTP.header_factory(name, value))
    except (IndexError, ValueError, AttributeError):
        assume(False)  # the email package itself cannot handle this value; nothing to compare
    ours = POLICY.fold(name, POLICY.header_factory(name, value))

    assert ours == standard
