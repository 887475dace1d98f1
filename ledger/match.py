"""Pairing bank credits with open invoices: by reference, by payer and amount, or not at all.

Precision first: a match is automatic only when the evidence leaves one reading;
everything else is a suggestion (``is_auto=False``) or stays unmatched with a note
saying why, for a person to decide.

How a credit is read, in order:

1. Debits, reversals, refunds, card settlements, fees and interest are never matched.
2. Invoice references in the title (and the structured reference, and the ``/INV/``
   field of a Polish split payment) are found through an index of the invoices'
   normalised number groups: case, separators and leading zeros don't matter, nor
   does the order of the number groups ("Faktura nr 123/11/2026"), O/0 and I/1
   confusions, a dropped separator or two swapped digits of the serial number
   (only when it points to one invoice whose open amount equals the payment).
3. Without a usable reference the payer is identified by VAT id (``/IDC/``), by
   account (customer data and ``known_ibans``) or by name, and the payment is
   compared with that customer's open invoices: one equal amount, several equal
   (the oldest due one, Polish Civil Code art. 451) or one exact small subset.

Foreign-currency credits are compared through the instructed amount in the
invoice's currency only. Allocations never exceed the payment or an invoice's open
amount; what a payment leaves over is reported as a customer credit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ledger.explain import explain, render_explanations
from ledger.invoices import normalize_iban
from ledger.model import Customer, Explanation, Invoice, Match, StatementLine
from ledger.names import fold_text, name_key

__all__ = ["CustomerCredit", "MatchResult", "MatchSettings", "match_payments", "reference_groups"]

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """How payments are matched; field names are the keys of ``[matching]``.

    - ``auto_confidence``: matches at or above this confidence (0..1) are applied
      without a person; below it they are suggestions.
    - ``reference_patterns``: regular expressions for the company's numbering schemes;
      each match (group 1 if the pattern has a group) is also looked up with all its
      separators removed, which finds references typed without them.
    - ``max_subset_size``: the most invoices one unreferenced transfer may settle
      together (found as an exact sum of the payer's open invoices); 1 turns it off.
    - ``max_subset_candidates``: how many of the payer's oldest open invoices are
      searched for such a sum.
    - ``name_match``: identify payers by name (legal forms and addresses ignored)
      when neither the VAT id nor the account is known.
    - ``ignore_keywords``: words in a credit's title that mark it as not a customer
      payment (refunds, card settlements, interest); such credits are never matched.
    - ``ignore_bank_codes``: bank transaction codes of credits that are never matched,
      compared with each part of the line's code (CAMT ``PMNT-CCRD-POSD`` has the parts
      ``PMNT``, ``CCRD``, ``POSD``; OFX TRNTYPE such as ``INT`` or ``POS``).
    """

    auto_confidence: float = 0.9
    reference_patterns: tuple[str, ...] = (
        r"(?i)\b(?:FV|FVS|FA|FS|FK|INV|INVOICE|RE|RG|RECH|R)[#:\s./_-]{0,3}(\d[\dOIl/ ._-]{3,}\d)",
    )
    max_subset_size: int = 4
    max_subset_candidates: int = 20
    name_match: bool = True
    ignore_keywords: tuple[str, ...] = (
        "REFUND",
        "ZWROT",
        "CHARGEBACK",
        "REVERSAL",
        "STORNO",
        "CARD SETTLEMENT",
        "CARD PAYMENT",
        "CARD TRANSACTION",
        "TRANSAKCJA KARTA",
        "PLATNOSC KARTA",
        "ROZLICZENIE KART",
        "PROWIZJA",
        "BANK FEE",
        "ODSETKI",
        "INTEREST",
        "KAPITALIZACJA",
        "CASHBACK",
    )
    ignore_bank_codes: tuple[str, ...] = (
        "CCRD",
        "MCRD",
        "RRTN",
        "RPCR",
        "CHRG",
        "INTR",
        "FEES",
        "NCHG",
        "NINT",
        "INT",
        "FEE",
        "SRVCHG",
        "POS",
        "ATM",
    )


@dataclass(frozen=True, slots=True)
class CustomerCredit:
    """Money a payment left over after settling invoices: an advance or overpayment to report."""

    transaction_id: str
    customer_id: str
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Matches (automatic and suggested) in statement order, unmatched credits and notes.

    ``unmatched`` lists credit transactions with no match row at all; ``notes`` holds
    ``(transaction_id, text)`` pairs explaining overpayments, reviews and refusals, in English;
    ``explained_notes`` holds the same notes as explanations (``ledger.explain`` renders them).
    """

    matches: tuple[Match, ...]
    unmatched: tuple[str, ...]
    notes: tuple[tuple[str, str], ...] = ()
    credits: tuple[CustomerCredit, ...] = ()
    #: Credits the settings mark as not customer payments (bank codes, title keywords such as refunds).
    ignored: tuple[str, ...] = ()
    explained_notes: tuple[tuple[str, tuple[Explanation, ...]], ...] = ()

    def notes_for(self, transaction_id: str) -> tuple[str, ...]:
        """The notes about one transaction, in the order they were made."""
        return tuple(text for tid, text in self.notes if tid == transaction_id)

    def explanations_for(self, transaction_id: str) -> tuple[Explanation, ...]:
        """The notes about one transaction as explanations, in order; rendered and joined with "; "
        they read as ``"; ".join(notes_for(transaction_id))``."""
        return tuple(part for tid, parts in self.explained_notes if tid == transaction_id for part in parts)


# --- reference tokens -------------------------------------------------------------------------

# A letter O or I/l typed for a digit: next to a digit and not part of a word.
_CONFUSED = re.compile(r"(?<![A-Za-z])[OoIl](?=\d)|(?<=\d)[OoIl](?![A-Za-z])")
_AS_DIGIT = {"O": "0", "o": "0", "I": "1", "l": "1"}
_GROUP = re.compile(r"[A-Z]+|\d+")
_AMOUNT_LIKE = re.compile(
    r"(?<![\d/])\d{1,3}(?:[ \u00a0.']\d{3})+[.,]\d{2}(?!\d)|(?<![\d/.,])\d+[.,]\d{2}(?![\d/])"
)
_SPLIT_PAYMENT = re.compile(r"/VAT/([^/]*)/IDC/([^/]*)(?:/INV/(.*?))?(?=/TXT/|$)(?:/TXT/(.*))?", re.S)


