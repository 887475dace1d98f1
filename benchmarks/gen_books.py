"""Generate realistic books (invoices, customers) and bank statements with known truth, and score a matcher.

    python benchmarks/gen_books.py OUTDIR [--invoices 2000] [--lines 4000] [--seed 1]

writes ``OUTDIR/invoices.csv`` (canonical CSV), ``OUTDIR/statement.xml`` (CAMT.053)
and ``OUTDIR/truth.json``. ``generate()`` returns the same as model objects, and
``score()`` compares a ``MatchResult`` with the truth per case category.

Every credit carries a category. ``expect`` says what a careful matcher should do:
``auto`` (apply the listed allocations without a person), ``review`` (suggest at
most, never apply) or ``none`` (not a customer payment of an invoice we can name).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger.model import Customer, Invoice, StatementLine

CENT = Decimal("0.01")
OUR_IBAN = "PL27114020040000300201355387"

PL_ROOTS = [
    "Polbud",
    "Mazur",
    "Kowalczyk",
    "Wiśniewski",
    "Zielińska",
    "Nowak",
    "Łukasiewicz",
    "Bałtyk",
    "Tatry",
    "Wisła",
    "Sokół",
    "Orzeł",
    "Żuraw",
    "Dąbrowa",
    "Krakbud",
    "Gdańskie",
    "Śląskie",
    "Mazowsze",
    "Pomorze",
    "Warmia",
    "Kujawy",
    "Podhale",
    "Roztocze",
    "Bieszczady",
    "Kaszuby",
    "Żywiec",
    "Opole",
    "Radom",
]
PL_KINDS = [
    "Przedsiębiorstwo Handlowe",
    "Zakład Usługowy",
    "Hurtownia",
    "Transport",
    "Budownictwo",
    "Logistyka",
    "Meble",
    "Serwis",
    "Drukarnia",
    "Piekarnia",
    "Agencja",
]
PL_FORMS = [
    (
        "Sp. z o.o.",
        ["SP. Z O.O.", "SPOLKA Z O O", "SP Z OO", "Sp. z o. o.", "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"],
    ),
    ("S.A.", ["S.A.", "SA", "SPOLKA AKCYJNA"]),
    ("sp.j.", ["SP.J.", "SPOLKA JAWNA", "sp. j."]),
]
EN_ROOTS = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Woodgrove",
    "Litware",
    "Adatum",
    "Proseware",
    "Wingtip",
    "Lucerne",
    "Alpine",
    "Coho",
    "Margie",
    "Blue Yonder",
    "Humongous",
    "Trey",
    "Fourth Coffee",
    "Graphic Design",
    "Wide World",
    "Southridge",
    "Bellows",
    "Datum",
    "Relecloud",
    "Lamna",
]
EN_KINDS = [
    "Traders",
    "Logistics",
    "Consulting",
    "Foods",
    "Engineering",
    "Media",
    "Software",
    "Supplies",
    "Print",
    "Builders",
]
EN_FORMS = [
    ("Ltd", ["LTD", "LIMITED", "Ltd.", "ltd"]),
    ("GmbH", ["GMBH", "GmbH"]),
    ("Inc.", ["INC", "Inc"]),
    ("PLC", ["PLC", "plc"]),
]
STREETS = [
    "ul. Długa 5",
    "ul. Polna 12/3",
    "UL. KRÓLEWSKA 1 00-950 WARSZAWA",
    "Al. Jerozolimskie 100",
    "5 High Street",
    "Unit 4, 10 Mill Road",
    "Hauptstr. 7",
]
FACTORS = [
    ("Faktoring Polska S.A.", "PL"),
    ("Pekao Faktoring Sp. z o.o.", "PL"),
    ("Bibby Financial Services Ltd", "GB"),
]
NOISE_CREDIT = [
    ("REFUND order 88231", "Allegro Sp. z o.o.", "PMNT-RCDT-ESCT"),
    ("ZWROT nadpłaty podatku", "Urząd Skarbowy Warszawa", "PMNT-RCDT-ESCT"),
    ("Card settlement 2026-11 terminal 123456", "eService S.A.", "PMNT-CCRD-POSD"),
    ("ODSETKI OD RACHUNKU", "", "ACMT-MCRD-INTR"),
    ("Zwrot za zakupy FV/2026/01/0002", "Biuro Plus", "PMNT-RCDT-ESCT"),
]
NOISE_DEBIT = [
    ("OPŁATA ZA PROWADZENIE RACHUNKU", "", "ACMT-MDOP-CHRG"),
    ("Wynagrodzenie 11/2026", "Jan Nowak", "PMNT-ICDT-ESCT"),
    ("Salary November", "Anna Smith", "PMNT-ICDT-ESCT"),
    ("ZUS składki 11/2026", "ZUS", "PMNT-ICDT-ESCT"),
    ("Card payment SHELL 1234", "SHELL", "PMNT-CCRD-POSD"),
    ("Faktura FV/2026/11/0123 dostawca", "Dostawca Sp. z o.o.", "PMNT-ICDT-ESCT"),
]

AUTO_CATEGORIES = (
    "exact_ref",
    "messy_ref",
    "reordered_ref",
    "ocr_ref",
    "nosep_ref",
    "transposed_ref",
    "short_ref",
    "split_payment",
    "multi_ref",
    "partial_ref",
    "overpay_ref",
    "third_party",
    "fx_original",
    "iban_no_ref",
    "name_no_ref",
    "vat_no_ref",
    "subset_no_ref",
    "oldest_of_equal",
    "dated_ref",
    "structured_ref",
    "fee_deducted",
    "serial_known_payer",
)
REVIEW_CATEGORIES = (
    "double_payment",
    "paid_invoice_ref",
    "conflicting_ref",
    "wrong_ref_same_customer",
    "typo_name",
    "serial_unknown_payer",
)
NONE_CATEGORIES = ("fx_no_original", "unknown_payer", "other_document", "noise_credit", "noise_debit")


@dataclass(slots=True)
class Truth:
    category: str
    expect: str  # auto | review | none
    allocations: dict[str, Decimal] = field(default_factory=dict)


@dataclass(slots=True)
class Books:
    invoices: list[Invoice]
    customers: list[Customer]
    lines: list[StatementLine]
    truth: dict[str, Truth]


def make_iban(rng: random.Random, country: str) -> str:
    length = {"PL": 24, "GB": 18, "DE": 18}[country]
    if country == "GB":
        bban = "NWBK" + "".join(rng.choice("0123456789") for _ in range(14))
    else:
        bban = "".join(rng.choice("0123456789") for _ in range(length + 2 if country == "PL" else length))
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(digits) % 97
    return f"{country}{check:02d}{bban}"


def _spaced_iban(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def _nip(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = sum(d * w for d, w in zip(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


class _Gen:
    def __init__(self, seed: int, n_invoices: int) -> None:
        self.rng = random.Random(seed)
        self.customers: list[Customer] = []
        self.styles: dict[str, dict[str, object]] = {}
        self.invoices: list[Invoice] = []
        self.by_customer: dict[str, list[Invoice]] = defaultdict(list)
        self.lines: list[StatementLine] = []
        self.truth: dict[str, Truth] = {}
        self.day0 = date(2026, 1, 1)
        self.counter = 0
        self.pl_serial: Counter[tuple[int, int]] = Counter()
        self.en_serial = 0
        self._make_customers(max(20, n_invoices // 8))
        self._make_invoices(n_invoices)
        pool = [inv for inv in self.invoices if inv.paid == 0]
        self.rng.shuffle(pool)
        self.unused: deque[Invoice] = deque(pool)
        self.used: set[str] = set()
        self.target = 1

    # -- books --

    def _make_customers(self, n: int) -> None:
        used: set[str] = set()
        for k in range(n):
            polish = self.rng.random() < 0.6
            while True:
                if polish:
                    base = f"{self.rng.choice(PL_KINDS)} {self.rng.choice(PL_ROOTS)}"
                    form, variants = self.rng.choice(PL_FORMS)
                else:
                    base = f"{self.rng.choice(EN_ROOTS)} {self.rng.choice(EN_KINDS)}"
                    form, variants = self.rng.choice(EN_FORMS)
                if self.rng.random() < 0.5:
                    base += f" {self.rng.choice(['Nord', 'Sud', 'Plus', 'Trade', 'Group', 'Serwis', 'Partner', 'One', 'Tech', 'Pro'])}"
                if self.rng.random() < 0.6:
                    base += f" {k}"  # keeps names unique enough: real books have numbered branches too
                if base not in used:
                    used.add(base)
                    break
            country = "PL" if polish else self.rng.choice(["GB", "DE"])
            ibans = tuple(make_iban(self.rng, country) for _ in range(self.rng.choice([0, 1, 1, 1, 2])))
            cid = f"C{k:05d}"
            self.customers.append(
                Customer(
                    id=cid,
                    name=f"{base} {form}",
                    vat_id=_nip(self.rng) if polish else f"GB{self.rng.randint(10**8, 10**9 - 1)}",
                    ibans=ibans,
                    language="pl" if polish else "en",
                )
            )
            self.styles[cid] = {
                "polish": polish,
                "variants": variants,
                "base": base,
                "hidden_iban": make_iban(self.rng, country),
            }

    def _make_invoices(self, n: int) -> None:
        for _ in range(n):
            customer = self.rng.choice(self.customers)
            polish = bool(self.styles[customer.id]["polish"])
            issued = self.day0 + timedelta(days=self.rng.randint(0, 300))
            if polish:
                month = issued.month
                self.pl_serial[(issued.year, month)] += 1
                number = f"FV/{issued.year}/{month:02d}/{self.pl_serial[(issued.year, month)]:04d}"
                currency = "EUR" if self.rng.random() < 0.08 else "PLN"
            else:
                self.en_serial += 1
                number = f"INV-{issued.year}-{self.en_serial:05d}"
                currency = "EUR" if customer.ibans and customer.ibans[0].startswith("DE") else "GBP"
            total = Decimal(self.rng.randint(5000, 2_500_000)) / 100
            if self.rng.random() < 0.2:
                total = Decimal(self.rng.choice([100, 150, 200, 250, 500, 1000, 1230, 2460]))
            paid = total if self.rng.random() < 0.1 else Decimal("0")
            inv = Invoice(
                number=number,
                customer_id=customer.id,
                issued_on=issued,
                due_on=issued + timedelta(days=self.rng.choice([7, 14, 14, 30, 30, 60])),
                total=total,
                currency=currency,
                paid=paid,
                customer_name=customer.name,
                customer_vat_id=customer.vat_id,
                customer_ibans=customer.ibans,
                emails=(f"ap{customer.id.lower()}@example.com",),
                language=customer.language,
            )
            self.invoices.append(inv)
            self.by_customer[customer.id].append(inv)

    # -- helpers --

    def _take(self, pred: object = None) -> Invoice | None:
        for _ in range(40):
            while self.unused and self.unused[-1].number in self.used:
                self.unused.pop()
            if not self.unused:
                return None
            inv = self.unused.pop()
            if pred is None or pred(inv):  # type: ignore[operator]
                self.used.add(inv.number)
                return inv
            self.unused.appendleft(inv)
        return None

    def _put_back(self, *invoices: Invoice) -> None:
        for inv in invoices:
            self.used.discard(inv.number)
            self.unused.appendleft(inv)

    def _mark(self, inv: Invoice) -> None:
        self.used.add(inv.number)

    def _customer(self, cid: str) -> Customer:
        return self.customers[int(cid[1:])]

    def _payer_name(self, cid: str) -> str:
        style = self.styles[cid]
        name = f"{style['base']} {self.rng.choice(style['variants'])}"  # type: ignore[arg-type]
        r = self.rng.random()
        if r < 0.4:
            name = name.upper()
        if r < 0.2:
            name = name.translate(str.maketrans("ĄĆĘŁŃÓŚŹŻąćęłńóśźż", "ACELNOSZZacelnoszz"))
        if self.rng.random() < 0.4:
            name += " " + self.rng.choice(STREETS)
        return name

    def _payer_iban(self, cid: str, known: bool) -> str:
        customer = self._customer(cid)
        if known and customer.ibans:
            return self.rng.choice(customer.ibans)
        return str(self.styles[cid]["hidden_iban"])

    def _messy(self, number: str) -> str:
        parts = number.replace("-", "/").split("/")
        prefix, nums = parts[0], parts[1:]
        style = self.rng.randrange(5)
        if style == 0:
            return number.lower()
        if style == 1:
            return f"{prefix} " + "/".join(str(int(n)) for n in nums)
        if style == 2:
            return f"{prefix.capitalize()} nr " + " ".join(nums)
        if style == 3:
            return f"{prefix}-" + "-".join(nums)
        return f"{prefix}.{'.'.join(nums)}"

    def _add(
        self,
        category: str,
        expect: str,
        amount: Decimal,
        currency: str,
        text: str,
        allocations: dict[str, Decimal] | None = None,
        counterparty: str = "",
        iban: str = "",
        original: tuple[Decimal, str] | None = None,
        bank_code: str = "PMNT-RCDT-ESCT",
        tid: str | None = None,
        reference: str = "",
    ) -> str:
        self.counter += 1
        tid = tid or f"T{self.counter:07d}"
        self.lines.append(
            StatementLine(
                id=tid,
                booked_on=self.day0 + timedelta(days=300 + self.counter * 60 // max(1, self.target)),
                amount=amount,
                currency=currency,
                original_amount=original[0] if original else None,
                original_currency=original[1] if original else None,
                counterparty=counterparty,
                counterparty_iban=iban,
                text=text,
                account_iban=OUR_IBAN,
                bank_code=bank_code,
                reference=reference,
            )
        )
        self.truth[tid] = Truth(category, expect, dict(allocations or {}))
        return tid

    # -- cases --

    def case(self, category: str) -> bool:
        rng = self.rng
        if category == "noise_credit":
            text, who, code = rng.choice(NOISE_CREDIT)
            self._add(
                category,
                "none",
                Decimal(rng.randint(100, 90000)) / 100,
                "PLN",
                text,
                counterparty=who,
                bank_code=code,
            )
            return True
        if category == "noise_debit":
            text, who, code = rng.choice(NOISE_DEBIT)
            self._add(
                category,
                "none",
                -Decimal(rng.randint(100, 900000)) / 100,
                "PLN",
                text,
                counterparty=who,
                bank_code=code,
            )
            return True
        if category == "unknown_payer":
            texts = [
                "Przelew",
                "payment",
                "zapłata",
                "wpłata własna",
                "darowizna",
                "invoice payment thanks",
                "",
            ]
            self._add(
                category,
                "none",
                Decimal(rng.randint(1000, 500000)) / 100,
                "PLN",
                rng.choice(texts),
                counterparty=f"{rng.choice(['Jan', 'Anna', 'Piotr', 'John'])} {rng.choice(['Wójcik', 'Lewandowska', 'Smith', 'Kamiński'])}",
                iban=make_iban(rng, "PL"),
            )
            return True
        if category == "other_document":
            # An order or contract number shaped like one of our invoice numbers.
            target = rng.choice(self.invoices)
            nums = target.number.replace("-", "/").split("/")[1:]
            code = rng.choice(["ZAM", "PO", "UM", "ZO", "WZ"])
            self._add(
                category,
                "none",
                Decimal(rng.randint(1000, 90000)) / 100,
                target.currency,
                f"{code}/{'/'.join(nums)}",
                counterparty=rng.choice(["Jan Wójcik", "Orlen S.A.", "Leroy Merlin"]),
                iban=make_iban(rng, "PL"),
            )
            return True
        if category in ("subset_no_ref", "oldest_of_equal", "multi_ref"):
            return self._multi(category)
        inv = (
            self._take(lambda i: i.currency == "EUR")
            if category in ("fx_original", "fx_no_original")
            else self._take()
        )
        if inv is None:
            return False
        cid = inv.customer_id
        customer = self._customer(cid)
        polish = bool(self.styles[cid]["polish"])
        amount, currency = inv.total, inv.currency
        name = self._payer_name(cid)
        iban = self._payer_iban(cid, known=rng.random() < 0.7)
        word = (
            rng.choice(["Faktura", "Zapłata za", "FV", "płatność"])
            if polish
            else rng.choice(["Invoice", "Payment", "Inv", "Ref"])
        )
        if category == "exact_ref":
            self._add(
                category, "auto", amount, currency, f"{word} {inv.number}", {inv.number: amount}, name, iban
            )
        elif category == "messy_ref":
            self._add(
                category, "auto", amount, currency, self._messy(inv.number), {inv.number: amount}, name, iban
            )
        elif category == "reordered_ref":
            nums = [str(int(p)) for p in inv.number.replace("-", "/").split("/")[1:]]
            self._add(
                category,
                "auto",
                amount,
                currency,
                f"Faktura nr {'/'.join(reversed(nums))}",
                {inv.number: amount},
                name,
                iban,
            )
        elif category == "ocr_ref":
            ref = inv.number
            digits = [k for k, ch in enumerate(ref) if ch in "01"]
            k = rng.choice(digits)
            ref = ref[:k] + ("O" if ref[k] == "0" else "I") + ref[k + 1 :]
            self._add(category, "auto", amount, currency, f"{word} {ref}", {inv.number: amount}, name, iban)
        elif category == "nosep_ref":
            self._add(
                category,
                "auto",
                amount,
                currency,
                f"{word} {inv.number.replace('/', '').replace('-', '')}",
                {inv.number: amount},
                name,
                iban,
            )
        elif category == "transposed_ref":
            head, _, serial = inv.number.rpartition("/" if "/" in inv.number else "-")
            pairs = [k for k in range(len(serial) - 1) if serial[k] != serial[k + 1] and serial[k] != "0"]
            if not pairs:
                self._put_back(inv)
                return False
            k = rng.choice(pairs)
            swapped = serial[:k] + serial[k + 1] + serial[k] + serial[k + 2 :]
            sep = "/" if "/" in inv.number else "-"
            wrong = f"{head}{sep}{swapped}"
            if any(i.number == wrong for i in self.by_customer.get(cid, [])) or wrong in self._numbers():
                # The swapped number is a real invoice: that is not a typo we could detect.
                self._put_back(inv)
                return False
            self._add(category, "auto", amount, currency, f"{word} {wrong}", {inv.number: amount}, name, iban)
        elif category == "short_ref":
            if polish:
                self._put_back(inv)
                return False  # FV/yyyy/mm/nnnn has no unique short form
            serial = inv.number.rsplit("-", 1)[1]
            self._add(
                category, "auto", amount, currency, f"inv {int(serial)}", {inv.number: amount}, name, iban
            )
        elif category == "split_payment":
            if not polish or currency != "PLN":
                self._put_back(inv)
                return False
            vat = (amount * Decimal("23") / Decimal("123")).quantize(CENT)
            text = f"/VAT/{str(vat).replace('.', ',')}/IDC/{customer.vat_id}/INV/{inv.number}/TXT/zaplata"
            self._add(category, "auto", amount, currency, text, {inv.number: amount}, name, iban)
        elif category == "partial_ref":
            part = (amount * Decimal(rng.choice(["0.5", "0.3", "0.25"]))).quantize(CENT)
            self._add(
                category, "auto", part, currency, f"{word} {inv.number} część", {inv.number: part}, name, iban
            )
        elif category == "overpay_ref":
            extra = Decimal(rng.randint(100, 5000)) / 100
            self._add(
                category,
                "auto",
                amount + extra,
                currency,
                f"{word} {inv.number}",
                {inv.number: amount},
                name,
                iban,
            )
        elif category == "third_party":
            factor, country = rng.choice(FACTORS)
            self._add(
                category,
                "auto",
                amount,
                currency,
                f"Płatność za {inv.number} w imieniu {customer.name}",
                {inv.number: amount},
                factor,
                make_iban(rng, country),
            )
        elif category == "fx_original":
            rate = Decimal(rng.choice(["4.2712", "4.3050", "4.2299"]))
            self._add(
                category,
                "auto",
                (amount * rate).quantize(CENT),
                "PLN",
                f"{word} {inv.number}",
                {inv.number: amount},
                name,
                iban,
                original=(amount, currency),
            )
        elif category == "fx_no_original":
            rate = Decimal("4.2712")
            self._add(
                category,
                "none",
                (amount * rate).quantize(CENT),
                "PLN",
                f"{word} {inv.number}",
                {},
                name,
                iban,
            )
        elif category == "iban_no_ref":
            if not customer.ibans or not self._unique_amount(inv):
                self._put_back(inv)
                return False
            self._add(
                category,
                "auto",
                amount,
                currency,
                rng.choice(["przelew", "payment", "zapłata", "thank you"]),
                {inv.number: amount},
                name,
                rng.choice(customer.ibans),
            )
        elif category == "name_no_ref":
            if not self._unique_amount(inv):
                self._put_back(inv)
                return False
            self._add(
                category,
                "auto",
                amount,
                currency,
                rng.choice(["przelew", "payment", "zapłata"]),
                {inv.number: amount},
                self._payer_name(cid),
                str(self.styles[cid]["hidden_iban"]),
            )
        elif category == "vat_no_ref":
            if not polish or currency != "PLN" or not self._unique_amount(inv):
                self._put_back(inv)
                return False
            vat = (amount * Decimal("23") / Decimal("123")).quantize(CENT)
            text = f"/VAT/{str(vat).replace('.', ',')}/IDC/{customer.vat_id}/INV/zaliczka/TXT/przelew"
            self._add(category, "auto", amount, currency, text, {inv.number: amount}, "", "")
        elif category == "dated_ref":
            text = (
                f"{word} {inv.number} z dnia {inv.issued_on:%d.%m.%Y} zam. {rng.randint(1000, 99999)}"
                if polish
                else f"Order {rng.randint(1000, 99999)} / {inv.number} dated {inv.issued_on:%Y-%m-%d}"
            )
            self._add(category, "auto", amount, currency, text, {inv.number: amount}, name, iban)
        elif category == "structured_ref":
            self._add(
                category, "auto", amount, currency, "", {inv.number: amount}, name, iban, reference=inv.number
            )
        elif category == "fee_deducted":
            fee = Decimal(rng.choice(["5.00", "10.00", "15.00", "25.00"]))
            if fee >= amount:
                self._put_back(inv)
                return False
            self._add(
                category,
                "auto",
                amount - fee,
                currency,
                f"{word} {inv.number}",
                {inv.number: amount - fee},
                name,
                iban,
            )
        elif category in ("serial_known_payer", "serial_unknown_payer"):
            serial = int(inv.number.replace("-", "/").rsplit("/", 1)[1])
            same_serial = [
                i
                for i in self.invoices
                if i.total == amount
                and int(i.number.replace("-", "/").rsplit("/", 1)[1]) == serial
                and i is not inv
            ]
            if (
                same_serial
                or not self._unique_amount(inv)
                or (category == "serial_known_payer" and not customer.ibans)
            ):
                self._put_back(inv)
                return False
            text = f"{'faktura' if polish else 'invoice'} {serial}"
            if category == "serial_known_payer":
                self._add(
                    category,
                    "auto",
                    amount,
                    currency,
                    text,
                    {inv.number: amount},
                    name,
                    rng.choice(customer.ibans),
                )
            else:
                self._add(category, "review", amount, currency, text, {}, "", "")
        elif category == "wrong_ref_same_customer":
            sibling = next(
                (
                    i
                    for i in self.by_customer[cid]
                    if i.number not in self.used
                    and i.paid == 0
                    and i.currency == currency
                    and i.total != amount
                ),
                None,
            )
            if sibling is None:
                self._put_back(inv)
                return False
            # Quotes one invoice, pays exactly another: a person must say which.
            self._add(category, "review", sibling.total, currency, f"{word} {inv.number}", {}, name, iban)
            self._put_back(inv)
        elif category == "typo_name":
            base = str(self.styles[cid]["base"])
            k = rng.randrange(1, len(base) - 1)
            typo = (
                base[:k] + base[k + 1] + base[k] + base[k + 2 :]
                if base[k] != base[k + 1]
                else base[:k] + base[k + 1 :]
            )
            self._add(category, "review", amount, currency, "przelew", {}, typo, "")
        elif category == "double_payment":
            self._add(
                "exact_ref",
                "auto",
                amount,
                currency,
                f"{word} {inv.number}",
                {inv.number: amount},
                name,
                iban,
            )
            self._add(category, "review", amount, currency, f"{word} {inv.number}", {}, name, iban)
        elif category == "paid_invoice_ref":
            paid = [i for i in self.invoices if i.paid == i.total and i.paid > 0]
            target = rng.choice(paid)
            self._put_back(inv)
            self._add(
                category,
                "review",
                target.total,
                target.currency,
                f"Faktura {target.number}",
                {},
                self._payer_name(target.customer_id),
                "",
            )
        elif category == "conflicting_ref":
            other = self._take(lambda i: i.customer_id != cid and i.currency == currency)
            if other is None or other.total == amount:
                self._put_back(inv)
                return False
            self._add(
                category,
                "review",
                other.total,
                currency,
                f"{word} {inv.number}",
                {},
                "Nieznany Płatnik",
                make_iban(rng, "PL"),
            )
            self._put_back(other)
        else:
            raise ValueError(category)
        return True

    def _numbers(self) -> set[str]:
        if not hasattr(self, "_number_set"):
            self._number_set = {i.number for i in self.invoices}
        return self._number_set

    def _unique_amount(self, inv: Invoice) -> bool:
        """No other invoice of the customer has the same total (else the truth is art. 451's oldest)."""
        return sum(1 for i in self.by_customer[inv.customer_id] if i.total == inv.total and i.paid == 0) == 1

    def _multi(self, category: str) -> bool:
        rng = self.rng
        for _ in range(30):
            inv = self._take()
            if inv is None:
                return False
            cid = inv.customer_id
            siblings = [
                i
                for i in self.by_customer[cid]
                if i.number not in self.used and i.paid == 0 and i.currency == inv.currency
            ]
            if category == "oldest_of_equal":
                twin = next((i for i in siblings if i.total == inv.total), None)
                if twin is None:
                    self._put_back(inv)
                    continue
                others = [i for i in self.by_customer[cid] if i.total == inv.total and i.paid == 0]
                oldest = min(others, key=lambda i: (i.due_on, i.issued_on, i.number))
                if oldest.number not in {inv.number, twin.number}:
                    self._put_back(inv)
                    continue
                self._add(
                    category,
                    "auto",
                    inv.total,
                    inv.currency,
                    "przelew",
                    {oldest.number: inv.total},
                    self._payer_name(cid),
                    self._payer_iban(cid, True),
                )
                other = twin if oldest.number == inv.number else inv
                self._mark(twin)
                self._put_back(other)
                return True
            if not siblings:
                self._put_back(inv)
                continue
            group = [inv, *rng.sample(siblings, min(len(siblings), rng.choice([1, 1, 2])))]
            for g in group[1:]:
                self._mark(g)
            total = sum((g.total for g in group), Decimal("0"))
            if category == "multi_ref":
                text = "Faktury " + ", ".join(g.number for g in group)
                self._add(
                    category,
                    "auto",
                    total,
                    inv.currency,
                    text,
                    {g.number: g.total for g in group},
                    self._payer_name(cid),
                    self._payer_iban(cid, rng.random() < 0.5),
                )
                return True
            customer = self._customer(cid)
            if not customer.ibans or any(g.total == g.total.to_integral_value() for g in group):
                # Round totals make several subsets add up to the same amount: that is a
                # case for review, not a known answer.
                self._put_back(*group)
                continue
            opens = [i for i in self.by_customer[cid] if i.paid == 0 and i.currency == inv.currency]
            if sum(1 for i in opens if i.total == total) or len(opens) > 20:
                self._put_back(*group)
                continue
            self._add(
                category,
                "auto",
                total,
                inv.currency,
                "payment",
                {g.number: g.total for g in group},
                self._payer_name(cid),
                rng.choice(customer.ibans),
            )
            return True
        return False


WEIGHTS = {
    "exact_ref": 20,
    "messy_ref": 8,
    "reordered_ref": 3,
    "ocr_ref": 3,
    "nosep_ref": 3,
    "transposed_ref": 2,
    "short_ref": 2,
    "split_payment": 5,
    "multi_ref": 3,
    "partial_ref": 3,
    "overpay_ref": 2,
    "third_party": 2,
    "fx_original": 2,
    "fx_no_original": 1,
    "iban_no_ref": 5,
    "name_no_ref": 4,
    "vat_no_ref": 2,
    "subset_no_ref": 2,
    "oldest_of_equal": 1,
    "double_payment": 2,
    "paid_invoice_ref": 1,
    "conflicting_ref": 1,
    "unknown_payer": 4,
    "noise_credit": 5,
    "noise_debit": 12,
    "dated_ref": 3,
    "structured_ref": 2,
    "fee_deducted": 1,
    "serial_known_payer": 1,
    "serial_unknown_payer": 1,
    "typo_name": 1,
    "other_document": 2,
    "wrong_ref_same_customer": 1,
}


def generate(
    n_invoices: int = 2000, n_lines: int = 4000, seed: int = 1, noise_share: float | None = None
) -> Books:
    """Books of ``n_invoices`` invoices and a statement of about ``n_lines`` lines with known truth.

    With ``noise_share`` (0..1), that share of lines is plain noise (debits, unknown payers):
    the speed benchmark's 200,000 lines against 50,000 invoices need that.
    """
    gen = _Gen(seed, n_invoices)
    gen.target = n_lines
    cats = list(WEIGHTS)
    weights = [WEIGHTS[c] for c in cats]
    failures = 0
    while len(gen.lines) < n_lines and failures < 5000:
        if noise_share is not None and gen.rng.random() < noise_share:
            category = gen.rng.choice(["noise_debit", "noise_debit", "noise_credit", "unknown_payer"])
        else:
            category = gen.rng.choices(cats, weights)[0]
        if not gen.case(category):
            failures += 1
            if not gen.unused:
                noise_share = 1.0
    return Books(gen.invoices, gen.customers, gen.lines, gen.truth)


# --- output files -----------------------------------------------------------------------------


def write_invoices_csv(invoices: Sequence[Invoice]) -> str:
    """The canonical CSV export of ``invoices``."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "number",
            "customer_id",
            "customer_name",
            "customer_vat_id",
            "customer_iban",
            "email",
            "language",
            "issue_date",
            "due_date",
            "total",
            "currency",
            "paid",
        ]
    )
    for inv in invoices:
        writer.writerow(
            [
                inv.number,
                inv.customer_id,
                inv.customer_name,
                inv.customer_vat_id,
                ";".join(inv.customer_ibans),
                ";".join(inv.emails),
                inv.language or "",
                inv.issued_on.isoformat(),
                inv.due_on.isoformat(),
                f"{inv.total:.2f}",
                inv.currency,
                f"{inv.paid:.2f}",
            ]
        )
    return out.getvalue()


def iter_camt053(
    lines: Sequence[StatementLine], account_iban: str = OUR_IBAN, currency: str = "PLN"
) -> Iterator[str]:
    """A CAMT.053.001.02 document holding ``lines``, in chunks."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>'
        "<GrpHdr><MsgId>GEN-1</MsgId><CreDtTm>2026-11-30T12:00:00</CreDtTm></GrpHdr>"
        f"<Stmt><Id>GEN-1</Id><CreDtTm>2026-11-30T12:00:00</CreDtTm><Acct><Id><IBAN>{account_iban}</IBAN></Id>"
        f"<Ccy>{currency}</Ccy></Acct>\n"
    )
    chunk: list[str] = []
    for line in lines:
        credit = line.amount > 0
        role = "Dbtr" if credit else "Cdtr"
        code = line.bank_code.split("-") if line.bank_code else ["PMNT", "RCDT", "ESCT"]
        instd = ""
        if line.original_amount is not None:
            instd = f'<AmtDtls><InstdAmt><Amt Ccy="{line.original_currency}">{abs(line.original_amount):.2f}</Amt></InstdAmt></AmtDtls>'
        party = ""
        if line.counterparty:
            party += f"<{role}><Nm>{escape(line.counterparty)}</Nm></{role}>"
        if line.counterparty_iban:
            party += f"<{role}Acct><Id><IBAN>{line.counterparty_iban}</IBAN></Id></{role}Acct>"
        chunk.append(
            f'<Ntry><Amt Ccy="{line.currency}">{abs(line.amount):.2f}</Amt><CdtDbtInd>{"CRDT" if credit else "DBIT"}</CdtDbtInd>'
            f"<Sts>BOOK</Sts><BookgDt><Dt>{line.booked_on.isoformat()}</Dt></BookgDt>"
            f"<ValDt><Dt>{line.booked_on.isoformat()}</Dt></ValDt><AcctSvcrRef>{line.id}</AcctSvcrRef>"
            f"<BkTxCd><Domn><Cd>{code[0]}</Cd><Fmly><Cd>{code[1]}</Cd><SubFmlyCd>{code[2]}</SubFmlyCd></Fmly></Domn></BkTxCd>"
            f"<NtryDtls><TxDtls>{instd}"
            + (f"<RltdPties>{party}</RltdPties>" if party else "")
            + (
                "<RmtInf>"
                + (f"<Ustrd>{escape(line.text)}</Ustrd>" if line.text else "")
                + (
                    f"<Strd><CdtrRefInf><Ref>{escape(line.reference)}</Ref></CdtrRefInf></Strd>"
                    if line.reference
                    else ""
                )
                + "</RmtInf>"
                if line.text or line.reference
                else ""
            )
            + "</TxDtls></NtryDtls></Ntry>\n"
        )
        if len(chunk) >= 1000:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
    yield "</Stmt></BkToCstmrStmt></Document>\n"


