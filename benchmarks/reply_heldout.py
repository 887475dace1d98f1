"""Held-out reply phrasings: never in the shipped examples, so the figures say how tactful reads new wording.

Written blind on 2026-11-23 by separate helper sessions (one per language and round) that saw
neither the phrase lists nor the examples nor earlier sets, with 14 replies per language and
intent in each set. Score each set once, before changing the phrase lists or the examples
again: ``python benchmarks/bench_replies.py --set heldout11``. Once a set has been tuned on,
move it into ``rules/phrases/<lang>.examples.toml`` and write a new one.

Slots are those of the examples: ``{date}``, ``{amount}``, ``{inv}``, ``{paid_on}``; a
leading "~" marks a date named in a negated clause. A trailing ``[[attachment: name.pdf]]`` is
not part of the text: the reply is sent with a PDF of that name.

- Sets 10 and 11 (the first writers' two halves) were each scored once, then read for misses
  and moved into the shipped examples (commits ddcc63c and 604a20f have them here). Set 11
  scored macro-F1 pl 0.957, en 0.949, de 0.895 before it was read.
- Sets 12 and 13 come from a second round of three blind writers, asked for a wider range of
  people and more replies that mention money without deciding anything.
  Set 12 was scored first (macro-F1 pl 0.948, en 0.947, de 0.937) and set 13 at the end of
  that round (pl 0.938, en 0.948, de 0.895); both were then read and moved into the examples.
- Sets 14 and 15 come from a third round of blind writers (forwarded threads, answers on
  behalf of a customer, order and delivery numbers, replies of one to five words).
  Set 14 was scored first (macro-F1 pl 0.980, en 0.948, de 0.917), set 15 at the end of that
  round (pl 0.939, en 0.926, de 0.929); both were then read and moved into the examples.
- Sets 16 and 17 come from a fourth round of blind writers (customers of a printing house, a
  hosting provider, a parts distributor, a cleaning company; longer e-mails, self-corrections,
  complaints about the tone). Both were scored once at the end of the session and never read:
  the figures to quote. Read them only when a fifth round has been written.
"""

from __future__ import annotations

