"""The second opinion: example replies, the naive Bayes model, and when it may decide."""

from __future__ import annotations

from datetime import date

import pytest

from mailer.inbound import InboundMessage
from rules import RuleError
from rules.replies import classify_reply, load_phrasebook, shipped_examples
from rules.reply_model import fill_slots, normalize, reply_features, train_intent_model

MONDAY = date(2026, 11, 23)
PHRASES = load_phrasebook()
PHRASES_ONLY = load_phrasebook(min_probability=1.0)


def classify(text: str, phrases=PHRASES, received_on: date = MONDAY):
    return classify_reply(InboundMessage(text=text, full_text=text), phrases, received_on)


def test_dates_amounts_and_invoice_numbers_become_placeholders():
    text = normalize("Zapłaciliśmy 5 000,00 zł za FV/2026/118 dnia 12.11.2026.", MONDAY)
    assert text == "zaplacilismy  zzamount  za  zzinvoice  dnia  zzdate "
    # Two replies that differ only in their values are the same reply to the model.
    assert normalize("we paid on 3 May", MONDAY) == normalize("we paid on 14 June", MONDAY)


def test_features_mark_negated_words_and_keep_stems():
    features = reply_features(normalize("We will not pay this invoice", MONDAY))
    assert {"pay", "!pay", "will+not", "invoi-"} <= features
    assert "!we" not in features
    # A clause break ends the negation's reach.
    assert "!pay" not in reply_features(normalize("Not late, we pay", MONDAY))


def test_every_shipped_example_fills_its_slots():
    for language in ("pl", "en", "de"):
        examples = shipped_examples(language)
        assert set(examples) >= {"promise_to_pay", "payment_plan", "already_paid", "dispute", "other"}
        for intent, texts in examples.items():
            assert len(texts) >= 4, (language, intent)
            for index, text in enumerate(texts):
                assert "{" not in fill_slots(text.lstrip("~").split("[[")[0], language, index)


def test_training_is_deterministic_and_reads_a_reply_like_its_examples():
    examples = {
        "en": {
            "promise_to_pay": ["the cheque is in the post {date}", "cheque goes in the post {date}"],
            "other": ["please send a copy", "who is my contact now", "thanks, noted"],
        }
    }
    first = train_intent_model(examples).predict("The cheque is in the post.", "en", MONDAY)
    second = train_intent_model(examples).predict("The cheque is in the post.", "en", MONDAY)
    assert first == second
    assert first.intent == "promise_to_pay"
    assert first.probability > 0.9
    assert first.support >= 2
    assert first.evidence == "The cheque is in the post."
    # A language without examples gets no opinion at all.
    assert train_intent_model(examples).predict("Zapłacimy.", "pl", MONDAY) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Hi, this invoice has been reconciled on our side, please check yours.", "already_paid"),
        ("There must be some mistake, we have no signed contract with you.", "dispute"),
        ("Das Gerät hat nie richtig funktioniert, wir warten auf den Techniker.", "dispute"),
        ("Kwota na fakturze odbiega od uzgodnionej w mailu.", "dispute"),
    ],
)
def test_the_examples_decide_what_no_phrase_does(text, intent):
    assert classify(text, PHRASES_ONLY).intent == "other"
    result = classify(text)
    assert result.intent == intent
    assert result.decided_by == "examples"
    assert 0.9 <= result.probability <= 1.0
    assert result.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Dziękuję, przyjąłem do wiadomości.",
        "Do we have to pay by Friday?",  # a question is no plan request without clear words
        "Czy faktura została wysłana również pocztą?",
        "Jeśli dostaniemy dziś pieniądze od klienta, to może zapłacimy jutro.",  # a phrase, held back
        "Falls unser Kunde pünktlich zahlt, könnten wir am Freitag überweisen.",
    ],
)
def test_the_examples_do_not_overrule_doubts_questions_or_small_talk(text):
    assert classify(text).intent == "other"


def test_a_phrase_held_back_by_a_condition_is_quoted_for_the_person_who_reads_it():
    result = classify("We will pay once the invoice is approved.")
    assert result.intent == "other"
    assert result.decided_by == "phrase"
    assert result.evidence == "We will pay once the invoice is approved."


def test_phrases_decide_before_the_examples():
    result = classify("Zapłacimy jutro.")
    assert (result.intent, result.decided_by, result.probability) == ("promise_to_pay", "phrase", None)


def test_a_company_teaches_an_idiom_by_example_without_code():
    idiom = "Dzień dobry, w czwartek klepniemy, luzik."
    assert classify(idiom).intent == "other"
    taught = load_phrasebook(
        examples={
            "pl": {
                "promise_to_pay": [
                    "{date} klepniemy, luzik.",
                    "Luzik, klepniemy {date}.",
                    "Klepniemy jutro.",
                ]
            }
        }
    )
    result = classify(idiom, taught)
    assert (result.intent, result.decided_by) == ("promise_to_pay", "examples")
    assert result.promised_on == date(2026, 11, 26)


def test_bad_examples_are_reported_at_their_key_path():
    with pytest.raises(RuleError) as caught:
        load_phrasebook(
            examples={
                "pl": {"promise": ["x"], "dispute": "not a list", "other": ["", "zapłacę {kiedy}"]},
                "en": ["not a table"],
            }
        )
    text = str(caught.value)
    for path in (
        "replies.examples.pl.promise",
        "replies.examples.pl.dispute",
        "replies.examples.pl.other[0]",
        "replies.examples.pl.other[1]",
        "replies.examples.en",
    ):
        assert path in text
    assert "{kiedy}" in text