# Calendar dates written with dashes or dots ("2026-02-14", "14.02.2026"). Invoice
# numbers use slashes or carry their prefix, so these are dates, not references.
_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d([-.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])([-.])(?:0?[1-9]|1[0-2])\2(?:19|20)\d\d)(?!\d)"
)


def _as_digit(m: re.Match[str]) -> str:
    return _AS_DIGIT[m.group()]


def _prepare(text: str) -> str:
    return fold_text(_CONFUSED.sub(_as_digit, text))


def _raw_groups(text: str) -> list[str]:
    return _GROUP.findall(_prepare(text))


def _title_groups(text: str) -> tuple[list[str], frozenset[int]]:
    """The raw groups of a title and the positions of those that are part of a date."""
    prepared = _prepare(text)
    dates = [m.span() for m in _DATE.finditer(prepared)]
    if not dates:
        return _GROUP.findall(prepared), frozenset()
    raw: list[str] = []
    dated: set[int] = set()
    for pos, m in enumerate(_GROUP.finditer(prepared)):
        raw.append(m.group())
        if dates and any(a <= m.start() and m.end() <= b for a, b in dates):
            dated.add(pos)
    return raw, frozenset(dated)


def _norm(group: str) -> str:
    return (group.lstrip("0") or "0") if group[0].isdigit() else group


def reference_groups(text: str) -> tuple[str, ...]:
    """The normalised groups of an invoice number: letters upper case, numbers without leading zeros."""
    return tuple(_norm(g) for g in _raw_groups(text))


# Strength of a reference found in a title.
EXACT = 1.0  # the number's groups in order ("FV 2026/11/123" for FV/2026/11/0123)
COMPACT = 0.97  # the same with separators dropped ("FV2026110123")
NUMBERS = 0.96  # the number groups in order, no prefix ("2026/11/0123")
REORDER = 0.93  # all number groups, close together, any order ("123/11/2026")
SHORT = 0.8  # prefix and serial only ("inv 412" for INV-2026-0412)
TRANSPOSED = 0.75  # serial with two adjacent digits swapped
SERIAL = 0.4  # the serial alone
_STRONG = REORDER
PARTIAL_NAME = "how_partial_name"  # the code of a payer identified by part of a name
# Short words that may stand right before an invoice's numbers without naming another document.
_FILLER_WORDS = frozenset(
    [
        "NR",
        "NO",
        "NUM",
        "NUMB",
        "ZA",
        "DO",
        "Z",
        "I",
        "W",
        "NA",
        "OD",
        "OF",
        "FOR",
        "TO",
        "AND",
        "REF",
        "ID",
        "RE",
        "RG",
        "FV",
        "FA",
        "FS",
        "FK",
        "INV",
        "FAK",
        "FAKT",
        "FAKTUR",
        "VAT",
        "PAY",
        "DNIA",
        "ZAPL",
        "PLAT",
        "TYT",
        "TYTUL",
    ]
)
_MAX_NUMBER_GROUPS = 7  # distinct numbers in a title looked up by combination
_MAX_INVOICE_NUMBERS = 5  # number groups in an invoice number found by combination

_STRENGTH_CODES = {
    EXACT: "ref_exact",
    COMPACT: "ref_compact",
    NUMBERS: "ref_numbers",
    REORDER: "ref_reordered",
    SHORT: "ref_short",
    TRANSPOSED: "ref_transposed",
    SERIAL: "ref_serial",
}


def _find_span(needle: tuple[str, ...], hay: list[str]) -> tuple[int, int] | None:
    n = len(needle)
    if not n:
        return None
    first = needle[0]
    for i in range(len(hay) - n + 1):
        if hay[i] == first and tuple(hay[i : i + n]) == needle:
            return i, i + n
    return None


@dataclass(slots=True)
class _Ref:
    index: int
    groups: tuple[str, ...]
    numbers: tuple[str, ...]
    prefix: str
    serial: str
    digits: str
    number_set: frozenset[str] = frozenset()


