"""Reading received mail: charsets, HTML, quotes and signatures, auto-reply headers, robustness."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailer.htmltext import html_to_text
from mailer.inbound import decode_bytes, read_message, strip_quotes


def _mail(body: str = "Hello", subject: str = "Re: Invoice", headers: dict[str, str] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Customer <customer@example.com>"
    msg["To"] = "ar@example.org"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 23 Nov 2026 10:00:00 +0100"
    msg["Message-ID"] = "<reply-1@example.com>"
    msg.set_content(body)
    for name, value in (headers or {}).items():
        msg[name] = value  # after set_content, which drops Content-* headers
    return msg.as_bytes()


# --- charsets ---------------------------------------------------------------------------------

POLISH = "Zażółć gęślą jaźń. Świętość, Źdźbło, ąĄ śŚ źŹ"


def test_it_reads_cp1250_bytes_mislabelled_as_iso_8859_2():
    text, problem = decode_bytes(POLISH.encode("cp1250"), "iso-8859-2")
    assert text == POLISH
    assert "windows-1250" in problem


def test_it_trusts_a_correct_iso_8859_2_label():
    text, problem = decode_bytes(POLISH.encode("iso-8859-2"), "iso-8859-2")
    assert text == POLISH
    assert problem == ""


def test_it_reads_utf8_whatever_latin_label_it_carries():
    text, _ = decode_bytes(POLISH.encode("utf-8"), "iso-8859-1")
    assert text == POLISH


@pytest.mark.parametrize("label", ["unknown-8bit", "x-no-such-charset", None, ""])
def test_it_never_raises_on_unknown_or_missing_charsets(label):
    text, _ = decode_bytes("Zapłacimy jutro".encode(), label)
    assert text == "Zapłacimy jutro"


def test_a_message_with_an_unknown_8bit_body_is_read_and_the_problem_named():
    raw = (
        b"From: a@example.pl\nSubject: x\nContent-Type: text/plain; charset=unknown-8bit\n\n"
        + "Zapłacimy w środę".encode("cp1250")
    )
    message = read_message(raw)
    assert message.text == "Zapłacimy w środę"
    assert message.problems


# --- HTML -------------------------------------------------------------------------------------


def test_html_keeps_line_breaks_and_drops_style_and_script():
    html = "<html><head><style>p{color:red}</style><script>x=1</script></head><body><p>One</p><p>Two<br>Three</p></body></html>"
    assert html_to_text(html) == "One\n\nTwo\nThree"  # a blank line between paragraphs


def test_html_without_quotes_drops_blockquote_and_gmail_quote():
    html = (
        '<div>We will pay on Friday.</div><div class="gmail_quote">On Mon someone wrote:'
        "<blockquote>Please pay invoice 12</blockquote></div><blockquote type=cite>old</blockquote>"
    )
    assert html_to_text(html, drop_quotes=True) == "We will pay on Friday."
    assert "Please pay invoice 12" in html_to_text(html)


def test_html_from_outlook_stops_at_the_reply_header_block():
    html = '<p>Paid yesterday.</p><div id="divRplyFwdMsg"><b>From:</b> AR</div><div>Reminder text</div>'
    assert html_to_text(html, drop_quotes=True) == "Paid yesterday."


def test_an_html_only_message_becomes_readable_text():
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg["Subject"] = "Re: x"
    msg.set_content("<p>We&nbsp;will pay &amp; confirm.</p>", subtype="html")
    message = read_message(msg.as_bytes())
    assert message.text == "We will pay & confirm."


# --- quotes and signatures --------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "On Mon, 16 Nov 2026 at 09:12, AR <ar@example.org> wrote:\n> Please pay",
        "W dniu 16.11.2026 o 09:12, AR <ar@example.org> napisał(a):\n> Prosimy o zapłatę",
        "Am 16.11.2026 um 09:12 schrieb AR <ar@example.org>:\n> Bitte zahlen",
        "-----Original Message-----\nFrom: AR\nPlease pay",
        "-----Ursprüngliche Nachricht-----\nVon: AR\nBitte zahlen",
        "-----Oryginalna wiadomość-----\nOd: AR\nProsimy o zapłatę",
        "From: AR <ar@example.org>\nSent: Monday, 16 November 2026 09:12\nTo: Customer\nSubject: Reminder\n\nPlease pay",
        "Od: AR <ar@example.org>\nWysłano: poniedziałek, 16 listopada 2026 09:12\nDo: Klient\nTemat: Przypomnienie\n\nProsimy",
        "Von: AR <ar@example.org>\nGesendet: Montag, 16. November 2026 09:12\nAn: Kunde\nBetreff: Erinnerung\n\nBitte",
        "On 16 Nov 2026, at 09:12, AR <ar@example.org>\nwrote:\n\n> Please pay",
        "-- \nJan Kowalski\nCEO",
        "Pozdrawiam\nJan Kowalski",
        "Mit freundlichen Grüßen\nHans Müller",
        "Best regards,\nJohn",
        "Sent from my iPhone",
        "Wysłane z iPhone'a",
        "Von meinem iPhone gesendet",
    ],
)
def test_the_quoted_reminder_and_signature_are_not_the_customers_words(reply):
    own = "Thank you, the money goes out tomorrow."
    assert strip_quotes(f"{own}\n\n{reply}") == own


def test_interleaved_replies_keep_the_customers_lines_only():
    text = "> Please pay invoice 12.\nPaid on Monday.\n> Thank you.\nAnd invoice 13 on Friday."
    assert strip_quotes(text) == "Paid on Monday.\nAnd invoice 13 on Friday."


def test_a_sign_off_inside_a_long_sentence_is_kept():
    text = "Thanks for your patience we will pay the whole invoice on Friday morning at the latest."
    assert strip_quotes(text) == text


def test_a_first_line_greeting_is_not_mistaken_for_a_signature():
    assert strip_quotes("Thank you\nWe paid yesterday.") == "Thank you\nWe paid yesterday."


def test_thanks_that_starts_a_sentence_is_not_a_sign_off():
    text = "Dzień dobry,\nDziękuję za przypomnienie.\nZapłacimy jutro.\n\nPozdrawiam\nJan"
    assert strip_quotes(text) == "Dzień dobry,\nDziękuję za przypomnienie.\nZapłacimy jutro."


def test_a_sign_off_followed_by_more_than_a_signature_is_not_the_end():
    text = "Hi,\nThanks\nWe checked again and the invoice is wrong, the discount is missing and the\n" + (
        "quantity too; we will send a list of the differences tomorrow with the delivery notes.\n" * 2
    )
    assert "invoice is wrong" in strip_quotes(text)


def test_a_bottom_posted_reply_is_found_below_the_quote():
    text = "On Mon, 16 Nov 2026 AR <ar@example.org> wrote:\n> Please pay\n> now\n\nWe paid yesterday.\n\nCheers\nTom"
    assert strip_quotes(text) == "We paid yesterday."


def test_our_quoted_reminder_saying_it_was_sent_automatically_does_not_make_an_auto_reply():
    body = (
        "We will pay on Friday.\n\nOn Mon, 16 Nov 2026 AR <ar@example.org> wrote:\n"
        "> This message was sent automatically. Please pay invoice 12.\n"
    )
    assert not read_message(_mail(body)).is_auto_reply


# --- auto-replies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"X-Autoreply": "yes"},
        {"X-Autorespond": "vacation"},
        {"Precedence": "auto_reply"},
    ],
)
def test_rfc_3834_and_common_headers_mark_an_auto_reply(headers):
    message = read_message(_mail(headers=headers))
    assert message.is_auto_reply
    assert message.auto_reply_evidence


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Invoice 12",
        "Auto: Invoice 12",
        "Out of Office: Invoice 12",
        "Odpowiedź automatyczna: Faktura",
        "Automatische Antwort: Rechnung",
        "Abwesenheitsnotiz: Rechnung",
    ],
)
def test_auto_reply_subjects_mark_an_auto_reply(subject):
    assert read_message(_mail(subject=subject)).is_auto_reply


def test_auto_submitted_no_is_a_person_writing():
    assert not read_message(_mail(headers={"Auto-Submitted": "no"})).is_auto_reply


def test_precedence_bulk_alone_is_a_newsletter_not_an_absence():
    assert not read_message(_mail("Our new catalogue is out.", headers={"Precedence": "bulk"})).is_auto_reply


def test_microsoft_suppress_header_alone_does_not_make_an_auto_reply():
    message = read_message(_mail("We will pay on Friday.", headers={"X-Auto-Response-Suppress": "All"}))
    assert not message.is_auto_reply


def test_an_absence_notice_without_headers_is_recognised_from_its_text():
    message = read_message(_mail("I am currently out of the office until 2 December."))
    assert message.is_auto_reply


# --- headers and structure --------------------------------------------------------------------


def test_headers_are_decoded_and_the_date_is_aware_utc():
    message = read_message(_mail(headers={"References": "<a@x> <b@x>", "In-Reply-To": "<b@x>"}))
    assert message.from_address == "customer@example.com"
    assert message.from_name == "Customer"
    assert message.references == ("<a@x>", "<b@x>")
    assert message.in_reply_to == "<b@x>"
    assert message.date_at is not None and message.date_at.utcoffset().total_seconds() == 0
    assert message.date_at.hour == 9


def test_attachments_are_listed_and_not_read_as_text():
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg.set_content("See attached.")
    msg.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="potwierdzenie.pdf")
    message = read_message(msg.as_bytes())
    assert [(a.filename, a.content_type, a.size) for a in message.attachments] == [
        ("potwierdzenie.pdf", "application/pdf", 8)
    ]
    assert message.text == "See attached."


def test_content_language_becomes_the_language_hint():
    assert read_message(_mail(headers={"Content-Language": "pl-PL"})).language_hint == "pl"


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b"Subject: =?utf-8?B?!!!?=\nDate: yesterday\nFrom: <<<>>>\n\nbody",
        b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Transfer-Encoding: base64\n\n!!!notbase64\n",
        b"Content-Type: message/delivery-status\n\nAction failed\n",
    ],
)
def test_it_never_raises_on_malformed_input(raw):
    message = read_message(raw)
    assert isinstance(message.text, str)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_message_and_never_an_exception(raw):
    message = read_message(raw)
    assert isinstance(message.problems, tuple)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_stripping_quotes_never_adds_text(text):
    own = strip_quotes(text)
    assert all(line in text for line in own.splitlines())
