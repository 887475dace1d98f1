"""The accountant's daily digest, as content: what needs a person today, promises, yesterday, the book.

Pure: the shell collects plain facts from the store into :class:`DigestFacts`; :func:`build_digest`
orders, sums and buckets them into a :class:`Digest` that the templates only lay out. Nothing here
formats money or dates (that is the templates' job, per language) and nothing reads the clock:
``facts.day`` is "today".

Urgency order of the "needs you today" items (:data:`NEEDS_YOU_ORDER`): first what can cost a
customer or send a wrong letter today, then what blocks tactful's own work, then housekeeping.

1. ``dispute``: the customer contests the debt; dunning is on hold until a person answers.
2. ``claimed_paid_not_found``: the customer says they paid and the bank shows nothing; the next
   reminder would insult a payer or let a non-payer stall.
3. ``unknown_send``: a reminder may or may not have left; it is never resent silently.
4. ``stale_statements``: without fresh bank statements, reminders could go to people who paid.
5. ``approval``: reminders (e.g. final demands) wait for a yes or no before they go.
6. ``payment_plan``: the customer asks to pay in instalments.
7. ``payment_review``: a payment tactful could not match with enough confidence.
8. ``overpayment``: money to return or to keep as credit.
9. ``bounce``: a contact address is dead; the customer gets no reminders until it is fixed.
10. ``unattributed_reply``: a reply tactful could not tie to any customer.
11. ``job_error``: a scheduled job failed (it is retried; it shows here until it succeeds).
12. ``other``.

Within a kind, bigger amounts come first (see :func:`money_rank`), then by customer name.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ledger.model import Invoice

NEEDS_YOU_ORDER: tuple[str, ...] = (
    "dispute",
    "claimed_paid_not_found",
    "unknown_send",
    "stale_statements",
    "approval",
    "payment_plan",
    "payment_review",
    "overpayment",
    "bounce",
    "unattributed_reply",
    "job_error",
    "other",
)

# Broken promises first: they are the ones a person may want to look at; kept ones are good news.
PROMISE_ORDER: tuple[str, ...] = ("broken", "due_today", "new", "kept")

# Escalation order of the stages tactful ships with; stages a user adds follow, alphabetically.
STAGE_ORDER: tuple[str, ...] = ("courtesy", "reminder", "firm", "final_demand", "broken_promise")

# Aging buckets by days overdue (facts.day - due_on): (key, lowest, highest or None).
AGING_BUCKETS: tuple[tuple[str, int | None, int | None], ...] = (
    ("current", None, 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("90+", 91, None),
)

TOP_OVERDUE_LIMIT = 10
ZERO = Decimal("0")


# --- inputs --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NeedsYouItem:
    """One thing a person has to decide; ``amount`` is ``None`` when no money is involved (then ``currency`` is "").

    ``summary`` is a short sentence from tactful (already in the company language or neutral),
    ``quote`` the customer's own words from the reply ("" if none), ``ref`` what to look up
    (invoice number, message id, job name, file).
    """

    kind: str
    customer_id: str
    customer_name: str
    amount: Decimal | None
    currency: str
    summary: str
    quote: str = ""
    ref: str = ""

    def __post_init__(self) -> None:
        if self.kind not in NEEDS_YOU_ORDER:
            raise ValueError(
                f"digest item {self.ref or self.customer_id!r}: unknown kind {self.kind!r}; "
                f"use one of {', '.join(NEEDS_YOU_ORDER)}"
            )
        if isinstance(self.amount, float):
            raise TypeError(
                f"digest item {self.ref or self.customer_id!r}: amount must be a Decimal, not a float"
            )


@dataclass(frozen=True, slots=True)
class PromiseItem:
    """A customer's promise to pay ``amount`` by ``promised_on``; ``state`` is new, due_today, kept or broken."""

    customer_id: str
    customer_name: str
    promised_on: date
    amount: Decimal
    currency: str
    state: str

    def __post_init__(self) -> None:
        if self.state not in PROMISE_ORDER:
            raise ValueError(
                f"promise of {self.customer_id!r}: unknown state {self.state!r}; use one of {', '.join(PROMISE_ORDER)}"
            )