class _Books:
    """Invoices indexed for lookup by reference, payer and amount; open amounts change as we allocate."""

    def __init__(
        self,
        invoices: Sequence[Invoice],
        customers: Sequence[Customer],
        known_ibans: Mapping[str, str],
    ) -> None:
        self.invoices: list[Invoice] = []
        seen: set[str] = set()
        for invoice in invoices:
            if invoice.number in seen:
                continue
            seen.add(invoice.number)
            self.invoices.append(invoice)
        self.open = [ZERO if inv.is_credit_note else inv.open_amount for inv in self.invoices]
        self.refs: list[_Ref] = []
        frequency: dict[str, int] = {}
        for i, inv in enumerate(self.invoices):
            raw = _raw_groups(inv.number)
            groups = tuple([(g.lstrip("0") or "0") if g[0].isdigit() else g for g in raw])
            numbers = tuple([g for g in groups if g[0].isdigit()])
            prefix = next((g for g in groups if not g.isdigit()), "")
            self.refs.append(
                _Ref(
                    i, groups, numbers, prefix, "", "".join(g for g in raw if g.isdigit()), frozenset(numbers)
                )
            )
            for g in set(numbers):
                frequency[g] = frequency.get(g, 0) + 1
        self.prefixes = {ref.prefix for ref in self.refs if ref.prefix}
        self.all_numbers = set(frequency)
        # Each invoice is indexed under its rarest number group (the serial, usually),
        # so a title's numbers lead to a handful of candidates, never to all invoices.
        self.by_serial: dict[str, list[int]] = {}
        self.by_digits: dict[str, list[int]] = {}
        # Exact lookups for the common cases: all number groups ("2026", "11", "123"),
        # or prefix and serial ("INV", "412").
        self.by_numbers: dict[frozenset[str], list[int]] = {}
        self.by_short: dict[tuple[str, str], list[int]] = {}
        self.long_by_serial: dict[str, list[int]] = {}
        for ref in self.refs:
            if ref.numbers:
                ref.serial = min(ref.numbers, key=lambda g: (frequency[g], -len(g), g))
                self.by_serial.setdefault(ref.serial, []).append(ref.index)
                if len(ref.number_set) <= _MAX_INVOICE_NUMBERS:
                    self.by_numbers.setdefault(ref.number_set, []).append(ref.index)
                else:
                    self.long_by_serial.setdefault(ref.serial, []).append(ref.index)
                if ref.prefix:
                    self.by_short.setdefault((ref.prefix, ref.serial), []).append(ref.index)
            if len(ref.digits) >= 5:
                self.by_digits.setdefault(ref.digits, []).append(ref.index)
        # Payers.
        self.customer_names: dict[str, str] = {}
        by_vat: dict[str, set[str]] = {}
        by_iban: dict[str, set[str]] = {}
        by_name: dict[str, set[str]] = {}
        for customer in customers:
            self.customer_names[customer.id] = customer.name
            if customer.vat_id:
                by_vat.setdefault(_vat_key(customer.vat_id), set()).add(customer.id)
            for iban in customer.ibans:
                by_iban.setdefault(normalize_iban(iban), set()).add(customer.id)
            key = name_key(customer.name)
            if key:
                by_name.setdefault(key, set()).add(customer.id)
        self.by_customer: dict[str, list[int]] = {}
        self.by_amount: dict[tuple[str, Decimal], list[int]] = {}
        described: set[tuple[object, ...]] = set()
        for i, inv in enumerate(self.invoices):
            if self.open[i] > 0:
                self.by_customer.setdefault(inv.customer_id, []).append(i)
                self.by_amount.setdefault((inv.currency, self.open[i]), []).append(i)
            # Invoices repeat their customer's data: index each distinct description once.
            description = (inv.customer_id, inv.customer_name, inv.customer_vat_id, inv.customer_ibans)
            if description in described:
                continue
            described.add(description)
            self.customer_names.setdefault(inv.customer_id, inv.customer_name or inv.customer_id)
            if inv.customer_vat_id:
                by_vat.setdefault(_vat_key(inv.customer_vat_id), set()).add(inv.customer_id)
            for iban in inv.customer_ibans:
                by_iban.setdefault(normalize_iban(iban), set()).add(inv.customer_id)
            if inv.customer_name:
                key = name_key(inv.customer_name)
                if key:
                    by_name.setdefault(key, set()).add(inv.customer_id)
        for customer_ids in self.by_customer.values():
            customer_ids.sort(
                key=lambda i: (self.invoices[i].due_on, self.invoices[i].issued_on, self.invoices[i].number)
            )
        for iban, customer_id in known_ibans.items():
            by_iban.setdefault(normalize_iban(iban), set()).add(customer_id)
        self.by_vat = {k: next(iter(v)) for k, v in by_vat.items() if len(v) == 1 and k}
        self.by_iban = {k: next(iter(v)) for k, v in by_iban.items() if len(v) == 1 and k}
        self.by_name = {k: next(iter(v)) for k, v in by_name.items() if len(v) == 1}
        self.name_words: dict[str, set[str]] = {}
        for key, owners in by_name.items():
            for word in key.split():
                self.name_words.setdefault(word, set()).update(owners)
        self.ambiguous_names = {k for k, v in by_name.items() if len(v) > 1}

    # -- references --

    def find_references(self, title: str, patterns: Sequence[re.Pattern[str]]) -> dict[int, float]:
        """Invoice index -> strength of the best reference to it in ``title``."""
        raw, dated = _title_groups(title)
        groups = [_norm(g) for g in raw]
        positions: dict[str, list[int]] = {}
        for pos, g in enumerate(groups):
            if g[0].isdigit():
                positions.setdefault(g, []).append(pos)
        if not positions:
            return {}  # every reading needs a number
        found: dict[int, float] = {}
        used: dict[int, frozenset[int]] = {}

        def note(index: int, strength: float, spots: frozenset[int]) -> None:
            if strength > found.get(index, 0.0):
                found[index] = strength
                used[index] = spots

        refs = self.refs
        numbers = list(positions)
        candidates: set[int] = set()
        # Only numbers that occur in some invoice number can be part of a reference.
        usable = [g for g in numbers if g in self.all_numbers]
        if len(usable) <= _MAX_NUMBER_GROUPS:
            # Every set of the title's numbers that is some invoice's complete set of numbers.
            by_numbers = self.by_numbers
            for size in range(1, min(len(usable), _MAX_INVOICE_NUMBERS) + 1):
                for combo in itertools.combinations(usable, size):
                    hit = by_numbers.get(frozenset(combo))
                    if hit:
                        candidates.update(hit)
            for pair in itertools.pairwise(groups):
                hit = self.by_short.get(pair)
                if hit:
                    candidates.update(hit)
            if self.long_by_serial:
                for g in numbers:
                    candidates.update(self.long_by_serial.get(g, ()))
        else:
            # A title full of numbers: go through the invoices sharing a serial.
            present = positions.keys()
            pairs = set(itertools.pairwise(groups))
            for g in usable:
                for index in self.by_serial.get(g, ()):
                    ref = refs[index]
                    if present >= ref.number_set or (ref.prefix, g) in pairs:
                        candidates.add(index)
        for index in sorted(candidates):
            strength, spots = self._verify(refs[index], groups, positions, None, dated)
            note(index, strength, spots)
        for pos, r in enumerate(raw):
            if not r[0].isdigit():
                continue
            if len(r) >= 5:
                for index in self.by_digits.get(r, ()):
                    if not self._other_prefix_before(pos, refs[index].prefix, groups):
                        note(index, COMPACT, frozenset((pos,)))
            # A separator dropped between some of the number groups ("FV/2026/110123").
            joined = r
            for end in range(pos + 1, min(pos + 4, len(raw))):
                if not raw[end][0].isdigit():
                    break
                joined += raw[end]
                if len(joined) < 6:
                    continue
                for index in self.by_digits.get(joined, ()):
                    ref = refs[index]
                    if end - pos + 1 < len(ref.numbers) and not self._other_prefix_before(
                        pos, ref.prefix, groups
                    ):
                        note(index, COMPACT, frozenset(range(pos, end + 1)))
        for pattern in patterns if not found or max(found.values()) < EXACT else ():
            for m in pattern.finditer(title):
                text = m.group(1) if pattern.groups else m.group(0)
                digits = "".join(g for g in _raw_groups(text) if g.isdigit())
                for index in self.by_digits.get(digits, ()) if len(digits) >= 5 else ():
                    note(index, COMPACT, frozenset())
        if not any(s >= SHORT for s in found.values()):
            # Only the serial of these is in the title: they matter only when nothing
            # better was found (and then only with the payer and amount agreeing).
            for g in numbers:
                spot = frozenset(positions[g][:1])
                for index in self.by_serial.get(g, ()):
                    if index not in found:
                        found[index] = SERIAL
                        used[index] = spot
            # Swapped adjacent digits of the serial; verified against the rest of the title.
            for g in positions:
                if len(g) < 3:
                    continue
                for k in range(len(g) - 1):
                    if g[k] == g[k + 1]:
                        continue
                    variant = g[:k] + g[k + 1] + g[k] + g[k + 2 :]
                    for index in self.by_serial.get(variant.lstrip("0") or "0", ()):
                        strength, spots = self._verify(
                            self.refs[index], groups, positions, (variant, g), dated
                        )
                        if strength >= SHORT:
                            note(index, TRANSPOSED, spots)
        if len(found) > 1:
            _drop_covered(found, used, dated)
        return found

    def _verify(
        self,
        ref: _Ref,
        groups: list[str],
        positions: Mapping[str, list[int]],
        swap: tuple[str, str] | None,
        dated: frozenset[int] = frozenset(),
    ) -> tuple[float, frozenset[int]]:
        """How strongly ``groups`` (a title) quotes ``ref``, and which title groups it uses."""
        wanted = ref.groups
        numbers = ref.numbers
        serial = ref.serial
        if swap is not None:
            variant, actual = swap
            key = variant.lstrip("0") or "0"
            wanted = tuple(actual if g == key else g for g in wanted)
            numbers = tuple(actual if g == key else g for g in numbers)
            serial = actual if serial == key else serial
        if not (positions.keys() >= (ref.number_set if swap is None else set(numbers))):
            # Most candidates share only the serial with the title: skip the span searches.
            if ref.prefix and ref.prefix in groups:
                span = _find_span((ref.prefix, serial), groups)
                if span is not None:
                    return SHORT, frozenset(range(*span))
            return SERIAL, frozenset(positions.get(serial, ())[:1])
        span = _find_span(wanted, groups)
        if span is not None:
            return EXACT, frozenset(range(*span))
        if ref.prefix and numbers:
            span = _find_span(numbers, groups)
            if (
                span is not None
                and not self._other_prefix_before(span[0], ref.prefix, groups)
                and not self._is_date(span[0], range(*span), ref.prefix, groups, dated)
            ):
                return NUMBERS, frozenset(range(*span))
        if len(numbers) > 1:
            # Every number group at its own place in the title, all close together.
            spots: list[int] = []
            for n in numbers:
                free = [p for p in positions.get(n, ()) if p not in spots]
                if not free:
                    break
                spots.append(free[0])
            else:
                if (
                    max(spots) - min(spots) <= len(numbers) + 2
                    and not self._other_prefix_before(min(spots), ref.prefix, groups)
                    and not self._is_date(min(spots), spots, ref.prefix, groups, dated)
                ):
                    return REORDER, frozenset(spots)
        if ref.prefix:
            span = _find_span((ref.prefix, serial), groups)
            if span is not None:
                return SHORT, frozenset(range(*span))
        return SERIAL, frozenset(positions.get(serial, ())[:1])

    @staticmethod
    def _is_date(
        start: int, spots: Iterable[int], prefix: str, groups: list[str], dated: frozenset[int]
    ) -> bool:
        """These number groups are a calendar date, not introduced by the invoice's own prefix."""
        if not dated or not all(p in dated for p in spots):
            return False
        return not (prefix and start > 0 and groups[start - 1] == prefix)

    def _other_prefix_before(self, start: int, prefix: str, groups: list[str]) -> bool:
        """The title names another numbering scheme right before these numbers ("FV 2026/6" is no INV)."""
        before = groups[start - 1] if start > 0 else ""
        if not before or before == prefix or before[0].isdigit():
            return False
        if len(before) == len(prefix) and sum(a != b for a, b in zip(before, prefix, strict=True)) == 1:
            return False  # the invoice's own prefix with one letter mistyped ("LNV" for "INV")
        if before in self.prefixes:
            return True
        # A short code that is not a filler word ("ZAM/2026/11/0123", "PO 2026-11-0123")
        # names some other document: an order, a contract, a pro forma.
        return len(before) <= 4 and before not in _FILLER_WORDS

    # -- payers --

    def identify_payer(
        self, line: StatementLine, vat_id: str, use_names: bool
    ) -> tuple[str | None, Explanation]:
        """(customer id, how) for the payer, or (None, why not)."""
        if vat_id:
            customer = self.by_vat.get(_vat_key(vat_id))
            if customer:
                return customer, explain("how_vat_id", vat_id=vat_id)
        if line.counterparty_iban:
            customer = self.by_iban.get(normalize_iban(line.counterparty_iban))
            if customer:
                return customer, explain("how_account")
        if use_names and line.counterparty:
            key = name_key(line.counterparty)
            customer = self.by_name.get(key)
            if customer:
                return customer, explain("how_name")
            if key in self.ambiguous_names:
                return None, explain("payer_name_ambiguous", name=repr(line.counterparty))
            customer = self._customer_containing(key)
            if customer:
                return customer, explain(PARTIAL_NAME)
        return None, explain("payer_unknown")

    def _customer_containing(self, key: str) -> str | None:
        """The one customer whose name holds every word of the payer's ("JAN KOWALSKI" in
        "Jan Kowalski Usługi Remontowe"), or None."""
        words = key.split()
        if len(words) < 2:
            return None
        found: set[str] | None = None
        for word in words:
            owners = self.name_words.get(word)
            if not owners:
                return None
            found = set(owners) if found is None else found & owners
            if not found:
                return None
        return next(iter(found)) if found and len(found) == 1 else None


