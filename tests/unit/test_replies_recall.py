"""Round 2 phrase families: wider wording for each intent, and the negated or doubtful forms that must not count."""

from __future__ import annotations

from datetime import date

import pytest

from mailer.inbound import Attachment, InboundMessage
from rules.replies import classify_reply, load_phrasebook

PHRASES = load_phrasebook()
FRIDAY = date(2026, 11, 20)


def classify(text: str, received_on: date = FRIDAY, attachments: tuple[str, ...] = ()):
    files = tuple(
        Attachment(filename=name, content_type="application/pdf", size=1000) for name in attachments
    )
    message = InboundMessage(text=text, full_text=text, attachments=files)
    return classify_reply(message, PHRASES, received_on)


@pytest.mark.parametrize(
    "text",
    [
        # pl: uiścić, transfers ordered with a future execution day, "pójdzie" with a day
        "Należność zostanie uiszczona w poniedziałek.",
        "Uiścimy całość do 30 listopada.",
        "Przelew mamy zlecony z datą realizacji 27.11.",
        "Faktura zatwierdzona, pójdzie jutro.",
        # en: an amount you will have, queued or scheduled payments, "goes out on"
        "You'll have the £480 by Tuesday.",
        "We have scheduled the payment for 1 December.",
        "The transfer is queued for Monday.",
        "It's approved and goes out on Friday.",
        # de: the money comes, transfers scheduled, sending the money
        "Nächste Woche kommt das Geld, spätestens am 27.11.",
        "Die Überweisung ist für den 30.11. terminiert.",
        "Der Betrag geht Ihnen bis Ende des Monats zu.",
        "Ich schicke Ihnen das Geld am Montag.",
        # a deadline before a "paid": present tense for the future
        "Bis zum 4.12. ist alles bezahlt.",
        "Do końca miesiąca wszystko jest zapłacone.",
    ],
)
def test_it_reads_wider_promises(text):
    assert classify(text).intent == "promise_to_pay"


@pytest.mark.parametrize(
    "text",
    [
        "Nie uiścimy tej kwoty w tym tygodniu, bo czekamy na klienta",  # negated: not a promise
        "We haven't scheduled the payment yet.",
        "Das Geld kommt nicht vor Januar, leider.",
        "Ich schicke Ihnen das Geld nicht, bevor die Gutschrift da ist.",
    ],
)
def test_negated_promises_are_not_promises(text):
    assert classify(text).intent != "promise_to_pay"


@pytest.mark.parametrize(
    "text",
    [
        "Uiściliśmy należność 12.11.",
        "Należność jest uiszczona od zeszłego tygodnia.",
        "Przesyłam potwierdzenie wykonania tego przelewu.",
        "Płatność za fakturę zrealizowaliśmy w środę.",
        "Sprawdziłam w banku – środki wyszły z naszego konta w poniedziałek.",
        "Proszę sprawdzić wpływy z 10.11., tam jest nasz przelew.",
        "Faktura była przedpłacona przy zamówieniu.",
        "Funds left our account on Tuesday.",
        "It has already been taken care of.",
        "The order was prepaid, see the order confirmation.",
        "Please check your incoming payments from last week.",
        "Der Betrag wurde per Lastschrift eingezogen.",
        "Die Zahlung ist seit Montag raus.",
        "Wir haben den Ausgleich am 3.11. vorgenommen.",
        "Im Anhang der Überweisungsträger.",
        "Längst bezahlt, bitte korrigieren Sie Ihre Unterlagen.",
        "Die Überweisung wurde am 10.11. beauftragt, Bankbestätigung anbei.",
        "Wir haben am 3.11. bezahlt und bitten um Bestätigung bis zum 27.11.",
    ],
)
def test_it_reads_wider_already_paid(text):
    assert classify(text).intent == "already_paid"


@pytest.mark.parametrize(
    "text",
    [
        "Nie uiściliśmy jeszcze tej należności.",
        "Sprawdzę, czy środki wyszły z naszego konta.",
        "It hasn't been taken care of yet, sorry.",
        "I'll check whether the funds left our account.",
        "Die Zahlung ist noch nicht raus.",
        "Ich prüfe, ob der Betrag eingezogen wurde.",
        "Zlecimy przelew, jak tylko dostaniemy potwierdzenie zamówienia.",
    ],
)
def test_negated_or_doubtful_payments_are_not_already_paid(text):
    assert classify(text).intent != "already_paid"