def write_files(books: Books, outdir: Path) -> None:
    """invoices.csv, statement.xml (CAMT.053) and truth.json in ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "invoices.csv").write_text(write_invoices_csv(books.invoices), encoding="utf-8")
    with (outdir / "statement.xml").open("w", encoding="utf-8") as fh:
        for part in iter_camt053(books.lines):
            fh.write(part)
    truth = {
        tid: {
            "category": t.category,
            "expect": t.expect,
            "allocations": {k: str(v) for k, v in t.allocations.items()},
        }
        for tid, t in books.truth.items()
    }
    (outdir / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")


# --- scoring ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    auto_rows: int = 0
    auto_correct: int = 0
    expected_rows: int = 0
    expected_found: int = 0
    unattributable_auto: int = 0
    review_auto: int = 0
    per_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [expected, found, wrong]

    @property
    def precision(self) -> float:
        return self.auto_correct / self.auto_rows if self.auto_rows else 1.0

    @property
    def recall(self) -> float:
        return self.expected_found / self.expected_rows if self.expected_rows else 1.0


def score(truth: dict[str, Truth], matches: Sequence[tuple[str, str, Decimal, bool]]) -> Score:
    """Compare (transaction, invoice, amount, is_auto) rows with the truth; only automatic rows count as found."""
    result = Score()
    for t in truth.values():
        row = result.per_category.setdefault(t.category, [0, 0, 0, 0])
        row[3] += 1
        if t.expect == "auto":
            result.expected_rows += len(t.allocations)
            row[0] += len(t.allocations)
    for tid, number, amount, is_auto in matches:
        if not is_auto:
            continue
        t = truth[tid]
        row = result.per_category[t.category]
        result.auto_rows += 1
        if t.expect == "auto" and t.allocations.get(number) == amount:
            result.auto_correct += 1
            result.expected_found += 1
            row[1] += 1
        else:
            row[2] += 1
            if t.expect == "none":
                result.unattributable_auto += 1
            elif t.expect == "review":
                result.review_auto += 1
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--invoices", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--noise-share", type=float, default=None)
    args = parser.parse_args()
    books = generate(args.invoices, args.lines, args.seed, args.noise_share)
    write_files(books, args.outdir)
    print(f"{len(books.invoices)} invoices, {len(books.lines)} lines -> {args.outdir}")


if __name__ == "__main__":
    main()