def _drop_covered(found: dict[int, float], used: Mapping[int, frozenset[int]], dated: frozenset[int]) -> None:
    """Drop readings whose title groups all belong to stronger ones.

    Groups of a stronger reference ("FV/2026/02/0045") don't also make weaker ones
    ("FV/2026/02/0002" reordered, or a bare "45"); at equal strength the longer
    reading wins ("123" inside "FV/2026/11/0123").
    """
    by_level: dict[float, list[int]] = {}
    for i, level in found.items():
        by_level.setdefault(level, []).append(i)
    stronger: set[int] = set()
    for level in sorted(by_level, reverse=True):
        members = by_level[level]
        # Union of the spots of same-level readings longer than a given length.
        longer: dict[int, set[int]] = {}
        lengths = sorted({len(used[i]) for i in members}, reverse=True)
        acc: set[int] = set()
        for length in lengths:
            longer[length] = set(acc)
            for i in members:
                if len(used[i]) == length:
                    acc |= used[i]
        for i in members:
            mine = used[i]
            if not mine:
                continue
            covered = stronger | longer[len(mine)]
            if covered and level <= REORDER:
                covered |= dated  # the rest of a weak reading is a date next to a real reference
            if covered and mine <= covered:
                del found[i]
        for i in members:
            if i in found:
                stronger |= used[i]