@pytest.mark.parametrize(
    "text",
    [
        "Czy możemy zapłacić część teraz, a pozostałe w lutym?",
        "Możemy spłacać częściami?",
        "Zapłacimy 1000 zł teraz i po 500 zł w kolejnych miesiącach.",
        "Mamy przejściowe trudności finansowe, prosimy o cierpliwość.",
        "Jednorazowo nie damy rady zapłacić całej kwoty.",
        "Could we pay a portion now and the rest in March?",
        "Could we spread the debt over the next three months?",
        "We'd pay £500 in each of the following months.",
        "We are in financial difficulties at the moment.",
        "Can we pay it back bit by bit?",
        "Können wir den Betrag in drei Monatsbeträgen abbezahlen?",
        "Könnten wir einen Teil jetzt und das Übrige im Januar zahlen?",
        "Bitte verteilen Sie die Schuld auf ein paar Monate.",
        "Wir haben Zahlungsschwierigkeiten, bitte verschieben Sie die Fälligkeit.",
        "Wir zahlen gern 200 Euro pro Monat.",
        "Wir brauchen zwei zusätzliche Wochen.",
        "Der Betrag ist für uns zurzeit zu hoch, wäre eine Ratenvereinbarung möglich?",
    ],
)
def test_it_reads_wider_plan_requests(text):
    assert classify(text).intent == "payment_plan"


@pytest.mark.parametrize(
    "text",
    [
        "Prosimy o wystawienie faktury korygującej.",
        "Cena jest wyższa niż w ofercie.",
        "Transport policzono nam dwa razy.",
        "Kwota się nie zgadza.",
        "Szyby przyszły popękane.",
        "Kurier nie dostarczył paczki.",
        "Proszę anulować tę fakturę.",
        "Zamawialiśmy 20 sztuk, dostaliśmy 15.",
        "We were quoted 10% less than this.",
        "The price is higher than the quote.",
        "Half the boxes arrived broken.",
        "We have lodged a complaint with your team.",
        "We have never done business with you.",
        "You've charged us twice for the same delivery.",
        "Please cancel this invoice, the order was withdrawn.",
        "We ordered 50, received 40. Please correct the invoice.",
        "The repair was supposed to be free under the warranty.",
        "Die Pumpe funktioniert seit der Lieferung nicht.",
        "Wir erkennen die Forderung nicht an.",
        "Der Preis liegt über dem vereinbarten Angebot.",
        "Der Rechnungsbetrag ist daher zu hoch.",
        "Bitte schicken Sie eine berichtigte Rechnung.",
        "Bitte stornieren Sie die Rechnung.",
        "Ich verstehe diese Rechnung nicht.",
        "Das ist ein Garantiefall.",
        "Wir haben 50 Stück bestellt, 40 bekommen.",
    ],
)
def test_it_reads_wider_disputes(text):
    assert classify(text).intent == "dispute"


@pytest.mark.parametrize(
    ("text", "not_intent"),
    [
        ("Der Betrag ist für uns zurzeit zu hoch.", "dispute"),  # too much for us now: no dispute
        ("Bitte korrigieren Sie Ihre Unterlagen, wir haben längst bezahlt.", "dispute"),
        ("Is that correct?", "dispute"),
        ("We will check our bank statement.", "already_paid"),
        ("Sprawdzimy wyciąg i wrócimy do Państwa.", "already_paid"),
        ("Faktura pójdzie do księgowości.", "promise_to_pay"),  # forwarded, not paid
        ("The list of open items goes on and on.", "promise_to_pay"),
    ],
)
def test_near_misses_do_not_trigger(text, not_intent):
    assert classify(text).intent != not_intent


@pytest.mark.parametrize(
    "filename",
    [
        "potwierdzenie_przelewu.pdf",
        "Payment_Confirmation_88213.pdf",
        "Ueberweisung_0412.pdf",
        "Überweisungsbeleg.PDF",
        "remittance-advice.png",
    ],
)
def test_a_transfer_confirmation_attached_to_a_reply_without_telling_words_is_already_paid(filename):
    result = classify("Prosze zobaczyc zalacznik.", attachments=(filename,))
    assert result.intent == "already_paid"
    assert filename in result.evidence


@pytest.mark.parametrize(
    ("text", "filename", "intent"),
    [
        ("See attached.", "FV_2026_11_118.pdf", "other"),  # the invoice itself proves nothing
        ("See attached.", "confirmation.docx", "other"),  # not a document a bank produces
        ("We dispute this invoice, see attached.", "payment_confirmation.pdf", "dispute"),
        ("We will pay on Monday.", "transfer_confirmation.pdf", "promise_to_pay"),
    ],
)
def test_an_attachment_decides_only_when_the_words_do_not(text, filename, intent):
    assert classify(text, attachments=(filename,)).intent == intent


def test_a_deadline_turned_paid_keeps_the_promised_day():
    result = classify("Bitte haben Sie Geduld, bis zum 4.12. ist alles bezahlt.")
    assert (result.intent, result.promised_on) == ("promise_to_pay", date(2026, 12, 4))


