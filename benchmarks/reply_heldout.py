"""Held-out reply phrasings kept apart from ``reply_corpus.py``, so nobody tunes on them by accident.

Each set is written after the previous change to the phrase lists and scored once with
``python benchmarks/bench_replies.py --set heldout7`` (or ``heldout8``) before anything is changed
again. Slots are those of ``reply_corpus.TEMPLATES``: ``{date}``, ``{amount}``, ``{inv}``,
``{paid_on}``; a leading "~" marks a date named in a negated clause. A trailing
``[[attachment: name.pdf]]`` is not part of the text: the reply is sent with a PDF of that name.

- ``HELDOUT7_TEMPLATES`` was written before round 2's tuning and then tuned on (optimistic
  after that round).
- ``HELDOUT8_TEMPLATES`` was written after round 2's tuning and never tuned on: the figure to quote.
"""

from __future__ import annotations

HELDOUT7_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "pl": {
        "promise_to_pay": [
            "Dzien dobry, przelew zrobimy {date}, sorki za poslizg.",
            "Uprzejmie informuję, że należność za fakturę {inv} zostanie uiszczona {date}.",
            "Szef wszystko podpisał, kasa pójdzie {date}.",
            "Kwota {amount} wpłynie na Państwa rachunek {date}.",
            "Do końca tygodnia nie zdążymy, ale przelew wyślemy {date}.",
            "Zleciłam już płatność w banku z datą realizacji {date}.",
        ],
        "payment_plan": [
            "Czy moglibyśmy spłacić tę fakturę w trzech ratach? Pierwszą wpłacimy {date}.",
            "Prosze o rozlozenie platnosci na 2 czesci, nie mamy teraz calej kwoty.",
            "Ze względu na zatory płatnicze prosimy o wydłużenie terminu zapłaty o 30 dni.",
            "Czy możemy płacić po 1 000 zł miesięcznie aż do spłaty całości?",
            "Zaproponujcie proszę jakiś harmonogram, bo jednorazowo nie udźwigniemy tej kwoty.",
            "Czy jest opcja, żeby część zapłacić teraz, a pozostałe w styczniu?",
        ],
        "already_paid": [
            "Dzień dobry, faktura {inv} jest opłacona od {paid_on}, załączam potwierdzenie.",
            "Przeciez to jest zaplacone! Przelew poszedl {paid_on}.",
            "Sprawdziłam w banku – pieniądze wyszły z naszego konta {paid_on}.",
            "Należność uiściliśmy w całości przelewem z dnia {paid_on}.",
            "Zapłacone gotówką Państwa kierowcy przy dostawie, mamy KP.",
            "W załączniku przesyłam potwierdzenie dokonania płatności. [[attachment: potwierdzenie_przelewu.pdf]]",
            "Prosze zobaczyc zalacznik. [[attachment: Potwierdzenie_transakcji_0412.pdf]]",
        ],
        "dispute": [
            "Reklamowaliśmy tę dostawę telefonicznie, do dziś brak odpowiedzi, więc wstrzymujemy zapłatę.",
            "Cena na fakturze jest wyższa niż w ofercie, prosimy o wystawienie faktury korygującej.",
            "Połowa paneli przyszła popękana, za towar nadający się do wyrzucenia nie płacimy.",
            "Usluga zostala wykonana tylko czesciowo, kwota na fakturze jest zawyzona.",
            "Nie uznajemy tej należności – zamówienie anulowaliśmy jeszcze przed wysyłką.",
            "Na fakturze {inv} policzono nam dwa razy transport, to się nie zgadza.",
        ],
        "other": [
            "Prosze o duplikat faktury, oryginal gdzies zaginal.",
            "Nie wiem, czy szef już to zapłacił, zapytam go jutro.",
            "Jeśli dostaniemy dziś pieniądze od klienta, to może zapłacimy jutro.",
            "Zmieniliśmy bank, nowy numer konta podamy w kolejnej wiadomości.",
            "Księgowa wraca w poniedziałek, wtedy się odezwie.",
            "Dziękuję, przyjąłem do wiadomości.",
        ],
    },
    "en": {
        "promise_to_pay": [
            "hi, payment will be made {date}, apologies for the delay",
            "We've queued the transfer for {date}.",
            "AP has approved it and it goes out in the payment run {date}.",
            "You will have the {amount} {date} at the latest.",
            "We can't pay this week, but we'll clear it {date}.",
            "I've scheduled the payment for {date}.",
        ],
        "payment_plan": [
            "Is there any chance we could pay this off over 3 months?",
            "We'd like to propose instalments of {amount} a month until it's cleared.",
            "Could we have an extension until the end of next month? Things are tough right now.",
            "Can we pay a portion now and the balance in January?",
            "We'd appreciate a repayment schedule, we simply don't have the full amount.",
            "Any possibility of deferring this invoice by six weeks?",
        ],
        "already_paid": [
            "this was settled on {paid_on} - see remittance attached",
            "We paid {inv} in full on {paid_on}, ref. BACS 88213.",
            "Funds left our account on {paid_on}, please chase your bank.",
            "Already taken care of, our payment went out last Thursday.",
            "Please find attached the payment confirmation. [[attachment: Payment_Confirmation_88213.pdf]]",
            "Payment was made by card over the phone to your colleague last week.",
        ],
        "dispute": [
            "The quantities invoiced don't agree with the delivery note, please send us a credit.",
            "We were quoted £500 less than this, so we're not paying the invoice as it stands.",
            "Half the pallets arrived broken - we've lodged a claim and won't pay until it's resolved.",
            "We have never done business with your company, please remove us from your list.",
            "The work was never signed off, so this invoice is premature.",
            "We disagree with the late payment fee added to invoice {inv}.",
        ],
        "other": [
            "Can you resend the invoice as a PDF? The attachment wouldn't open.",
            "I'm not sure if this has been paid, let me ask accounts and get back to you.",
            "If our customer pays us on time we might be able to pay on Friday.",
            "Who is my contact for account queries now that Mark has left?",
            "Noted, thanks.",
            "Our VAT number has changed, please update it on future invoices.",
        ],
    },
    "de": {
        "promise_to_pay": [
            "Hallo, die Zahlung wird {date} veranlasst, sorry für die Verzögerung.",
            "Wir haben die Überweisung für {date} terminiert.",
            "Der offene Betrag von {amount} geht Ihnen {date} zu.",
            "Die Rechnung {inv} ist freigegeben und wird {date} ausgeglichen.",
            "Diese Woche klappt es nicht mehr, aber {date} kommt das Geld.",
            "Sie erhalten Ihr Geld {date}, versprochen.",
        ],
        "payment_plan": [
            "Könnten wir den Betrag in drei Monatsbeträgen abbezahlen?",
            "Wir möchten um eine Ratenvereinbarung bitten, der Betrag ist für uns zurzeit zu hoch.",
            "Ist ein Aufschub der Zahlung um 4 Wochen möglich?",
            "Könnten wir jetzt einen Teil und das Übrige im Februar zahlen?",
            "Bitte um Verlängerung des Zahlungsziels auf 60 Tage.",
            "Wir würden gern monatlich {amount} abstottern, bis alles erledigt ist.",
        ],
        "already_paid": [
            "Die Rechnung {inv} ist längst bezahlt, siehe Anlage.",
            "Wir haben am {paid_on} überwiesen, bitte prüfen Sie Ihren Zahlungseingang.",
            "Der Betrag wurde per Lastschrift eingezogen, bitte schauen Sie bei sich nach.",
            "Im Anhang finden Sie den Überweisungsträger. [[attachment: Ueberweisung_0412.pdf]]",
            "Ist erledigt, die Zahlung ist seit {paid_on} raus.",
            "Wir haben den Ausgleich am {paid_on} vorgenommen.",
        ],
        "dispute": [
            "Die Rechnung enthält Positionen, die wir so nie beauftragt haben.",
            "Die Menge auf der Rechnung passt nicht zum Lieferschein.",
            "Die Maschine funktioniert seit der Lieferung nicht, wir zahlen erst nach der Reparatur.",
            "Der Preis liegt über dem vereinbarten, bitte schicken Sie eine berichtigte Rechnung.",
            "Wir erkennen diese Forderung nicht an.",
            "Die Leistung wurde nur zur Hälfte erbracht, der Rechnungsbetrag ist daher zu hoch.",
        ],
        "other": [
            "Können Sie uns die Rechnung noch einmal als PDF senden?",
            "Ich weiß nicht, ob das schon bezahlt wurde, ich frage in der Buchhaltung nach.",
            "Falls unser Kunde pünktlich zahlt, könnten wir am Freitag überweisen.",
            "Bitte schicken Sie Mahnungen künftig an mahnwesen@example.de.",
            "Herr Braun ist nicht mehr bei uns, bitte wenden Sie sich an Frau Roth.",
            "Danke, zur Kenntnis genommen.",
        ],
    },
}