_UNKNOWN_PAYER_NOTE = (explain("no_reference_review", payer=(explain("payer_unknown"),)),)


def _vat_key(vat_id: str) -> str:
    key = re.sub(r"[^0-9A-Z]", "", vat_id.upper())
    return key[2:] if len(key) > 2 and key[:2].isalpha() else key


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


@dataclass(slots=True)
class _Run:
    """Collects the output while lines are processed."""

    settings: MatchSettings
    matches: list[Match]
    unmatched: list[str]
    notes: list[tuple[str, tuple[Explanation, ...]]]
    credits: list[CustomerCredit]
    filters: _Filters
    ignored: list[str] = field(default_factory=list)

    def add(
        self,
        line: StatementLine,
        invoice: Invoice,
        amount: Decimal,
        confidence: float,
        reason: tuple[Explanation, ...],
    ) -> None:
        confidence = round(max(0.0, min(1.0, confidence)), 2)
        self.matches.append(
            Match(
                transaction_id=line.id,
                invoice_number=invoice.number,
                amount=amount,
                currency=invoice.currency,
                confidence=confidence,
                reason=render_explanations(reason),
                is_auto=confidence >= self.settings.auto_confidence,
                explanation=reason,
            )
        )

    def note(self, line: StatementLine, *parts: Explanation) -> None:
        self.notes.append((line.id, parts))

    def english_notes(self) -> tuple[tuple[str, str], ...]:
        """The notes in English; a note shared by many lines (payer unknown) is rendered once."""
        rendered: dict[int, str] = {}
        english = []
        for tid, parts in self.notes:
            text = rendered.get(id(parts))
            if text is None:
                text = rendered[id(parts)] = render_explanations(parts)
            english.append((tid, text))
        return tuple(english)


@dataclass(frozen=True, slots=True)
class _Filters:
    """The ignore lists of the settings, compiled once per run."""

    codes: frozenset[str]
    keywords: re.Pattern[str] | None

    @classmethod
    def of(cls, settings: MatchSettings) -> _Filters:
        words = [fold_text(w) for w in settings.ignore_keywords if w.strip()]
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None
        return cls(frozenset(c.upper() for c in settings.ignore_bank_codes if c), pattern)


def _is_ignored(line: StatementLine, text: str, filters: _Filters) -> Explanation | None:
    if line.bank_code:
        code_parts = set(re.split(r"[-/ ]+", line.bank_code.upper()))
        if code_parts & filters.codes:
            return explain("ignored_bank_code", code=line.bank_code)
    if filters.keywords is not None:
        found = filters.keywords.search(text)
        if found:
            return explain("ignored_keyword", keyword=repr(found.group(0).lower()))
    return None


def _payment_in(line: StatementLine, currency: str) -> Decimal | None:
    """The credit's amount in ``currency``: booked, or the instructed original; None if neither."""
    if line.original_currency == currency and line.original_amount is not None and line.original_amount > 0:
        return line.original_amount
    if line.currency == currency:
        return line.amount
    return None


def match_payments(
    invoices: Sequence[Invoice],
    lines: Sequence[StatementLine],
    settings: MatchSettings = MatchSettings(),
    customers: Sequence[Customer] = (),
    known_ibans: Mapping[str, str] | None = None,
) -> MatchResult:
    """Match bank credits to open invoices; pure, deterministic, in booking order.

    ``known_ibans`` maps a normalised IBAN to the customer id learned from confirmed
    matches. Invoices' ``paid`` counts as settled. Amounts in matches are in the
    invoice's currency.
    """
    books = _Books(invoices, customers, known_ibans or {})
    patterns = [re.compile(p) for p in settings.reference_patterns]
    run = _Run(settings, [], [], [], [], _Filters.of(settings))
    seen: set[str] = set()
    ordered = sorted(range(len(lines)), key=lambda k: (lines[k].booked_on, k))
    for k in ordered:
        line = lines[k]
        if line.id in seen:
            if line.is_credit:
                run.note(line, explain("duplicate_transaction"))
            continue
        seen.add(line.id)
        if not line.is_credit:
            continue
        _match_line(books, line, patterns, run)
    return MatchResult(
        tuple(run.matches),
        tuple(run.unmatched),
        run.english_notes(),
        tuple(run.credits),
        tuple(run.ignored),
        tuple(run.notes),
    )