def test_a_finding_after_checking_is_a_statement_but_a_check_to_come_is_a_doubt():
    assert classify("I checked with our bank: the payment went out on Monday.").intent == "already_paid"
    assert classify("I'll check if the payment went out on Monday.").intent != "already_paid"


@pytest.mark.parametrize(
    "text",
    [
        "We'll pay once the invoice has been approved.",
        "We will settle it as soon as our customer pays us.",
        "Zapłacimy, jak tylko klient nam zapłaci.",
        "Jak tylko dostaniemy środki, przelejemy.",
        "Wir zahlen, sobald die Rechnung freigegeben ist.",
        "Wir überweisen, wenn der Kunde gezahlt hat.",
    ],
)
def test_a_promise_hanging_on_a_condition_without_a_day_decides_nothing(text):
    assert classify(text).intent == "other"


@pytest.mark.parametrize(
    ("text", "promised_on"),
    [
        ("We will pay on Monday once the funds arrive.", date(2026, 11, 23)),
        ("Wir zahlen am Montag, wenn unsere Einnahmen da sind.", date(2026, 11, 23)),
        ("We'll pay as soon as we can.", None),  # vague, but no condition
        ("zapłacimy po 10-tym, jak tylko wpłyną środki od naszego klienta.", None),  # a time frame
    ],
)
def test_a_condition_is_only_a_reason_when_a_day_or_time_frame_is_named(text, promised_on):
    result = classify(text)
    assert (result.intent, result.promised_on) == ("promise_to_pay", promised_on)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Czy możemy przesunąć płatność na przyszły miesiąc?", "payment_plan"),
        ("Prosimy o spłatę w miesięcznych ratach.", "payment_plan"),
        ("Mamy teraz trudny okres, prosimy o wyrozumiałość.", "payment_plan"),
        ("Kwota na fakturze jest za wysoka.", "dispute"),
        ("Dostawa była niepełna.", "dispute"),
        ("Nikt z naszej firmy tego nie zamawiał.", "dispute"),
        ("Na fakturze brakuje uzgodnionego rabatu.", "dispute"),
        ("Obciążenie na Państwa rzecz jest z 10.11.", "already_paid"),
        ("Could we pay €300 a month?", "payment_plan"),
        ("Could the deadline be pushed back by two weeks?", "payment_plan"),
        ("We'd like a payment holiday until spring.", "payment_plan"),
        ("There is a discrepancy in the quantities.", "dispute"),
        ("We are VAT-exempt, the invoice should not include VAT.", "dispute"),
        ("That went out last Monday.", "already_paid"),
        ("Our ledger shows it as settled.", "already_paid"),
        ("Check your account, the money has been there since Monday.", "already_paid"),
        ("It will be sorted by Friday.", "promise_to_pay"),
        ("Können wir Abschlagszahlungen vereinbaren?", "payment_plan"),
        ("Können wir die Frist um zwei Wochen schieben?", "payment_plan"),
        ("Wir würden den Betrag gern über drei Monate verteilen.", "payment_plan"),
        ("Das haben wir bereits letzte Woche erledigt.", "already_paid"),
        ("Die Summe wurde mit Ihrer Gutschrift verrechnet.", "already_paid"),
        ("Ich mache die Überweisung morgen.", "promise_to_pay"),
        ("Wir gleichen den Betrag am Montag aus.", "promise_to_pay"),
        ("Diese Forderung ist uns unbekannt.", "dispute"),
        ("Die Preise entsprechen nicht dem Vertrag.", "dispute"),
        ("Auf der Rechnung fehlt der Rabatt.", "dispute"),
        ("Die Arbeiten wurden nie abgenommen.", "dispute"),
    ],
)
def test_it_reads_more_wording_families(text, intent):
    assert classify(text).intent == intent


@pytest.mark.parametrize(
    ("text", "not_intent"),
    [
        ("Wer ist bei Ihnen für Reklamationen zuständig?", "dispute"),  # asks for a person
        ("Who handles disputes on your side?", "dispute"),
        ("Die Abschlagsrechnung ist bezahlt.", "payment_plan"),
        ("It won't be sorted before January.", "promise_to_pay"),
        ("We haven't pushed anything back.", "dispute"),
        ("Muszę sprawdzić, czy zapłaciliśmy.", "already_paid"),  # a check still to come
        ("I'll check if the money has been there since Monday.", "already_paid"),
        ("Das haben wir noch nicht erledigt.", "already_paid"),
    ],
)
def test_more_near_misses_do_not_trigger(text, not_intent):
    assert classify(text).intent != not_intent