HELDOUT8_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "pl": {
        "promise_to_pay": [
            "Przepraszam za zwłokę, środki przekażemy najpóźniej {date}.",
            "Fakturę mamy już wprowadzoną do banku, zapłata nastąpi {date}.",
            "Prezes zatwierdził wydatek, przelew dostaną Państwo {date}.",
            "Spokojnie, ureguluję to {date}, mam już odłożone pieniądze.",
            "Zrobię wpłatę {date} na konto podane na fakturze.",
            "Kwota {amount} zostanie przelana {date}.",
        ],
        "payment_plan": [
            "Czy dałoby się to rozbić na dwie płatności?",
            "Nie jestesmy w stanie teraz zaplacic calosci, prosze o mozliwosc splaty w ratach",
            "Chcielibyśmy zapłacić {amount} teraz, a resztę za miesiąc.",
            "Prosimy o dodatkowe 2 tygodnie na uregulowanie płatności.",
            "Czy możliwe jest odłożenie płatności do lutego? Czekamy na zwrot VAT.",
            "Firma ma teraz gorszy okres, czy możemy się umówić na spłatę w miesięcznych kwotach?",
        ],
        "already_paid": [
            "Przecież to poszło w zeszłym tygodniu, proszę sprawdzić jeszcze raz.",
            "Rozliczyliśmy tę fakturę kompensatą z Państwa fakturą za transport.",
            "Wpłata na {amount} była zrobiona {paid_on} z konta firmowego.",
            "Już opłacone, dowód wpłaty w załączeniu. [[attachment: dowod_wplaty.pdf]]",
            "Zaplacilem karta przez Panstwa strone {paid_on}.",
            "Na wyciągu z {paid_on} widać obciążenie na Państwa rzecz.",
        ],
        "dispute": [
            "Nie zgadzamy się z naliczonymi odsetkami.",
            "Faktura dotyczy zamówienia, które zwróciliśmy w całości w ciągu 14 dni.",
            "Dostawa była niepełna, brakowało dwóch palet, więc faktura jest za wysoka.",
            "Przecież umawialiśmy się na rabat 10%, a na fakturze go nie ma.",
            "Ta faktura powinna być wystawiona na naszą spółkę-matkę, nie na nas.",
            "Nikt u nas nie zamawiał tej usługi.",
        ],
        "other": [
            "Czy faktura jest wystawiona na właściwy NIP? Proszę o potwierdzenie.",
            "Proszę o kontakt telefoniczny w tej sprawie.",
            "Nie wiem, kto u nas odpowiada za płatności, zapytam.",
            "Czy mogę prosić o zestawienie naszego salda?",
            "Pani Kasia jest chora, sprawą zajmę się ja.",
            "Dziękujemy za informację, przekażę szefowi.",
        ],
    },
    "en": {
        "promise_to_pay": [
            "Apologies - the money will be with you {date}.",
            "We're running a payment batch {date} and your invoice is included.",
            "Should be sorted {date}, just waiting on the director's sign-off.",
            "I'll make sure the {amount} is paid {date}.",
            "We'll be settling up {date}.",
            "Our accounts team will release the funds {date}.",
        ],
        "payment_plan": [
            "Would you be open to us paying in monthly chunks?",
            "We're struggling at the moment - could we agree smaller payments over the next quarter?",
            "Is it OK if we pay {amount} now and the remainder once our customer pays us?",
            "Could the due date be pushed back by a month?",
            "We'd like to request a payment holiday until February.",
            "Can we do £200 a week until it's cleared?",
        ],
        "already_paid": [
            "This went out to you on {paid_on}.",
            "We've paid that one, it was included in our BACS run on {paid_on}.",
            "Check your account - the money's been there since {paid_on}.",
            "Our records show invoice {inv} as settled on {paid_on}.",
            "I've attached the bank statement showing the payment. [[attachment: statement_Nov.pdf]]",
            "Paid via PayPal last Tuesday.",
        ],
        "dispute": [
            "We didn't agree to these rates.",
            "The work hasn't been completed, so we won't be paying until it is.",
            "There's a discrepancy between the PO and your invoice.",
            "Goods were faulty on arrival; we've asked for a replacement.",
            "This charge relates to a subscription we cancelled months ago.",
            "Your invoice includes VAT but we're VAT exempt.",
        ],
        "other": [
            "Please call me to discuss.",
            "Can you confirm the bank account is still the same as before?",
            "We'll pay once we've checked the invoice against our order.",
            "Is there a discount for early payment?",
            "Thanks for the reminder, I'll pass it on.",
            "Who do I speak to about changing our billing address?",
        ],
    },
    "de": {
        "promise_to_pay": [
            "Wir kümmern uns darum, die Zahlung kommt {date}.",
            "Den offenen Betrag überweisen wir Ihnen {date}.",
            "Geht klar, ich mache die Überweisung {date} fertig.",
            "Sie haben das Geld {date} auf dem Konto.",
            "Die Rechnung {inv} ist für den Zahlungslauf {date} vorgesehen.",
            "Wir gleichen den Saldo {date} aus.",
        ],
        "payment_plan": [
            "Wäre eine Zahlung in zwei Hälften möglich?",
            "Können wir monatliche Abschläge vereinbaren?",
            "Bitte gewähren Sie uns einen Aufschub bis Ende Januar.",
            "Wir würden jetzt {amount} anzahlen und den Restbetrag später begleichen.",
            "Es wäre uns eine große Hilfe, wenn wir die Summe über drei Monate verteilen könnten.",
            "Wir brauchen etwas Luft – können wir das Zahlungsziel um 30 Tage schieben?",
        ],
        "already_paid": [
            "Das haben wir doch schon am {paid_on} erledigt.",
            "Die Überweisung ist am {paid_on} rausgegangen.",
            "Die Summe wurde mit Ihrer Gutschrift verrechnet.",
            "Bezahlt per Kreditkarte am {paid_on}.",
            "Anbei der Kontoauszug mit der Abbuchung. [[attachment: Kontoauszug_11.pdf]]",
            "Wir haben die Rechnung {inv} längst ausgeglichen.",
        ],
        "dispute": [
            "Die Stundensätze entsprechen nicht unserem Rahmenvertrag.",
            "Wir haben die Ware fristgerecht zurückgegeben.",
            "Auf der Rechnung fehlt der vereinbarte Skonto.",
            "Die Lieferung kam zwei Wochen zu spät und war unvollständig.",
            "Diese Rechnung ist uns völlig unbekannt.",
            "Die Leistung wurde von uns nie abgenommen.",
        ],
        "other": [
            "Bitte rufen Sie mich kurz an.",
            "Ist die Bankverbindung noch aktuell?",
            "Wir zahlen, sobald die Rechnung von der Geschäftsführung freigegeben ist.",
            "Gibt es Skonto bei sofortiger Zahlung?",
            "Danke für den Hinweis, ich leite es weiter.",
            "Wer ist bei Ihnen für Reklamationen zuständig?",
        ],
    },
}