def _match_line(books: _Books, line: StatementLine, patterns: Sequence[re.Pattern[str]], run: _Run) -> None:
    settings = run.settings
    title = " ".join(part for part in (line.reference, line.text) if part)
    folded = fold_text(title)
    why = _is_ignored(line, folded, run.filters)
    if why is not None:
        run.unmatched.append(line.id)
        run.ignored.append(line.id)
        run.note(line, why)
        return
    vat_id = ""
    split = _SPLIT_PAYMENT.search(title) if "/IDC/" in folded else None
    if split:
        vat_id = split.group(2).strip()
        title = " ".join(part for part in (split.group(3) or "", split.group(4) or "") if part)
    # Drop the payment amount written in the title so its digits don't pose as references.
    amounts = {line.amount, line.original_amount}

    def _strip_amount(m: re.Match[str]) -> str:
        text = re.sub(r"[ \u00a0.']", "", m.group(0)[:-3]) + "." + m.group(0)[-2:]
        try:
            return " " if Decimal(text) in amounts else m.group(0)
        except ArithmeticError:
            return m.group(0)

    if "," in title or "." in title:
        title = _AMOUNT_LIKE.sub(_strip_amount, title)
    found = books.find_references(title, patterns)
    payer, payer_how = books.identify_payer(line, vat_id, settings.name_match)
    before = len(run.matches)
    # A payer known only by part of a name may suggest, never confirm, a reference.
    confirmed_payer = None if payer_how.code == PARTIAL_NAME else payer
    if found and _by_reference(books, line, found, confirmed_payer, run):
        pass
    elif payer is not None:
        _by_payer(books, line, payer, payer_how, run)
    else:
        candidates = books.by_amount.get((line.currency, line.amount), [])
        live = [i for i in candidates if books.open[i] == line.amount]
        if len(live) == 1:
            inv = books.invoices[live[0]]
            run.note(
                line,
                explain(
                    "no_reference_amount_hint_review",
                    payer=(payer_how,),
                    invoice=inv.number,
                    customer=books.customer_names.get(inv.customer_id, inv.customer_id),
                ),
            )
        else:
            # Most credits that fit nothing share this one note: one instance keeps the results small.
            run.notes.append(
                (line.id, _UNKNOWN_PAYER_NOTE)
                if payer_how.code == "payer_unknown"
                else (line.id, (explain("no_reference_review", payer=(payer_how,)),))
            )
    if len(run.matches) == before and (not run.unmatched or run.unmatched[-1] != line.id):
        run.unmatched.append(line.id)


def _allocate(
    books: _Books,
    line: StatementLine,
    chosen: Sequence[int],
    payment: Decimal,
    confidence: float,
    reason: tuple[Explanation, ...],
    run: _Run,
    credit_customer: str | None,
) -> None:
    """Allocate ``payment`` over ``chosen`` in the given order; report what is left over.

    Only automatic matches reduce the open amounts: a suggestion is an alternative for a
    person and must not stop a later payment from matching the invoice.
    """
    is_auto = round(confidence, 2) >= run.settings.auto_confidence
    left = payment
    currency = books.invoices[chosen[0]].currency
    for i in chosen:
        if left <= 0:
            break
        amount = min(left, books.open[i])
        if amount <= 0:
            continue
        inv = books.invoices[i]
        left -= amount
        remaining = books.open[i] - amount
        if is_auto:
            books.open[i] = remaining
        text = reason
        if remaining > 0:
            text += (explain("partial_payment", remaining=_money(remaining), currency=inv.currency),)
        run.add(line, inv, amount, confidence, text)
    if left > 0 and credit_customer is not None:
        if is_auto:
            run.credits.append(CustomerCredit(line.id, credit_customer, left, currency))
        note = [
            explain("overpayment_credit", amount=_money(left), currency=currency, customer=credit_customer)
        ]
        same = [
            j
            for j in books.by_amount.get((currency, left), ())
            if books.invoices[j].customer_id == credit_customer and books.open[j] == left and j not in chosen
        ]
        if same:
            note.append(explain("overpayment_equals_open", invoice=books.invoices[same[0]].number))
        run.note(line, *note)


def _by_reference(
    books: _Books, line: StatementLine, found: dict[int, float], payer: str | None, run: _Run
) -> bool:
    """Match through invoice references; False when they decide nothing (the payer path may try)."""
    usable: dict[int, float] = {}
    currency_problems: list[int] = []
    for i, strength in found.items():
        inv = books.invoices[i]
        if inv.is_credit_note:
            continue
        if _payment_in(line, inv.currency) is None:
            currency_problems.append(i)
            continue
        usable[i] = strength
    strong = sorted((i for i, s in usable.items() if s >= _STRONG), key=lambda i: _due_order(books, i))
    strong_elsewhere = [i for i in currency_problems if found[i] >= _STRONG]
    if not strong and strong_elsewhere:
        inv = books.invoices[strong_elsewhere[0]]
        run.note(
            line,
            explain(
                "currency_mismatch",
                invoice=inv.number,
                invoice_currency=inv.currency,
                amount=_money(line.amount),
                currency=line.currency,
            ),
        )
        return True
    if strong:
        return _by_strong_reference(books, line, strong, usable, payer, run)
    return _by_weak_reference(books, line, usable, payer, run)


def _due_order(books: _Books, i: int) -> tuple[object, ...]:
    inv = books.invoices[i]
    return (inv.due_on, inv.issued_on, inv.number)


def _refs_text(books: _Books, indexes: Sequence[int], found: Mapping[int, float]) -> tuple[Explanation, ...]:
    return tuple(explain(_STRENGTH_CODES[found[i]], ref=books.invoices[i].number) for i in indexes)


def _same_customer_fit(books: _Books, inv: Invoice, payment: Decimal) -> Invoice | None:
    """Another open invoice of the same customer whose open amount equals the payment exactly."""
    for j in books.by_amount.get((inv.currency, payment), ()):
        other = books.invoices[j]
        if other.customer_id == inv.customer_id and other.number != inv.number and books.open[j] == payment:
            return other
    return None


def _better_fit_elsewhere(
    books: _Books, line: StatementLine, inv: Invoice, payment: Decimal
) -> Invoice | None:
    """An open invoice of another customer whose open amount equals the payment exactly."""
    for j in books.by_amount.get((inv.currency, payment), ()):
        other = books.invoices[j]
        if other.customer_id != inv.customer_id and books.open[j] == payment:
            return other
    return None