HELDOUT16_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "pl": {
        "promise_to_pay": [
            "Dzień dobry, przelew za {inv} zrobimy {date}. Pozdrawiam",
            "Przepraszamy za opóźnienie, faktura umknęła nam przy ostatnim zestawieniu "
            "przelewów. Zapłacimy {date}, całą kwotę {amount}.",
            "zaplacimy w piatek. sorry, pomylilam sie - w poniedzialek, w piatek ksiegowa ma "
            "wolne. ale poniedzialek na pewno",
            "~Jak mówiłem wczoraj przez telefon, nie zdążymy {date}, bo przelewy powyżej "
            "pewnej kwoty musi zatwierdzić zarząd. Przelew wyjdzie najpóźniej w następny "
            "wtorek, całość, bez żadnego rozkładania.",
            "Faktura {inv} jest już w zestawieniu przelewów na przyszły tydzień, pójdzie "
            "razem z innymi dostawcami.",
            "Szczerze mówiąc, ton Państwa ostatniego pisma był zupełnie niepotrzebny – "
            "współpracujemy od ośmiu lat i zawsze płaciliśmy. Zapłacimy {date}, ale prosiłbym "
            "o trochę więcej kultury w kolejnych wiadomościach.",
            "Dzien dobry, wygasla nam karta firmowa i dlatego nie pobralo sie za abonament "
            "serwera. Oplace recznie przelewem {date}, prosze nie wylaczac uslugi.",
            "ok, zaplace dzisiaj po poludniu",
            "Panie Marku, wiem, nawozy to jeszcze z wiosny. Zboże sprzedane, pieniądze już "
            "mam na koncie, więc {date} przelewam całość. Kłaniam się, Józef Nowak",
            "Dzień dobry,\n"
            "\n"
            "przepraszam, że odpisuję dopiero teraz – byłam na szkoleniu i skrzynka mi się "
            "zapchała. Sprawdziłam w systemie: faktura za druk katalogów jest u nas "
            "zaksięgowana i zatwierdzona przez kierownika marketingu.\n"
            "\n"
            "Przelew zlecę {date}. Jeśli będą Państwo potrzebowali potwierdzenia, chętnie "
            "wyślę.\n"
            "\n"
            "Pozdrawiam",
            "Fv {inv} zaakceptowana, pojdzie w czwartkowej paczce przelewow. Kwota {amount}, bez potracen.",
            "Dostalem drugie upomnienie, rozumiem. Tym razem naprawde placimy – szef podpisal "
            "juz przelew, ksiegowa wysle go jutro rano.",
            "W imieniu Wspólnoty Mieszkaniowej informuję, że zarząd zatwierdził płatność za "
            "sprzątanie klatek schodowych za październik. Środki zostaną przekazane do końca "
            "tego tygodnia.",
            "Szanowni Państwo, w nawiązaniu do wezwania uprzejmie informuję, że należność w "
            "kwocie {amount} zostanie uregulowana niezwłocznie, nie później niż w najbliższy "
            "piątek. Z poważaniem, Kancelaria Radcy Prawnego A. Zielińska",
        ],
        "payment_plan": [
            "Czy możemy rozłożyć fakturę {inv} na trzy raty? Sezon słaby i całości na raz nie damy rady.",
            "~Nie damy rady zapłacić całości {date}. Możemy dziś przelać połowę, a resztę pod "
            "koniec przyszłego miesiąca – czy to w porządku?",
            "Panie Prezesie, prosze o odroczenie terminu platnosci za pasze do konca "
            "pazdziernika, jak bedzie po zbiorze kukurydzy. Wczesniej po prostu nie mam z czego "
            "zaplacic.",
            "Dzien dobry, rozmawialismy w zeszlym tygodniu z p. Anna o splacie w ratach. "
            "Proponuje 4 raty po {amount}, pierwsza {date}. Prosze o potwierdzenie.",
            "Mamy teraz problem z płynnością. Czy zamiast płacić za cały rok hostingu z góry "
            "moglibyśmy rozłożyć tę zaległość na kilka miesięcznych części?",
            "Prosze o wydluzenie terminu platnosci o 30 dni. Nasz klient nam nie zaplacil i "
            "mamy dziure w budzecie.",
            "Panie Tomku, jak przez telefon – biore od was towar regularnie, ale teraz warsztat "
            "stoi pol miesiaca bo mechanik na L4. Moge placic po 1000 zl tygodniowo az splace? "
            "Pierwsze 1000 wysle {date}.",
            "Trzecie upomnienie w ciągu dwóch tygodni to lekka przesada, nie uciekamy z "
            "pieniędzmi. Niemniej potrzebujemy rozłożenia tej kwoty na dwie części: pierwszą "
            "zapłacimy {date}, drugą miesiąc później.",
            "Uprzejmie proszę o rozważenie możliwości rozłożenia należności na raty. Kancelaria "
            "jest w trakcie rozliczeń z kluczowym klientem i nie jesteśmy obecnie w stanie "
            "uregulować całej kwoty jednorazowo.",
            "moge w dwoch ratach?",
            "Dzień dobry,\n"
            "\n"
            "otrzymaliśmy Państwa przypomnienie o fakturze za druk ulotek i roll-upów na targi. "
            "Targi niestety wypadły dużo gorzej, niż zakładaliśmy.\n"
            "\n"
            "Chcielibyśmy zapłacić teraz {amount}, a pozostałą część w dwóch ratach, w styczniu "
            "i w lutym. Czy jest na to zgoda?\n"
            "\n"
            "Pozdrawiam serdecznie",
            "Czy moge zaplacic dopiero {date}? Wczesniej nie bede miec srodkow, dlatego prosze "
            "o zgode na przesuniecie terminu.",
            "Jesteśmy małym przedszkolem i we wrześniu mieliśmy mniej dzieci niż zwykle. Czy za "
            "sprzątanie możemy zapłacić w ratach, np. po połowie w tym i w przyszłym miesiącu?",
            "Zaleglosc {amount} – proponuje splate czesciami: 30% teraz, reszta w trzech "
            "rownych ratach miesiecznych. Jesli sie zgadzacie, prosze przeslac harmonogram.",
        ],
        "already_paid": [
            "Faktura {inv} została opłacona {paid_on}, w załączeniu potwierdzenie przelewu. "
            "[[attachment: potwierdzenie_przelewu.pdf]]",
            "zaplacone. sprawdzcie konto",
            "Przelew poszedl {paid_on}, moze jeszcze nie doszedl bo byl wysylany po 15-tej.",
            "Rozliczyliśmy to kompensatą z Państwa fakturą za zwrot palet – oświadczenie o "
            "kompensacie wysłaliśmy pocztą {paid_on}.",
            "Ja za ten nawoz zaplacilem gotowka w kasie spoldzielni, od razu przy odbiorze. Mam "
            "KP, moge przyniesc.",
            "Nie rozumiem, skąd ten ostry ton i groźba przekazania sprawy do windykacji. "
            "Zapłaciliśmy {amount} już {paid_on}, wystarczyło sprawdzić wyciąg.",
            "Abonament za listopad został pobrany z karty automatycznie {paid_on}, mam to na "
            "wyciągu. Pewnie coś się u Was nie zaksięgowało.",
            "Tak jak mówiłam Pani w czwartek przez telefon – ta faktura jest u nas zapłacona. "
            "Przelew wyszedł {paid_on} z konta w mBanku, w tytule {inv}.",
            "Dzień dobry,\n"
            "\n"
            "dostałem dziś od Was wezwanie do zapłaty za części do Passata (klocki, tarcze, "
            "komplet filtrów). Trochę się zdziwiłem, bo zawsze płacę od razu.\n"
            "\n"
            "Sprawdziłem w banku – pieniądze zeszły z konta {paid_on}, kwota {amount}. Może "
            "wpisałem zły tytuł przelewu, ale przelew na pewno jest.\n"
            "\n"
            "Pozdrawiam, Marek",
            "Zapłacone w zeszły poniedziałek, a nie – przepraszam, we wtorek, {paid_on}. W "
            "każdym razie pieniądze są u Państwa od tygodnia.",
            "Należność uregulowaliśmy {paid_on} w mechanizmie podzielonej płatności – netto "
            "poszło na rachunek rozliczeniowy, VAT na Państwa rachunek VAT. Proszę sprawdzić "
            "oba konta.",
            "kasa juz wyszla z naszego konta wczoraj, jutro powinna byc u was",
            "Uprzejmie informuję, że wskazana należność została uiszczona w całości. "
            "Potwierdzenie wykonania operacji bankowej przesyłam w załączeniu. [[attachment: "
            "potwierdzenie_operacji.pdf]]",
            "Za sprzątanie po remoncie rozliczyłam się z Panią Kasią na miejscu, gotówką – "
            "dostała {amount} do ręki. Proszę oznaczyć fakturę jako opłaconą.",
        ],
        "dispute": [
            "Nie zapłacimy {inv}, dopóki nie dostaniemy faktury korygującej – nakład był 5000 "
            "ulotek, a zafakturowali Państwo 8000.",
            "Połowa katalogów przyszła z przesuniętym kolorem, reklamację zgłaszaliśmy mailowo dwa "
            "tygodnie temu i do dziś bez odpowiedzi. Do czasu rozpatrzenia reklamacji nie płacimy.",
            "Serwer był niedostępny przez prawie 4 dni w październiku, a umowa gwarantuje dostępność "
            "99,9%. Oczekujemy faktury korygującej za ten miesiąc, pełnej kwoty nie zapłacimy.",
            "wypowiedzielismy umowe na hosting jeszcze we wrzesniu, mam potwierdzenie od waszego "
            "supportu. za pazdziernik i listopad nie ma za co placic",
            "Alternator, który dostaliśmy, był regenerowany, a zamawialiśmy nowy. Odesłaliśmy go "
            "kurierem, proszę o korektę faktury do zera.",
            "Cena na fakturze {inv} nie zgadza się z ofertą – w ofercie było 42 zł netto za sztukę, "
            "na fakturze jest 49 zł. Proszę o korektę.",
            "Ekipa sprzątająca była u nas w listopadzie tylko dwa razy zamiast ośmiu, mamy to w "
            "zeszycie wejść ochrony. Nie zapłacimy za usługi, które nie zostały wykonane.",
            "Ta sama usługa została zafakturowana dwukrotnie – na {inv} i na fakturze z poprzedniego "
            "tygodnia. Tej faktury nie uznajemy, prosimy o jej anulowanie.",
            "Pasza z ostatniej dostawy byla zawilgocona i splesniala, swinie nie chcialy jej jesc. "
            "Wasz przedstawiciel pobral probki. Za te partie nie zaplace, dopoki nie bedzie wyniku "
            "badania.",
            "Kancelaria nie zamawiała materiałów biurowych wskazanych w fakturze {inv}. Zamówienie "
            "mogło zostać złożone przez osobę nieuprawnioną. Wnosimy o anulowanie faktury.",
            "Na fakturze jest 23% VAT, a na druk książek z ISBN powinno być 5%. Prosze o wystawienie "
            "korekty, w obecnej formie faktury nie zaplacimy.",
            "Dzień dobry,\n"
            "\n"
            "przyznam, że Państwa pismo z „ostatecznym wezwaniem” mnie zirytowało – nikt wcześniej "
            "nie odpowiedział na moje dwa maile.\n"
            "\n"
            "Powtórzę więc po raz trzeci: zamówiliśmy 12 kompletów opon zimowych, dostarczono 10, a "
            "faktura jest na 12. Dopóki nie dostaniemy korekty na brakujące 2 komplety, faktury nie "
            "zapłacimy.\n"
            "\n"
            "Marek Wiśniewski, Auto-Serwis",
            "towar nie doszedl. za co mam placic?",
            "Prosimy o korektę faktury – jest na niej błędny NIP i zła nazwa firmy (to dane innego "
            "klienta). W takiej formie nie możemy jej ani zaksięgować, ani zapłacić.",
        ],
        "other": [
            "Proszę o przesłanie kopii faktury {inv}, nie mogę jej znaleźć w poczcie.",
            "Przekazałam do działu księgowości, to oni zajmują się płatnościami.",
            "Sprawdzę to i dam znać do końca tygodnia.",
            "Podajcie prosze numer konta jeszcze raz, bo w stopce faktury jest inny niz na stronie "
            "internetowej i nie chce przelac na zly.",
            "Zapłacę, jak tylko przyjdą dopłaty bezpośrednie z ARiMR, wcześniej nie mam skąd. Kiedy "
            "przyjdą – nie wiem.",
            "Od 1 grudnia zmieniamy adres siedziby na ul. Przemysłowa 14, 62-800 Kalisz. Proszę "
            "zaktualizować dane na kolejnych fakturach.",
            "Nie podoba mi się forma tych przypomnień, trzy maile w tydzień to przesada. Na przyszłość "
            "proszę kontaktować się telefonicznie z Panem Adamem.",
            "Kto u Państwa zajmuje się rozliczeniami? Chciałbym to omówić telefonicznie, proszę o numer.",
            "Czy ta faktura dotyczy serwera VPS czy domeny? Mamy u Was dwie usługi i nie wiem, do "
            "czego ją przypisać.",
            "dostalem, dzieki",
            "Potwierdzam otrzymanie wezwania. Sprawa została przekazana wspólnikowi zarządzającemu, "
            "który podejmie decyzję co do dalszego postępowania.",
            "Dzień dobry,\n"
            "\n"
            "od listopada naszą księgowość prowadzi biuro rachunkowe „Bilans” z Radomia, a nie ja. "
            "Wszystkie faktury i przypomnienia proszę wysyłać na adres faktury@biuro-bilans.pl.\n"
            "\n"
            "Tę wiadomość również im przekazałem.\n"
            "\n"
            "Pozdrawiam",
            "Moze uda sie zaplacic w tym miesiacu, ale nic nie obiecuje – zalezy, czy najemca "
            "ureguluje czynsz.",
            "Po przekształceniu w spółkę z o.o. mamy nowy NIP. Proszę, żeby faktury od grudnia były "
            "wystawiane już na nowe dane – wyślę odpis z KRS, jeśli potrzebny.",
        ],
    },
    "en": {
        "promise_to_pay": [
            "Thanks for the reminder. Payment for {inv} will go out {date}.",
            "Apologies, this one slipped through the cracks. We'll settle the {amount} {date}.",
            "It's been added to next Thursday's BACS run, so you should have the money by the "
            "end of next week.",
            "Spoke to your colleague Jenny on the phone this morning - as I told her, we'll "
            "clear the full balance {date}.",
            "~We can't make it {date}, our director only signs off payments once a week, but "
            "the transfer will definitely be made on the 28th.",
            "ok will pay friday. sorry no, monday - friday our bank is shut for the holiday. monday it is",
            "Hi,\n"
            "\n"
            "First of all I have to say the tone of your second letter was not necessary. "
            "We've been ordering our brochures and flyers from you for six years and have "
            "always paid.\n"
            "\n"
            "That said, the invoice is correct and we will pay it {date}.\n"
            "\n"
            "Regards, Sandra",
            "Our card on file expired, which is why the direct debit for the hosting bounced. "
            "I'll pay {inv} manually by bank transfer {date}.",
            "Hello, we are sorry for delay. The payment for invoice {inv} we will make in "
            "next week, our accountant is back from holiday on Monday and she will send it.",
            "Noted. Full amount going out with our Friday payment run.",
            "The co-op committee approved your invoice at last night's meeting. Our treasurer "
            "will transfer the {amount} {date}.",
            "Sorry mate, had a nightmare month at the garage and it got buried. I'll get the "
            "full {amount} over to you {date}, no problem.",
            "Yes, I got this one and the reminder before it. I know, I know. It will be paid "
            "in full this week, you have my word.",
            "Hi, the cleaning invoice for October was stuck waiting for sign-off from our "
            "site manager. It's approved now and will be paid with tomorrow's transfers.",
        ],
        "payment_plan": [
            "Could we pay {inv} in three monthly instalments? Cash flow is very tight because "
            "the harvest came in late this year.",
            "~We're not able to pay the full amount {date}. Would it be OK if we pay half now "
            "and the rest next month?",
            "can we split it in two? half now half end of month",
            "Dear Sir or Madam,\n"
            "\n"
            "Following our telephone conversation yesterday with Mr Patel, I am writing to "
            "confirm our proposal. We would pay {amount} now and the remaining balance in equal "
            "parts over the next four months.\n"
            "\n"
            "Please let me know whether this is acceptable.",
            "We need a bit more time on this one. Would it be possible to extend the deadline "
            "so that we pay {date}? Two of our big clients are paying late.",
            "We're a small charity and can't pay the annual hosting renewal in one go. Is there "
            "any chance we could pay it in monthly parts this year?",
            "Hello, we have problem with liquidity at the moment. We propose to pay this "
            "invoice in 3 parts, first part {date}, next parts every month. Is it ok for you?",
            "Our practice manager has asked me to request a payment arrangement on the "
            "outstanding balance of {amount}. We could offer 250 pounds per month until it is "
            "cleared.",
            "I can pay 300 quid on Friday and the rest when I get paid at the end of the month, "
            "if that works for you?",
            "Is there any way we could defer this until January? December is always our worst "
            "month for cash.",
            "Just to be clear, we are not refusing to pay. But we can't do it all at once right "
            "now. Can we set up some kind of arrangement, weekly payments maybe?",
            "The print job was fine and we owe you the money, no argument there. Problem is the "
            "event got cancelled and we've lost the ticket income. Could we spread the {amount} "
            "over the next three months?",
            "We've got four of your invoices open at the moment. Could we pay the two oldest "
            "ones {date} and the other two in February?",
            "Sorry about the delay. Could you grant us a 30-day extension on {inv}? Our bank "
            "has frozen our overdraft while they review the account.",
        ],
        "already_paid": [
            "This was paid on {paid_on}. Please check your account.",
            "sorted, paid it last week",
            "We settled {inv} by BACS on {paid_on}, remittance advice attached. [[attachment: "
            "remittance_advice.pdf]]",
            "Hello,\n"
            "\n"
            "I'm quite annoyed to receive a 'final reminder' threatening debt collection.\n"
            "\n"
            "The invoice was paid on {paid_on} - the money left our account the same day. "
            "Please sort out your records before sending letters like this.\n"
            "\n"
            "K. Morris",
            "Hi, this was offset against your credit note from September, so there's nothing "
            "outstanding on our side.",
            "Our driver paid cash when he picked up the parts, he's got the receipt signed by "
            "your counter staff.",
            "The hosting fee was taken by direct debit on {paid_on}, I can see it on our bank statement.",
            "Good morning, we make the transfer already on {paid_on}, amount {amount}. Maybe "
            "you booked it on a wrong account?",
            "Done, check your account.",
            "I rang your office on Tuesday and told the lady we'd paid this. We paid the full "
            "{amount} on {paid_on}. Please stop sending reminders.",
            "Paid in full in our payment run on {paid_on}. The reference we used was {inv}.",
            "The co-op paid this out of the members' account at the start of the month. Our "
            "treasurer has confirmed the money went out.",
            "Our cleaning invoices all went out together with the other contractors' payments "
            "on {paid_on}, yours included.",
            "Hello, our bookkeeper says this invoice is cleared - it was paid together with the "
            "October one in a single transfer.",
        ],
        "dispute": [
            "We will NOT pay this until we receive a corrected invoice - you've charged VAT at 20% "
            "on items that are zero-rated.",
            "We ordered 500 brochures and you delivered 350. Please issue a credit note for the difference.",
            "The server was down for most of October and your SLA says we get a service credit for "
            "that. We're not paying the full {amount} for a month we barely had.",
            "This invoice is for a contract we cancelled in August. We gave written notice, so we "
            "won't be paying it.",
            "The brake discs in the last delivery arrived damaged - half of them cracked. We've sent "
            "photos to your sales rep twice. Until this is sorted we're not paying {inv}.",
            "You've billed the same delivery twice. {inv} has the same delivery note number as the "
            "invoice we already paid, so it's a duplicate - please cancel it.",
            "Your cleaners didn't turn up on three of the four Mondays in November. I'm not paying "
            "for cleaning that wasn't done. Send me a corrected invoice for the one visit.",
            "Hi,\n"
            "\n"
            "Further to my call with your accounts department last week - I was told someone would "
            "look into the price on this invoice and get back to me. Nobody has.\n"
            "\n"
            "The quote we agreed was 1,150 pounds and the invoice says {amount}. We'll pay the "
            "quoted price when you send an amended invoice, not before.\n"
            "\n"
            "Thanks, Dave",
            "never ordered this. no idea what its for",
            "Hello, the quantity on invoice is not correct, we receive only 40 pieces not 60. Please "
            "send us correction invoice for the 20 pieces.",
            "The fertiliser on this invoice is charged at list price, not the members' price agreed "
            "for this season. Please re-issue it at the correct rate.",
            "We don't recognise this charge. Our subscription was downgraded to the basic plan in "
            "September but you've still billed us for premium.",
            "We dispute this invoice in full. The courier collections listed for 12 and 14 November "
            "were not requested by anyone at this firm, and there are no signed dockets.",
            "Frankly the threatening tone is a bit much when half the order still hasn't arrived. "
            "The invoice charges us for all four pallets and we've had two, so it's wrong.",
        ],
        "other": [
            "Could you send us a copy of {inv}? We can't find it anywhere in our system.",
            "I've passed this on to our accounts department, they'll come back to you.",
            "Please note we have moved. From now on all invoices and letters should go to our new "
            "office at Unit 4, Riverside Park, Leeds.",
            "Can you confirm your bank details? We had a letter saying they had changed and want to "
            "check it's genuine before we pay anything.",
            "We'll pay as soon as our client settles with us - they owe us a lot and we're waiting on them.",
            "I'll check with my business partner and get back to you.",
            "I must say I found the tone of your latest letter quite aggressive for an account that's "
            "been with you for ten years. I'd appreciate a more courteous approach in future.",
            "Received, thanks.",
            "Who should I speak to about our account? The number on the letter just rings out.",
            "Hi,\n"
            "\n"
            "Just to let you know we were taken over by Harland Group on 1 December.\n"
            "\n"
            "Our new VAT number is GB 123 4567 89 - please update your records for future invoices. "
            "Thanks.",
            "Does this reminder cover the December hosting as well or just November?",
            "We'll look into it.",
            "Hello, I am new in this company and I don't find this invoice in our folders. Please can "
            "you tell me which order it is related to?",
            "Our MD is away until the 12th and he has to approve any payment over 5,000 pounds. I'll "
            "put it in front of him when he's back.",
        ],
    },
    "de": {
        "promise_to_pay": [
            "Wir überweisen den offenen Betrag {date}.",
            "Hallo, die Rechnung {inv} ist im nächsten Zahlungslauf enthalten. Danke für Ihre Geduld.",
            "~{date} klappt es bei uns leider nicht, weil unser Geschäftsführer die Zahlung "
            "erst freigeben muss und er bis Montag auf Dienstreise ist. Am Dienstag zahlen "
            "wir dann aber den vollen Betrag.",
            "Sorry, das ist bei uns untergegangen. Geht heute noch raus.",
            "Guten Tag,\n"
            "wir haben Ihre Zahlungserinnerung erhalten. Den Betrag von {amount} überweisen "
            "wir {date}. Bitte entschuldigen Sie die Verzögerung.",
            "Zahlen wir am Freitag - quatsch, Montag, am Freitag ist bei uns Betriebsausflug "
            "und keiner in der Buchhaltung. Also Montag kommt das Geld.",
            "Hallo Frau Krüger, wie heute am Telefon besprochen: die Rechnung {inv} wird {date} beglichen.",
            "ok wird erledigt, ueberweisung kommt diese woche noch",
            "Sehr geehrte Damen und Herren,\n"
            "\n"
            "Ihre zweite Mahnung hat uns ehrlich gesagt etwas geärgert, der Ton ist für eine "
            "Geschäftsbeziehung von über zehn Jahren schon ziemlich scharf. Ein kurzer Anruf "
            "hätte genügt.\n"
            "\n"
            "Unabhängig davon ist die Rechnung natürlich berechtigt, und wir überweisen "
            "{date}.\n"
            "\n"
            "Mit freundlichen Grüßen",
            "Rechnung {inv} ist freigegeben und geht mit dem Zahlungslauf am Donnerstag raus.",
            "Die Skontofrist haben wir leider verpasst, wir zahlen also den vollen Betrag von "
            "{amount} {date}.",
            "Moin, ich überweis das morgen früh, heute schaff ich es nicht mehr zur Bank. Tut "
            "mir leid mit der Verspätung.",
            "Wir haben die Überweisung für {date} terminiert, der Betrag ist dann vollständig bei Ihnen.",
            "Wir zahlen, keine Sorge. Die Rechnug geht mit unseren Monatsendzahlungen raus.",
        ],
        "payment_plan": [
            "Wir können {amount} im Moment nicht auf einmal zahlen. Wäre eine Ratenzahlung in "
            "drei Monatsraten möglich?",
            "~{date} schaffen wir das leider nicht. Könnten wir die Hälfte jetzt und den Rest "
            "Ende des Monats zahlen?",
            "Hallo, können Sie uns bei der Rechnung {inv} noch vier Wochen Aufschub gewähren? "
            "Ein großer Kunde von uns ist selbst mit seiner Zahlung im Verzug.",
            "Wir schlagen vor: 500 Euro sofort, danach monatlich 300 Euro, bis alles bezahlt "
            "ist. Ist das fuer Sie in Ordnung?",
            "Wäre es für Sie in Ordnung, wenn wir die Rechnung erst {date} begleichen? Die "
            "Ernte war dieses Jahr spät dran und das Geld von der Genossenschaft kommt erst "
            "danach.",
            "Guten Tag,\n"
            "\n"
            "ich habe Ihre Mahnung vom letzten Donnerstag bekommen und auch schon versucht, Sie "
            "telefonisch zu erreichen.\n"
            "\n"
            "Die Druckaufträge für die Messe waren teurer als geplant, und die Messe selbst "
            "lief schlechter als erhofft. Ich möchte Ihnen deshalb vorschlagen, die {amount} in "
            "vier gleichen Raten zu zahlen, jeweils zum Monatsersten.\n"
            "\n"
            "Bitte geben Sie mir kurz Bescheid, ob das für Sie geht.",
            "kann ich das in 2 teilen zahlen? erste haelfte jetzt, zweite {date}",
            "Wir bitten um Stundung des offenen Betrags um 60 Tage.",
            "Leider haben wir momentan einen Liquiditätsengpass. Gibt es die Möglichkeit einer "
            "Ratenvereinbarung? Wir wollen auf jeden Fall zahlen, nur eben nicht alles auf "
            "einmal.",
            "Die drei offenen Monatsrechnungen für das Hosting auf einmal sind für uns gerade "
            "nicht machbar. Können wir jeden Monat zusätzlich zur laufenden Rechnung eine der "
            "alten abstottern?",
            "Wir überweisen heute 1.000 € als Teilzahlung. Für den Rest bräuchten wir bitte "
            "noch etwas Zeit, ich melde mich mit einem Vorschlag.",
            "Zahlungsziel verlaengern moeglich? Wir braeuchten noch 14 Tage.",
            "Ihre Mahnung mit Inkasso-Drohung finde ich nach unserem Telefonat letzte Woche "
            "ziemlich daneben. Wie am Telefon gesagt: wir zahlen in Raten, 250 € pro Monat, die "
            "erste Rate {date}.",
            "Wäre eine Aufteilung in drei Raten okay? Die erste könnten wir am 1. zahlen, "
            "Korrektur: am 15., vorher ist unser Konto leer.",
        ],
        "already_paid": [
            "Die Rechnung {inv} haben wir bereits am {paid_on} bezahlt.",
            "erledigt, schaut mal auf euer Konto",
            "Guten Tag, der Betrag wurde am {paid_on} überwiesen, die Überweisungsbestätigung "
            "hänge ich an. [[attachment: Ueberweisungsbeleg.pdf]]",
            "Wir haben die Rechnung mit Ihrer Gutschrift aus dem September verrechnet, der "
            "offene Saldo ist damit null.",
            "Das wurde doch schon bezahlt?! Bitte prüfen Sie Ihre Zahlungseingänge vom "
            "{paid_on}, {amount} von unserem Konto bei der Sparkasse.",
            "Hallo, Ihr Fahrer hat den Betrag bei der Lieferung bar kassiert, die Quittung liegt bei uns.",
            "Sehr geehrte Damen und Herren,\n"
            "\n"
            "ich bin etwas irritiert über Ihre dritte Mahnung. Ich habe schon nach der ersten "
            "Erinnerung bei Ihnen angerufen und Ihrer Kollegin gesagt, dass die Zahlung "
            "unterwegs ist.\n"
            "\n"
            "Das Geld ist am {paid_on} von unserem Konto abgegangen. Bitte gleichen Sie das "
            "intern ab und stellen Sie die Mahnungen ein.",
            "Die Lastschrift für den Hosting-Vertrag ist doch ganz normal abgebucht worden, bei "
            "uns sehe ich die Buchung.",
            "Zahlung ist raus, Valuta {paid_on}.",
            "Bezahlt per PayPal am {paid_on}, die Transaktions-ID schicke ich gern nach.",
            "Die Rechnung ist beglichen, wir haben sie zusammen mit {inv} in einer "
            "Sammelüberweisung bezahlt. Vielleicht wurde das bei Ihnen nicht richtig "
            "zugeordnet.",
            "wir haben abzueglich 2% Skonto fristgerecht gezahlt, da ist nichts mehr offen",
            "Das Geld hat unser Konto schon verlassen, die Bank braucht vielleicht noch einen Tag.",
            "Die Genossenschaft hat den Betrag mit der Milchgeldabrechnung vom {paid_on} "
            "verrechnet, steht auf der Abrechnung drauf.",
        ],
        "dispute": [
            "Die Rechnung {inv} ist falsch, wir hatten 2.000 Flyer bestellt und nicht 5.000. Bitte "
            "korrigieren.",
            "Wir zahlen erst, wenn wir eine korrigierte Rechnung bekommen. Für den Druck der Bücher "
            "haben Sie 19 % statt 7 % Mehrwertsteuer berechnet.",
            "Der Server war im September fast eine Woche lang nicht erreichbar. Für diesen Monat "
            "zahlen wir nicht den vollen Preis, bitte schicken Sie uns eine Gutschrift.",
            "Die Bremsscheiben kamen beschädigt an, das haben wir sofort reklamiert. Solange kein "
            "Ersatz da ist, bezahlen wir diese Position nicht.",
            "Den Vertrag haben wir fristgerecht zum 30.06. gekündigt, die Rechnungen für Juli und "
            "August sind deshalb nicht berechtigt.",
            "Diese Rechnung haben Sie uns doppelt gestellt, die gleiche Leistung steht schon auf {inv}.",
            "Guten Tag,\n"
            "\n"
            "wir haben gestern mit Herrn Albers telefoniert, er wollte sich darum kümmern, passiert "
            "ist nichts. Stattdessen kommt jetzt eine Mahnung.\n"
            "\n"
            "Noch einmal schriftlich: Die Grundreinigung im Oktober wurde nicht durchgeführt, Ihre "
            "Leute waren nur zur normalen Unterhaltsreinigung da. Die {amount} für die "
            "Grundreinigung zahlen wir nicht.\n"
            "\n"
            "Gruß",
            "Wir haben das nie bestellt. Bitte stornieren Sie die Rechnung.",
            "preis stimmt nicht, angebot war 12,50 pro stueck, berechnet habt ihr 14,80",
            "Die Lieferung ist bis heute nicht vollständig bei uns angekommen, es fehlen noch zwei "
            "Paletten. Die fehlende Ware bezahlen wir selbstverständlich nicht.",
            "Der Preis pro Tonne Futter liegt über dem, was in der Mitgliederversammlung beschlossen "
            "wurde. Wir bitten um eine berichtigte Rechnung.",
            "Ich verbitte mir den Ton Ihrer Mahnung. Ganz abgesehen davon ist die Rechnung falsch: "
            "Sie haben 40 Stunden abgerechnet, vereinbart war eine Pauschale für 25.",
            "Unsere Kanzlei widerspricht der Forderung. Die Wartung der Kopierer ist im "
            "Wartungsvertrag enthalten und darf nicht extra berechnet werden.",
            "Die Ware ging als Retoure an Sie zurück, die Sendungsnummer haben Sie. Trotzdem "
            "berechnen Sie sie uns weiter. Bitte eine Gutschrift erstellen.",
        ],
        "other": [
            "Können Sie mir bitte die Rechnung {inv} noch einmal als PDF schicken? Ich finde sie nicht.",
            "Ich habe Ihre Mahnung an unsere Buchhaltung weitergeleitet.",
            "Wir prüfen das und melden uns.",
            "Bitte senden Sie Rechnungen ab sofort an unsere neue Adresse: Am Feldrain 4, 29525 Uelzen.",
            "Wir zahlen, sobald unser Auftraggeber uns bezahlt hat.",
            "Welche Bankverbindung soll ich verwenden? Auf der Rechnung stehen zwei verschiedene IBANs.",
            "Ich finde den Ton Ihrer Mahnung unangemessen. Wir sind seit Jahren Kunde bei Ihnen und "
            "werden das intern besprechen.",
            "Danke für den Hinweis, hab's gesehen.",
            "Unsere USt-IdNr. hat sich geändert, die neue lautet DE298765431. Bitte bei künftigen "
            "Rechnungen berücksichtigen.",
            "Wer ist bei Ihnen für die Debitorenbuchhaltung zuständig? Ich hätte eine Frage zu den "
            "Zahlungsbedingungen im Rahmenvertrag.",
            "Hallo,\n"
            "\n"
            "ich bin erst seit letzter Woche für die Kreditorenbuchhaltung zuständig, meine "
            "Vorgängerin ist leider ohne Übergabe gegangen.\n"
            "\n"
            "Ich muss mir erst einen Überblick verschaffen, welche Rechnungen offen sind und welche "
            "nicht. Sobald ich das geklärt habe, melde ich mich bei Ihnen.\n"
            "\n"
            "Viele Grüße",
            "Ob und wann wir zahlen können, hängt davon ab, ob die Versicherung den Hagelschaden "
            "übernimmt. Ich halte Sie auf dem Laufenden.",
            "Bitte rufen Sie mich zurück, ich möchte das lieber telefonisch besprechen. Tel. 0171 2345678.",
            "Gibt es die Rechnung auch als XRechnung? Unser System nimmt keine normalen PDFs mehr an.",
        ],
    },
}


