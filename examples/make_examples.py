"""Write the demo book in examples/: invoices, weekly bank statements and customer replies.

Deterministic (a fixed seed and fixed dates), so the committed files can be
regenerated and reviewed: ``python examples/make_examples.py``. The story starts
on 2026-10-01 and runs 45 days; each customer follows a script that the demo
narrates and the end-to-end tests check:

- ``on_time``: pays a few days before the due date;
- ``after_reminder``: pays about a week after the first reminder;
- ``promise_kept`` / ``promise_broken``: answers a reminder with a dated promise, then pays by that date or not;
- ``dispute``: answers that the invoice is wrong;
- ``holiday``: an out-of-office answer with a return date;
- ``bounce``: the address does not exist, the server bounces the first reminder;
- ``two_in_one``: pays two invoices with one transfer;
- ``overpays``: pays a little more than owed;
- ``silent``: never answers and never pays, and climbs the whole ladder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
START = date(2026, 10, 1)
DAYS = 45
OWN_IBAN = "PL61109010140000071219812874"
TZ = ZoneInfo("Europe/Warsaw")

SCRIPTS = (
    ["on_time"] * 14
    + ["after_reminder"] * 8
    + ["promise_kept"] * 4
    + ["promise_broken"] * 3
    + ["dispute"] * 2
    + ["holiday"] * 2
    + ["bounce"]
    + ["two_in_one"]
    + ["overpays"]
    + ["silent"] * 4
)

COMPANIES = [
    ("Kowalski Budownictwo Sp. z o.o.", "pl"),
    ("Nowak i Synowie S.A.", "pl"),
    ("Wiśniewska Design", "pl"),
    ("Zielony Ogród Sp. z o.o.", "pl"),
    ("Mazur Transport", "pl"),
    ("Piekarnia Pod Lipą", "pl"),
    ("Dąbrowski Serwis Sp. j.", "pl"),
    ("Lewandowska Consulting", "pl"),
    ("Kamiński Elektro", "pl"),
    ("Szymańska Kwiaty", "pl"),
    ("Wójcik Logistyka Sp. z o.o.", "pl"),
    ("Kaczmarek Meble", "pl"),
    ("Baltic Fish Sp. z o.o.", "pl"),
    ("Tatra Sport S.A.", "pl"),
    ("Warta Druk Sp. z o.o.", "pl"),
    ("Odra Chem Sp. z o.o.", "pl"),
    ("Mazowsze Auto", "pl"),
    ("Pomorska Stal S.A.", "pl"),
    ("Harbor Tools Ltd", "en"),
    ("Greenfield Foods Limited", "en"),
    ("Northwind Analytics Ltd", "en"),
    ("Blue Ridge Marketing Ltd", "en"),
    ("Thames Valley Print Ltd", "en"),
    ("Oakwood Interiors Ltd", "en"),
    ("Redbrick Software Ltd", "en"),
    ("Silverline Couriers Ltd", "en"),
    ("Kingsway Dental Ltd", "en"),
    ("Müller Maschinenbau GmbH", "de"),
    ("Schneider Logistik GmbH", "de"),
    ("Bäckerei Fischer", "de"),
    ("Weber Elektrotechnik GmbH", "de"),
    ("Hoffmann Gartenbau", "de"),
    ("Becker & Söhne KG", "de"),
    ("Schulz Medien GmbH", "de"),
    ("Koch Automobile GmbH", "de"),
    ("Richter Verpackung GmbH", "de"),
    ("Klein Möbelhaus", "de"),
    ("Wolf Reisen GmbH", "de"),
    ("Schröder Textil AG", "de"),
    ("Neumann Druckerei GmbH", "de"),
]


@dataclass
class Inv:
    number: str
    customer: str
    issued_on: date
    due_on: date
    total: Decimal
    currency: str = "PLN"


@dataclass
class Cust:
    id: str
    name: str
    language: str
    email: str
    iban: str
    script: str
    tags: str = ""


def iban(rng: random.Random, country: str = "PL") -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(24))
    return f"{country}{rng.randint(10, 99)}{digits}"


def slug(name: str) -> str:
    table = str.maketrans("ąćęłńóśźżäöüß", "acelnoszzaous")
    word = name.lower().translate(table).split()[0]
    return "".join(ch for ch in word if ch.isalnum())


def build_book(rng: random.Random) -> tuple[list[Cust], list[Inv]]:
    customers: list[Cust] = []
    invoices: list[Inv] = []
    scripts = SCRIPTS[:]
    rng.shuffle(scripts)
    seq = 0
    for index, ((name, language), script) in enumerate(zip(COMPANIES, scripts, strict=True), start=1):
        domain = {"pl": "pl", "en": "co.uk", "de": "de"}[language]
        tags = "loyal" if index % 7 == 0 and script == "on_time" else ""
        customer = Cust(
            id=f"K{index:03d}",
            name=name,
            language=language,
            email=f"ksiegowosc@{slug(name)}.{domain}"
            if language == "pl"
            else f"accounts@{slug(name)}.{domain}",
            iban=iban(rng, {"pl": "PL", "en": "GB", "de": "DE"}[language]),
            script=script,
            tags=tags,
        )
        customers.append(customer)
        count = 2 if script == "two_in_one" else (1 + (rng.random() < 0.3))
        for _ in range(count):
            seq += 1
            # Customers who pay on time have invoices still running when the story starts.
            back = rng.randint(0, 9) if script == "on_time" else rng.randint(10, 25)
            issued = START - timedelta(days=back)
            due = issued + timedelta(days=14)
            amount = Decimal(rng.randint(300, 25000)) + Decimal(rng.randint(0, 99)) / 100
            # EUR only for customers who never pay: the statements are of one PLN account.
            currency = (
                "EUR" if language == "de" and script in ("silent", "dispute", "promise_broken") else "PLN"
            )
            number = f"FV/2026/{issued.month:02d}/{seq:04d}"
            invoices.append(Inv(number, customer.id, issued, due, amount, currency))
    return customers, invoices


def write_invoices(customers: list[Cust], invoices: list[Inv]) -> None:
    by_id = {c.id: c for c in customers}
    lines = [
        "number,customer_id,customer_name,customer_vat_id,customer_iban,email,language,issue_date,due_date,total,currency,paid,tags"
    ]
    for inv in invoices:
        c = by_id[inv.customer]
        name = f'"{c.name}"' if "," in c.name else c.name
        lines.append(
            f"{inv.number},{c.id},{name},,{c.iban},{c.email},{c.language},{inv.issued_on},{inv.due_on},"
            f"{inv.total},{inv.currency},0,{c.tags}"
        )
    (HERE / "invoices.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Tx:
    booked_on: date
    amount: Decimal
    currency: str
    name: str
    iban: str
    title: str
    ref: str


def business_day_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def plan_story(
    rng: random.Random, customers: list[Cust], invoices: list[Inv]
) -> tuple[list[Tx], list[tuple[date, Cust, str, str]]]:
    """Payments and replies per customer script. Replies: (day, customer, kind, body)."""
    txs: list[Tx] = []
    replies: list[tuple[date, Cust, str, str]] = []
    by_customer: dict[str, list[Inv]] = {}
    for inv in invoices:
        by_customer.setdefault(inv.customer, []).append(inv)

    def pay(inv: Inv, day: date, c: Cust, amount: Decimal | None = None, title: str | None = None) -> None:
        txs.append(
            Tx(
                business_day_on_or_after(day),
                amount if amount is not None else inv.total,
                inv.currency,
                c.name,
                c.iban,
                title or f"Zapłata za fakturę {inv.number}",
                f"TX{len(txs) + 1:05d}",
            )
        )

    for c in customers:
        own = sorted(by_customer[c.id], key=lambda i: i.due_on)
        first_reminder = max(START, own[0].due_on + timedelta(days=7))
        if c.script == "on_time":
            for inv in own:
                pay(inv, max(START, inv.due_on - timedelta(days=rng.randint(0, 3))), c)
        elif c.script == "after_reminder":
            for inv in own:
                pay(
                    inv,
                    first_reminder + timedelta(days=rng.randint(3, 8)),
                    c,
                    title=f"{inv.number.replace('/', ' ')}",
                )
        elif c.script in ("promise_kept", "promise_broken"):
            promised = business_day_on_or_after(first_reminder + timedelta(days=10))
            replies.append(
                (first_reminder + timedelta(days=1), c, "promise", promise_text(c.language, promised))
            )
            if c.script == "promise_kept":
                for inv in own:
                    pay(inv, promised - timedelta(days=1), c)
        elif c.script == "dispute":
            replies.append(
                (first_reminder + timedelta(days=1), c, "dispute", dispute_text(c.language, own[0].number))
            )
        elif c.script == "holiday":
            back = first_reminder + timedelta(days=12)
            replies.append((first_reminder, c, "out_of_office", holiday_text(c.language, back)))
            for inv in own:
                pay(inv, back + timedelta(days=2), c)
        elif c.script == "bounce":
            replies.append((first_reminder, c, "bounce", ""))
        elif c.script == "two_in_one":
            total = sum((i.total for i in own), Decimal(0))
            title = "Faktury " + ", ".join(i.number for i in own)
            txs.append(
                Tx(
                    business_day_on_or_after(first_reminder + timedelta(days=2)),
                    total,
                    own[0].currency,
                    c.name,
                    c.iban,
                    title,
                    f"TX{len(txs) + 1:05d}",
                )
            )
        elif c.script == "overpays":
            pay(own[0], first_reminder + timedelta(days=3), c, amount=own[0].total + Decimal("150.00"))
            for inv in own[1:]:
                pay(inv, first_reminder + timedelta(days=3), c)
    # Noise a real statement has: fees, a salary, a card payment, a refund.
    for week in range(DAYS // 7 + 1):
        day = business_day_on_or_after(START - timedelta(days=1) + timedelta(days=7 * week))
        txs.append(
            Tx(day, Decimal("-49.00"), "PLN", "Bank", "", "Opłata za prowadzenie rachunku", f"FEE{week}")
        )
        txs.append(
            Tx(day, Decimal("-8250.00"), "PLN", "Jan Pracownik", iban(rng), "Wynagrodzenie", f"SAL{week}")
        )
        txs.append(
            Tx(
                day,
                Decimal("120.00"),
                "PLN",
                "Allegro Sp. z o.o.",
                iban(rng),
                "Zwrot za zamówienie 7781",
                f"RF{week}",
            )
        )
    txs.sort(key=lambda t: (t.booked_on, t.ref))
    return [t for t in txs if t.booked_on < START + timedelta(days=DAYS)], replies


def promise_text(language: str, day: date) -> str:
    if language == "pl":
        return f"Dzień dobry,\n\nprzepraszamy za opóźnienie. Zapłacimy całość do {day:%d.%m.%Y}.\n\nPozdrawiam\nAnna"
    if language == "de":
        return f"Guten Tag,\n\nentschuldigen Sie die Verzögerung. Wir überweisen den Betrag bis zum {day:%d.%m.%Y}.\n\nMit freundlichen Grüßen\nPeter"
    return f"Hello,\n\nsorry for the delay. We will pay the full amount by {day:%d %B %Y}.\n\nBest regards,\nJohn"


def dispute_text(language: str, number: str) -> str:
    if language == "pl":
        return f"Dzień dobry,\n\nnie zgadzamy się z fakturą {number} - towar nie został dostarczony w całości. Proszę o korektę.\n\nPozdrawiam"
    if language == "de":
        return f"Guten Tag,\n\ndie Rechnung {number} ist fehlerhaft, die Menge stimmt nicht. Bitte senden Sie uns eine Korrektur.\n\nMit freundlichen Grüßen"
    return f"Hello,\n\nwe dispute invoice {number}: the goods were damaged on arrival. Please issue a credit note.\n\nRegards"


def holiday_text(language: str, back: date) -> str:
    if language == "pl":
        return f"Dzień dobry,\n\njestem na urlopie do {back:%d.%m.%Y}. Po powrocie odpowiem na wiadomość."
    if language == "de":
        return f"Guten Tag,\n\nich bin bis zum {back:%d.%m.%Y} nicht im Büro. Ihre Nachricht wird nicht weitergeleitet."
    return f"Hello,\n\nI am out of the office until {back:%d %B %Y} with limited access to e-mail."


def write_replies(replies: list[tuple[date, Cust, str, str]]) -> None:
    folder = HERE / "replies"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.eml"):
        old.unlink()
    for index, (day, c, kind, body) in enumerate(sorted(replies, key=lambda r: (r[0], r[1].id)), start=1):
        sent_at = format_datetime(
            __import__("datetime").datetime(day.year, day.month, day.day, 11, 15, tzinfo=TZ)
        )
        msg = EmailMessage()
        if kind == "bounce":
            # Written out as the bytes a Postfix server sends: an RFC 3464 report.
            raw = (
                "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
                "To: naleznosci@nordwind.pl\r\n"
                "Subject: Undelivered Mail Returned to Sender\r\n"
                f"Date: {sent_at}\r\n"
                f"Message-ID: <bounce-{index}@mx.example.net>\r\n"
                "Auto-Submitted: auto-replied\r\n"
                "MIME-Version: 1.0\r\n"
                'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"\r\n\r\n'
                "--BOUNDARY\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                "This is the mail system at host mx.example.net.\r\n\r\n"
                "I'm sorry to have to inform you that your message could not\r\n"
                "be delivered to one or more recipients.\r\n\r\n"
                f"<{c.email}>: host mx.example.net said: 550 5.1.1 <{c.email}>: Recipient\r\n"
                "    address rejected: User unknown in virtual mailbox table\r\n\r\n"
                "--BOUNDARY\r\nContent-Type: message/delivery-status\r\n\r\n"
                "Reporting-MTA: dns; mx.example.net\r\n\r\n"
                f"Final-Recipient: rfc822; {c.email}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                f"Diagnostic-Code: smtp; 550 5.1.1 <{c.email}>: Recipient address rejected: User unknown\r\n\r\n"
                "--BOUNDARY--\r\n"
            )
            name = f"{day.isoformat()}-{index:03d}-{c.id}-{kind}.eml"
            (folder / name).write_bytes(raw.encode("ascii"))
            continue
        subject = {
            "pl": "Odp: Przypomnienie o płatności",
            "de": "AW: Zahlungserinnerung",
            "en": "Re: Payment reminder",
        }[c.language]
        if kind == "out_of_office":
            subject = {
                "pl": "Odpowiedź automatyczna: Przypomnienie o płatności",
                "de": "Automatische Antwort: Zahlungserinnerung",
                "en": "Automatic reply: Payment reminder",
            }[c.language]
            msg["Auto-Submitted"] = "auto-replied"
        msg["From"] = f"{c.name} <{c.email}>"
        msg["To"] = "naleznosci@nordwind.pl"
        msg["Subject"] = subject
        msg["Date"] = sent_at
        msg["Message-ID"] = f"<reply-{index}@{c.email.split('@')[1]}>"
        msg.set_content(body)
        name = f"{day.isoformat()}-{index:03d}-{c.id}-{kind}.eml"
        (folder / name).write_bytes(bytes(msg))


def write_statements(txs: list[Tx]) -> None:
    """One statement each business morning, covering the days since the previous one (as banks export them).

    The first one, on the first day, covers the day before the story starts, so the bank data is fresh
    from day one. Formats rotate CAMT.053, MT940, OFX, as if the company had three banks' exports.
    """
    folder = HERE / "statements"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    formats = ["camt053", "mt940", "ofx"]
    covered_from = START - timedelta(days=1)
    number = 0
    balance = Decimal("125000.00")
    for offset in range(DAYS):
        arrives = START + timedelta(days=offset)
        if arrives.weekday() >= 5:
            continue
        end = arrives - timedelta(days=1)
        chunk = [t for t in txs if covered_from <= t.booked_on <= end]
        fmt = formats[number % 3]
        opening = balance
        balance += sum((t.amount for t in chunk), Decimal(0))
        stem = f"{arrives.isoformat()}-statement{number + 1:03d}"
        if fmt == "camt053":
            (folder / f"{stem}.xml").write_text(
                camt(chunk, covered_from, end, number, opening, balance), encoding="utf-8"
            )
        elif fmt == "mt940":
            (folder / f"{stem}.sta").write_text(
                mt940(chunk, covered_from, end, number, opening, balance), encoding="utf-8"
            )
        else:
            (folder / f"{stem}.ofx").write_text(ofx(chunk, covered_from, end, balance), encoding="utf-8")
        number += 1
        covered_from = arrives


def camt(txs: list[Tx], start: date, end: date, week: int, opening: Decimal, closing: Decimal) -> str:
    entries = []
    for t in txs:
        sign = "CRDT" if t.amount > 0 else "DBIT"
        party = "Dbtr" if t.amount > 0 else "Cdtr"
        acct = "DbtrAcct" if t.amount > 0 else "CdtrAcct"
        account = f"<{acct}><Id><IBAN>{t.iban}</IBAN></Id></{acct}>" if t.iban else ""
        entries.append(f"""      <Ntry>
        <Amt Ccy="{t.currency}">{abs(t.amount):.2f}</Amt>
        <CdtDbtInd>{sign}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{t.booked_on}</Dt></BookgDt>
        <ValDt><Dt>{t.booked_on}</Dt></ValDt>
        <AcctSvcrRef>{t.ref}</AcctSvcrRef>
        <BkTxCd><Prtry><Cd>TRF</Cd></Prtry></BkTxCd>
        <NtryDtls><TxDtls>
          <RltdPties><{party}><Nm>{escape(t.name)}</Nm></{party}>{account}</RltdPties>
          <RmtInf><Ustrd>{escape(t.title)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>""")
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>NORDWIND-{week + 1:03d}</MsgId><CreDtTm>{end}T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-{week + 1:03d}</Id>
      <CreDtTm>{end}T23:00:00</CreDtTm>
      <FrToDt><FrDtTm>{start}T00:00:00</FrDtTm><ToDtTm>{end}T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>{OWN_IBAN}</IBAN></Id><Ccy>PLN</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">{opening:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{start}</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">{closing:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{end}</Dt></Dt></Bal>
{body}
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


def mt940(txs: list[Tx], start: date, end: date, week: int, opening: Decimal, closing: Decimal) -> str:
    lines = [
        ":20:NORDWIND",
        f":25:/{OWN_IBAN}",
        f":28C:{week + 1:05d}",
        f":60F:C{start:%y%m%d}PLN{opening:.2f}".replace(".", ","),
    ]
    for t in txs:
        mark = "C" if t.amount > 0 else "D"
        amount = f"{abs(t.amount):.2f}".replace(".", ",")
        lines.append(f":61:{t.booked_on:%y%m%d}{t.booked_on:%m%d}{mark}{amount}NTRFNONREF//{t.ref}")
        title = t.title[:35]
        rest = t.title[35:70]
        details = f"~00TRF~20{title}" + (f"~21{rest}" if rest else "") + f"~32{t.name[:35]}"
        if t.iban:
            details += f"~38{t.iban}"
        lines.append(f":86:{details}")
    lines.append(f":62F:C{end:%y%m%d}PLN{closing:.2f}".replace(".", ","))
    return "\r\n".join(lines) + "\r\n-\r\n"


def ofx(txs: list[Tx], start: date, end: date, closing: Decimal) -> str:
    items = []
    for t in txs:
        kind = "CREDIT" if t.amount > 0 else "DEBIT"
        items.append(
            f"<STMTTRN><TRNTYPE>{kind}<DTPOSTED>{t.booked_on:%Y%m%d}120000[+1:CET]<TRNAMT>{t.amount:.2f}"
            f"<FITID>{t.ref}<NAME>{escape(t.name[:32])}<MEMO>{escape(t.title)}</STMTTRN>"
        )
    body = "\n".join(items)
    return f"""OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:UTF-8
CHARSET:NONE
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>{end:%Y%m%d}235959<LANGUAGE>POL</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>PLN<BANKACCTFROM><BANKID>10901014<ACCTID>{OWN_IBAN}<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>{start:%Y%m%d}<DTEND>{end:%Y%m%d}
{body}
</BANKTRANLIST>
<LEDGERBAL><BALAMT>{closing:.2f}<DTASOF>{end:%Y%m%d}</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
"""


def main() -> None:
    rng = random.Random(20261001)
    customers, invoices = build_book(rng)
    write_invoices(customers, invoices)
    txs, replies = plan_story(rng, customers, invoices)
    write_statements(txs)
    write_replies(replies)
    story = HERE / "story.csv"
    story.write_text(
        "customer_id,name,language,script\n"
        + "".join(f'{c.id},"{c.name}",{c.language},{c.script}\n' for c in customers),
        encoding="utf-8",
    )
    print(
        f"{len(customers)} customers, {len(invoices)} invoices, {len(txs)} transactions, {len(replies)} replies"
    )


if __name__ == "__main__":
    main()