def _by_strong_reference(
    books: _Books,
    line: StatementLine,
    strong: list[int],
    found: dict[int, float],
    payer: str | None,
    run: _Run,
) -> bool:
    currencies = {books.invoices[i].currency for i in strong}
    if len(currencies) > 1:
        run.note(line, explain("several_currencies"))
        return True
    currency = currencies.pop()
    payment = _payment_in(line, currency)
    assert payment is not None
    open_ones = [i for i in strong if books.open[i] > 0]
    settled = [books.invoices[i].number for i in strong if books.open[i] <= 0]
    customers = {books.invoices[i].customer_id for i in strong}
    if not open_ones:
        if len(customers) == 1:
            run.credits.append(CustomerCredit(line.id, next(iter(customers)), payment, currency))
        run.note(
            line,
            explain(
                "quotes_paid_double_payment",
                invoices=", ".join(settled),
                amount=_money(payment),
                currency=currency,
            ),
        )
        return True
    reason = _refs_text(books, open_ones, found)
    # An explicitly quoted invoice that is already paid casts doubt; a reordered reading
    # ("1/3/2026" as FV/2026/01/0003) of a paid one does not.
    penalty = 0.1 if any(found[i] > REORDER and books.open[i] <= 0 for i in strong) else 0.0
    if settled:
        reason += (explain("also_quoted_paid", invoices=", ".join(settled)),)
    credit_to = next(iter(customers)) if len(customers) == 1 else None
    if len(open_ones) == 1:
        i = open_ones[0]
        inv = books.invoices[i]
        strength = found[i]
        due = books.open[i]
        if payment == due:
            confidence = {EXACT: 0.98, COMPACT: 0.97, NUMBERS: 0.97, REORDER: 0.95}[strength] - penalty
            _allocate(
                books, line, [i], payment, confidence, (*reason, explain("amount_equal")), run, credit_to
            )
            return True
        other = _better_fit_elsewhere(books, line, inv, payment)
        if other is not None and payer != inv.customer_id:
            confidence = 0.5
            reason += (
                explain(
                    "amount_equals_other_customer",
                    amount=_money(payment),
                    other=other.number,
                    customer=inv.customer_id,
                ),
            )
            run.note(line, explain("reference_amount_disagree", invoice=inv.number, other=other.number))
            _allocate(books, line, [i], payment, confidence, reason, run, None)
            return True
        sibling = _same_customer_fit(books, inv, payment)
        if sibling is not None:
            # The amount is exactly another open invoice of the same customer: a mistyped
            # reference as likely as a partial payment.
            reason += (explain("amount_equals_sibling", amount=_money(payment), other=sibling.number),)
            run.note(line, explain("reference_amount_disagree", invoice=inv.number, other=sibling.number))
            _allocate(books, line, [i], payment, 0.6, reason, run, None)
            return True
        if payer is not None and payer != inv.customer_id:
            # A known customer quoting someone else's invoice with another amount: more
            # likely a mistyped reference than a payment on their behalf.
            reason += (explain("payer_is_other_customer", payer=payer, customer=inv.customer_id),)
            run.note(line, explain("invoice_of_other_customer", invoice=inv.number))
            _allocate(books, line, [i], payment, 0.6, reason, run, None)
            return True
        confidence = {EXACT: 0.93, COMPACT: 0.92, NUMBERS: 0.92, REORDER: 0.85}[strength] - penalty
        if payment > due:
            reason += (explain("amount_exceeds_open", amount=_money(payment), open=_money(due)),)
        _allocate(books, line, [i], payment, confidence, reason, run, inv.customer_id)
        return True
    total = sum((books.open[i] for i in open_ones), ZERO)
    if payment != total:
        # "6/2/2026" reads as FV/2026/02/0006 or FV/2026/06/0002: the amount may settle it.
        fits = [i for i in open_ones if books.open[i] == payment]
        if len(fits) == 1 and all(found[i] <= REORDER for i in open_ones if i != fits[0]):
            i = fits[0]
            others = ", ".join(books.invoices[j].number for j in open_ones if j != i)
            text = (*_refs_text(books, [i], found), explain("amount_equal_not_others", others=others))
            _allocate(books, line, [i], payment, 0.92 - penalty, text, run, books.invoices[i].customer_id)
            return True
    weakest = min(found[i] for i in open_ones)
    if payment == total:
        confidence = (0.97 if weakest >= NUMBERS else 0.93) - penalty
        _allocate(
            books,
            line,
            open_ones,
            payment,
            confidence,
            (*reason, explain("amount_equals_their_sum")),
            run,
            credit_to,
        )
    elif payment > total:
        _allocate(
            books,
            line,
            open_ones,
            payment,
            0.85 - penalty,
            (*reason, explain("amount_exceeds_their_sum")),
            run,
            credit_to,
        )
    else:
        run.note(line, explain("pays_part_of_quoted", amount=_money(payment), total=_money(total)))
        _allocate(
            books,
            line,
            open_ones,
            payment,
            0.8 - penalty,
            (*reason, explain("amount_below_their_sum")),
            run,
            None,
        )
    return True


def _by_weak_reference(
    books: _Books, line: StatementLine, found: dict[int, float], payer: str | None, run: _Run
) -> bool:
    """Short, transposed or serial-only references: they count only with the amount (and payer) agreeing."""
    for strength in (SHORT, TRANSPOSED, SERIAL):
        tier = sorted(
            (i for i, s in found.items() if s == strength and books.open[i] > 0),
            key=lambda i: _due_order(books, i),
        )
        if not tier:
            paid = [i for i, s in found.items() if s == strength and books.open[i] <= 0]
            if strength == SHORT and len(paid) == 1:
                run.note(line, explain("refers_to_paid", invoice=books.invoices[paid[0]].number))
                return True
            continue
        fits = [i for i in tier if _payment_in(line, books.invoices[i].currency) == books.open[i]]
        if payer is not None:
            own = [i for i in fits if books.invoices[i].customer_id == payer]
            if own:
                fits = own
            elif strength == SERIAL:
                fits = []
        if len(fits) == 1:
            i = fits[0]
            inv = books.invoices[i]
            by_payer = payer == inv.customer_id
            if strength == SHORT:
                confidence = 0.95 if by_payer else (0.92 if payer is None else 0.8)
            elif strength == TRANSPOSED:
                confidence = 0.93 if by_payer else (0.9 if payer is None else 0.7)
            else:
                confidence = 0.92 if by_payer else 0.6
            reason = (*_refs_text(books, [i], found), explain("amount_equal"))
            if by_payer:
                reason += (explain("payer_identified"),)
            payment = _payment_in(line, inv.currency)
            assert payment is not None
            _allocate(books, line, [i], payment, confidence, reason, run, inv.customer_id)
            return True
        if strength == SHORT and len(tier) == 1 and not fits:
            i = tier[0]
            inv = books.invoices[i]
            if payer not in (None, inv.customer_id):
                continue
            payment = _payment_in(line, inv.currency)
            assert payment is not None
            reason = (
                *_refs_text(books, [i], found),
                explain("amount_differs_from_open", amount=_money(payment), open=_money(books.open[i])),
            )
            run.note(line, explain("short_reference_other_amount"))
            _allocate(books, line, [i], payment, 0.7, reason, run, inv.customer_id)
            return True
        if len(fits) > 1:
            names = ", ".join(books.invoices[i].number for i in fits[:5])
            run.note(line, explain("reference_ambiguous", invoices=names))
            return True
    return False