HELDOUT17_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "pl": {
        "promise_to_pay": [
            "Zapłacimy {date}.",
            "Przelew na {amount} wyślę {date}, tak jak ustaliliśmy w rozmowie z Panią Ewą.",
            "~Przepraszam, ale {date} się nie wyrobimy. Całość zapłacimy w najbliższy "
            "poniedziałek, przelew jest już przygotowany.",
            "zaplacimy w srode, nie – w czwartek, w srode dopiero wchodzi nam wplyw od "
            "klienta. czwartek na pewno",
            "Faktura {inv} jest zatwierdzona i zaplanowana w najbliższym cyklu płatności – wyjdzie {date}.",
            "Panie kierowniku, pieniadze ze skupu juz dostalem, wiec za nawozy i oprysk "
            "zaplace {date}. Przepraszam ze tak dlugo to trwalo.",
            "Nie chcemy stracić strony, więc abonament opłacimy jeszcze dziś. Proszę nie blokować konta.",
            "Rozumiem, że terminy są terminami, ale dzwonienie do naszej recepcji trzy razy "
            "dziennie nie jest w porządku. Płatność zrobimy {date}, prosimy o cierpliwość do "
            "tego czasu.",
            "Szanowna Pani, zobowiązujemy się uregulować zaległość w kwocie {amount} {date}. "
            "Opóźnienie wynikło z urlopu osoby upoważnionej do podpisywania przelewów.",
            "Dzień dobry,\n"
            "\n"
            "przepraszam za zwłokę. Od września zmieniliśmy biuro rachunkowe i część faktur "
            "przy przekazywaniu dokumentów po prostu zginęła – Państwa też.\n"
            "\n"
            "Fakturę już mamy i jest wprowadzona do systemu. Zapłacimy ją w tym tygodniu "
            "razem z grudniową.\n"
            "\n"
            "Pozdrawiam,\n"
            "Agnieszka",
            "Po rozmowie z szefem: płacimy całość, bez potrącania za tych kilka pogniecionych "
            "plakatów. Przelew {date}.",
            "przelw bedzie jutro, dzis juz bank nie puscil bo po sesji",
            "Ok, widzę zaległość. Wrzucę ją do przelewów w piątek, razem z bieżącymi fakturami za części.",
            "Dziękuję za przypomnienie, faktycznie przeoczyliśmy. Ureguluję od razu po "
            "powrocie do biura, czyli jutro przed południem.",
        ],
        "payment_plan": [
            "Czy jest możliwość spłaty w ratach?",
            "~Niestety {date} nie zapłacimy całości. Proponujemy {amount} teraz, a resztę w "
            "ciągu 60 dni – czy to dla Państwa akceptowalne?",
            "Susza zniszczyła mi połowę rzepaku i w tym roku jestem pod kreską. Proszę zarząd "
            "spółdzielni o rozłożenie długu za środki ochrony roślin na raty do przyszłych "
            "żniw.",
            "Prosimy o odroczenie płatności za serwery o miesiąc, czekamy na wypłatę transzy z "
            "projektu unijnego. Usługi chcemy oczywiście utrzymać.",
            "dacie rade poczekac jeszcze 2 tygodnie? mamy teraz ciezko z kasa",
            "Możemy zapłacić {date} połowę, a drugą połowę w styczniu?",
            "Dzień dobry,\n"
            "\n"
            "w nawiązaniu do wczorajszej rozmowy telefonicznej z Panem Krzysztofem: kalendarze "
            "firmowe na przyszły rok już rozesłaliśmy, tylko nasi klienci płacą z dużym "
            "poślizgiem.\n"
            "\n"
            "Zgodnie z tym, co wstępnie ustaliliśmy, proponujemy trzy raty: pierwsza {date}, "
            "kolejne dwie co miesiąc. Proszę o potwierdzenie mailem, żebyśmy mieli to na "
            "piśmie.\n"
            "\n"
            "Pozdrawiam",
            "Warsztat ma przestój, bo wymieniamy podnośnik. Czy mogę spłacać fakturę {inv} po "
            "kawałku, co tydzień trochę, do końca miesiąca?",
            "Nie musicie od razu grozić sądem, jesteśmy waszym klientem od lat. Prosimy o "
            "rozłożenie należności na 6 miesięcznych rat, bo jednorazowo nie udźwigniemy tej "
            "kwoty.",
            "Zwracam się z uprzejmą prośbą o prolongatę terminu płatności faktury {inv} o 21 "
            "dni. Zaznaczam, że nie kwestionujemy należności.",
            "Proponuję dwie raty – albo nie, trzy, tak będzie bezpieczniej. Pierwsza {date}, "
            "każda po mniej więcej jednej trzeciej kwoty.",
            "Nasz sklep jest w remoncie i nie mamy utargu. Za sprzątanie zapłacę część teraz, a "
            "resztę jak otworzymy – czy zgodzą się Państwo na takie rozłożenie?",
            "nie mamy calej kwoty. ile minimum musimy wplacic zeby nie wylaczyli nam uslug, a "
            "reszte doplacimy pozniej?",
            "Sprawdziłam budżet: w tym miesiącu możemy przeznaczyć na Państwa fakturę "
            "maksymalnie {amount}. Czy resztę możemy dopłacić w przyszłym kwartale?",
        ],
        "already_paid": [
            "Zapłacone {paid_on}.",
            "zrobione, sprawdzcie konto",
            "W załączniku potwierdzenie przelewu z {paid_on}. Proszę o zamknięcie sprawy. "
            "[[attachment: przelew_elixir.pdf]]",
            "Faktura została skompensowana z naszą fakturą za transport – porozumienie "
            "kompensacyjne podpisał Państwa dyrektor {paid_on}, mamy egzemplarz z podpisem.",
            "Przeciez ja sie rozliczylem zbozem! Oddalem pszenice na poczet nawozu, magazynier "
            "wypisal kwit. Ta faktura jest rozliczona.",
            "Płaciliśmy przez PayU przy odnowieniu, w panelu klienta status jest „opłacone”. "
            "Kwota {amount}, transakcja z {paid_on}.",
            "Wysyłanie wezwania przedsądowego bez jednego telefonu to słaba praktyka, tym "
            "bardziej że przelew wyszedł od nas {paid_on}. Proszę sprawdzić, zanim znowu coś "
            "wyślecie.",
            "Po naszej rozmowie sprawdziłem jeszcze raz: faktura {inv} zapłacona, bank "
            "potwierdza realizację przelewu. Może trafiło na inne konto – w tytule był numer "
            "faktury.",
            "Szefowa zapłaciła Panu Romanowi gotówką przy odbiorze prac, ma od niego pokwitowanie.",
            "Dzień dobry,\n"
            "\n"
            "zdziwiło mnie to przypomnienie, bo wydawało mi się, że wszystko mamy rozliczone. "
            "Zajrzałam więc do wyciągów.\n"
            "\n"
            "Przelew {amount} poszedł {paid_on} na rachunek podany na fakturze. Może został "
            "zaksięgowany na inną fakturę? Proszę to sprawdzić po swojej stronie.\n"
            "\n"
            "Pozdrawiam, Iwona z księgowości",
            "Zapłaciłem przedwczoraj – a właściwie w piątek, {paid_on}, przedwczoraj to "
            "płaciłem komu innemu. W każdym razie przelew jest.",
            "przelew poszedl w zeszlym tygodniu, w tytule dalem nr zamowienia a nie faktury, "
            "stad pewnie zamieszanie",
            "Informuję, że należność została zapłacona z rachunku kancelarii w dniu {paid_on}. "
            "Prosimy o aktualizację salda.",
            "Te klocki byly oplacone za pobraniem, u kuriera. Potwierdzenie pobrania mam.",
        ],
        "dispute": [
            "Nie zamawialiśmy tego.",
            "Zafakturowaliście 500 szt. wizytówek, a odebraliśmy 200. Proszę o fakturę korygującą.",
            "Zanim zaczną Państwo straszyć windykacją, proszę przeczytać moją reklamację z 5 "
            "listopada. Zaproszenia wydrukowano z literówką w nazwisku pary młodej, cały nakład do "
            "wyrzucenia. Za wadliwy druk nie zapłacę.",
            "Odnowienie domeny miało być w pakiecie, a dostaliśmy osobną fakturę {inv}. W umowie "
            "jest to wyraźnie wliczone w abonament, więc tej faktury nie uznajemy.",
            "Połowa zamówienia to złe numery katalogowe – przyszły filtry do innego modelu. Zwrot "
            "jest już u Was w magazynie, list przewozowy w załączniku. Prosimy o korektę na zwróconą "
            "część. [[attachment: list_przewozowy_zwrot.pdf]]",
            "Po Waszym sprzątaniu mamy porysowaną podłogę w sali konferencyjnej i zbitą szybę w "
            "gablocie. Szkoda zgłoszona, protokół spisany. Faktury w tej sytuacji nie zapłacimy.",
            "Zafakturowano mi 12 ton nawozu, a przywiezli 10 – mam kwit z wagi. Nie zaplace za cos, "
            "czego nie dostalem.",
            "Kancelaria rozwiązała umowę ze skutkiem na dzień 30 września, co potwierdza Państwa "
            "pismo. Faktura {inv} za październik jest bezpodstawna i nie zostanie zapłacona.",
            "Na fakturze nie uwzględniono rabatu 10%, który mamy w umowie ramowej. Do czasu "
            "otrzymania korekty wstrzymujemy płatność.",
            "ta faktura to duplikat, te same pozycje co na {inv}. prosze anulowac",
            "Dzień dobry,\n"
            "\n"
            "odnoszę się do Państwa drugiego przypomnienia. Rozmawiałem już o tym telefonicznie z "
            "działem obsługi, ale informacja najwyraźniej nie dotarła do księgowości.\n"
            "\n"
            "Zlecenie dotyczyło druku 2000 broszur, z czego 600 było źle zszytych – kartki wypadały. "
            "Wadliwe egzemplarze odesłaliśmy. Oczekujemy korekty faktury o tę część, dopiero wtedy "
            "zapłacimy.\n"
            "\n"
            "Z poważaniem",
            "Migracja sklepu, za którą wystawiliście fakturę, nigdy nie została dokończona – sklep "
            "nadal stoi na starym serwerze. Za niewykonaną usługę nie płacimy.",
            "Kwota sie nie zgadza, w ofercie bylo {amount} brutto, a na fakturze jest wiecej. Prosze "
            "o korekte do kwoty z oferty.",
            "Odmawiamy zapłaty – towar dotarł uszkodzony, protokół szkody spisany z kierowcą.",
        ],
        "other": [
            "Czy mogą Państwo przesłać duplikat faktury? Oryginał nam zaginął.",
            "Wiadomość poszła dalej do biura rachunkowego, tam się tym zajmą.",
            "Dam znać po rozmowie z szefem.",
            "Na jaki numer konta mam wpłacić? Na fakturze nie ma rachunku.",
            "Jak klient zapłaci nam za kontrakt, to od razu przelejemy. Na razie czekamy.",
            "Prosiłbym o mniej nachalny ton w korespondencji. Jesteśmy firmą z 20-letnim stażem i nie "
            "życzymy sobie takich sformułowań.",
            "Od lutego faktury przyjmujemy wyłącznie przez KSeF, prosimy o dostosowanie się.",
            "Dzień dobry,\n"
            "\n"
            "bardzo dziękuję za wiadomość. Jestem nowa na stanowisku i dopiero porządkuję sprawy po "
            "poprzedniczce, która odeszła w październiku.\n"
            "\n"
            "Czy mogłabym prosić o zestawienie wszystkich otwartych faktur i wysłanych przypomnień? "
            "Wtedy łatwiej będzie mi ustalić, co jest do zapłaty.\n"
            "\n"
            "Pozdrawiam serdecznie, Karolina",
            "Przepraszam, ale nie wiem, o ktora fakture chodzi – za pasze czy za nawoz? Bralem jedno i "
            "drugie.",
            "Czy mogę dostać fakturę w wersji angielskiej? Wymaga tego nasza centrala w Niemczech.",
            "ok, przyjąłem",
            "W związku ze zmianą siedziby kancelarii uprzejmie prosimy o kierowanie korespondencji na "
            "nowy adres: ul. Foksal 12/4, 00-366 Warszawa.",
            "Sprawdzimy to w przyszłym tygodniu, jak wróci właściciel. Wtedy się odezwiemy.",
            "Czy możecie na przyszłość wysyłać przypomnienia do księgowości, a nie na adres warsztatu? "
            "Tu nikt tego nie czyta i faktury giną.",
        ],
    },
    "en": {
        "promise_to_pay": [
            "Hi, payment will be with you {date}. Apologies for the wait.",
            "Will do. {amount} going out {date}.",
            "Our Zahlungslauf is every second Tuesday - your invoice {inv} is in the next "
            "one, so you will receive the money then.",
            "~We can't pay {date} as our accounts person is off sick, but I'll make the "
            "payment myself first thing Monday.",
            "Yes we owe this, sorry. I'll transfer it tonight when I get home.",
            "Hello,\n"
            "\n"
            "Got your reminder, and the automated emails from the control panel too, so "
            "message received loud and clear.\n"
            "\n"
            "The company card was replaced after a fraud alert and I forgot to update it with "
            "you. I'll pay the outstanding {amount} by bank transfer {date} and put the new "
            "card on the account for next month.\n"
            "\n"
            "Cheers, Tom",
            "As I said on the phone to Mark, the cheque will be in the post to you {date}.",
            "We'll pay Thursday. Sorry, scratch that - Wednesday, Thursday we're closed for stocktake.",
            "There was no need to copy our director into this reminder, I would have answered "
            "you. Anyway, the invoice will be paid in full {date}.",
            "Dear, the invoice is approve now by our controlling. Payment will be done in this week.",
            "We're paying all our suppliers on the 20th this month, you included.",
            "Sorry, our office manager left and the invoices piled up. I've taken it over now "
            "- yours will be paid {date}.",
            "fine, paying it now",
            "Got your second reminder. We'll clear {inv} in full {date} along with the rest of our account.",
        ],
        "payment_plan": [
            "Can we pay this off at 200 pounds a month until it's cleared?",
            "~There's no way we can pay the whole lot {date}. Could we do it in three payments instead?",
            "could i have another 2 weeks on this pls, waiting on a big job to pay out",
            "Dear Accounts,\n"
            "\n"
            "Thank you for your letter. The firm has had an unusually slow quarter and the "
            "partners have asked me to approach suppliers about spreading larger balances.\n"
            "\n"
            "We would propose settling the outstanding {amount} in four equal monthly "
            "instalments, the first {date}. Please confirm whether this is acceptable.\n"
            "\n"
            "Yours faithfully",
            "We can pay for the posters now, but the catalogue print run is a big one for us. "
            "Could we pay that invoice in two halves, January and February?",
            "Hello, we ask for rozlozenie na raty of this invoice - instalments - maybe 4 rates "
            "monthly? Our situation is hard at the moment.",
            "Would you accept a deferral to the end of the quarter? We're happy to pay interest "
            "for the extra time if needed.",
            "We can't afford all three months of arrears at once. Can I pay one month now and "
            "the other two over the next few weeks? Please don't switch the server off.",
            "I spoke to someone called Anna after your last reminder and she said we could set "
            "up a payment plan. Can you send me the details so we can get it started?",
            "We can pay half on Friday - sorry, I mean Monday, wages go out on Friday - and the "
            "other half at the end of the month. OK?",
            "Is it possible to push the due date back by a month? We've had a flood in the "
            "workshop and everything is on hold.",
            "Business is dead this winter. Can I pay {inv} off in weekly bits of 100 quid?",
            "The co-op board has asked me to request an extension on this until the grain is "
            "sold, probably March. We'd be grateful if you could agree to that.",
            "Calling us 'seriously overdue' after eleven years of trading together is a bit "
            "much. We're having a hard time, that's all. Could we pay half {date} and the "
            "remainder in January?",
        ],
        "already_paid": [
            "This has been paid. Transfer confirmation attached. [[attachment: "
            "payment_confirmation_Nov.pdf]]",
            "paid on {paid_on} mate",
            "We did a kompensata - your invoice was netted off against what you owe us for the "
            "October haulage, so the balance is zero.",
            "Money left our account on {paid_on}. If it hasn't arrived please check with your bank.",
            "Hello,\n"
            "\n"
            "We received your reminder regarding {inv}.\n"
            "\n"
            "I've checked with our bank and this was paid on {paid_on} together with the "
            "November cleaning invoice. Our statement shows both amounts going out.\n"
            "\n"
            "Please update your ledger.",
            "It was paid in cash at the trade counter when we collected the parts. I've got the "
            "receipt here.",
            "Hello, the invoice was already payed with our Zahlungslauf from {paid_on}, with 2% "
            "Skonto as in your conditions.",
            "I really don't appreciate the threatening wording. We paid {amount} on {paid_on}, "
            "as your own system will show if somebody bothers to look.",
            "Settled.",
            "This was paid with the company card through your billing portal on {paid_on} - I "
            "have the receipt email from your system.",
            "Per my voicemail yesterday: this was cleared by BACS last Friday. Ref {inv}.",
            "Our treasurer handed your rep a cheque for this at the AGM. It's been cashed, it's "
            "on our statement.",
            "We paid this on Monday - no wait, Tuesday, Monday was the bank holiday. Either way "
            "it has gone out of our account.",
            "Our cashier confirms that this invoice was settled in full from the office account "
            "on {paid_on}. The remittance was emailed to your accounts inbox the same day. "
            "[[attachment: remittance_Dec.pdf]]",
        ],
        "dispute": [
            "The invoice has the wrong PO number and the unit price is wrong too. Please cancel it "
            "and re-issue.",
            "The exhaust systems were returned to you on 3 November with a returns note, but this "
            "invoice still charges us for them.",
            "you've charged us for 12 months hosting but we cancelled in june, i have the cancellation email",
            "The colours on the leaflets were completely off compared with the signed proof - the "
            "blue came out purple. We've rejected the job, so the invoice is not payable until you "
            "reprint.",
            "Your reminder is rude and it's also wrong. You've charged VAT twice on the delivery "
            "charge. Send a credit note for the difference.",
            "Hello, we do not accept this invoice, the goods come damaged. We send protocol of "
            "damage signed by your driver. Please make a correction invoice.",
            "Hi,\n"
            "\n"
            "I mentioned this to your supervisor on the phone two weeks ago. The deep clean of the "
            "kitchen that's on the invoice never happened - the team did the normal weekly clean and "
            "left.\n"
            "\n"
            "I'm happy to pay for the weekly cleans, but the deep clean charge of {amount} needs to "
            "come off. Please send a corrected invoice.",
            "Double invoiced. {inv} is for the same delivery as the invoice before it.",
            "The seed you delivered was not the variety we ordered. We've told your depot and we're "
            "waiting for it to be collected. We will not pay for it.",
            "We never signed up for the backup add-on that's on this invoice. Please remove it and "
            "send a new invoice.",
            "The firm's engagement with your company ended on 30 September per the termination "
            "letter sent by recorded delivery. Invoices for October and November are therefore not "
            "accepted.",
            "The amount's wrong. We agreed a 15% trade discount and it isn't on there.",
            "There are 20 boxes on the invoice and we got 12 - sorry, 14, the last two came on "
            "Tuesday. Either way you've billed us for 6 boxes too many.",
            "Can't pay for stuff we never got. The second half of the order never turned up.",
        ],
        "other": [
            "Please send me the delivery notes for {inv} so I can match them up in our system.",
            "I'm only the receptionist, I'll forward this to the owner.",
            "Our VAT number has changed to GB 987 6543 21 following a restructure, please update your "
            "records.",
            "If the insurance pays out on the flood claim we'll be able to sort this. I'll let you know.",
            "Is there a way to pay by card over the phone? Which number do I call?",
            "Hello,\n"
            "\n"
            "I've just had a very unpleasant call from someone in your credit control team who spoke "
            "to one of our junior staff as if she were a criminal.\n"
            "\n"
            "Whatever the status of the account, that is not acceptable. Please give me the name of "
            "your credit control manager so I can raise it properly.",
            "Noted, will look into it and come back to you.",
            "Please stop sending these to my personal email. Anything to do with invoices should go to "
            "our accounts team, not to me.",
            "Hello, what is your IBAN for payment from abroad? On the invoice is only sort code and "
            "account number.",
            "Please note our accounts contact has changed - from now on please send reminders to Gill "
            "Harper, our new bookkeeper.",
            "Which invoice is this about? We've got three open with you and the reminder doesn't say.",
            "Will discuss with the committee at next month's meeting.",
            "Got it, thanks.",
            "Could you send us a full statement of account? I'm doing our year-end and want to "
            "reconcile everything.",
        ],
    },
    "de": {
        "promise_to_pay": [
            "Geht {date} raus.",
            "Hallo zusammen, danke für die Erinnerung. Wir haben die Rechnung {inv} jetzt "
            "freigegeben, die Zahlung erfolgt {date}.",
            "~{date} wird das nix, unser Chef ist im Urlaub und nur er kann Überweisungen "
            "freigeben. Am Montag ist er zurück, dann überweisen wir sofort den vollen "
            "Betrag.",
            "Die Summe von {amount} wird mit unserem Zahlungslauf am 25. überwiesen.",
            "Oh, das tut mir leid, die Rechnung lag noch in meinem Ablagekorb. Ich bezahle "
            "sie gleich heute Nachmittag.",
            "ja ja, wir zahlen, {date} ist das geld bei euch",
            "Wir überweisen am Mittwoch - nein, Entschuldigung, am Donnerstag, Mittwoch bin "
            "ich gar nicht im Büro. Donnerstag kommt das Geld aber ganz sicher.",
            "Guten Morgen,\n"
            "\n"
            "mit Ihrer Reinigung sind wir wirklich zufrieden, daran liegt es nicht. Die "
            "Rechnung ist nur bei der Umstellung auf unser neues Buchhaltungsprogramm "
            "durchgerutscht.\n"
            "\n"
            "Ich habe sie jetzt erfasst, sie wird {date} bezahlt.\n"
            "\n"
            "Beste Grüße",
            "Wie gerade telefonisch zugesagt, überweisen wir Ihnen die offene Summe {date}.",
            "Eine Mahnung nach drei Tagen Verzug finde ich schon etwas übertrieben. Aber gut, "
            "Sie bekommen Ihr Geld diese Woche.",
            "Hab Ihre Post bekommen. Das Geld für den Dünger überweis ich nächsten Montag, versprochen.",
            "Wir werden die Rechnung {inv} in voller Höhe {date} ausgleichen.",
            "Die Rechnung ist zur Zahlung vorgemerkt und wird mit dem nächsten Zahlungslauf beglichen.",
            "Entschuldigung fuer die Verspaetung, wir ueberweisen den kompletten Betrag {date}.",
        ],
        "payment_plan": [
            "Können wir die {amount} in Raten abzahlen? Zum Beispiel 200 € im Monat?",
            "Wir brauchen leider mehr Zeit. Ist ein Zahlungsaufschub bis Ende nächsten Monats möglich?",
            "~{date} können wir nicht den ganzen Betrag zahlen. Was wir anbieten können: jetzt "
            "40 % und den Rest in zwei Monaten.",
            "Können wir die aktuelle Jahresrechnung fürs Hosting in zwölf Monatsraten zahlen? "
            "Den ganzen Betrag auf einmal bekommen wir gerade nicht gestemmt.",
            "Teilzahlung ok? Wir könnten {date} 500 zahlen und den Rest im Januar.",
            "Sehr geehrte Frau Hinrichs,\n"
            "\n"
            "bezugnehmend auf unser Telefonat von gestern: Unser Betrieb hatte durch das "
            "Hochwasser im Frühjahr erhebliche Ausfälle, das wissen Sie ja.\n"
            "\n"
            "Wir möchten Sie deshalb bitten, den offenen Betrag aus der Rechnung {inv} bis nach "
            "der Ernte zu stunden. Eine Sicherheit können wir Ihnen gern anbieten.\n"
            "\n"
            "Mit freundlichen Grüßen",
            "geht das auch in 3 raten? alles auf einmal ist grad schwierig",
            "Wir können die Rechnung nicht komplett begleichen. Könnten wir uns auf eine "
            "Ratenzahlung einigen?",
            "Wäre es möglich, das Zahlungsziel für {inv} um 30 Tage zu verlängern? Unser "
            "größter Kunde zahlt selbst erst zum Quartalsende.",
            "Dass Sie uns nach 15 Jahren Zusammenarbeit gleich mit Inkasso drohen, enttäuscht "
            "mich. Trotzdem unser Vorschlag: wir begleichen die Rechnung in vier Monatsraten, "
            "beginnend {date}.",
            "Wir würden gern in zwei Raten zahlen, die erste Ende Oktober - sorry, Ende "
            "November meinte ich - und die zweite Ende Dezember. Geht das?",
            "Ich schaffe es im Moment nur, die Hälfte zu überweisen. Die andere Hälfte würde "
            "ich gern {date} nachzahlen, wenn das für Sie in Ordnung ist.",
            "Hallo, bei uns zahlen gerade drei Werkstattkunden nicht. Könnten Sie uns bei den "
            "offenen Rechnungen entgegenkommen und eine Ratenzahlung erlauben?",
            "Bitte um Verlaengerung der Zahlungsfrist um zwei Wochen, danke.",
        ],
        "already_paid": [
            "Ist bezahlt.",
            "Sehr geehrte Damen und Herren, wir haben die Rechnung {inv} über {amount} am "
            "{paid_on} per Überweisung beglichen. Anbei der Kontoauszug. [[attachment: "
            "Kontoauszug_Oktober.pdf]]",
            "Hallo, das Geld ist schon am {paid_on} rausgegangen. Vielleicht hat sich das mit "
            "Ihrer Mahnung überschnitten?",
            "Die Rechnung wurde von unserer Firmenkreditkarte abgebucht, das sehe ich auf der "
            "Kartenabrechnung.",
            "Guten Tag,\n"
            "\n"
            "ich hatte nach Ihrer ersten Zahlungserinnerung schon angerufen und mit einem Herrn "
            "aus Ihrer Buchhaltung gesprochen. Er meinte, ich solle den Zahlungsbeleg schicken, "
            "was ich auch getan habe.\n"
            "\n"
            "Die Zahlung ist am {paid_on} erfolgt. Ich verstehe nicht, warum jetzt noch eine "
            "Mahnung kommt.\n"
            "\n"
            "Grüße",
            "bar bezahlt bei abholung, quittung hab ich",
            "Den Betrag haben wir mit Ihrer offenen Gutschrift {inv} verrechnet, es bleibt "
            "nichts mehr offen.",
            "Wurde schon überwiesen, aus Versehen mit der falschen Rechnungsnummer im "
            "Verwendungszweck. Bitte schauen Sie mal nach Zahlungen vom {paid_on}.",
            "Die Zahlung ist laut unserer Bank am {paid_on} ausgeführt worden.",
            "Ihr Mahnschreiben ist ziemlich unfreundlich formuliert, dabei haben wir längst "
            "bezahlt, und zwar pünktlich am {paid_on}.",
            "Wir haben die Rechnung mit Skontoabzug innerhalb von 10 Tagen bezahlt.",
            "Die Überweisung wurde heute früh ausgeführt, das Geld sollte morgen bei Ihnen sein.",
            "Laut meinem Online-Banking ist das schon weg, {amount} am {paid_on} an Ihre IBAN "
            "bei der Volksbank.",
            "Unser Zahlungsavis hätten Sie eigentlich per Mail bekommen müssen: die Rechnung "
            "{inv} war Teil der Sammelzahlung vom {paid_on}.",
        ],
        "dispute": [
            "Die Menge stimmt nicht: geliefert wurden 8 Kartons, berechnet sind 10.",
            "Wir werden diese Rechnung nicht bezahlen, solange Sie uns keine Gutschrift für die "
            "falsch gedruckten Visitenkarten schicken.",
            "Wir haben das Paket Business Plus nie gebucht, nur Basic. Bitte korrigieren Sie die "
            "Rechnung {inv}.",
            "Sehr geehrte Damen und Herren,\n"
            "\n"
            "unsere Kanzlei hat Ihnen bereits im Juni schriftlich mitgeteilt, dass wir den "
            "Wartungsvertrag für die Telefonanlage zum 30.09. kündigen.\n"
            "\n"
            "Die nun angemahnte Rechnung betrifft das vierte Quartal, also die Zeit nach "
            "Vertragsende. Wir weisen die Forderung daher zurück.\n"
            "\n"
            "Mit freundlichen Grüßen",
            "Die Lichtmaschine war defekt und ging an Sie zurück, die RMA-Nummer liegt Ihnen vor. "
            "Die Rechnung ist damit hinfällig.",
            "da fehlt der rabatt von 10% der vereinbart war, so zahlen wir das nicht",
            "Ihre Reinigungskräfte waren in der Woche ab dem 12. gar nicht da, trotzdem ist die "
            "volle Monatspauschale berechnet. Bitte ziehen Sie diese Woche ab.",
            "Die Mehrwertsteuer auf der Rechnung ist falsch: wir sitzen in Österreich und haben "
            "Ihnen unsere UID gegeben, das muss Reverse Charge sein.",
            "Die Leistung wurde schon mit {inv} abgerechnet, das hier ist eine Doppelberechnung.",
            "Ich hatte Ihnen am Telefon schon erklärt, dass die Broschüren mit falschen Farben "
            "gedruckt wurden. Statt einer Antwort bekomme ich jetzt eine Mahnung in diesem Ton. Wir "
            "zahlen keinen Cent, bis ein korrekter Nachdruck da ist.",
            "Das Saatgut hatte eine Keimrate weit unter der zugesicherten. Wir verlangen eine "
            "Preisminderung und zahlen bis zur Klärung nicht.",
            "Diese Bestellung hat ein Mitarbeiter ohne Befugnis aufgegeben, wir haben sie sofort "
            "storniert. Wir erkennen die Rechnung nicht an.",
            "Bitte schicken Sie uns eine korrigierte Rechnung mit dem vereinbarten Stundensatz, "
            "vorher zahlen wir nicht.",
            "Den Server haben wir schon im Juli gekündigt. Die Rechnungen für August bis Oktober "
            "sind zu stornieren.",
        ],
        "other": [
            "Bitte schicken Sie mir eine Kopie der Rechnung, das Original ist bei uns nie angekommen.",
            "Hab ich an unseren Steuerberater weitergegeben, der macht bei uns die Zahlungen.",
            "Ich kläre das intern und gebe Ihnen bis Ende der Woche Bescheid.",
            "Wir sind umgezogen. Neue Anschrift: Industriestraße 12, 73760 Ostfildern.",
            "Sobald die Förderung vom Land bewilligt ist, können wir zahlen.",
            "Ist das Konto auf der Rechnung noch aktuell? Wir haben eine E-Mail bekommen, dass sich "
            "Ihre Bankverbindung geändert hat, und wollen sichergehen, dass das kein Betrug ist.",
            "Danke, zur Kenntnis genommen.",
            "An wen kann ich mich wegen unseres Kundenkontos wenden? Ich bräuchte eine Aufstellung "
            "aller offenen Posten.",
            "Hallo,\n"
            "\n"
            "wir geben unsere Kreditorenbuchhaltung gerade an ein externes Büro ab. Ab nächsten Monat "
            "läuft das über Becker & Partner.\n"
            "\n"
            "Bitte schicken Sie Rechnungen und Mahnungen künftig direkt dorthin, die Adresse reiche "
            "ich nach.\n"
            "\n"
            "Danke",
            "Mit Verlaub, so schreibt man keine Stammkunden an. Ich gebe das an unseren "
            "Geschäftsführer weiter.",
            "Ich weiß gerade nicht, ob wir das schon bezahlt haben, ich muss erst nachschauen.",
            "Der Betrieb wurde an einen neuen Inhaber übergeben. Bitte richten Sie Ihre Forderungen an "
            "Herrn Schulte, Tel. 05141 98765.",
            "Was bedeutet die Position Servicepauschale auf der Rechnung {inv}? Das kenne ich von "
            "Ihren früheren Rechnungen nicht.",
            "Wir haben Insolvenz in Eigenverwaltung beantragt. Bitte melden Sie Ihre Forderung beim "
            "Sachwalter an.",
        ],
    },
}