@dataclass(frozen=True, slots=True)
class DigestFacts:
    """Everything the digest needs, collected by the shell; ``day`` is today (the day the digest is for).

    ``matched`` holds one ``(amount, currency)`` per payment matched yesterday. ``reminders_sent``
    counts reminders sent yesterday per stage, ``replies_by_intent`` replies received per intent.
    ``open_invoices`` are the invoices still open now. ``previous_totals`` maps a currency to
    ``(open, overdue)`` as of the previous digest, or is ``None`` when there was none.
    ``customers`` maps customer id to name (falls back to the invoice's ``customer_name``).
    ``main_currency`` is the company's home currency; ``None`` picks the currency with the most
    open invoices.
    """

    day: date
    company_name: str
    language: str
    needs_you: Sequence[NeedsYouItem] = ()
    promises: Sequence[PromiseItem] = ()
    matched: Sequence[tuple[Decimal, str]] = ()
    reminders_sent: Mapping[str, int] = field(default_factory=dict)
    replies_by_intent: Mapping[str, int] = field(default_factory=dict)
    open_invoices: Sequence[Invoice] = ()
    previous_totals: Mapping[str, tuple[Decimal, Decimal]] | None = None
    customers: Mapping[str, str] = field(default_factory=dict)
    main_currency: str | None = None


# --- output --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency, with how many items it sums."""

    amount: Decimal
    currency: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class NeedsYouGroup:
    """The items of one kind, most important first."""

    kind: str
    items: tuple[NeedsYouItem, ...]


@dataclass(frozen=True, slots=True)
class PromiseGroup:
    """The promises in one state, earliest date first."""

    state: str
    items: tuple[PromiseItem, ...]


@dataclass(frozen=True, slots=True)
class Count:
    """A label key (a stage or an intent) and how many."""

    key: str
    count: int


@dataclass(frozen=True, slots=True)
class AgingBucket:
    """Open money in one aging bucket; ``width_pct`` (0..100) is the bar length relative to the largest bucket."""

    key: str
    amount: Decimal
    currency: str
    count: int
    width_pct: int


@dataclass(frozen=True, slots=True)
class CurrencyBook:
    """The open book in one currency; ``*_change`` is the change since the previous digest (``None``: no previous)."""

    currency: str
    open: Decimal
    overdue: Decimal
    open_count: int
    overdue_count: int
    open_change: Decimal | None
    overdue_change: Decimal | None
    aging: tuple[AgingBucket, ...]


@dataclass(frozen=True, slots=True)
class OverdueCustomer:
    """One of the largest overdue customers; ``amounts`` has the ranking currency first."""

    customer_id: str
    customer_name: str
    amounts: tuple[Money, ...]
    invoice_count: int
    max_days_overdue: int


@dataclass(frozen=True, slots=True)
class Digest:
    """The digest's content, in display order, for the templates.

    ``has_urgent`` is true when anything needs a person. ``needs_you_count``, ``matched`` and
    ``matched_count`` are what the subject line summarises ("3 need you today · 12 450,00 zł matched").
    """

    day: date
    company_name: str
    language: str
    main_currency: str
    needs_you: tuple[NeedsYouItem, ...]
    needs_you_groups: tuple[NeedsYouGroup, ...]
    promise_groups: tuple[PromiseGroup, ...]
    matched: tuple[Money, ...]
    matched_count: int
    reminders_sent: tuple[Count, ...]
    replies_by_intent: tuple[Count, ...]
    books: tuple[CurrencyBook, ...]
    top_overdue: tuple[OverdueCustomer, ...]
    has_previous: bool

    @property
    def has_urgent(self) -> bool:
        return bool(self.needs_you)

    @property
    def needs_you_count(self) -> int:
        return len(self.needs_you)

    @property
    def reminders_total(self) -> int:
        return sum(c.count for c in self.reminders_sent)

    @property
    def replies_total(self) -> int:
        return sum(c.count for c in self.replies_by_intent)

    @property
    def has_promises(self) -> bool:
        return bool(self.promise_groups)

    @property
    def has_yesterday(self) -> bool:
        return bool(self.matched_count or self.reminders_sent or self.replies_by_intent)

    @property
    def has_overdue(self) -> bool:
        return any(book.overdue > 0 for book in self.books)

    def promises_in(self, state: str) -> tuple[PromiseItem, ...]:
        """The promises in ``state`` (empty tuple if none)."""
        for group in self.promise_groups:
            if group.state == state:
                return group.items
        return ()