def test_german_written_without_umlauts_is_read_with_them():
    result = classify("Ist notiert, wir ueberweisen gleich morgen frueh.")
    assert result.intent == "promise_to_pay"
    assert result.promised_on == date(2026, 11, 24)
    assert "ueberweisen" in result.evidence  # the customer's own spelling is quoted


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Nie kwestionujemy zadłużenia, ale prosimy o rozłożenie na raty.", "payment_plan"),
        ("We don't dispute the invoice, we just need a couple more weeks.", "payment_plan"),
        ("Die Forderung bestreiten wir nicht, bitten aber um Ratenzahlung.", "payment_plan"),
        ("We dispute the invoice, the goods never arrived.", "dispute"),
    ],
)
def test_acknowledging_the_debt_is_no_dispute(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_a_number_with_a_point_does_not_end_the_clause_of_a_negation():
    result = classify("We can't pay the full GBP 2460.00 on Thursday, can we split it into two payments?")
    assert result.intent == "payment_plan"
    assert result.promised_on is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Zapłacimy, jak przyjdą pieniądze z dotacji.", "other"),  # a condition, no day
        ("£1,204.50 will go out within 14 days.", "promise_to_pay"),
        ("We can pay £500 today and the rest by Friday.", "payment_plan"),
        ("Our accountant paid this by standing order on the 1st.", "already_paid"),
        ("The rate is £60 per hour, not £80, so please credit the difference.", "dispute"),
        ("Können wir den Termin auf Ende Januar verschieben?", "payment_plan"),
        ("Koennten Sie uns eine Fristverlaengerung von zwei Wochen geben?", "payment_plan"),
        ("Bitte prüfen Sie Ihre Buchungen, wir haben schon vor einer Woche überwiesen.", "already_paid"),
        ("Erledigt am 3.11.", "already_paid"),
        ("Bevor wir zahlen können, muss der Chef die Rechnung freigeben.", "other"),
        ("There's no way we can pay on Friday, could we split it in two?", "payment_plan"),
    ],
)
def test_wider_wording_read_by_phrases(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Someone else's absence needs a person (who pays now?), not a pause until a return date.
        ("Our finance manager is on holiday until the 20th, she signs all payments.", "other"),
        ("Pani Ania z księgowości jest na urlopie do końca miesiąca.", "other"),
        ("Herr Weber ist diese Woche im Urlaub, er meldet sich danach.", "other"),
        ("I'm on holiday until 2 December with limited access to e-mail.", "out_of_office"),
        ("Jestem na urlopie do 5 grudnia.", "out_of_office"),
        # Dispute words that dispute nothing.
        ("This was offset against your credit note, nothing is outstanding.", "already_paid"),
        (
            "Wir haben die Rechnung gefunden, sie war einer falschen Kostenstelle zugeordnet. "
            "Sie ist jetzt zur Zahlung angewiesen.",
            "promise_to_pay",
        ),
        ("Ich verstehe diese Mahnung nicht, die Rechnung ist vollständig bezahlt.", "already_paid"),
        ("Prosimy o przesunięcie terminu, klient nam nie zapłacił i brakuje nam płynności.", "payment_plan"),
        (
            "Laut Buchhaltung wurde die Zahlung über 480,00 € im Zahlungslauf vom 5.12. ausgeführt.",
            "already_paid",
        ),
    ],
)
def test_absences_of_others_and_dispute_words_that_dispute_nothing(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Nie zapłacimy do piątku, bo bank zablokował konto, ale całość przelejemy we wtorek.",
            "promise_to_pay",
        ),
        ("Nie zapłacimy, dopóki nie dostaniemy poprawionej faktury.", "dispute"),
        (
            "We're not going to manage on Friday, but you'll have the full amount on Wednesday.",
            "promise_to_pay",
        ),
        ("sorted yesterday mate", "already_paid"),
        ("Transfer completed this morning, should show up on your side by tomorrow.", "already_paid"),
        ("The doors are too short on every frame. I shall not be paying until this is put right.", "dispute"),
        ("Am 2. des Folgemonats überweisen wir dann aber den vollen Betrag.", "promise_to_pay"),
        ("Können Sie uns bis Ende nächsten Monats Zeit geben?", "payment_plan"),
        ("Das Geld ist seit Dienstag von meinem Konto runter.", "already_paid"),
        ("Ich bin nur die Urlaubsvertretung und habe keine Zahlungsfreigabe.", "other"),
        ("Ich frage ihn, wenn er aus dem Urlaub zurück ist.", "other"),
    ],
)
def test_wording_of_the_second_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_a_greeting_line_is_no_evidence_for_the_examples():
    result = classify(
        "Sehr geehrte Damen und Herren,\nDrei Mahnungen in einer Woche? Ihr System spinnt wohl."
    )
    assert result.evidence != "Sehr geehrte Damen und Herren,"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Inwestor zapłacił nam wczoraj, więc Państwa fakturę puszczamy jutro.", "promise_to_pay"),
        (
            "Following our call: the invoice will be paid in full before the end of this month.",
            "promise_to_pay",
        ),
        (
            "Cashflow has been tight, but the stage payment landed and I'll clear it on Thursday.",
            "promise_to_pay",
        ),
        ("Cashflow has been tight, could we have another month?", "payment_plan"),
        (
            "Tomek says it's paid, it went out on 9 July with the rest of the October invoices.",
            "already_paid",
        ),
        ("The money has left our account - maybe it takes a day or two to clear your end?", "already_paid"),
        ("Wir teilen mit, dass die Rechnung am Mittwoch vollständig beglichen wird.", "promise_to_pay"),
        ("Die Rechnung ist sachlich geprüft. Die Zahlung erfolgt am 18. April.", "promise_to_pay"),
        ("Der Betrag wird noch diese Woche angewiesen.", "promise_to_pay"),
        ("Die Zahlung erfolgte als Sammelüberweisung über EUR 899,90.", "already_paid"),
        ("Die Rechnung ist doppelt, wir haben sie letzten Monat schon bezahlt.", "dispute"),
        ("Der zugesagte Rabatt von 5 % fehlt, bitte schicken Sie eine neue Rechnung.", "dispute"),
    ],
)
def test_wording_of_the_third_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_may_is_a_month_with_a_preposition_or_a_year():
    result = classify("Payment for the invoice will be made on May 30, 2026.", received_on=date(2026, 5, 20))
    assert (result.intent, result.promised_on) == ("promise_to_pay", date(2026, 5, 30))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Nie wiem, skąd ten monit, wszystko jest uregulowane. Saldo u nas wynosi zero.", "already_paid"),
        ("Zafakturowano 25 palet, dostarczono 22. Zapłacimy dopiero po korekcie faktury.", "dispute"),
        ("It's been scheduled in next Wednesday's supplier run.", "promise_to_pay"),
        (
            "We won't manage it on the 25th - the earliest we can do is the 3rd, the full amount.",
            "promise_to_pay",
        ),
        ("Priya confirmed it goes out before the end of this month.", "promise_to_pay"),
        (
            "Our post went missing, including your invoice. I'll make the payment within 14 days.",
            "promise_to_pay",
        ),
        ("We paid the deposit and the final balance by cheque.", "already_paid"),
        ("The app still crashes. We're not signing off or paying the milestone until it's fixed.", "dispute"),
        ("Können wir splitten?", "payment_plan"),
        ("Kann ich jede Woche 100 € überweisen, bis alles weg ist?", "payment_plan"),
        ("Das Geld ist seit Dienstag weg von unserem Konto.", "already_paid"),
        (
            "Zu Ihrer Frage, ob es Unklarheiten gibt: nein, die Rechnung ist per Sammelzahlung erledigt.",
            "already_paid",
        ),
        ("Die Rechnung wurde doppelt gestellt. Wir zahlen selbstverständlich nur eine davon.", "dispute"),
        ("Ich weiß gar nicht, um welche Rechnung es geht.", "other"),
    ],
)
def test_wording_of_the_third_round_second_half(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_the_examples_choose_between_intents_that_all_ask_a_person():
    text = "I think you've missed our payment - it went in two parts, and the remainder a week later."
    assert classify(text, PHRASES_ONLY).intent == "payment_plan"  # the fixed priority
    assert classify(text).intent in ("already_paid", "payment_plan")
    # A promise never wins this way: it would pause dunning with nobody looking.
    result = classify("We dispute the extra hours and will pay the rest on Friday.")
    assert result.intent == "dispute"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a habit is no payment of this invoice; "as always" still reports one
        ("We have always paid on time, so the tone was uncalled for. We'll pay on Friday.", "promise_to_pay"),
        ("Zawsze płaciliśmy terminowo. Zapłacimy w piątek.", "promise_to_pay"),
        ("As always, we paid on the 3rd.", "already_paid"),
        # words that look like a dispute or a payment but are not
        ("Naprawdę przepraszamy, zapłacimy jutro.", "promise_to_pay"),
        ("Kwota 980,00 zł bez potrąceń, pójdzie w piątkowej paczce przelewów.", "promise_to_pay"),
        ("Zmieniliśmy siedzibę kancelarii, prosimy o korespondencję na nowy adres.", "other"),
        ("Sprawę przekazaliśmy do kancelarii.", "dispute"),
        ("Opłata została pobrana z karty 3 dni temu.", "already_paid"),
        ("Zobowiązujemy się uregulować należność do piątku.", "promise_to_pay"),
        ("Opóźnienie wynikło z urlopu osoby upoważnionej do podpisu.", "other"),
        # English: cash, cheques, duplicates, halves, pushing a date back
        ("The fitter paid cash on site and has the receipt.", "already_paid"),
        ("Our office manager gave your driver a cheque last week, it has been cashed.", "already_paid"),
        ("The invoice was payed on 3 November.", "already_paid"),
        ("The cheque will be in the post this week.", "promise_to_pay"),
        ("ok, paying it now", "promise_to_pay"),
        ("This is a duplicate of last month's invoice, please cancel it.", "dispute"),
        ("Could we pay it in three halves? Sorry, in three goes over the spring.", "payment_plan"),
        ("Can we push the payment date back by two weeks? The roof work is on hold.", "payment_plan"),
        ("We are putting the payment on hold until the engineer comes back.", "dispute"),
        ("We'll pay it on Thursday along with the rest of our account.", "promise_to_pay"),
        # German: long verb-final clauses, colloquial verbs, reminders questioned, copies asked
        ("Wir haben die Rechnung unter Abzug von 2 % Skonto innerhalb der Frist bezahlt.", "already_paid"),
        ("Wir werden den Betrag für die Reparatur in voller Höhe nach dem 15. begleichen.", "promise_to_pay"),
        ("Ich zahl das morgen, versprochen.", "promise_to_pay"),
        ("Alles klar, wird erledigt.", "promise_to_pay"),
        ("Könnten wir die Zahlungsfrist um zwei Wochen verlängern?", "payment_plan"),
        ("Bezahlt am 3.11. Ich verstehe nicht, warum Sie noch eine Mahnung schicken.", "already_paid"),
        ("Senden Sie mir bitte eine Kopie, die Originalrechnung ist nie angekommen.", "other"),
        ("Die Ware ist nie angekommen.", "dispute"),
    ],
)
def test_wording_of_the_fourth_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("We will pay not later than Friday.", date(2026, 11, 27)),
        ("Zapłacimy nie później niż w piątek.", date(2026, 11, 27)),
        ("Wir zahlen nicht später als Freitag.", date(2026, 11, 27)),
        ("I'll transfer it tonight when I get home.", MONDAY),
    ],
)
def test_no_later_than_and_tonight_name_the_day_promised(text, day):
    result = classify(text, PHRASES_ONLY)
    assert (result.intent, result.promised_on) == ("promise_to_pay", day)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Może uda się zapłacić w tym miesiącu, ale nic nie obiecuję.", "other"),
        ("We should be able to pay this month, but no promises.", "other"),
        ("We will pay on Friday.", "promise_to_pay"),
    ],
)
def test_a_reply_that_takes_back_its_commitment_decides_nothing(text, intent):
    assert classify(text).intent == intent


