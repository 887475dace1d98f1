"""Held-out reply phrasings: never in the shipped examples, so the figures say how tactful reads new wording.

Written blind on 2026-11-23 by three separate helper sessions (one per language) that saw
neither the phrase lists nor the examples nor earlier sets, with 14 replies per language and
intent in each set. Score each set once, before changing the phrase lists or the examples
again: ``python benchmarks/bench_replies.py --set heldout11``. Once a set has been tuned on,
move it into ``rules/phrases/<lang>.examples.toml`` and write a new one.

Slots are those of the examples: ``{date}``, ``{amount}``, ``{inv}``, ``{paid_on}``; a
leading "~" marks a date named in a negated clause. A trailing ``[[attachment: name.pdf]]`` is
not part of the text: the reply is sent with a PDF of that name.

- Set 10 (the same writers' first 14 per cell) was scored once with the second opinion, then
  read for misses and moved into the shipped examples (commit ddcc63c has it here).
- ``HELDOUT11_TEMPLATES``: never read, scored once after that: the figure to quote.
"""

from __future__ import annotations

HELDOUT11_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "pl": {
        "promise_to_pay": [
            "Dzień dobry, przelew zrobimy {date}. Pozdrawiam",
            "Faktura {inv} zostanie uregulowana {date}.",
            "Ok, zaplace w piatek.",
            "Przeoczyliśmy tę fakturę przy ostatnim przebiegu płatności, przepraszam. Będzie "
            "w kolejnym, czyli w najbliższy wtorek.",
            "~Nie uda nam się zapłacić {date}, bo czekamy na podpis drugiego członka zarządu, "
            "ale przelew wyjdzie najwyżej kilka dni później.",
            "Wszystko jest w porządku z fakturą, po prostu zapomnieliśmy. Kwotę {amount} przelejemy {date}.",
            "Zlecenie przelewu jest już przygotowane w banku i czeka tylko na autoryzację — wyjdzie {date}.",
            "Tak, zapłacimy całość. Dziś wieczorem zrobię przelew z konta firmowego.",
            "Dziekuje za przypomnienie, wplace {date}.",
            "We pay tomorrow, the money is ready. Sorry for trouble.",
            "Potwierdzam otrzymanie wezwania. Zaległość w kwocie {amount} zostanie spłacona "
            "jednorazowo {date}.",
            "Spokojnie, zapłacę wszystko — tylko zaksięgują mi się wpływy z końca miesiąca i "
            "od razu przelewam, najpóźniej 5-go.",
            "Szanowna Pani, informuję, że należność zostanie uregulowana w najbliższym dniu "
            "płatności obowiązującym w naszej firmie, tj. w czwartek.",
            "Bez problemu, przelew pójdzie {date}. Dajcie znać, jak dojdzie.",
        ],
        "payment_plan": [
            "Czy jest możliwość rozłożenia faktury {inv} na raty? Moglibyśmy płacić po 800 zł miesięcznie.",
            "~Nie będziemy w stanie zapłacić {date}, czy możemy podzielić płatność na dwie raty?",
            "Prosze o wydluzenie terminu platnosci o 2 tygodnie, mamy zator platniczy.",
            "Proponuję tak: pierwsza rata {date}, druga za miesiąc, trzecia za dwa miesiące. "
            "Proszę o potwierdzenie.",
            "Szanowni Państwo, ze względu na przejściowe trudności finansowe zwracam się z "
            "uprzejmą prośbą o rozłożenie zaległości na 6 rat. Jestem gotowy podpisać stosowne "
            "porozumienie.",
            "Całości teraz nie dam rady. Mogę wpłacić część {date}, a resztę jak tylko się da — "
            "czy możemy się jakoś dogadać?",
            "Czy mogę zapłacić w dwóch transzach? Połowa teraz, połowa w przyszłym miesiącu.",
            "Mamy do Was prośbę o prolongatę terminu do końca kwartału. Sezon był słaby, ale z "
            "zamówień, które już mamy, na pewno się rozliczymy.",
            "Wysłałam dziś pierwszą część, {amount}. Pozostałą kwotę dopłacę {date}, jeśli to "
            "Państwu pasuje.",
            "Can we make payment in instalments? Full amount at once is too much for us at this moment.",
            "Jestem na zwolnieniu lekarskim i firma praktycznie stoi. Czy możecie dać mi "
            "jeszcze miesiąc? Nie uciekam od długu.",
            "Czy moglibyśmy zapłacić tę fakturę w trzech ratach zamiast jednorazowo? Pierwszą "
            "wpłacimy {date}.",
            "nie mam teraz calej kwoty, moge splacac po trochu? np. 500 zl co tydzien",
            "W nawiązaniu do wezwania: uznajemy saldo {amount}, ale prosimy o ustalenie "
            "harmonogramu spłaty. Proponujemy 4 równe raty płatne do 15-go każdego miesiąca.",
        ],
        "already_paid": [
            "Dzień dobry, faktura {inv} została zapłacona {paid_on}. Przesyłam potwierdzenie. "
            "[[attachment: potwierdzenie_przelewu_mbank.pdf]]",
            "Zaplacone {paid_on}.",
            "Uregulowane, proszę sprawdzić wpływy.",
            "Kwota {amount} wyszła z naszego rachunku {paid_on}. Jeśli nie widzą Państwo "
            "wpłaty, proszę sprawdzić, czy nie została zaksięgowana na inną fakturę.",
            "Rozliczyliśmy to kompensatą z Państwa fakturą za usługi transportowe. Oświadczenie "
            "o kompensacie podpisane przez obie strony jest w załączniku. [[attachment: "
            "kompensata_listopad.pdf]]",
            "Przecież płaciłem gotówką u Państwa w biurze, dostałem KP.",
            "Already paid on {paid_on}, transfer from our account in Pekao. Please check.",
            "Przelew był zrobiony w piątek, pewnie zaksięgował się u Was dopiero po weekendzie. "
            "Wezwanie chyba się z nim minęło.",
            "Dzien dobry, to juz dawno zaplacone, przelew poszedl {paid_on}.",
            "Zapłaciliśmy tę fakturę w całości razem z kilkoma innymi jednym przelewem "
            "zbiorczym {paid_on}. W tytule były wszystkie numery faktur.",
            "Faktura została opłacona kartą przy składaniu zamówienia w sklepie internetowym.",
            "Środki zostały pobrane z naszego konta w ramach polecenia zapłaty {paid_on}.",
            "Sprawa załatwiona — księgowość potwierdza, że płatność wyszła {paid_on}.",
            "Nie wiem, o co chodzi z tym wezwaniem. Mamy to opłacone od dawna, proszę uzgodnić "
            "u siebie wpłaty.",
        ],
        "dispute": [
            "Nie zapłacimy tej faktury. Zamówienie anulowaliśmy mailowo dzień po jego złożeniu, a "
            "towar i tak został wysłany — odesłaliśmy go na Państwa koszt.",
            "Na fakturze {inv} jest błędna ilość: dostaliśmy 120 szt., a zafakturowano 150. Proszę o "
            "korektę.",
            "Towar jest wadliwy, połowa sztuk nie działa. Dopóki nie rozpatrzycie reklamacji, "
            "płatności nie będzie.",
            "ta faktura jest wystawiona dwa razy, za ten sam miesiac mamy juz jedna. prosze o anulowanie.",
            "Nigdy nie składaliśmy u Państwa takiego zamówienia. Proszę o przesłanie dowodu, że ktoś "
            "od nas to zamówił — do tego czasu faktury nie uznajemy.",
            "Usługa sprzątania w listopadzie nie była wykonywana przez dwa tygodnie, więc kwota za "
            "pełny miesiąc jest zawyżona. Oczekujemy korekty.",
            "Cena nie zgadza się z umową ramową — od stycznia obowiązuje nas cennik z rabatem 8%, a "
            "na fakturze go nie uwzględniono.",
            "Nie otrzymaliśmy towaru. Według śledzenia przesyłka wróciła do nadawcy. Za co mamy płacić?",
            "VAT jest źle naliczony — usługa podlega odwrotnemu obciążeniu, na fakturze nie powinno "
            "być VAT. Proszę o fakturę korygującą, inaczej nie zaksięgujemy dokumentu.",
            "We don't agree with this invoice. Delivery was 3 weeks late and contract says penalty "
            "10%. We will pay only after correction.",
            "Zgodnie z umową przysługiwało nam 2% skonta za płatność w 7 dni i z niego "
            "skorzystaliśmy. Różnica {amount} nie jest naszym długiem.",
            "Prosimy o notę korygującą — na fakturze jest błędny NIP nabywcy i nie możemy jej zaksięgować.",
            "Umowa serwisowa wygasła 30 września i nie była przedłużana. Faktury za październik i "
            "listopad proszę anulować.",
            "Reklamowaliśmy tę dostawę już miesiąc temu i nikt nie odpowiedział, a teraz dostajemy "
            "wezwanie do zapłaty? Nie zapłacimy za popękane płytki.",
        ],
        "other": [
            "Proszę o ponowne przesłanie faktury, bo poprzedni mail trafił do spamu i nie mamy dokumentu.",
            "Dziękuję, przekazałem sprawę naszej księgowej, pani Marzena się odezwie.",
            "Sprawdze w ksiegowosci i dam znac.",
            "Na jaki numer konta mam zrobić przelew? Na fakturze są dwa różne rachunki.",
            "Informujemy o zmianie numeru NIP w związku z przekształceniem spółki. Nowe dane są w stopce.",
            "Zapłacimy, jak dostaniemy dotację z urzędu. Kiedy to będzie, nie wiem.",
            "Przyjąłem do wiadomości.",
            "Nie jestem właściwą osobą, rozliczeniami zajmuje się nasze biuro rachunkowe. Kontakt: "
            "biuro@rachunki-kowalski.pl.",
            "Czy ta faktura jest już w KSeF? Nasze biuro rachunkowe nie może jej znaleźć.",
            "Rozumiem, że trzeba pilnować terminów, ale trzecie wezwanie w tygodniu to przesada. "
            "Proszę o kontakt telefoniczny zamiast kolejnych maili.",
            "Please send us copy of the order confirmation for {inv}, we cannot find it in our system.",
            "Automatyczna odpowiedź: jestem na urlopie do 20.11. W pilnych sprawach proszę kontaktować "
            "się z biurem.",
            "Przyjrzymy się sprawie.",
            "Prosimy o przesłanie potwierdzenia salda na koniec roku, potrzebujemy go do bilansu.",
        ],
    },
    "en": {
        "promise_to_pay": [
            "Payment will be with you {date}.",
            "I'll transfer the money {date}, sorry for the hassle.",
            "It's been added to next week's payment run.",
            "~Unfortunately we won't be able to pay {date} as our director is away, but it "
            "will definitely be paid on Tuesday when he's back.",
            "Apologies - this slipped through. I've approved it now and it will be in your "
            "account within 3 working days.",
            "Yes, fine. {amount} will go out {date}.",
            "We confirm that invoice {inv} will be settled in full {date}.",
            "Our payment runs are on the 25th of each month; your invoice is approved and "
            "will be included in this month's.",
            "ok will sort payment tmrw",
            "Dear, we are sorry for the late. We will make the transfer {date} for the whole amount.",
            "Thank you for your patience. The outstanding balance of {amount} will be cleared {date}.",
            "I've authorised this today, you'll see it Friday via BACS.",
            "Sorry, we had a change of bookkeeper and a few bills got missed. Paying yours "
            "{date}, along with the late fee if there is one.",
            "Good morning, just to let you know the invoice is approved and will be paid at "
            "the end of this month.\n"
            "Kind regards, Priya",
        ],
        "payment_plan": [
            "Can we pay this in instalments?",
            "~There's no way we can find {amount} {date}. Could we do it in three parts instead?",
            "We'd like to pay {amount} now and the balance {date}. Hope that's acceptable.",
            "Would you be able to give us another month? Trade has been slow since the "
            "roadworks started outside the shop.",
            "I can offer £150 per month starting next month. Please let me know if that's acceptable.",
            "We're struggling with cash flow at the moment and can't pay the full amount. Can "
            "we agree some kind of arrangement?",
            "Could we postpone the payment until {date}? We're waiting for a large grant to come in.",
            "hi can i split this into 4 payments pls",
            "Good day, our company asks for the possibility of paying in two rates, first one "
            "now and second in next month.",
            "Would it be possible to defer this invoice to next quarter? We'll pay interest if necessary.",
            "We can't pay all of it right now. Would part now and the rest in January work for you?",
            "Please could we have a 14-day extension on {inv}? Our bank has delayed a loan payment.",
            "Our accountant suggests asking whether you'd accept monthly payments over six "
            "months for the total outstanding. We really want to keep the account in good "
            "standing.",
            "Is there any flexibility on the due date? We could manage the full amount {date} "
            "if you can wait that long.",
        ],
        "already_paid": [
            "We paid this on {paid_on}.",
            "Payment was sent by BACS on {paid_on}. Remittance attached. [[attachment: "
            "bacs_confirmation.pdf]]",
            "already settled",
            "This invoice was paid in full last month. Could you check your bank statement again?",
            "We paid in cash at your trade counter on {paid_on}, receipt no. 4471.",
            "Hi, funds left our account yesterday, should clear today or tomorrow.",
            "Invoice {inv} was netted off against the amount you owe us for the returned stock, "
            "as agreed with your sales manager.",
            "Paid {paid_on}, ref {inv}, amount {amount}.",
            "I'm sure we've paid this. I can see it on our bank statement on {paid_on}.",
            "Please see the attached proof of payment. [[attachment: payment_confirmation.pdf]]",
            "Hello, we transfered the money already on {paid_on}, please check on your side.",
            "This went out in our payment run on {paid_on} - the combined transfer covered "
            "{inv} and two other invoices.",
            "Our bookkeeper paid this by direct debit on the 1st, as always.",
            "Hi, I think our payment and your reminder crossed - we paid this before your letter arrived.",
        ],
        "dispute": [
            "We dispute this invoice. The goods were never delivered.",
            "The price on {inv} is higher than agreed. We will only pay once you send a corrected invoice.",
            "You've invoiced us twice for the same job - {inv} and the one before it are identical.",
            "The installation was never completed, so we won't pay the final invoice until it is.",
            "VAT has been charged at 20% but these items are zero-rated. Please reissue.",
            "We returned the faulty units on 3 October and are still waiting for the credit note. "
            "Until then this invoice is disputed.",
            "We never signed up for the premium package. Please remove that charge.",
            "Our contract ended in June, so we don't owe anything for July.",
            "Hi, the quantity is wrong, we ordered 50 not 500.",
            "Sorry but we're not paying for this. The cleaning wasn't done on two of the four visits "
            "and our manager complained at the time.",
            "Please send a credit note for {amount}; the delivery charge should have been waived as "
            "per our agreement.",
            "We didn't receive goods in good condition, half of the glass was broken. We accept to "
            "pay only for the good ones.",
            "This invoice must be for a different company - we have never bought anything from you.",
            "The hourly rate is £65, not £85 as per our framework agreement. Please credit the "
            "difference and we'll pay the corrected total.",
        ],
        "other": [
            "Please send us a copy of the invoice, we don't seem to have received it.",
            "What's your sort code and account number? They aren't on the invoice.",
            "Forwarded to our accounts payable team.",
            "I'll look into this and get back to you tomorrow.",
            "Please update our billing address to 12 High Street, Bristol BS1 4DJ from now on.",
            "We might be able to pay something if our overdraft is approved.",
            "Thanks, noted.",
            "Could you tell me which order this invoice relates to? I need it for our purchase ledger.",
            "Please address all future correspondence to our administrators, Smith & Co, who were "
            "appointed last week.",
            "I don't appreciate the threatening tone of this letter. We've been customers for years - "
            "a phone call would have done.",
            "Could you send me a statement showing what's outstanding on our account?",
            "Our company name has changed to Greenfield Logistics Ltd, VAT number unchanged. Please "
            "update your system.",
            "The person who handles invoices is on maternity leave. I'll pass this on once I find out "
            "who's covering.",
            "We'll settle this as soon as our own customer pays us - can't say when that will be.",
        ],
    },
    "de": {
        "promise_to_pay": [
            "Die Überweisung wird {date} veranlasst.",
            "Sie erhalten Ihr Geld {date}.",
            "Ist im Zahlungslauf für nächste Woche drin.",
            "Wir begleichen {inv} {date}, sorry fuer die Verzoegerung.",
            "~{date} klappt es nicht mehr, weil unser Geschäftsführer noch unterschreiben "
            "muss, aber Anfang nächster Woche geht die Zahlung raus.",
            "Alles klar, ich kümmere mich {date} darum und überweise dann die {amount}.",
            "Ich habe die Überweisung als Terminüberweisung zum 1. des Monats angelegt.",
            "Wir zahlen Ende der Woche, versprochen.",
            "Guten Tag,\ndie Rechnung wird {date} vollständig ausgeglichen.\nMit freundlichen Grüßen",
            "Das war ein Versehen unsererseits. Betrag geht heute noch raus.",
            "Geht klar, zahle {date}.",
            "Wir hatten einen Wechsel in der Buchhaltung und einige Rechnungen sind dabei "
            "liegengeblieben, dafür möchte ich mich entschuldigen. Ich habe {inv} jetzt "
            "gefunden und werde den Betrag von {amount} {date} überweisen. Kommt nicht wieder "
            "vor.",
            "Unsere Zahlungen laufen immer zum 15., Ihre Rechnung ist dann mit dabei.",
            "Der komplette Betrag inklusive Mahngebühr wird mit dem nächsten Zahlungslauf am "
            "Freitag überwiesen.",
        ],
        "payment_plan": [
            "Wir würden {amount} gern in vier gleichen Raten bezahlen. Ist das möglich?",
            "Könnten wir die Zahlung auf {date} verschieben?",
            "~{date} ist der volle Betrag für uns nicht machbar. Können wir einen Teil jetzt "
            "und den Rest im nächsten Monat zahlen?",
            "Ich schlage eine Ratenvereinbarung vor: 300 € monatlich, beginnend {date}.",
            "Wir befinden uns derzeit in einer schwierigen wirtschaftlichen Lage. Eine Zahlung "
            "in voller Höhe ist uns momentan nicht möglich. Wir bitten Sie daher um eine "
            "Ratenzahlungsvereinbarung.",
            "Teilzahlung möglich?",
            "Bitte gewähren Sie uns einen Zahlungsaufschub bis Ende Februar.",
            "Heute kann ich 150 € überweisen, den Rest würde ich gerne {date} nachzahlen. Passt das?",
            "Koennten Sie uns eine Fristverlaengerung von 14 Tagen einraeumen?",
            "Hi, wir haben gerade einen Engpass. Geht es auch in 3 Teilen? Die erste Zahlung "
            "wäre sofort möglich.",
            "Wir bitten um Stundung der Rechnung {inv} um sechs Wochen, da unser Auftraggeber "
            "mit seiner Zahlung im Verzug ist.",
            "Könnten wir einen Ratenplan vereinbaren? Ich kann höchstens 100 Euro im Monat aufbringen.",
            "Wir möchten die offene Summe gerne in zwei Tranchen begleichen, die erste {date}, "
            "die zweite vier Wochen später.",
            "Ist es möglich, die Rechnung über drei Monate zu strecken? Wir sind ein kleiner "
            "Betrieb und der Winter ist bei uns immer schwach.",
        ],
        "already_paid": [
            "Die Zahlung ist am {paid_on} erfolgt.",
            "Schon bezahlt.",
            "Anbei der Überweisungsbeleg, das Geld ist am {paid_on} von unserem Konto abgebucht "
            "worden. [[attachment: zahlungsnachweis.pdf]]",
            "Ihre Forderung wurde, wie telefonisch besprochen, mit unserer Gegenforderung aus "
            "Rechnung 2026-077 verrechnet.",
            "Bitte prüfen Sie das, wir haben {amount} schon vor zwei Wochen überwiesen.",
            "Ich habe das bei der Abholung in bar bezahlt.",
            "Die Rechnung {inv} wurde von uns am {paid_on} beglichen, die Mahnung ist daher gegenstandslos.",
            "Kann nicht sein, ist laengst bezahlt. Ich schick Ihnen gern den Kontoauszug.",
            "Die Rechnung ist ausgeglichen, siehe unser Zahlungsavis vom {paid_on}.",
            "Hallo, das Geld ist doch schon bei Ihnen, oder? Laut Onlinebanking wurde die "
            "Überweisung am Montag ausgeführt.",
            "Unsere Bank hat die Zahlung bestätigt, der Betrag sollte inzwischen auf Ihrem "
            "Konto gutgeschrieben sein.",
            "Wurde per PayPal bezahlt, Transaktions-ID 7XK29384LM.",
            "Erledigt am {paid_on}.",
            "Wir haben den Betrag versehentlich auf Ihr altes Konto bei der Sparkasse "
            "überwiesen, bezahlt ist er aber. Bitte klären Sie das mit Ihrer Bank.",
        ],
        "dispute": [
            "Die Rechnung ist falsch, wir haben nur 50 Stück bestellt, nicht 80.",
            "Wir verweigern die Zahlung, da die Leistung nicht erbracht wurde.",
            "Wir zahlen nicht, solange die Mängel nicht behoben sind.",
            "Die Rechnung {inv} ist identisch mit Ihrer Rechnung aus dem Vormonat – Sie haben "
            "dieselbe Leistung zweimal berechnet. Bitte stornieren.",
            "Bitte senden Sie uns eine Gutschrift über {amount}, die Retoure ist seit drei Wochen "
            "bei Ihnen eingegangen.",
            "Wir haben den Wartungsvertrag fristgerecht gekündigt, die Kündigungsbestätigung liegt "
            "uns vor. Diese Rechnung akzeptieren wir nicht.",
            "Sie haben 19 % MwSt berechnet, richtig wären 7 %. Bitte schicken Sie eine korrigierte Rechnung.",
            "Kenne ich nicht, hab bei ihnen nie was bestellt.",
            "Das Gerät war bei Lieferung defekt und ist bereits an Sie zurückgegangen.",
            "Die vereinbarten 3 % Rabatt wurden nicht abgezogen. Wir zahlen erst, wenn die Rechnung "
            "korrigiert ist.",
            "Der Monteur war nur zwei Stunden da, berechnet wurden aber fünf. So zahlen wir das nicht.",
            "Wir haben die Ware nie erhalten, der Lieferschein ist auch nicht von uns unterschrieben.",
            "Hiermit legen wir Widerspruch gegen die Rechnung ein. Der Preis weicht von Ihrem "
            "Angebot Nr. 4471 ab.",
            "Die Lieferung war unvollständig und kam zu spät, obwohl der Liefertermin vertraglich "
            "fix vereinbart war. Wir machen die Vertragsstrafe geltend und zahlen den "
            "Rechnungsbetrag nicht.",
        ],
        "other": [
            "An wen kann ich mich wegen der Rechnung wenden? Hätte da ein paar Fragen.",
            "Ich bin dafür nicht mehr zuständig, bitte schreiben Sie künftig an buchhaltung@firma-schulz.de.",
            "Wir klären das intern und kommen auf Sie zu.",
            "Eingang bestätigt.",
            "Welche IBAN soll ich für die Überweisung verwenden? Auf der Rechnung stehen zwei verschiedene.",
            "Bevor wir zahlen können, muss die Rechnung noch vom Projektleiter freigegeben werden, und "
            "das kann dauern.",
            "Bitte senden Sie Rechnungen in Zukunft nur noch als XRechnung über unser Lieferantenportal.",
            "Ich muss das erst mit meinem Steuerberater besprechen.",
            "Danke für den Hinweis. Ich gebe das an unseren Buchhalter weiter, er ist ab Montag wieder "
            "im Büro.",
            "Wir haben umfirmiert, bitte stellen Sie künftige Rechnungen auf die Müller & Söhne GmbH aus.",
            "Ehrlich gesagt finde ich es unmöglich, nach drei Tagen Verzug schon eine Mahnung zu "
            "bekommen. Das hätte man auch freundlicher lösen können.",
            "Wir zahlen, wenn die Fördermittel bewilligt sind.",
            "Bitte schicken Sie mir eine Kopie des Lieferscheins zu {inv}, den braucht unsere Buchhaltung.",
            "Hallo, ich bin bis 15. Januar nicht im Büro. In dringenden Fällen wenden Sie sich bitte "
            "an Herrn Schmidt.",
        ],
    },
}