# --- building --------------------------------------------------------------------------------------------


def days_overdue(invoice: Invoice, day: date) -> int:
    """Whole days past the due date on ``day``; zero or negative when not yet overdue."""
    return (day - invoice.due_on).days


def aging_bucket(days: int) -> str:
    """The aging bucket key for ``days`` overdue: current (<= 0), 1-30, 31-60, 61-90, 90+ (91 and more)."""
    for key, low, high in AGING_BUCKETS:
        if (low is None or days >= low) and (high is None or days <= high):
            return key
    raise AssertionError(f"no aging bucket for {days} days")  # pragma: no cover - buckets cover all integers


def choose_main_currency(facts: DigestFacts) -> str:
    """``facts.main_currency``, else the currency with most open invoices (ties: alphabetical), else "EUR"."""
    if facts.main_currency:
        return facts.main_currency.upper()
    counts: dict[str, int] = defaultdict(int)
    for invoice in facts.open_invoices:
        counts[invoice.currency.upper()] += 1
    if not counts:
        currencies = sorted(
            {c.upper() for _, c in facts.matched}
            | {i.currency.upper() for i in facts.needs_you if i.currency}
        )
        return currencies[0] if currencies else "EUR"
    return min(counts, key=lambda c: (-counts[c], c))


def money_rank(amount: Decimal | None, currency: str, main_currency: str) -> tuple[int, str, Decimal]:
    """A sort key putting money in the main currency first (largest first), then other currencies
    alphabetically (largest first within each), then no amount at all.

    Amounts in different currencies are never compared with each other: there is no exchange rate here.
    """
    if amount is None or not currency:
        return (2, "", ZERO)
    tier = 0 if currency.upper() == main_currency else 1
    return (tier, "" if tier == 0 else currency.upper(), -amount)


def build_digest(facts: DigestFacts) -> Digest:
    """Order, sum and bucket ``facts`` into the digest's content (pure; ``facts.day`` is today)."""
    main = choose_main_currency(facts)
    needs_you = _order_needs_you(facts.needs_you, main)
    groups = tuple(
        NeedsYouGroup(kind, tuple(item for item in needs_you if item.kind == kind))
        for kind in NEEDS_YOU_ORDER
        if any(item.kind == kind for item in needs_you)
    )
    matched = _sum_money(facts.matched, main)
    owed = _owed(facts)
    return Digest(
        day=facts.day,
        company_name=facts.company_name,
        language=facts.language,
        main_currency=main,
        needs_you=needs_you,
        needs_you_groups=groups,
        promise_groups=_group_promises(facts.promises, main),
        matched=matched,
        matched_count=len(facts.matched),
        reminders_sent=_order_stages(facts.reminders_sent),
        replies_by_intent=_order_intents(facts.replies_by_intent),
        books=_books(facts, owed, main),
        top_overdue=_top_overdue(facts, owed, main),
        has_previous=facts.previous_totals is not None,
    )


def _order_needs_you(items: Sequence[NeedsYouItem], main: str) -> tuple[NeedsYouItem, ...]:
    urgency = {kind: position for position, kind in enumerate(NEEDS_YOU_ORDER)}
    return tuple(
        sorted(
            items,
            key=lambda i: (
                urgency[i.kind],
                money_rank(i.amount, i.currency, main),
                i.customer_name.casefold(),
                i.customer_id,
                i.ref,
                i.summary,
            ),
        )
    )


def _group_promises(promises: Sequence[PromiseItem], main: str) -> tuple[PromiseGroup, ...]:
    groups = []
    for state in PROMISE_ORDER:
        items = sorted(
            (p for p in promises if p.state == state),
            key=lambda p: (
                p.promised_on,
                money_rank(p.amount, p.currency, main),
                p.customer_name.casefold(),
                p.customer_id,
            ),
        )
        if items:
            groups.append(PromiseGroup(state, tuple(items)))
    return tuple(groups)


def _sum_money(entries: Sequence[tuple[Decimal, str]], main: str) -> tuple[Money, ...]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    for amount, currency in entries:
        if isinstance(amount, float):
            raise TypeError(f"matched amount {amount!r} {currency}: must be a Decimal, not a float")
        totals[currency.upper()] += amount
        counts[currency.upper()] += 1
    return tuple(Money(totals[c], c, counts[c]) for c in _currency_order(totals, main))