def test_the_examples_read_no_promise_into_someone_elses_absence():
    text = "Our MD is away until the 12th and he has to approve any payment over 5,000 pounds."
    result = classify(text)
    assert result.intent == "other"
    assert result.promised_on is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Polish: a typo in "przelew", halves, errors in the work, a plan already paid off
        ("Przelw zrobimy w piątek.", "promise_to_pay"),
        ("Pół przelejemy teraz, pół w styczniu. Może być?", "payment_plan"),
        ("Ostatnia rata wpłynęła 3 listopada, wszystko jest zapłacone.", "already_paid"),
        ("Projekt oddano z błędami, nie widzimy podstaw do zapłaty.", "dispute"),
        ("Zajrzę do tego po powrocie z magazynu.", "other"),
        ("Odpowiem po moim powrocie 5 grudnia.", "out_of_office"),
        # English: a second payment of the balance, pushing back, paid with a dash, fees to remove
        ("We'll send £500 now and clear the balance by the end of March.", "payment_plan"),
        ("Could we move the payment back to January?", "payment_plan"),
        ("All done - paid it yesterday.", "already_paid"),
        ("The delivery charge shouldn't be on this invoice, please take it off.", "dispute"),
        ("Your invoice shows one bank but the letter has a different account number.", "other"),
        ("The board will decide next month which suppliers are paid first.", "other"),
        ("The final instalment went out on Monday, so we owe nothing now.", "already_paid"),
        # German: nothing went out, catching up, a plan turned down, subjectless promises
        ("Wegen einer Bankstörung ist nichts rausgegangen. Wir holen das morgen nach.", "promise_to_pay"),
        ("Wir zahlen alles auf einmal, nicht in Raten.", "promise_to_pay"),
        ("Mach ich morgen früh.", "promise_to_pay"),
        ("Ok, kommt morgen.", "promise_to_pay"),
        ("Die Rechnungen sind mit dem Zahlungslauf vom 3.11. beglichen worden.", "already_paid"),
        ("Ich habe die Überweisung über 1.250,00 EUR schon letzte Woche gemacht.", "already_paid"),
        ("Das ist schon seit Montag raus.", "already_paid"),
        ("Ich habe keinen Zugriff auf das Bankkonto, ich leite das weiter.", "other"),
        ("Ich habe keinen Zugriff auf meine E-Mails.", "out_of_office"),
    ],
)
def test_wording_of_the_fifth_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "received_on", "day"),
    [
        # a German date's point does not end the sentence, and a letter's date is a reference
        (
            "Bezugnehmend auf Ihr Schreiben vom 12. November teilen wir mit, dass der Betrag "
            "bis zum 21.1. zur Zahlung angewiesen wird.",
            date(2026, 1, 12),
            date(2026, 1, 21),
        ),
        # a negation in the next sentence does not reach back to the day
        (
            "Kwota zostanie przelana 19 października. Nie ma potrzeby rozkładania jej na raty.",
            date(2026, 10, 12),
            date(2026, 10, 19),
        ),
    ],
)
def test_the_promised_day_is_read_from_its_own_sentence(text, received_on, day):
    result = classify(text, PHRASES_ONLY, received_on)
    assert (result.intent, result.promised_on) == ("promise_to_pay", day)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Please send invoices to our accounts team, I am not responsible for payments.", "other"),
        ("Apologies – will be paid this Tuesday.", "promise_to_pay"),
        ("The payment of £500 was debited from our account on 3 November.", "already_paid"),
        ("Prezes jest na urlopie, a tylko on zatwierdza płatności.", "other"),
        ("Zrobię wpłatę jak najszybciej.", "promise_to_pay"),
        ("Zatwierdzona, pójdzie w przyszłym tygodniu.", "promise_to_pay"),
        ("Kwota 899,90 PLN wyszła z naszego rachunku 27.10.", "already_paid"),
        ("Nicht vergessen, nur verschoben. Geld kommt Freitag.", "promise_to_pay"),
        ("Könnten wir die Fälligkeit um zwei Wochen nach hinten schieben?", "payment_plan"),
        ("Vorschlag: 1/3 sofort, 1/3 im Januar, 1/3 im Februar.", "payment_plan"),
        ("Laut SAP wurde die Rechnung am 22.10. mit Zahlbeleg 2000451 ausgeglichen.", "already_paid"),
    ],
)
def test_wording_of_the_shipped_examples_read_by_phrases(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a thought the writer takes back decides nothing; what follows the "but" does
        (
            "We were going to ask for instalments, but our loan came through: we'll pay it all on Friday.",
            "promise_to_pay",
        ),
        (
            "I thought we had paid this already, but the transfer was never approved. We'll pay on Monday.",
            "promise_to_pay",
        ),
        (
            "Ich dachte, wir hätten das bezahlt, aber die Überweisung hängt noch. Wir zahlen morgen.",
            "promise_to_pay",
        ),
        (
            "Wir wollten schon um Ratenzahlung bitten, aber wir zahlen jetzt alles am Freitag.",
            "promise_to_pay",
        ),
        ("Chcieliśmy prosić o raty, ale jednak zapłacimy całość w piątek.", "promise_to_pay"),
        ("Napisałam wcześniej, że zapłacimy w piątek, ale przelew pójdzie w poniedziałek.", "promise_to_pay"),
        # a part paid earlier and the rest promised is a promise; more instalments stay a plan
        (
            "We paid £500 on account last month. The remaining balance will be paid on Friday.",
            "promise_to_pay",
        ),
        (
            "Die erste Hälfte haben wir schon überwiesen. Den Restbetrag zahlen wir am Freitag.",
            "promise_to_pay",
        ),
        ("Wpłaciliśmy zaliczkę, pozostałą kwotę przelejemy w piątek jednym przelewem.", "promise_to_pay"),
        ("We paid half last week. Could we pay the rest in three instalments?", "payment_plan"),
        ("Możemy dziś przelać połowę, a resztę w przyszłym miesiącu?", "payment_plan"),
        # habits, bullets, run-on sentences, bank trouble
        ("Zapłacimy jak co miesiąc, w piątek.", "promise_to_pay"),
        ("- Rechnung liegt vor\n- Betrag ist korrekt\n- Überweisung erfolgt diese Woche", "promise_to_pay"),
        ("nie rozumiem o co chodzi bo ja to placilam od razu jak przyszla faktura", "already_paid"),
        ("Unsere Bank hat die Lastschrift zurückgegeben. Ich überweise den Betrag morgen.", "promise_to_pay"),
        (
            "Wegen einer Störung wurde die Überweisung nicht ausgeführt. Ich stoße sie morgen neu an.",
            "promise_to_pay",
        ),
        ("Das ist die dritte Mahnung für eine Rechnung, die seit Wochen bezahlt ist.", "already_paid"),
        ("Przekazałem do działu płatności, oni się tym zajmą.", "other"),
        ("Na jaki numer konta płacić? Na fakturze jest inny niż w umowie.", "other"),
        ("I jeszcze mam za to płacić pełną stawkę? Nie ma mowy.", "dispute"),
        ("Your bill uses an estimated reading, please re-bill us on the actual reading.", "dispute"),
        ("I'm trying to work out what has been paid, could you send a statement?", "other"),
        ("Meine letzte Mail war falsch adressiert, bitte ignorieren.", "other"),
    ],
)
def test_wording_of_the_fifth_round_second_half(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_a_run_on_plea_after_the_day_does_not_negate_it():
    text = "faktura bedzie zaplacona 26.11.2026 na 100 procent prosze nie naliczac odsetek"
    result = classify(text, PHRASES_ONLY)
    assert (result.intent, result.promised_on) == ("promise_to_pay", date(2026, 11, 26))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Nie zdążymy w piątek, ale przelew wyślemy najpóźniej dwudziestego.", date(2026, 12, 20)),
        (
            "We are unable to pay this Thursday; however, the full amount will be transferred on the twentieth.",
            date(2026, 12, 20),
        ),
        ("We'll pay on the twenty-fifth.", date(2026, 12, 25)),
        (
            "W terminie nie zapłacimy, natomiast całość przelejemy do dwudziestego piątego.",
            date(2026, 12, 25),
        ),
    ],
)
def test_a_day_of_the_month_in_words_is_a_new_date(text, day):
    result = classify(text, PHRASES_ONLY, date(2026, 12, 1))
    assert (result.intent, result.promised_on) == ("promise_to_pay", day)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("The second reminder was unnecessary.", "other"),
        (
            "Our payment run is fortnightly, but the invoice is on the run for Friday and will be paid then.",
            "promise_to_pay",
        ),
        ("The company will discharge this in full by 12 December.", "promise_to_pay"),
        ("I can confirm payment on 19/12 without fail.", "promise_to_pay"),
        ("Settlement goes by BACS on Thursday. Remittance advice will follow.", "promise_to_pay"),
        ("Our overdraft extension came through, we'll pay the whole lot on Friday.", "promise_to_pay"),
        ("Could we pay £480.00 by the end of the month and the balance a month later?", "payment_plan"),
        ("Przelew na 480,00 PLN zrobię w poniedziałek.", "promise_to_pay"),
        ("Nach Rücksprache kann ich Ihnen zusagen, dass der Betrag nächste Woche kommt.", "promise_to_pay"),
    ],
)
def test_wording_of_the_sixth_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY, date(2026, 12, 1)).intent == intent


