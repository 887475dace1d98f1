"""Small frozen values the store returns besides the ``ledger.model`` types it persists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ledger.model import Explanation


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """How many rows an import created, changed, or found identical."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class StatementCounts:
    """The outcome of ``Store.add_statement``: lines stored now, lines already known, and how many of
    the new lines look like a line already imported from another file (flagged, not dropped)."""

    new: int
    known: int
    probable_duplicates: int = 0
    import_id: int | None = None
    is_same_file_again: bool = False

    def __iter__(self) -> Iterator[int]:
        """``new, known = store.add_statement(...)`` works too."""
        return iter((self.new, self.known))


@dataclass(frozen=True, slots=True)
class StatementImport:
    """One statement file that was imported (the same file again is not recorded twice)."""

    id: int
    file_name: str
    sha256: str
    format: str
    imported_at: datetime
    line_count: int
    new_count: int
    known_count: int


@dataclass(frozen=True, slots=True)
class Allocation:
    """(Part of) a bank credit allocated to one invoice; ``state`` is applied, suggested or rejected."""

    id: int
    transaction_id: str
    invoice_number: str
    amount: Decimal
    currency: str
    confidence: float
    reason: str
    state: str
    decided_by: str
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A bank transaction a person has to look at; ``resolution`` is accepted, assigned or
    not_customer_payment once ``state`` is resolved."""

    id: int
    transaction_id: str
    state: str
    suggestion: str
    created_at: datetime
    resolution: str | None = None
    resolution_note: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    #: ``suggestion`` as explanations, for other languages; None for rows stored without them.
    explanation: tuple[Explanation, ...] | None = None


@dataclass(frozen=True, slots=True)
class PlannedReminder:
    """What the planner wants sent: the input of ``Store.plan_reminder``.

    ``id`` is deterministic (same customer, stage, invoices and day -> same id), so planning again
    is a no-op. ``needs_approval`` parks it as ``awaiting_approval`` until a person approves.
    ``reason`` (why the planner chose this letter) goes into the event log for ``tactful explain``.
    """

    id: str
    customer_id: str
    stage: str
    template: str
    language: str
    invoice_numbers: tuple[str, ...]
    to_addresses: tuple[str, ...]
    in_reply_to: str | None = None
    announced_stage: str | None = None
    announced_deadline_on: date | None = None
    needs_approval: bool = False
    reason: str = ""

    @classmethod
    def from_plan(cls, message: Any) -> PlannedReminder:
        """From the planner's ``rules.escalation.PlannedMessage`` (its ``key`` is the id)."""
        announces = getattr(message, "announces", None)
        return cls(
            id=message.key,
            customer_id=message.customer_id,
            stage=message.stage,
            template=message.template,
            language=message.language,
            invoice_numbers=tuple(message.invoice_numbers),
            to_addresses=tuple(message.to),
            announced_stage=announces.stage if announces is not None else None,
            announced_deadline_on=announces.deadline_on if announces is not None else None,
            needs_approval=bool(message.requires_approval),
            reason=str(getattr(message, "reason", "")),
        )


@dataclass(frozen=True, slots=True)
class Reminder:
    """One row of the outbox with its delivery state.

    States: planned -> claimed -> sent | failed_temporary | failed_permanent | unknown;
    awaiting_approval -> planned | rejected. ``unknown`` means it may or may not have gone out:
    it is never sent again without proof that it was not.
    """

    id: str
    customer_id: str
    stage: str
    template: str
    language: str
    invoice_numbers: tuple[str, ...]
    to_addresses: tuple[str, ...]
    state: str
    planned_at: datetime
    attempts: int = 0
    message_id: str | None = None
    in_reply_to: str | None = None
    lease_until: datetime | None = None
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    announced_stage: str | None = None
    announced_deadline_on: date | None = None


@dataclass(frozen=True, slots=True)
class SentReminder:
    """History for the planner and for threading: a reminder that went out."""

    id: str
    customer_id: str
    stage: str
    sent_at: datetime
    invoice_numbers: tuple[str, ...]
    message_id: str | None
    announced_stage: str | None = None
    announced_deadline_on: date | None = None

    @property
    def sent_on(self) -> date:
        """The UTC calendar day it was sent."""
        return self.sent_at.date()


@dataclass(frozen=True, slots=True)
class Hold:
    """A pause on reminders for a customer (all invoices when ``invoice_numbers`` is ``None``)."""

    id: int
    customer_id: str
    kind: str
    reason: str
    created_at: datetime
    created_by: str
    invoice_numbers: tuple[str, ...] | None = None
    until_on: date | None = None
    released_at: datetime | None = None
    released_by: str | None = None

    def is_active_on(self, day: date) -> bool:
        """Not released, and ``until_on`` (inclusive) not yet passed on ``day``."""
        return self.released_at is None and (self.until_on is None or day <= self.until_on)


@dataclass(frozen=True, slots=True)
class Promise:
    """A customer's promise to pay by ``promised_on``; ``state`` is open, kept or broken."""

    id: int
    customer_id: str
    promised_on: date
    made_on: date
    state: str
    created_at: datetime
    invoice_numbers: tuple[str, ...] = ()
    amount: Decimal | None = None
    currency: str | None = None
    source_message_id: int | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class SavedMessage:
    """The outcome of ``Store.save_inbound``: the row id, whether it is new for this
    (folder, uidvalidity, uid), and the id of an earlier identical message if it is a copy."""

    id: int
    is_new: bool
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A fetched e-mail; ``raw`` is ``None`` when it was too large to keep or is a duplicate."""

    id: int
    folder: str
    uidvalidity: int
    uid: int
    sha256: str
    size: int
    received_at: datetime
    state: str
    message_id: str | None = None
    raw: bytes | None = None
    customer_id: str | None = None
    intent: str | None = None
    evidence: str | None = None
    processed_at: datetime | None = None
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the append-only log: who (``actor``) did what (``kind``) and why (``message``)."""

    id: int
    at: datetime
    actor: str
    kind: str
    message: str
    customer_id: str | None = None
    invoice_number: str | None = None
    subject_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class JobRun:
    """One run of a scheduled job; ``outcome`` is running, ok or failed."""

    id: int
    job: str
    started_at: datetime
    outcome: str
    finished_at: datetime | None = None
    error: str | None = None
    next_run_at: datetime | None = None