def _currency_order(currencies: Mapping[str, object] | set[str], main: str) -> list[str]:
    return sorted(currencies, key=lambda c: (c != main, c))


def _order_stages(counts: Mapping[str, int]) -> tuple[Count, ...]:
    known = {stage: position for position, stage in enumerate(STAGE_ORDER)}
    keys = sorted((k for k, n in counts.items() if n), key=lambda k: (known.get(k, len(known)), k))
    return tuple(Count(k, counts[k]) for k in keys)


def _order_intents(counts: Mapping[str, int]) -> tuple[Count, ...]:
    keys = sorted((k for k, n in counts.items() if n), key=lambda k: (-counts[k], k))
    return tuple(Count(k, counts[k]) for k in keys)


class _Owed(NamedTuple):
    """One invoice with money still owed, its figures worked out once for every section that needs them.

    A NamedTuple, not a frozen dataclass: a digest of 100 000 invoices makes as many, and this is cheaper.
    """

    currency: str
    amount: Decimal
    days_late: int
    customer_id: str
    customer_name: str


def _owed(facts: DigestFacts) -> list[_Owed]:
    rows = []
    for invoice in facts.open_invoices:
        amount = invoice.open_amount
        if amount > 0:
            rows.append(
                _Owed(
                    invoice.currency.upper(),
                    amount,
                    days_overdue(invoice, facts.day),
                    invoice.customer_id,
                    invoice.customer_name,
                )
            )
    return rows


def _books(facts: DigestFacts, owed: Sequence[_Owed], main: str) -> tuple[CurrencyBook, ...]:
    by_currency: dict[str, list[_Owed]] = defaultdict(list)
    for row in owed:
        by_currency[row.currency].append(row)
    previous = {c.upper(): v for c, v in (facts.previous_totals or {}).items()}
    # A currency that was open last time and is fully paid now still gets a row: its change is news.
    currencies = set(by_currency) | {c for c, (o, d) in previous.items() if o or d}
    books = []
    for currency in _currency_order(currencies, main):
        rows = by_currency.get(currency, [])
        open_total = sum((r.amount for r in rows), ZERO)
        overdue = [r for r in rows if r.days_late > 0]
        overdue_total = sum((r.amount for r in overdue), ZERO)
        if facts.previous_totals is None:
            open_change = overdue_change = None
        else:
            prev_open, prev_overdue = previous.get(currency, (ZERO, ZERO))
            open_change, overdue_change = open_total - prev_open, overdue_total - prev_overdue
        books.append(
            CurrencyBook(
                currency=currency,
                open=open_total,
                overdue=overdue_total,
                open_count=len(rows),
                overdue_count=len(overdue),
                open_change=open_change,
                overdue_change=overdue_change,
                aging=_aging(rows, currency),
            )
        )
    return tuple(books)


def _aging(rows: Sequence[_Owed], currency: str) -> tuple[AgingBucket, ...]:
    amounts: dict[str, Decimal] = {key: ZERO for key, _, _ in AGING_BUCKETS}
    counts: dict[str, int] = dict.fromkeys(amounts, 0)
    for row in rows:
        key = aging_bucket(row.days_late)
        amounts[key] += row.amount
        counts[key] += 1
    largest = max(amounts.values(), default=ZERO)
    return tuple(
        AgingBucket(key, amounts[key], currency, counts[key], _bar_width(amounts[key], largest))
        for key, _, _ in AGING_BUCKETS
    )


