"""Classifying replies: intents, negations and conditions, dates, language, phrase book data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailer.bounce import Bounce
from mailer.inbound import InboundMessage
from rules import RuleError
from rules.replies import INTENTS, classify_reply, detect_language, load_phrasebook

PHRASES = load_phrasebook()
FRIDAY = date(2026, 11, 20)


def classify(text: str, received_on: date = FRIDAY, **fields):
    message = InboundMessage(text=text, full_text=fields.pop("full_text", text), **fields)
    return classify_reply(message, PHRASES, received_on)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("we will not pay until we get the corrected invoice", "dispute"),
        ("we can't pay by Friday, can we split it?", "payment_plan"),
        ("nie zapłacimy, faktura jest błędna", "dispute"),
        ("Nie zapłacimy do czasu otrzymania korekty.", "dispute"),
        ("Wir werden die Rechnung nicht bezahlen, die Ware ist beschädigt.", "dispute"),
        ("Zapłacimy jutro.", "promise_to_pay"),
        ("Przelew pójdzie w poniedziałek.", "promise_to_pay"),
        ("The balance will be paid on Monday.", "promise_to_pay"),
        ("Wir überweisen morgen.", "promise_to_pay"),
        ("Die Zahlung erfolgt am 1. Dezember.", "promise_to_pay"),
        ("Zapłaciliśmy 10 listopada, w załączeniu potwierdzenie.", "already_paid"),
        ("We have already paid this invoice.", "already_paid"),
        ("Der Betrag wurde gestern überwiesen.", "already_paid"),
        ("We haven't paid yet but will pay on Monday.", "promise_to_pay"),
        ("Czy możemy zapłacić w dwóch ratach?", "payment_plan"),
        ("Could we pay in three instalments?", "payment_plan"),
        ("Wäre eine Ratenzahlung möglich?", "payment_plan"),
        ("Nie jesteśmy w stanie zapłacić w tym miesiącu.", "payment_plan"),
        ("We never ordered these items.", "dispute"),
        ("Wir haben die Ware nie erhalten.", "dispute"),
        ("Nie otrzymaliśmy towaru.", "dispute"),
        ("I am on annual leave until 2 December.", "out_of_office"),
        ("Jestem na urlopie do 2.12.", "out_of_office"),
        ("Ich bin bis zum 02.12.2026 nicht im Büro.", "out_of_office"),
        ("Thanks, noted.", "other"),
        ("Czy faktura została wysłana również pocztą?", "other"),  # sent is not paid
        ("Was the invoice also sent by post?", "other"),
        # "Betrag kommt" is no promise; asking where an amount comes from is a query on the
        # invoice, read as a dispute: dunning waits for a person's answer.
        ("Bitte erklären Sie, woher dieser Betrag kommt.", "dispute"),
        ("It will be paid in our monthly payment run on the 28th.", "promise_to_pay"),  # not a plan
        ("Die Rechnung wird in unserem monatlichen Zahlungslauf am 28. bezahlt.", "promise_to_pay"),
        ("Could we make monthly payments?", "payment_plan"),
        ("Können wir monatlich 500 Euro zahlen?", "payment_plan"),
        ("Czy możliwe jest uregulowanie należności w kilku częściach?", "payment_plan"),
        ("Prosimy o przesłanie duplikatu faktury PDF.", "other"),
        ("Could you resend the invoice as PDF?", "other"),
        ("", "other"),
    ],
)
def test_it_reads_the_intent_of_a_reply(text, intent):
    assert classify(text).intent == intent


def test_only_the_customers_own_words_count_not_the_quoted_reminder():
    reminder = "Please pay by Friday. If you have already paid, ignore this."
    result = classify(
        "Could you resend the invoice?", full_text="Could you resend the invoice?\n> " + reminder
    )
    assert result.intent == "other"


def test_a_promise_gives_its_date_amount_and_evidence():
    result = classify("Dzień dobry. Kwotę 5 000,00 zł przelejemy do 15 grudnia. Pozdrawiam")
    assert result.intent == "promise_to_pay"
    assert result.promised_on == date(2026, 12, 15)
    assert (result.promised_amount, result.promised_currency) == (Decimal("5000.00"), "PLN")
    assert result.evidence == "Kwotę 5 000,00 zł przelejemy do 15 grudnia."
    assert result.language == "pl"


def test_a_date_in_a_negated_clause_is_not_the_promised_date():
    result = classify("Bis Freitag schaffen wir es nicht, aber wir überweisen am 4. Dezember.")
    assert result.promised_on == date(2026, 12, 4)


def test_a_vague_promise_has_no_date():
    result = classify("We'll pay next week.")
    assert result.intent == "promise_to_pay"
    assert result.promised_on is None


def test_the_invoice_date_is_not_taken_for_the_promised_date():
    result = classify("Faktura z 12.11.2026 zostanie opłacona w piątek.")
    assert result.promised_on == FRIDAY


def test_an_absence_gives_the_return_date():
    result = classify("I'm out of the office until 7 December.")
    assert (result.intent, result.return_on) == ("out_of_office", date(2026, 12, 7))


def test_an_auto_reply_is_out_of_office_whatever_its_text_says():
    result = classify(
        "For payments please write to ap@example.com", is_auto_reply=True, auto_reply_evidence="x"
    )
    assert result.intent == "out_of_office"
    assert result.evidence == "x"


def test_a_bounce_wins_over_everything_and_is_passed_through():
    bounce = Bounce(("old@example.com",), True, "5.1.1", "user unknown", "RFC 3464")
    result = classify("We will pay tomorrow", bounce=bounce, is_auto_reply=True)
    assert result.intent == "bounce"
    assert result.bounce is bounce


def test_a_dispute_names_the_invoices_it_is_about():
    result = classify("Faktura FV/2026/10/118 jest błędna, a FV/2026/10/119 nie dotyczy nas.")
    assert result.disputed_invoices == ("FV/2026/10/118", "FV/2026/10/119")


def test_every_result_has_one_of_the_known_intents():
    for text in ["", "x", "Zapłacimy", "We paid", "Raten", "Storno"]:
        assert classify(text).intent in INTENTS


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dzień dobry, zapłacimy w przyszłym tygodniu.", "pl"),
        ("Hello, we will pay next week.", "en"),
        ("Guten Tag, wir zahlen nächste Woche.", "de"),
        ("", "und"),
    ],
)
def test_it_recognises_the_language(text, language):
    assert detect_language(text, PHRASES) == language


def test_a_company_can_add_its_own_phrases():
    extended = load_phrasebook({"pl": {"promise_to_pay": ["puścimy kasę*"]}})
    message = InboundMessage(text="Puścimy kasę niebawem.")
    assert classify_reply(message, PHRASES, FRIDAY).intent == "other"
    result = classify_reply(message, extended, FRIDAY)
    assert (result.intent, result.promised_on) == ("promise_to_pay", None)


def test_a_company_can_add_a_language():
    extended = load_phrasebook({"fr": {"promise_to_pay": ["nous paierons"], "markers": ["nous", "la"]}})
    result = classify_reply(InboundMessage(text="Nous paierons la facture vendredi."), extended, FRIDAY)
    assert (result.intent, result.language) == ("promise_to_pay", "fr")


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"pl": {"promise_to_pay": ["re:(unclosed"]}}, "replies.phrases.pl.promise_to_pay[0]"),
        ({"pl": {"promises": ["x"]}}, "replies.phrases.pl.promises"),
        ({"pl": {"dispute": "not a list"}}, "replies.phrases.pl.dispute"),
        ({"pl": ["x"]}, "replies.phrases.pl"),
    ],
)
def test_a_bad_company_phrase_is_reported_with_its_key_path(extra, path):
    with pytest.raises(RuleError) as caught:
        load_phrasebook(extra)
    assert path in str(caught.value)


@pytest.mark.parametrize(
    ("text", "intent", "promised_on"),
    [
        ("We can't pay by Friday, but we will pay on 4 December.", "promise_to_pay", date(2026, 12, 4)),
        ("Do piątku nie damy rady, ale zapłacimy 4 grudnia.", "promise_to_pay", date(2026, 12, 4)),
        ("We can't pay by Friday, can we split it?", "payment_plan", None),
        ("We can't pay by Friday.", "payment_plan", None),
        (
            "We can't pay by Friday; we will pay in three instalments, the first on 4 December.",
            "payment_plan",
            date(2026, 12, 4),
        ),
    ],
)
def test_a_missed_date_with_a_new_one_is_a_promise_and_a_real_plan_stays_a_plan(text, intent, promised_on):
    result = classify(text)
    assert (result.intent, result.promised_on) == (intent, promised_on)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_any_text_gets_a_known_intent_and_quotes_its_evidence(text, received_on):
    result = classify_reply(InboundMessage(text=text), PHRASES, received_on)
    assert result.intent in INTENTS
    assert " ".join(result.evidence.split()) in " ".join(text.split())
    if result.promised_on is not None:
        assert result.promised_on >= received_on


REMINDER_WITH_EVERY_TRIGGER = (
    "Please pay by Friday. If you have already paid, ignore this. We will pay attention to disputes.\n"
    "Prosimy o zapłatę do piątku; jeśli faktura została już opłacona, prosimy zignorować. Raty możliwe.\n"
    "Bitte überweisen Sie bis Freitag. Sollten Sie bereits bezahlt haben, ist dies gegenstandslos."
)


@pytest.mark.parametrize(
    "quote",
    [
        "On Mon, 16 Nov 2026 at 09:12, AR <ar@example.org> wrote:\n{q}",
        "W dniu 16.11.2026 o 09:12 AR <ar@example.org> napisał(a):\n{q}",
        "________________________________\nFrom: AR <ar@example.org>\nSent: Monday\nTo: You\nSubject: Reminder\n\n{raw}",
        "Od: AR <ar@example.org>\nWysłano: poniedziałek\nDo: Ty\nTemat: Przypomnienie\n\n{raw}",
        "-----Ursprüngliche Nachricht-----\nVon: AR\n\n{raw}",
    ],
)
@pytest.mark.parametrize(
    "own", ["Could you resend the invoice?", "Kto wystawił tę fakturę?", "Danke, erhalten."]
)
def test_the_quoted_reminder_is_never_read_as_the_customers_words(quote, own):
    from mailer.inbound import read_message

    quoted = "\n".join("> " + line for line in REMINDER_WITH_EVERY_TRIGGER.splitlines())
    body = own + "\n\n" + quote.format(q=quoted, raw=REMINDER_WITH_EVERY_TRIGGER)
    raw = f"From: c@example.com\nSubject: Re: Reminder\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    message = read_message(raw.encode())
    assert message.text == own
    assert classify_reply(message, PHRASES, FRIDAY).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent", "promised_on"),
    [
        ("Mamy to w grafiku płatności na piątek.", "promise_to_pay", FRIDAY),
        ("It's in our payment calendar for 4 December.", "promise_to_pay", date(2026, 12, 4)),
        ("Das steht in unserem Zahlungskalender für Montag.", "promise_to_pay", date(2026, 11, 23)),
        ("Do we have to pay by Friday?", "other", None),  # a question, not a statement
        ("The amount was covered by us on 23 October.", "already_paid", None),  # past: paid, not a promise
        ("The delivery comes on Friday.", "other", None),  # no money word
        ("Płatności nie będzie w piątek.", "other", None),  # negated
        ("The payment is due on 30 November.", "other", None),  # a deadline restated
        ("Termin płatności mija 30 listopada.", "other", None),
    ],
)
def test_a_plain_statement_of_money_and_a_future_day_is_a_promise(text, intent, promised_on):
    result = classify(text)
    assert (result.intent, result.promised_on) == (intent, promised_on)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("We will check whether the payment has been made.", "other"),
        ("Is the invoice already paid from our side?", "other"),
        ("Wir prüfen, ob die Zahlung erfolgt ist.", "other"),
        ("Sprawdzę, czy przelew został wysłany.", "other"),
        ("We paid yesterday, can you check?", "already_paid"),
        ("Zapłaciliśmy wczoraj, czy możecie sprawdzić?", "already_paid"),
        ("Czy możemy zapłacić w ratach?", "payment_plan"),  # plans are usually asked
    ],
)
def test_a_question_or_a_doubt_is_no_promise_and_no_payment(text, intent):
    assert classify(text).intent == intent