def _by_payer(books: _Books, line: StatementLine, payer: str, how: Explanation, run: _Run) -> None:
    settings = run.settings
    opens = [
        i
        for i in books.by_customer.get(payer, ())
        if books.open[i] > 0 and _payment_in(line, books.invoices[i].currency) is not None
    ]
    name = books.customer_names.get(payer, payer)
    if not opens:
        run.note(line, explain("payer_without_open_invoice", name=name, how=(how,)))
        return
    strong_id = how.code not in ("how_name", PARTIAL_NAME)
    # Identified only by part of a name: suggestions for a person, never automatic.
    cap = 0.85 if how.code == PARTIAL_NAME else 1.0
    currency = books.invoices[opens[0]].currency
    opens = [i for i in opens if books.invoices[i].currency == currency]
    payment = _payment_in(line, currency)
    assert payment is not None
    reason = (explain("no_reference"), explain("payer_by", name=name, how=(how,)))
    equal = [i for i in opens if books.open[i] == payment]
    if equal:
        confidence = min(cap, 0.95 if strong_id else 0.92)
        first = books.invoices[equal[0]].number
        if len(equal) > 1:
            confidence -= 0.02
            text: tuple[Explanation, ...] = (
                *reason,
                explain("amount_equals_invoice_and_others", invoice=first, count=str(len(equal) - 1)),
                explain("oldest_due_first_art451"),
            )
        else:
            text = (*reason, explain("amount_equals_invoice", invoice=first))
        _allocate(books, line, [equal[0]], payment, confidence, text, run, payer)
        return
    total = sum((books.open[i] for i in opens), ZERO)
    if payment == total:
        _allocate(
            books,
            line,
            opens,
            payment,
            min(cap, 0.93 if strong_id else 0.9),
            (*reason, explain("amount_equals_all_open")),
            run,
            payer,
        )
        return
    subsets = _exact_subsets(books, opens, payment, settings)
    if len(subsets) == 1:
        chosen = list(subsets[0])
        numbers = ", ".join(books.invoices[i].number for i in chosen)
        _allocate(
            books,
            line,
            chosen,
            payment,
            min(cap - 0.05, 0.92 if strong_id else 0.9),
            (*reason, explain("amount_equals_sum_of", invoices=numbers)),
            run,
            payer,
        )
        return
    if len(subsets) > 1:
        run.note(line, explain("several_combinations", name=name))
        return
    if payment < total:
        run.note(line, explain("paid_matching_no_invoice", name=name, amount=_money(payment)))
        _allocate(
            books,
            line,
            opens,
            payment,
            0.6,
            (*reason, explain("amount_fits_no_invoice")),
            run,
            payer,
        )
        return
    run.note(line, explain("paid_more_than_all_open", name=name))
    _allocate(books, line, opens, payment, 0.6, (*reason, explain("amount_exceeds_all_open")), run, payer)


def _exact_subsets(
    books: _Books, opens: list[int], payment: Decimal, settings: MatchSettings
) -> list[tuple[int, ...]]:
    """Up to two subsets (2..max_subset_size invoices) of the oldest open invoices summing to ``payment``.

    Two results mean the payment is ambiguous, whatever their sizes.
    """
    pool = [i for i in opens if books.open[i] < payment][: settings.max_subset_candidates]
    if len(pool) < 2 or settings.max_subset_size < 2:
        return []
    # Whole cents as integers: exact, and far faster than Decimal sums.
    cents = {i: int(books.open[i] * 100) for i in pool}
    if any(Decimal(c) / 100 != books.open[i] for i, c in cents.items()):
        return []  # sub-cent amounts: leave them to a person
    target = int(payment * 100)
    found: list[tuple[int, ...]] = []
    seen: set[frozenset[int]] = set()

    def keep(combo: tuple[int, ...]) -> bool:
        key = frozenset(combo)
        if len(key) == len(combo) and key not in seen:
            seen.add(key)
            found.append(tuple(sorted(combo, key=pool.index)))
        return len(found) > 1

    pairs: dict[int, list[tuple[int, int]]] = {}
    for a, b in itertools.combinations(pool, 2):
        pairs.setdefault(cents[a] + cents[b], []).append((a, b))
    for combo in pairs.get(target, ()):
        if keep(combo):
            return found
    # Larger subsets too: a pair and a triple that both fit make the payment ambiguous.
    if settings.max_subset_size < 3:
        return found
    for a in pool:
        for b, c in pairs.get(target - cents[a], ()):
            if a not in (b, c) and keep((a, b, c)):
                return found
    if settings.max_subset_size < 4:
        return found
    for total, combos in pairs.items():
        for a, b in combos:
            for c, d in pairs.get(target - total, ()):
                if len({a, b, c, d}) == 4 and keep((a, b, c, d)):
                    return found
    for size in range(5, min(settings.max_subset_size, len(pool)) + 1):
        for bigger in itertools.combinations(pool, size):
            if sum(cents[i] for i in bigger) == target and keep(bigger):
                return found
    return found
