"""Value types shared by importers, the matcher, the escalation planner and the store.

Everything here is a frozen dataclass of plain values. Money is always a
``Decimal`` amount plus an ISO 4217 currency code; ``*_on`` is a calendar date and
``*_at`` an aware UTC datetime.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Contact:
    """One e-mail address of a customer; ``is_undeliverable`` is set after a hard bounce."""

    email: str
    name: str = ""
    is_undeliverable: bool = False


@dataclass(frozen=True, slots=True)
class Customer:
    """A debtor as the accounting export describes it.

    ``language`` is an ISO 639-1 code or ``None`` (use the company default);
    ``ibans`` are accounts the customer is known to pay from (normalised: upper
    case, no spaces); ``tags`` select an escalation segment.
    """

    id: str
    name: str
    vat_id: str = ""
    ibans: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()
    do_not_contact: bool = False


@dataclass(frozen=True, slots=True)
class Invoice:
    """An invoice (or, with a negative total, a credit note) from the accounting export.

    ``paid`` is what the accounting software already knows to be paid;
    ``corrects`` names the invoice a credit note corrects, or ``None``.
    """

    number: str
    customer_id: str
    issued_on: date
    due_on: date
    total: Decimal
    currency: str
    paid: Decimal = Decimal("0")
    customer_name: str = ""
    customer_vat_id: str = ""
    customer_ibans: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    language: str | None = None
    corrects: str | None = None

    @property
    def open_amount(self) -> Decimal:
        """What is still owed, never negative."""
        return max(self.total - self.paid, Decimal("0"))

    @property
    def is_credit_note(self) -> bool:
        return self.total < 0 or self.corrects is not None


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One booked transaction of a bank statement, normalised across formats.

    ``id`` is the bank's own identifier where the format has one (OFX FITID,
    CAMT AcctSvcrRef else NtryRef, MT940 bank reference after ``//``), otherwise a
    stable hash of account, date, amount, text and position among identical
    lines. ``amount`` is signed: credits (money in) are positive.
    ``original_amount``/``original_currency`` carry the instructed amount of a
    foreign-currency payment when the bank reports it, else ``None``.
    ``reference`` is a structured creditor reference (CAMT ``CdtrRefInf/Ref``)
    when the format carries one, else ``""``.
    """

    id: str
    booked_on: date
    amount: Decimal
    currency: str
    value_on: date | None = None
    original_amount: Decimal | None = None
    original_currency: str | None = None
    counterparty: str = ""
    counterparty_iban: str = ""
    text: str = ""
    account_iban: str = ""
    reference: str = ""
    is_reversal: bool = False
    bank_code: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_credit(self) -> bool:
        return self.amount > 0 and not self.is_reversal


@dataclass(frozen=True, slots=True)
class Statement:
    """The result of parsing one statement file: its lines plus non-fatal warnings."""

    source: str
    format: str
    lines: tuple[StatementLine, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why the matcher did something, as a stable ``code`` plus its parameters, in no language yet.

    ``params`` are ``(name, value)`` pairs in the order the code's text uses them; a value is
    text as shown (amounts as ``12.30``, invoice lists joined with ``", "``) or, for a phrase
    inside a phrase (how a payer was identified), a tuple of explanations.
    ``ledger.explain.render_explanations`` turns a tuple of them into English, Polish or German.
    """

    code: str
    params: tuple[tuple[str, ExplanationParam], ...] = ()


#: A parameter of an explanation: shown text, or nested explanations (joined with "; ").
ExplanationParam: TypeAlias = "str | tuple[Explanation, ...]"


@dataclass(frozen=True, slots=True)
class Match:
    """A proposed allocation of (part of) a bank credit to one invoice.

    ``amount`` is in the invoice's currency. ``confidence`` is 0..1;
    ``is_auto`` tells whether it is at or above the configured threshold and
    would be applied without a human. ``reason`` is a short English sentence;
    ``explanation`` says the same as codes and parameters, for other languages
    (empty for matches not made by ``ledger.match``).
    """

    transaction_id: str
    invoice_number: str
    amount: Decimal
    currency: str
    confidence: float
    reason: str
    is_auto: bool
    explanation: tuple[Explanation, ...] = ()