def _bar_width(amount: Decimal, largest: Decimal) -> int:
    """Percent of the largest bucket, rounded; at least 1 for any money at all so that it shows."""
    if amount <= 0 or largest <= 0:
        return 0
    pct = int((amount * 100 / largest).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return max(1, min(100, pct))


def _top_overdue(facts: DigestFacts, rows: Sequence[_Owed], main: str) -> tuple[OverdueCustomer, ...]:
    """The largest overdue customers: by overdue amount in the main currency, then customers owing only in
    other currencies (by currency code, then amount). Ties: name, then id, so the list is stable."""
    amounts: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    oldest: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for row in rows:
        if row.days_late <= 0:
            continue
        cid = row.customer_id
        amounts[cid][row.currency] += row.amount
        counts[cid][row.currency] += 1
        oldest[cid] = max(oldest[cid], row.days_late)
        if cid not in names:
            names[cid] = facts.customers.get(cid) or row.customer_name or cid

    def ranking(cid: str) -> tuple[int, str, Decimal]:
        owed = amounts[cid]
        if main in owed:
            return money_rank(owed[main], main, main)
        currency = min(owed)  # alphabetical, as documented above
        return money_rank(owed[currency], currency, main)

    ranked = heapq.nsmallest(
        TOP_OVERDUE_LIMIT, amounts, key=lambda cid: (ranking(cid), names[cid].casefold(), cid)
    )
    result = []
    for cid in ranked:
        owed = amounts[cid]
        first = main if main in owed else min(owed)
        order = [first, *sorted(c for c in owed if c != first)]
        result.append(
            OverdueCustomer(
                customer_id=cid,
                customer_name=names[cid],
                amounts=tuple(Money(owed[c], c, counts[cid][c]) for c in order),
                invoice_count=sum(counts[cid].values()),
                max_days_overdue=oldest[cid],
            )
        )
    return tuple(result)


# --- sample data ----------------------------------------------------------------------------------------

_SAMPLE_COMPANY = {
    "pl": ("Biuro Rachunkowe Przykład Sp. z o.o.", "PLN"),
    "de": ("Beispiel Buchhaltung GmbH", "EUR"),
    "en": ("Example Accounts Ltd", "GBP"),
}

_SAMPLE_TEXTS = {
    "pl": {
        "dispute": (
            "Klient kwestionuje fakturę FV/2026/10/117",
            "Ta faktura jest niezgodna z zamówieniem, nie zapłacimy.",
        ),
        "payment_plan": ("Prośba o rozłożenie na raty", "Czy możemy zapłacić w trzech ratach do lutego?"),
        "claimed_paid_not_found": (
            "Klient twierdzi, że zapłacił; brak wpłaty na wyciągu",
            "Przelew wyszedł 18 listopada.",
        ),
        "bounce": ("Adres odbił wiadomość: ksiegowosc@stara-domena.pl", "ksiegowosc@stara-domena.pl"),
        "stale_statements": ("Brak nowego wyciągu z mBank od 4 dni", "mbank-pln.xml"),
    },
    "de": {
        "dispute": ("Kunde bestreitet Rechnung RE-2026-10-117", "Die Ware war beschädigt, wir zahlen nicht."),
        "payment_plan": ("Bitte um Ratenzahlung", "Können wir in drei Raten bis Februar zahlen?"),
        "claimed_paid_not_found": (
            "Kunde sagt, er habe bezahlt; keine Zahlung im Auszug",
            "Wir haben am 18.11. überwiesen.",
        ),
        "bounce": ("Adresse unzustellbar: buchhaltung@alte-domain.de", "buchhaltung@alte-domain.de"),
        "stale_statements": ("Seit 4 Tagen kein neuer Kontoauszug der Sparkasse", "sparkasse-eur.sta"),
    },
    "en": {
        "dispute": (
            "Customer disputes invoice INV-10117",
            "The goods arrived damaged, we will not pay this.",
        ),
        "payment_plan": ("Asks to pay in instalments", "Could we pay in three instalments until February?"),
        "claimed_paid_not_found": (
            "Customer says they paid; no payment on the statement",
            "We paid this on 18 November.",
        ),
        "bounce": ("Address bounced: accounts@old-domain.co.uk", "accounts@old-domain.co.uk"),
        "stale_statements": ("No new Barclays statement for 4 days", "barclays-gbp.ofx"),
    },
}

_SAMPLE_CUSTOMERS = (
    ("K-0042", "Przedsiębiorstwo Handlowo-Usługowe Kowalski & Synowie Spółka Jawna <Oddział Pomorski>"),
    ("K-0107", "Nowak Transport"),
    ("K-0311", "ABC"),
    ("K-0515", "Zakład Usług Remontowo-Budowlanych Wiśniewski"),
    ("K-0600", "Müller & Schmidt Logistik GmbH"),
    ("K-0701", "Dąbrowska Design"),
    ("K-0702", "Lewandowski IT Solutions"),
    ("K-0703", "Zielińska Catering"),
    ("K-0704", "Szymański Auto"),
    ("K-0705", "Woźniak Meble"),
    ("K-0706", "Kamiński Farm"),
    ("K-0707", "Jankowski Print"),
)


def sample_facts(language: str = "en", day: date = date(2026, 11, 23)) -> DigestFacts:
    """Realistic facts for trying the templates: every section filled, two currencies, long names, big amounts."""
    lang = language if language in _SAMPLE_COMPANY else "en"
    company, main = _SAMPLE_COMPANY[lang]
    other = "EUR" if main != "EUR" else "USD"
    texts = _SAMPLE_TEXTS[lang]
    names = dict(_SAMPLE_CUSTOMERS)
    ids = [cid for cid, _ in _SAMPLE_CUSTOMERS]

    def shift(days: int) -> date:
        return date.fromordinal(day.toordinal() + days)

    invoices = []
    for position, cid in enumerate(ids):
        for n, late in enumerate((-10, 5 + position * 9, 40 + position * 7)):
            amount = Decimal(1000 + position * 773 + n * 251) + Decimal("0.45")
            if cid == "K-0042" and n == 2:
                amount = Decimal("98765.43")
            invoices.append(
                Invoice(
                    number=f"FV/2026/{position:02d}/{n}",
                    customer_id=cid,
                    issued_on=shift(-late - 14),
                    due_on=shift(-late),
                    total=amount,
                    currency=other if cid == "K-0600" else main,
                    customer_name=names[cid],
                )
            )
    needs = [
        NeedsYouItem(
            "dispute",
            "K-0042",
            names["K-0042"],
            Decimal("1234567890.12"),  # a huge amount must still fit at 375 px
            main,
            *texts["dispute"],
            ref="FV/2026/10/117",
        ),
        NeedsYouItem(
            "payment_plan",
            "K-0107",
            names["K-0107"],
            Decimal("8400.00"),
            main,
            *texts["payment_plan"],
            ref="FV/2026/01/1",
        ),
        NeedsYouItem(
            "claimed_paid_not_found",
            "K-0600",
            names["K-0600"],
            Decimal("980.00"),
            other,
            *texts["claimed_paid_not_found"],
            ref="FV/2026/04/2",
        ),
        NeedsYouItem(
            "bounce",
            "K-0311",
            names["K-0311"],
            None,
            "",
            texts["bounce"][0],
            ref=texts["bounce"][1],
        ),
        NeedsYouItem(
            "stale_statements",
            "",
            "",
            None,
            "",
            texts["stale_statements"][0],
            ref=texts["stale_statements"][1],
        ),
    ]
    promises = [
        PromiseItem("K-0515", names["K-0515"], shift(7), Decimal("5000.00"), main, "new"),
        PromiseItem("K-0701", names["K-0701"], day, Decimal("1773.45"), main, "due_today"),
        PromiseItem("K-0702", names["K-0702"], shift(-1), Decimal("2546.45"), main, "kept"),
        PromiseItem("K-0703", names["K-0703"], shift(-2), Decimal("3319.45"), main, "broken"),
    ]
    return DigestFacts(
        day=day,
        company_name=company,
        language=lang,
        needs_you=needs,
        promises=promises,
        matched=[(Decimal("12450.00"), main), (Decimal("3100.50"), main), (Decimal("980.00"), other)],
        reminders_sent={"courtesy": 4, "reminder": 7, "firm": 2, "final_demand": 1},
        replies_by_intent={"promise_to_pay": 3, "dispute": 1, "out_of_office": 5, "bounce": 1},
        open_invoices=invoices,
        previous_totals=_sample_previous(invoices, day, main),
        customers=names,
        main_currency=main,
    )


def _sample_previous(invoices: Sequence[Invoice], day: date, main: str) -> dict[str, tuple[Decimal, Decimal]]:
    # Yesterday's book: a bit more open (payments came in), a bit less overdue (invoices fell due today).
    previous = {}
    for book in build_digest(
        DigestFacts(day=day, company_name="", language="en", open_invoices=invoices)
    ).books:
        if book.currency == main:
            previous[book.currency] = (book.open + Decimal("15550.50"), book.overdue - Decimal("4321.00"))
        else:
            previous[book.currency] = (book.open, book.overdue + Decimal("980.00"))
    return previous