def test_the_examples_promise_nothing_about_goods():
    result = classify("Our next order goes out to you on Monday.")
    assert result.intent != "promise_to_pay"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("To jakaś pomyłka, nie mamy z Państwem żadnej umowy.", "dispute"),
        ("Kierowca przywiózł nie ten model, co był w zamówieniu.", "dispute"),
        ("Faktura dotyczy innego oddziału, nie naszej spółki.", "dispute"),
        ("Ta faktura w ogóle nas nie dotyczy.", "dispute"),
        ("Nie mamy jeszcze umowy z nowym bankiem, więc przelew zrobimy w piątek.", "promise_to_pay"),
    ],
)
def test_polish_disputes_about_the_contract_and_the_goods(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # how the customer pays in general is no promise; "as every month" is
        ("Our payment runs are on the 15th and the last working day of each month.", "other"),
        ("Zapłacimy jak co miesiąc, w piątek.", "promise_to_pay"),
        # plans in fractions, halves and "leaving" a part until later; "on leave" is an absence
        (
            "I should be grateful if I could pay one third now, one third in March and the final third in April.",
            "payment_plan",
        ),
        ("halbe jetzt, halbe zum 12. April, ok?", "payment_plan"),
        (
            "We'd propose settling October now and leaving the November charges until after Christmas.",
            "payment_plan",
        ),
        ("I am on leave until 2 December.", "out_of_office"),
        ("Könnten Sie uns ein Zahlungsziel von 60 statt 30 Tagen gewähren?", "payment_plan"),
        ("Mal sehen, was die Liquidität hergibt.", "other"),
        # disputes said as requests or refusals
        ("Could you check the quantities? Once amended we shall of course pay promptly.", "dispute"),
        ("The candidate withdrew, so no placement fee is due.", "dispute"),
        ("The culture was dead on arrival; I'd appreciate it if this item could be credited.", "dispute"),
        (
            "Die Montage war nur zur Hälfte fertig. Für nicht erbrachte Leistungen zahlen wir nichts.",
            "dispute",
        ),
        ("Wir haben nie etwas bei Ihnen bestellt.", "dispute"),
        ("Die Hälfte der Ware war schimmelig, dafür zahl ich nicht.", "dispute"),
        ("Can you send the statement as a PDF? The one in the post was damaged.", "other"),
        # payments reported in subordinate clauses, by family, through the run
        (
            "Da wir die Rechnung schon letzte Woche ausgeglichen haben, hat sich Ihr Schreiben überschnitten.",
            "already_paid",
        ),
        (
            "Da die Überweisung bereits am 08.11. erfolgt ist, bitten wir um Ausbuchung der Gebühr.",
            "already_paid",
        ),
        ("Die Rechnung wird mit unserer nächsten Sammelzahlung am Monatsende beglichen.", "promise_to_pay"),
        ("My husband paid this in cash when he collected the plants.", "already_paid"),
        ("The fee went out in our Friday payment run and should be with you by now.", "already_paid"),
        ("The fee is scheduled for payment on Friday, it has gone through approval.", "promise_to_pay"),
        (
            "As we're paying the rest of our suppliers on Friday anyway, yours will go out with that batch.",
            "promise_to_pay",
        ),
        ("jo, ist untergegangen. mach ich bald.", "promise_to_pay"),
    ],
)
def test_wording_of_the_sixth_round_second_half(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_a_fraction_is_no_date_unless_a_preposition_makes_it_one():
    result = classify("Możemy zapłacić 1/3 jak najszybciej, a resztę w dwóch ratach?", PHRASES_ONLY)
    assert (result.intent, result.promised_on) == ("payment_plan", None)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "W poprzednim miesiącu mieliśmy problem z płynnością, stąd poślizg. Całą kwotę wpłacimy wkrótce.",
            "promise_to_pay",
        ),
        ("jutro nie zdążę, ale w poniedziałek od razu robię przelew.", "promise_to_pay"),
        (
            "Nasi odbiorcy płacą nam z opóźnieniem, prosimy o przedłużenie terminu płatności o dwa tygodnie.",
            "payment_plan",
        ),
        ("Konferencję odwołaliście Wy — dlaczego mamy płacić za salę?", "dispute"),
        ("W zeszłym roku płaciliśmy 350 zł, teraz 520 zł. Nowej ceny nie akceptujemy.", "dispute"),
        ("Zawsze płacimy w ciągu 30 dni od otrzymania faktury.", "other"),
        ("Możliwe, że zapłacimy jeszcze w tym miesiącu.", "other"),
        (
            "I know we paid your invoices late last quarter. This one will be paid on Tuesday.",
            "promise_to_pay",
        ),
        ("I approved it this morning and it has gone into Friday's payment batch.", "promise_to_pay"),
        ("The remaining balance for the trainer hours will be cleared by 5 December.", "promise_to_pay"),
        ("We'll pay £480 on the 10th and clear the balance by the end of January.", "payment_plan"),
        ("Of course, I'll arrange it today.", "promise_to_pay"),
        ("Could we agree to pay weekly until it's cleared?", "payment_plan"),
        ("I propose three equal payments, the first one on December 13th.", "payment_plan"),
        ("What you are chasing is a second copy of INV-2026-123 under a new number.", "dispute"),
        ("We always pay our suppliers within 30 days of the invoice date.", "other"),
        ("The reference doesn't match anything on our side, which order is it?", "other"),
        ("Our system won't accept invoices without a PO number.", "other"),
        ("Hello, I am not responsible for this, please write to our accounts team.", "other"),
        ("The courier charges will be included in our BACS run on the 28th.", "promise_to_pay"),
        ("geht auch in raten?", "payment_plan"),
        ("Die Kämmerei teilt mit, dass die Rechnung am 28.10. zur Zahlung gebracht wurde.", "already_paid"),
        ("Sie hatten eine Garantie gegeben – wir sehen nicht ein, dafür zu bezahlen.", "dispute"),
        ("Unsere Zahlungen laufen immer zum 15., Ihre Rechnung ist dann mit dabei.", "promise_to_pay"),
        (
            "Das Geld hat unser Konto schon verlassen, die Bank braucht vielleicht noch einen Tag.",
            "already_paid",
        ),
    ],
)
def test_wording_of_the_seventh_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY, date(2026, 11, 23)).intent == intent


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # goods sent on one day, the invoice paid on another
        ("Pojutrze wysyłamy Państwu zamówienie, a zaległą fakturę opłacimy 18 grudnia.", date(2026, 12, 18)),
        (
            "The follow-up visit is booked for the 14th. Separately, the invoice will be paid by Thursday.",
            date(2026, 11, 26),
        ),
        # a day named in a sentence about something else is not the day promised
        ("Die Pressfittings brauchen wir am 4.12. auf der Baustelle. Die Rechnung zahlen wir bald.", None),
        # "tj." (that is) does not end the sentence
        ("Faktura pójdzie w najbliższym przebiegu płatności, tj. 3 grudnia.", date(2026, 12, 3)),
    ],
)
def test_the_day_promised_is_the_one_about_money(text, day):
    result = classify(text, PHRASES_ONLY)
    assert (result.intent, result.promised_on) == ("promise_to_pay", day)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("potrzebuje jeszcze 2 tyg, da sie przesunac termn?", "payment_plan"),
        ("Czy zgodzą się Państwo na 50% teraz i 50% do 5.12?", "payment_plan"),
        ("Płatność za protezę zrobiliśmy razem z fakturą za październik.", "already_paid"),
        ("Srodki opuscily nasz rachunek wczoraj, powinny byc dzis u Was.", "already_paid"),
        ("Proszę o zestawienie: ile wynosi należność główna, a ile odsetki?", "other"),
        ("Nie uznajemy naliczonych odsetek.", "dispute"),
        ("Zapłacę w piątek, proszę nie naliczać odsetek.", "promise_to_pay"),
        (
            "We won't manage it by Friday, but it has been added to the next run and will go out on the 28th.",
            "promise_to_pay",
        ),
        (
            "We shall arrange payment as soon as we can and will forward remittance advice at that time.",
            "promise_to_pay",
        ),
        ("ok will pay today evening from home, bank app is not working in the office", "promise_to_pay"),
        ("we ll pay it, just had no time. doing it tonite", "promise_to_pay"),
        ("We kindly ask for payment in rates, 3 parts, the first one tomorrow.", "payment_plan"),
        ("sorted mate, paid it at the counter when i picked up the boards", "already_paid"),
        ("I did manage to pay your invoices online on Tuesday night.", "already_paid"),
        ("The statement shows the direct debit went out on 28 October.", "already_paid"),
        (
            "The payment was done on 2 November. Maybe the reference was missing, please check.",
            "already_paid",
        ),
        (
            "The crown didn't fit and you haven't credited it. We'll pay the other items, but not the crown.",
            "dispute",
        ),
        ("Until the invoice reflects the contract price it will not be paid.", "dispute"),
        ("Which account number should we use? The one on the invoice doesn't match your website.", "other"),
        ("Die Zahlung ist in unserem Zahlungsvorschlag für die kommende Woche enthalten.", "promise_to_pay"),
        ("Moin, Buchhaltung war im Urlaub, ueberweisen das innerhalb von 3 Tagen.", "promise_to_pay"),
        (
            "Wir werden monatlich 500 € per Dauerauftrag überweisen, bis die Rechnung ausgeglichen ist.",
            "payment_plan",
        ),
        ("Die Rechnung wird in unserem monatlichen Zahlungslauf am 28. bezahlt.", "promise_to_pay"),
        (
            "Können Sie das Zahlungsziel bei dieser Rechnung ausnahmsweise um 30 Tage verlängern?",
            "payment_plan",
        ),
        ("Unsere Buchhaltung bestätigt: Zahlungsausgang EUR 4.920,00 am 03.11.", "already_paid"),
        (
            "Erst habe ich im falschen Konto nachgeschaut, aber die Buchung ist am 17.11. abgegangen.",
            "already_paid",
        ),
        ("die fahrt hat nie stattgefunden, da zahlen wir nix", "dispute"),
        ("Ich versuche, mir einen Überblick zu verschaffen, was schon bezahlt wurde.", "other"),
        ("Welche Verbindlichkeiten übernommen werden, klären gerade die Anwälte.", "other"),
        ("Wir haben die Sache an unseren Anwalt übergeben.", "dispute"),
    ],
)
def test_wording_of_the_seventh_round_second_half(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("jak najszybciej nie dam rady, ale w poniedziałek rano przelewam całość.", "promise_to_pay"),
        ("Zapłacić zapłacimy, ale nie całość od razu.", "payment_plan"),
        ("Czy mozecie poczekac z platnoscia do wiosny?", "payment_plan"),
        ("Naleznosc zostala potracona z Waszym zwrotem za reklamowane czesci.", "already_paid"),
        ("Syn przelal to z konta firmy jeszcze w pazdzierniku.", "already_paid"),
        ("Szpital rozlicza koszty według ośrodków kosztów.", "other"),
        ("What if I pay something every Friday until it's done?", "payment_plan"),
        ("She suggests paying 150 pounds on the first of each month until it's cleared.", "payment_plan"),
        ("Sorted already mate, went out 2 November.", "already_paid"),
        ("Could you split future invoices per cost centre please?", "other"),
        ("Can we switch to e-invoices? We'd rather not get paper copies any more.", "other"),
        ("Danke für die Erinnerung. Wird noch diese Woche erledigt.", "promise_to_pay"),
        (
            "Bei der Montage fehlte die Hälfte der Scharniere. Die zweite Anfahrt übernehmen wir nicht.",
            "dispute",
        ),
        ("Koennen Sie die Rechnungen kuenftig pro Kostenstelle aufteilen?", "other"),
    ],
)
def test_wording_of_the_eighth_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Wszystkie płatności były wstrzymane przez tydzień. Faktura zostanie opłacona pojutrze.",
            "promise_to_pay",
        ),
        ("Płatność przeszła w split payment. Całość jest u Was od 06.11.", "already_paid"),
        ("Payment done 19.11., zapłacone z konta spółki matki.", "already_paid"),
        ("Zapłaciłam w dwóch częściach, pierwsza poszła we wrześniu, druga w październiku.", "already_paid"),
        ("Faktura FV/2026/384 opl. 21.11.2026, thx", "already_paid"),
        (
            "Na fakturze jest też oświetlenie. Nie mogę tego zapłacić w tej formie, proszę o poprawienie.",
            "dispute",
        ),
        ("Kwota nie uwzględnia rabatu 15%. Zapłacimy po otrzymaniu faktury z prawidłową kwotą.", "dispute"),
        (
            "Razem to 899,90 zł, wszystko zapłacone, ale jeśli czegoś brakuje, proszę dać znać.",
            "already_paid",
        ),
        (
            "We can't make it on Friday as we wait for a VAT refund, but the full amount will be paid on the 28th.",
            "promise_to_pay",
        ),
        (
            "I honestly thought I had paid this, then I found it in my drafts. I will pay it this Friday.",
            "promise_to_pay",
        ),
        ("I can do half on Friday and the other half a fortnight later.", "payment_plan"),
        ("Done - went out with Tuesday's BACS.", "already_paid"),
        ("What are your bank details? The IBAN on the invoice seems to be missing a digit.", "other"),
        (
            "Am Donnerstag schaffen wir es nicht. Am Montag darauf ist die Überweisung aber raus, versprochen.",
            "promise_to_pay",
        ),
        ("Freigabe ist erteilt, Zahlung erfolgt mit Valuta bald.", "promise_to_pay"),
        ("Der komplette Betrag kommt so schnell wie möglich.", "promise_to_pay"),
        ("Die Rechnung überweist unser Kassenwart innerhalb von 3 Tagen.", "promise_to_pay"),
        ("Der Fahrer hat das Geld bar kassiert und quittiert.", "already_paid"),
        ("Wir haben die Zahlung an Ihr Inkassobüro geleistet.", "already_paid"),
        ("Seit Montag ist die Überweisung raus.", "already_paid"),
    ],
)
def test_wording_of_the_eighth_round_second_half(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a plan turned down is a promise; a polite negative question still asks for one
        (
            "Nie będziemy prosić o rozkładanie na raty – zapłacimy jednorazowo całość pojutrze.",
            "promise_to_pay",
        ),
        (
            "I won't be paying in instalments, I'd rather clear it in one go. You'll have it this Friday.",
            "promise_to_pay",
        ),
        (
            "Eine Ratenzahlung brauchen wir nicht, wir zahlen die komplette Summe in den nächsten Tagen.",
            "promise_to_pay",
        ),
        ("Czy nie moglibyśmy rozłożyć tego na raty?", "payment_plan"),
        # a part now and the rest later stays a plan, even next to "can't pay it all"
        ("Zapłacę, ale nie wszystko naraz – teraz 2 tys., reszta do 27.12.", "payment_plan"),
        ("Jak ustaliliśmy: wpłacimy teraz 40%, a pozostałe 60% w lutym.", "payment_plan"),
        (
            "Czy mogę dostać dodatkowe dwa tygodnie na zapłatę? Obiecuję, że to się nie powtórzy.",
            "payment_plan",
        ),
        ("Nie wiem, skąd ten monit, bo z naszego konta środki zeszły 30.10.", "already_paid"),
        ("Zaplacimy jak nam inwestor zaplaci za etap.", "other"),
        ("Dziękuję za informację, zajmę się tym po powrocie z budowy.", "other"),
        (
            "We can't pay this Wednesday, but the full GBP 4920.00 will go to you on Tuesday.",
            "promise_to_pay",
        ),
        (
            "We won't be paying by card, we'll do a normal bank transfer for the whole amount on Monday.",
            "promise_to_pay",
        ),
        ("Your driver took cash for this when he delivered the crates.", "already_paid"),
        ("Yes, just checked: GBP 15750.00 paid on 14 November.", "already_paid"),
        ("The delivery charge should have been waived. We'll pay when the invoice reflects that.", "dispute"),
        ("The crane never turned up. We had to get another firm in at short notice.", "dispute"),
        (
            "Ich habe die Überweisung angelegt, sie wird mit Ausführungsdatum Freitag ausgeführt.",
            "promise_to_pay",
        ),
        (
            "Wir werden nicht noch einmal zahlen – der Betrag ist am 08.11. bei Ihnen eingegangen.",
            "already_paid",
        ),
        (
            "Ich werde diese Rechnung kein zweites Mal begleichen – sie ist es längst, Buchungstag 06.11.",
            "already_paid",
        ),
        ("This invoice is paid already, maybe the payment was booked to the wrong invoice.", "already_paid"),
    ],
)
def test_wording_of_the_ninth_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Piszę w imieniu taty. Tata zapłaci za naprawę silnika do 22.12, przelewem.", "promise_to_pay"),
        ("Silnik nadal wymaga naprawy, nie zapłacimy za usługę.", "dispute"),
        (
            "W poniedziałek nie damy rady, bo dotacja wpływa dopiero 20-go, ale tego samego dnia zapłacimy.",
            "promise_to_pay",
        ),
        (
            "Wpłata będzie w piątek, w środę mamy wypłaty i dopiero potem puszczamy resztę przelewów.",
            "promise_to_pay",
        ),
        ("Skrzynki nam smakują, płacić też będziemy :) Przelew jeszcze w tym tygodniu.", "promise_to_pay"),
        (
            "Nie wpłynie 15 grudnia, bo system płatności jest zablokowany, natomiast zapłacimy całość w styczniu.",
            "promise_to_pay",
        ),
        ("Prosimy o zgodę na zapłatę za tydzień zamiast w terminie z faktury.", "payment_plan"),
        ("Mam w historii:\n\n20.11.2026 PRZELEW WYCHODZĄCY\n\nKwota: 1204,50 PLN", "already_paid"),
        ("Zapłata poszła 01.11.2026 na konto podane na fakturze.", "already_paid"),
        ("Prosze o poprawienie adresu na fakturach: przenieśliśmy się na ul. Lipową 7.", "other"),
        ("Jeśli inwestor przeleje nam transzę, to ureguluję fakturę, ale nie wiem kiedy.", "other"),
        (
            "Es wäre uns eine große Hilfe, wenn wir die Summe über drei Monate verteilen könnten.",
            "payment_plan",
        ),
        (
            "Our pharmacy pays suppliers on the 25th of every month. Your invoice will be included in this month's run.",
            "promise_to_pay",
        ),
        (
            "Vorschlag: die erste Rate überweisen wir zum 12. Dezember, danach jeweils zur Monatsmitte 400 €.",
            "payment_plan",
        ),
        (
            "Ausgeführt am: 01.11.2026, Betrag EUR 12.300,99. Das Geld ist also längst bei Ihnen.",
            "already_paid",
        ),
        ("Die Werft hat das Boot nur gegen Barzahlung herausgegeben.", "already_paid"),
        ("Sie haben uns die Rechnung zweimal geschickt. Die zweite ist eine Doppelberechnung.", "dispute"),
        ("Die Reinigung stand nie im Auftrag. Diese Position muss raus.", "dispute"),
        ("Kleine Korrektur zu unserer Anschrift: es heißt Hafenstraße 7b, nicht 7.", "other"),
    ],
)
def test_wording_of_the_ninth_round_second_half(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a part paid and a question about the rest is for a person, not "paid"
        ("Wpłaciłam część, ile jeszcze zostało do zapłaty?", "other"),
        ("We have paid part of it already. How much is still outstanding?", "other"),
        ("I transferred £300 last month towards it. What's left to pay?", "other"),
        ("Hab schon einen Teil gezahlt. Was ist noch offen?", "other"),
        ("Die Rechnung war Teil der Sammelzahlung vom 27.10.2026.", "already_paid"),
        ("Należność została potrącona z Waszym zwrotem za reklamowane części.", "already_paid"),
        ("Nic już nie jesteśmy winni – wszystko spłacone co do grosza.", "already_paid"),
        (
            "The purchase order has finally cleared central finance, so the invoice will be paid tomorrow.",
            "promise_to_pay",
        ),
        (
            "The amount has been authorised and will reach your account within three working days.",
            "promise_to_pay",
        ),
        ("Our treasury transferred £2,460.00 on 28 October as one collective payment.", "already_paid"),
        ("You should have had it by now - I sent it over on Monday.", "already_paid"),
        ("Your quote was 15% lower. We'll pay when we get an invoice that matches the quote.", "dispute"),
        ("Only 40 of the 60 cases arrived. We'll pay for 40.", "dispute"),
        ("The prices are higher than in our framework agreement, please correct.", "dispute"),
        ("Paid ages ago, please correct your records.", "already_paid"),
        ("Die Futterrechnung ueberweise ich morgen, das hatte ich für später notiert.", "promise_to_pay"),
        ("Die Überweisung wird von der Haushaltsabteilung am Fünfzehnten ausgeführt.", "promise_to_pay"),
        ("Hab's gerade als Terminüberweisung für Freitag eingestellt.", "promise_to_pay"),
        ("Die Überweisung ist bei der Kasse zum Ersten des kommenden Monats vorgemerkt.", "promise_to_pay"),
        ("Die Mahnung verstehe ich nicht, ich habe die Miete gleich vollständig überwiesen.", "already_paid"),
        ("Ich hab nix bei Ihnen bestellt.", "dispute"),
        (
            "Die Rechnung ist auf meinen Mann ausgestellt. Bitte ändern, so können wir sie nicht bezahlen.",
            "dispute",
        ),
        ("Ich bin nur das Sekretariat und für Zahlungen nicht zuständig.", "other"),
        ("Bitte ändern Sie unsere Rechnungsanschrift.", "other"),
    ],
)
def test_wording_of_the_tenth_round_of_writers(text, intent):
    assert classify(text, PHRASES_ONLY).intent == intent


def test_a_day_of_the_month_in_german_words():
    text = (
        "Bis zum 23.12. schaffen wir es nicht, den vollen Betrag überweisen wir aber sicher am Zwanzigsten."
    )
    result = classify(text, PHRASES_ONLY, date(2026, 12, 1))
    assert (result.intent, result.promised_on) == ("promise_to_pay", date(2026, 12, 20))
