"""The escalation planner: which customer gets which letter now, and who is held and why.

:func:`plan_reminders` is pure: the book's state (open invoices, customers, what
was sent, pauses, promises, approval decisions, the newest statement date), the
rules and an aware ``now`` go in; a :class:`Plan` comes out. The store records
what was sent and feeds it back as :class:`SentReminder` values next time.

The rules it applies, in order, for every customer:

* One letter per customer and day at most. It lists every overdue invoice that
  is not paused, oldest due first, with totals per currency (net of unused
  credit notes), at the stage of the customer's most advanced invoice.
* **Shared ladder position.** A customer has one position on its ladder: the
  most advanced stage among the letters that mentioned an invoice the next
  letter would list (open, overdue, not held); timing counts from the newest of
  those letters. A new invoice of a customer already at "firm"
  rides along at that position (the next letter lists it too); it does not
  restart at the courtesy note. Once every invoice a letter mentioned is paid
  (or held, e.g. disputed), that letter no longer counts: a debt nobody was
  reminded of starts at the top of the ladder.
* **No skipping, no jumping.** The next stage is always the one after the last
  sent stage. It goes out when the oldest included invoice is at least
  ``after_due_days`` overdue and ``min_days_since_previous`` days have passed since
  the previous letter. After an outage the customer gets one letter, the next
  stage, never several. The one exception is a courtesy stage
  (``after_due_days <= 0``): a "due soon" note makes no sense for an invoice
  already overdue, so it is passed over once the oldest invoice is overdue.
* **Announcements are kept.** A stage that ``announces`` the next one prints a
  deadline. The announced stage never goes out on or before that deadline and
  becomes due on the first send time after it, whatever its own timing, while an
  invoice of the announcing letter is still in it (still subject to pauses,
  approval and the statement-freshness guard). The deadline is the send date plus
  ``announce_days``, pushed later if the announced stage's own timing or the
  weekly limit would not allow it the day after, and moved to a business day.
* Holds, each reported in :attr:`Plan.held` with a sentence: do-not-contact,
  pauses (dispute, out-of-office, manual, payment plan, promise, bounce),
  promises waiting for their date plus grace days, amounts below the minimum, no
  deliverable address, stale bank statements (every stage after the first and
  every broken-promise letter), the weekly limit, a rejected approval, and a
  finished ladder.
* **Promises.** While a promise is pending (until the promised date plus
  ``promise_grace_days``) its invoices are held. Paid by then: nothing more.
  Not paid: on the first send day after that, one ``broken_promise`` letter goes
  out at the customer's current stage (the ladder resumes where it was; no
  jump), and the ladder carries on from it. Nothing automatic after the final
  stage, not even that letter.
* **Approvals.** A stage with ``requires_approval`` is planned with
  ``requires_approval=True`` and an ``approval_key`` that stays the same from day
  to day (customer, stage, previous letter; for a first letter its oldest
  invoice), so it also serves as the store's reminder id. An :class:`Approval`
  with that key makes it sendable, a rejection holds it; other customers are
  never blocked.
* **Language**: the customer override's, else the customer's, else the first
  invoice's, else ``EscalationRules.default_language``.
* Outside the send window or on a closed day the plan has no messages at all;
  :attr:`Plan.next_send_at` says when to look again. Call the planner with that
  instant to preview what will go out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

from ledger.model import Contact, Customer, Invoice
from rules.calendar import add_business_days as add_business_days
from rules.calendar import is_business_day as is_business_day
from rules.calendar import (
    is_within_send_window,
    local_datetime,
    next_business_day,
    next_send_day,
    next_send_time,
)
from rules.settings import doc
from rules.toml import Invalid

BROKEN_PROMISE_TEMPLATE = "broken_promise"
ZERO = Decimal("0")
ONE_DAY = timedelta(days=1)
WEEK = 7

HoldReason = Literal[
    "promise",
    "dispute",
    "out_of_office",
    "bounce",
    "manual",
    "stale_statements",
    "approval",
    "payment_plan",
    "do_not_contact",
    "below_minimum",
    "weekly_limit",
    "no_contact",
    "ladder_complete",
]
PauseKind = Literal["promise", "dispute", "out_of_office", "bounce", "manual", "payment_plan"]
PromiseState = Literal["open", "kept", "broken"]
PAUSE_KINDS: tuple[str, ...] = ("promise", "dispute", "out_of_office", "bounce", "manual", "payment_plan")
# When two pauses cover one invoice, the held item names the one a person must act on first.
_PAUSE_PRIORITY = {
    "dispute": 0,
    "manual": 1,
    "payment_plan": 2,
    "promise": 3,
    "out_of_office": 4,
    "bounce": 5,
}


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of a ladder. Field names are the TOML keys of ``[[ladders.stages]]``."""

    name: str = field(metadata=doc("Name of the stage, unique within its ladder", '"reminder"'))
    after_due_days: int = field(
        metadata=doc(
            "Days after the due date when the stage is due (negative: a courtesy note before the due date)",
            "7",
        )
    )
    template: str = field(default="", metadata=doc("Template of the letter (default: the stage name)"))
    min_days_since_previous: int = field(
        default=0, metadata=doc("At least this many days after the previous letter to the customer")
    )
    requires_approval: bool = field(
        default=False, metadata=doc("A person must approve each letter of this stage")
    )
    announces: str | None = field(
        default=None,
        metadata=doc(
            "Name of the next stage whose deadline this letter prints (must be the stage right after)"
        ),
    )
    announce_days: int | None = field(
        default=None,
        metadata=doc(
            "Deadline printed = send date + this many days (default: when the announced stage's own "
            "timing allows it); pushed later if that stage could not go out the day after, then to a business "
            "day. On a final stage with a consequence: the deadline the final demand prints (default 14)"
        ),
    )
    final: bool = field(default=False, metadata=doc("The last stage; exactly one, at the end of the ladder"))
    consequence: str = field(
        default="",
        metadata=doc(
            "What the announced step does, printed by the announcing letter (set on either stage): "
            "collection_agency, legal_action, statutory_interest, suspend_deliveries, debt_register "
            'or free text completing "we will ..."',
            '"collection_agency"',
        ),
    )

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise Invalid("name", 'must not be empty; e.g. name = "reminder"')
        if self.name == BROKEN_PROMISE_TEMPLATE:
            raise Invalid(
                "name", f"{self.name!r} is reserved for the broken-promise letter; choose another name"
            )
        if self.min_days_since_previous < 0:
            raise Invalid(
                "min_days_since_previous",
                f"must be 0 or more days, got {self.min_days_since_previous}; e.g. min_days_since_previous = 7",
            )
        if self.announce_days is not None and self.announce_days < 1:
            raise Invalid(
                "announce_days", f"must be at least 1 day, got {self.announce_days}; e.g. announce_days = 10"
            )
        if self.announce_days is not None and not self.announces and not (self.final and self.consequence):
            raise Invalid(
                "announce_days",
                'is set but announces is not; name the stage, e.g. announces = "final" (a final stage may '
                "name its consequence instead, and announce_days is then the deadline it prints)",
            )
        if not self.template:
            object.__setattr__(self, "template", self.name)

    @property
    def is_courtesy(self) -> bool:
        """A note before (or on) the due date rather than a reminder of an overdue debt."""
        return self.after_due_days <= 0


@dataclass(frozen=True, slots=True)
class Ladder:
    """A named sequence of stages, mildest first. TOML: ``[[ladders]]``."""

    name: str = field(metadata=doc("Name of the ladder, referred to by segments and customers", '"standard"'))
    stages: tuple[Stage, ...] = field(metadata=doc("The stages in order; after_due_days must increase"))

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise Invalid("name", 'must not be empty; e.g. name = "standard"')
        if not self.stages:
            raise Invalid("stages", 'needs at least one stage; e.g. [[ladders.stages]] name = "reminder"')
        names = [s.name for s in self.stages]
        for i, stage in enumerate(self.stages):
            if names.index(stage.name) != i:
                raise Invalid("stages", f"stage {stage.name!r} appears twice; give each stage its own name")
            if i and stage.after_due_days <= self.stages[i - 1].after_due_days:
                raise Invalid(
                    "stages",
                    f"stage {stage.name!r} (after_due_days = {stage.after_due_days}) must come later than "
                    f"{self.stages[i - 1].name!r} (after_due_days = {self.stages[i - 1].after_due_days}); "
                    "list the stages from mildest to firmest",
                )
            if stage.final and i != len(self.stages) - 1:
                raise Invalid(
                    "stages", f"stage {stage.name!r} is final but is not the last; only the last is final"
                )
            if stage.announces is not None:
                if stage.announces not in names or names.index(stage.announces) <= i:
                    raise Invalid(
                        "stages",
                        f"stage {stage.name!r} announces {stage.announces!r}, which is not a later stage of "
                        f"this ladder; stages: {', '.join(names)}",
                    )
                if self.stages[names.index(stage.announces)].is_courtesy:
                    raise Invalid(
                        "stages",
                        f"stage {stage.name!r} announces {stage.announces!r}, a courtesy stage "
                        "(after_due_days <= 0); only a reminder of an overdue debt can be announced",
                    )
                if names.index(stage.announces) != i + 1:
                    raise Invalid(
                        "stages",
                        f"stage {stage.name!r} announces {stage.announces!r} but {names[i + 1]!r} comes first; "
                        "a letter may only announce the stage right after it, so the deadline it prints holds",
                    )
        if not self.stages[-1].final:
            raise Invalid("stages", f"the last stage {self.stages[-1].name!r} must be marked final = true")

    def index_of(self, name: str) -> int | None:
        """Position of the stage called ``name``, or None."""
        for i, stage in enumerate(self.stages):
            if stage.name == name:
                return i
        return None


@dataclass(frozen=True, slots=True)
class Segment:
    """Picks a ladder for customers matching every selector given. TOML: ``[[segments]]``; first match wins."""

    name: str = field(metadata=doc("Name shown in explanations", '"key accounts"'))
    ladder: str = field(metadata=doc("Ladder for the customers of this segment", '"gentle"'))
    tags: tuple[str, ...] = field(default=(), metadata=doc("Customer has at least one of these tags"))
    customer_ids: tuple[str, ...] = field(default=(), metadata=doc("Customer id is one of these"))
    languages: tuple[str, ...] = field(default=(), metadata=doc("Customer's language is one of these"))
    min_open_amount: Decimal | None = field(
        default=None,
        metadata=doc("Customer's largest open total in one currency is at least this", '"10000"'),
    )
    max_open_amount: Decimal | None = field(
        default=None, metadata=doc("Customer's largest open total in one currency is at most this", '"500"')
    )
    min_days_overdue: int | None = field(
        default=None, metadata=doc("Customer's oldest open invoice is at least this many days overdue")
    )

    def __post_init__(self) -> None:
        if (
            self.min_open_amount is not None
            and self.max_open_amount is not None
            and self.min_open_amount > self.max_open_amount
        ):
            raise Invalid(
                "max_open_amount",
                f"{self.max_open_amount} is below min_open_amount {self.min_open_amount}; swap them",
            )


@dataclass(frozen=True, slots=True)
class CustomerOverride:
    """Settings for one customer that beat segments and guards. TOML: ``[[customers]]``."""

    customer_id: str = field(metadata=doc("Customer id as in the invoice export", '"C-1042"'))
    ladder: str | None = field(
        default=None, metadata=doc("Ladder for this customer, whatever the segments say")
    )
    language: str | None = field(default=None, metadata=doc("Language of this customer's letters"))
    contacts: tuple[str, ...] = field(
        default=(), metadata=doc("Send to these addresses instead of the customer's contacts")
    )
    min_open_amount: Decimal | None = field(
        default=None, metadata=doc("Minimum open amount for this customer (any currency)")
    )
    do_not_contact: bool = field(default=False, metadata=doc("Never send this customer a reminder"))


@dataclass(frozen=True, slots=True)
class Guards:
    """Limits every letter must respect. TOML: ``[guards]``."""

    min_open_amount: Decimal = field(
        default=ZERO, metadata=doc("No letter when the open total in a currency is below this", '"20.00"')
    )
    min_open_amounts: Mapping[str, Decimal] = field(
        default_factory=dict,
        metadata=doc("Per-currency minimum, beats min_open_amount", '{ EUR = "5.00", PLN = "20.00" }'),
    )
    max_messages_per_week: int = field(
        default=2, metadata=doc("At most this many letters per customer in 7 days")
    )
    send_window_start: time = field(
        default=time(8, 0), metadata=doc("Letters go out from this local time", '"08:00"')
    )
    send_window_end: time = field(
        default=time(17, 0),
        metadata=doc("Letters go out before this local time (the end is exclusive)", '"17:00"'),
    )
    business_days_only: bool = field(default=True, metadata=doc("Send only on business days"))
    holiday_country: str = field(default="PL", metadata=doc("Country of public holidays (ISO 3166)", '"PL"'))
    holiday_subdivision: str | None = field(
        default=None, metadata=doc("Region of public holidays, e.g. a German Land", '"BY"')
    )
    extra_closed_days: tuple[date, ...] = field(
        default=(), metadata=doc("Company closures besides public holidays", "[2026-12-24, 2026-12-31]")
    )
    timezone: str = field(default="Europe/Warsaw", metadata=doc("IANA timezone of the window and of dates"))
    stale_statement_business_days: int | None = field(
        default=3,
        metadata=doc(
            "Hold every stage after the first when the newest bank statement is older than this many "
            "business days (unset: never)"
        ),
    )
    promise_grace_days: int = field(
        default=2, metadata=doc("Days after a promised date before the promise counts as broken")
    )
    max_broken_promises: int = field(
        default=2, metadata=doc("After this many broken promises no promise pauses reminders automatically")
    )
    max_promise_days: int = field(
        default=30, metadata=doc("A promised date further away becomes a payment-plan request for a person")
    )
    default_promise_days: int = field(default=7, metadata=doc("Days granted by a promise that names no date"))

    def __post_init__(self) -> None:
        if self.send_window_start >= self.send_window_end:
            raise Invalid(
                "send_window_end",
                f"{self.send_window_end:%H:%M} is not after send_window_start {self.send_window_start:%H:%M}; "
                'e.g. send_window_start = "08:00", send_window_end = "17:00"',
            )
        if self.max_messages_per_week < 1:
            raise Invalid("max_messages_per_week", f"must be at least 1, got {self.max_messages_per_week}")
        for key in ("promise_grace_days", "max_broken_promises", "max_promise_days", "default_promise_days"):
            if getattr(self, key) < 0:
                raise Invalid(key, f"must be 0 or more, got {getattr(self, key)}")
        if self.stale_statement_business_days is not None and self.stale_statement_business_days < 0:
            raise Invalid("stale_statement_business_days", "must be 0 or more business days")
        if self.min_open_amount < 0:
            raise Invalid("min_open_amount", f"must not be negative, got {self.min_open_amount}")
        from rules.settings import check_timezone

        for problem in check_timezone("timezone", self.timezone):
            raise problem
        if self.holiday_country:
            try:
                import holidays

                holidays.country_holidays(self.holiday_country, subdiv=self.holiday_subdivision or None)
            except NotImplementedError as exc:
                key = "holiday_subdivision" if self.holiday_subdivision else "holiday_country"
                raise Invalid(
                    key, f'{exc}; use an ISO 3166 code such as "PL" or "DE" (subdivision "BY")'
                ) from exc


@dataclass(frozen=True, slots=True)
class EscalationRules:
    """Everything the planner reads from the rules file."""

    ladders: tuple[Ladder, ...]
    segments: tuple[Segment, ...] = ()
    overrides: tuple[CustomerOverride, ...] = ()
    guards: Guards = field(default_factory=Guards)
    default_ladder: str = ""
    default_language: str = "en"

    def ladder(self, name: str | None) -> Ladder:
        """The ladder called ``name``; the default ladder (else the first) when unknown or None."""
        for ladder in self.ladders:
            if ladder.name == name:
                return ladder
        for ladder in self.ladders:
            if ladder.name == self.default_ladder:
                return ladder
        if not self.ladders:
            raise ValueError("no ladders are defined; add a [[ladders]] table to the rules")
        return self.ladders[0]


# --------------------------------------------------------------------------- state


@dataclass(frozen=True, slots=True)
class SentReminder:
    """A letter that went out. ``announced_deadline_on`` is the deadline it printed, if any."""

    customer_id: str
    stage: str
    sent_on: date
    invoice_numbers: tuple[str, ...] = ()
    announced_deadline_on: date | None = None
    is_broken_promise: bool = False
    key: str = ""


@dataclass(frozen=True, slots=True)
class Pause:
    """Stops letters about some invoices (all of the customer's when ``invoice_numbers`` is empty).

    ``until_on`` is the first day letters may resume (a return date, the end of a
    manual hold); ``None`` means until someone releases it. A ``bounce`` pause
    only holds while the customer has no deliverable contact.
    """

    customer_id: str
    kind: PauseKind
    invoice_numbers: tuple[str, ...] = ()
    until_on: date | None = None
    reason: str = ""

    def is_active_on(self, day: date) -> bool:
        """True if the pause still holds on ``day``."""
        return self.until_on is None or day < self.until_on


@dataclass(frozen=True, slots=True)
class Promise:
    """A customer's promise to pay by ``promised_on``.

    It covers ``invoice_numbers``, or when empty every invoice issued on or
    before ``made_on``. Without an ``amount`` the promise is kept when every
    covered invoice is paid. With an ``amount`` (in ``currency``) and
    ``open_when_made`` (what the covered invoices had open in that currency when
    the promise was made) it is kept once at least ``amount`` has been paid since;
    without ``open_when_made`` the amount cannot be checked and the invoices decide.
    """

    customer_id: str
    promised_on: date
    made_on: date
    currency: str = ""
    amount: Decimal | None = None
    invoice_numbers: tuple[str, ...] = ()
    state: PromiseState = "open"
    id: str = ""
    open_when_made: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Approval:
    """A person's decision on a planned letter, matched by :attr:`PlannedMessage.approval_key`.

    With ``invoice_numbers`` the approval covers a letter about those invoices
    (or fewer) only; a letter that grew since needs a new decision.
    """

    key: str
    is_approved: bool
    invoice_numbers: tuple[str, ...] = ()
    decided_by: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class BookState:
    """What the store knows, as plain values. ``invoices`` are the open ones (paid ones may be left out)."""

    invoices: Sequence[Invoice]
    customers: Sequence[Customer] = ()
    sent: Sequence[SentReminder] = ()
    pauses: Sequence[Pause] = ()
    promises: Sequence[Promise] = ()
    approvals: Sequence[Approval] = ()
    newest_statement_on: date | None = None


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Announcement:
    """The next stage a letter threatens, the date printed as its deadline, and what it will do."""

    stage: str
    deadline_on: date
    consequence: str = ""


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """One letter to send now (or to approve first when ``requires_approval``).

    ``invoice_numbers`` are sorted oldest due first; ``totals`` are open amounts
    per currency net of ``credits`` (unused credit notes); ``key`` is unique per
    customer, stage and local day and serves as the reminder id.
    """

    customer_id: str
    stage: str
    template: str
    invoice_numbers: tuple[str, ...]
    to: tuple[str, ...]
    language: str
    requires_approval: bool
    reason: str
    announces: Announcement | None
    is_broken_promise: bool
    key: str
    approval_key: str
    ladder: str
    send_on: date
    totals: tuple[tuple[str, Decimal], ...]
    credits: tuple[tuple[str, Decimal], ...] = ()
    days_overdue: int = 0
    previous_stage: str | None = None
    previous_sent_on: date | None = None
    promise: Promise | None = None


@dataclass(frozen=True, slots=True)
class HeldItem:
    """Invoices of a customer that get no letter now, why (``reason``) and until when (None: until released)."""

    customer_id: str
    invoice_numbers: tuple[str, ...]
    until_on: date | None
    reason: HoldReason
    detail: str
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """The planner's answer at instant ``at``; ``today`` is the local date."""

    at: datetime
    messages: tuple[PlannedMessage, ...]
    held: tuple[HeldItem, ...]
    today: date | None = None
    is_send_time: bool = True
    next_send_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PromiseOutcome:
    """How a promise stands: ``kept`` (covered invoices paid), ``broken`` or still ``pending``.

    ``unpaid_invoice_numbers`` are covered invoices still open (a partial payment
    on time keeps the promise for the paid part only); ``resume_on`` is the first
    send day after the promised date plus grace days.
    """

    promise: Promise
    state: Literal["kept", "broken", "pending"]
    unpaid_invoice_numbers: tuple[str, ...]
    paid_invoice_numbers: tuple[str, ...]
    resume_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class PromiseDecision:
    """What to do with a promise just received: ``grant`` a pause, ask a person (``payment_plan``/``human``)."""

    action: Literal["grant", "payment_plan", "human"]
    promised_on: date
    resume_on: date | None
    reason: str


# --------------------------------------------------------------------------- promises


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _join(items: Sequence[str], limit: int = 6) -> str:
    items = list(items)
    if len(items) > limit:
        items = [*items[: limit - 1], f"{len(items) - limit + 1} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def promise_resume_on(promise: Promise, guards: Guards) -> date:
    """The first send day after the promised date plus grace days."""
    return next_send_day(promise.promised_on + timedelta(days=guards.promise_grace_days + 1), guards)


def _open_amounts(invoices: Iterable[Invoice]) -> dict[str, Invoice]:
    return {inv.number: inv for inv in invoices if inv.total > 0 and inv.open_amount > 0}


def _evaluate(
    promise: Promise, open_by_number: Mapping[str, Invoice], today: date, guards: Guards
) -> PromiseOutcome:
    if promise.invoice_numbers:
        covered = promise.invoice_numbers
        unpaid = tuple(n for n in covered if n in open_by_number)
        paid = tuple(n for n in covered if n not in open_by_number)
    else:
        unpaid = tuple(
            sorted(
                (n for n, inv in open_by_number.items() if inv.issued_on <= promise.made_on),
                key=lambda n: (open_by_number[n].due_on, n),
            )
        )
        paid = ()
    resume_on = promise_resume_on(promise, guards)
    deadline = promise.promised_on + timedelta(days=guards.promise_grace_days)
    if unpaid and promise.amount is not None and promise.open_when_made is not None:
        still_open = sum(
            (
                open_by_number[n].open_amount
                for n in unpaid
                if not promise.currency or open_by_number[n].currency == promise.currency
            ),
            ZERO,
        )
        paid_since = promise.open_when_made - still_open
        if paid_since >= promise.amount:
            reason = f"{paid_since} {promise.currency} paid since the promise of {promise.amount} {promise.currency}"
            return PromiseOutcome(promise, "kept", unpaid, paid, resume_on, reason)
    if not unpaid:
        state: Literal["kept", "broken", "pending"] = "kept"
        reason = f"everything promised on {promise.made_on} for {promise.promised_on} is paid"
    elif promise.state == "broken" or today > deadline:
        state = "broken"
        reason = (
            f"{_join(unpaid)} still open after the promised {promise.promised_on} "
            f"and {_days(guards.promise_grace_days)} of grace"
        )
        if paid:
            reason += f"; {_join(paid)} paid as promised"
    else:
        state = "pending"
        reason = f"promised to pay by {promise.promised_on}; reminders wait until {resume_on}"
    return PromiseOutcome(promise, state, unpaid, paid, resume_on, reason)


def evaluate_promises(
    promises: Iterable[Promise], invoices: Iterable[Invoice], now: datetime, rules: EscalationRules
) -> tuple[PromiseOutcome, ...]:
    """Judge every ``open`` promise against the open invoices at ``now`` (aware): kept, broken or pending."""
    today = local_datetime(now, rules.guards).date()
    by_customer: dict[str, list[Invoice]] = {}
    for inv in invoices:
        by_customer.setdefault(inv.customer_id, []).append(inv)
    cache: dict[str, dict[str, Invoice]] = {}
    out = []
    for promise in promises:
        if promise.state != "open":
            continue
        if promise.customer_id not in cache:
            cache[promise.customer_id] = _open_amounts(by_customer.get(promise.customer_id, ()))
        out.append(_evaluate(promise, cache[promise.customer_id], today, rules.guards))
    return tuple(out)


def may_grant_promise(history: Iterable[Promise | PromiseOutcome], rules: EscalationRules) -> bool:
    """False once the customer has broken ``max_broken_promises`` promises: a person decides from then on."""
    broken = sum(1 for item in history if item.state == "broken")
    return broken < rules.guards.max_broken_promises


def promise_decision(
    promised_on: date | None, today: date, history: Iterable[Promise | PromiseOutcome], rules: EscalationRules
) -> PromiseDecision:
    """Decide what a promise to pay received ``today`` does; ``promised_on`` None means no date was named."""
    guards = rules.guards
    named = promised_on is not None
    when = promised_on if promised_on is not None else today + timedelta(days=guards.default_promise_days)
    history = tuple(history)
    broken = sum(1 for item in history if item.state == "broken")
    if when < today:
        return PromiseDecision(
            "human", when, None, f"the promised date {when} is already past; a person should reply"
        )
    if broken >= guards.max_broken_promises:
        return PromiseDecision(
            "human",
            when,
            None,
            f"{broken} earlier promises were broken (limit {guards.max_broken_promises}); "
            "reminders are not paused automatically any more",
        )
    if (when - today).days > guards.max_promise_days:
        return PromiseDecision(
            "payment_plan",
            when,
            None,
            f"paying by {when} is {(when - today).days} days away, more than max_promise_days = "
            f"{guards.max_promise_days}; treat it as a payment-plan request",
        )
    probe = Promise(customer_id="", promised_on=when, made_on=today)
    resume = promise_resume_on(probe, guards)
    source = f"promised {when}" if named else f"no date named; {guards.default_promise_days} days granted"
    return PromiseDecision("grant", when, resume, f"{source}; reminders pause until {resume}")


# --------------------------------------------------------------------------- planner


@dataclass(slots=True)
class _Index:
    """Lookups built once per plan."""

    rules: EscalationRules
    overrides: dict[str, CustomerOverride]
    ladders: dict[str, Ladder]
    stage_days: dict[str, int]
    default: Ladder

    @classmethod
    def of(cls, rules: EscalationRules) -> _Index:
        stage_days: dict[str, int] = {}
        for ladder in rules.ladders:
            for stage in ladder.stages:
                stage_days.setdefault(stage.name, stage.after_due_days)
        return cls(
            rules,
            {o.customer_id: o for o in rules.overrides},
            {ladder.name: ladder for ladder in rules.ladders},
            stage_days,
            rules.ladder(rules.default_ladder),
        )


def _group(items: Iterable[object], attr: str = "customer_id") -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for item in items:
        out.setdefault(getattr(item, attr), []).append(item)
    return out


def _stand_in_customer(customer_id: str, invoices: Sequence[Invoice]) -> Customer:
    # A customer missing from the customers export: its invoices still say who and where.
    emails: list[str] = []
    for inv in invoices:
        for email in inv.emails:
            if email not in emails:
                emails.append(email)
    first = invoices[0]
    return Customer(
        id=customer_id,
        name=first.customer_name,
        contacts=tuple(Contact(e) for e in emails),
        language=next((inv.language for inv in invoices if inv.language), None),
    )


def _select_ladder(
    customer: Customer,
    override: CustomerOverride | None,
    language: str,
    open_invs: Sequence[tuple[Invoice, Decimal]],
    today: date,
    index: _Index,
) -> tuple[Ladder, str]:
    if override is not None and override.ladder and override.ladder in index.ladders:
        return index.ladders[override.ladder], f"customer override for {customer.id}"
    segments = index.rules.segments
    if segments:
        totals: dict[str, Decimal] = {}
        for inv, amount in open_invs:
            totals[inv.currency] = totals.get(inv.currency, ZERO) + amount
        largest = max(totals.values())
        oldest = max((today - inv.due_on).days for inv, _ in open_invs)
        tags = set(customer.tags)
        for segment in segments:
            if segment.tags and not tags.intersection(segment.tags):
                continue
            if segment.customer_ids and customer.id not in segment.customer_ids:
                continue
            if segment.languages and language not in segment.languages:
                continue
            if segment.min_open_amount is not None and largest < segment.min_open_amount:
                continue
            if segment.max_open_amount is not None and largest > segment.max_open_amount:
                continue
            if segment.min_days_overdue is not None and oldest < segment.min_days_overdue:
                continue
            if segment.ladder in index.ladders:
                return index.ladders[segment.ladder], f"segment {segment.name!r}"
    return index.default, "default"


def _weekly_free_day(dates: Sequence[date], after: date, limit: int) -> date:
    """The first day after ``after`` on which fewer than ``limit`` of ``dates`` fall in the 7 days ending that day."""
    day = after + ONE_DAY
    while True:
        count = sum(1 for d in dates if (day - d).days < WEEK and d <= day)
        if count < limit:
            return day
        day += ONE_DAY


class _Planner:
    """Per-plan state; :meth:`customer` plans one customer."""

    def __init__(self, state: BookState, rules: EscalationRules, now: datetime) -> None:
        self.rules = rules
        self.guards = rules.guards
        self.index = _Index.of(rules)
        self.today = local_datetime(now, self.guards).date()
        self.customers = {c.id: c for c in state.customers}
        self.sent: dict[str, list[SentReminder]] = _group(state.sent)  # type: ignore[assignment]
        self.pauses: dict[str, list[Pause]] = _group(state.pauses)  # type: ignore[assignment]
        self.promises: dict[str, list[Promise]] = _group(state.promises)  # type: ignore[assignment]
        self.approvals = {a.key: a for a in state.approvals}  # later decisions win
        self.stale_detail = self._stale(state.newest_statement_on)
        # Per ladder: the due date from which an invoice reaches the first stage, and stage positions.
        self.cutoffs = {
            lad.name: self.today - timedelta(days=lad.stages[0].after_due_days) for lad in rules.ladders
        }
        self.positions = {lad.name: {s.name: i for i, s in enumerate(lad.stages)} for lad in rules.ladders}
        self.messages: list[PlannedMessage] = []
        self.held: list[HeldItem] = []
        # Set by explain_customer: why nothing is due, for a person asking.
        self.notes: list[str] | None = None

    def note(self, text: str) -> None:
        if self.notes is not None:
            self.notes.append(text)

    def _stale(self, newest: date | None) -> str | None:
        limit = self.guards.stale_statement_business_days
        if limit is None:
            return None
        if newest is None:
            return "no bank statement has been imported yet, so payments may be unknown"
        if add_business_days(newest, limit, self.guards) < self.today:
            return (
                f"the newest bank statement is from {newest}, more than {limit} business days ago; "
                "import the latest statement"
            )
        return None

    def hold(
        self,
        cid: str,
        invs: Iterable[Invoice],
        until: date | None,
        reason: HoldReason,
        detail: str,
        stage: str | None = None,
    ) -> None:
        numbers = tuple(inv.number for inv in sorted(invs, key=_due_order))
        if numbers:
            self.held.append(HeldItem(cid, numbers, until, reason, detail, stage))

    def customer(self, cid: str, invoices: Sequence[Invoice]) -> None:
        today = self.today
        guards = self.guards
        index = self.index

        # Credit notes: one that corrects an invoice lowers that invoice; others are credit per currency.
        credit: dict[str, Decimal] = {}
        open_invs: list[tuple[Invoice, Decimal]] = []
        credit_notes: list[Invoice] = []
        # Decimal against Decimal: comparing with the int 0 costs a conversion per invoice.
        for inv in invoices:
            total = inv.total
            if total < ZERO:
                credit_notes.append(inv)
                continue
            amount = total - inv.paid
            if amount > ZERO:
                open_invs.append((inv, amount))
        if credit_notes:
            linked: dict[str, Decimal] = {}
            for inv in credit_notes:
                unused = inv.paid - inv.total
                if unused > 0:
                    if inv.corrects:
                        linked[inv.corrects] = linked.get(inv.corrects, ZERO) + unused
                    else:
                        credit[inv.currency] = credit.get(inv.currency, ZERO) + unused
            if linked:
                open_invs = [
                    (inv, amount - linked.get(inv.number, ZERO))
                    for inv, amount in open_invs
                    if amount > linked.get(inv.number, ZERO)
                ]
        if not open_invs:
            self.note("nothing is open (everything is paid or covered by credit notes)")
            return

        customer = self.customers.get(cid) or _stand_in_customer(cid, invoices)
        override = index.overrides.get(cid)
        language = (
            (override.language if override is not None else None)
            or customer.language
            or next((inv.language for inv, _ in open_invs if inv.language), None)
            or self.rules.default_language
        )
        ladder, ladder_source = _select_ladder(customer, override, language, open_invs, today, index)
        # Comparing dates, not subtracting them: this loop runs once per open invoice.
        cutoff = self.cutoffs[ladder.name]
        candidates = [(inv, amt) for inv, amt in open_invs if inv.due_on <= cutoff]
        if not candidates:
            self.note(
                f"no open invoice has reached the first stage of ladder {ladder.name!r} "
                f"({ladder.stages[0].name!r}, due on or before {cutoff})"
            )
            return

        if customer.do_not_contact or (override is not None and override.do_not_contact):
            who = "the customer record" if customer.do_not_contact else "a customer override in the rules"
            self.hold(cid, (i for i, _ in candidates), None, "do_not_contact", f"{who} says do not contact")
            return

        to = _addresses(customer, override, open_invs)

        # Pauses and promises take invoices out of the letter.
        excluded: set[str] = set()
        pauses = self.pauses.get(cid)
        if pauses:
            pauses = [p for p in pauses if p.is_active_on(today) and not (p.kind == "bounce" and to)]
        if pauses:
            pauses.sort(key=lambda p: _PAUSE_PRIORITY.get(p.kind, 9))
            covered: dict[int, list[Invoice]] = {}
            for inv, _ in candidates:
                for i, pause in enumerate(pauses):
                    if not pause.invoice_numbers or inv.number in pause.invoice_numbers:
                        covered.setdefault(i, []).append(inv)
                        excluded.add(inv.number)
                        break
            for i, invs in covered.items():
                pause = pauses[i]
                until = next_send_day(pause.until_on, guards) if pause.until_on else None
                self.hold(cid, invs, until, pause.kind, _pause_detail(pause, until))

        broken: PromiseOutcome | None = None
        promises = self.promises.get(cid)
        if promises:
            open_by_number = {inv.number: inv for inv, _ in open_invs}
            sent_here = self.sent.get(cid, ())
            for promise in promises:
                if promise.state == "kept":
                    continue
                outcome = _evaluate(promise, open_by_number, today, guards)
                if outcome.state == "pending":
                    invs = [open_by_number[n] for n in outcome.unpaid_invoice_numbers if n not in excluded]
                    excluded.update(outcome.unpaid_invoice_numbers)
                    candidate_numbers = {inv.number for inv, _ in candidates}
                    self.hold(
                        cid,
                        (inv for inv in invs if inv.number in candidate_numbers),
                        outcome.resume_on,
                        "promise",
                        outcome.reason,
                    )
                elif outcome.state == "broken" and today >= outcome.resume_on:
                    answered = any(s.sent_on >= outcome.resume_on for s in sent_here)
                    if not answered and (broken is None or promise.promised_on > broken.promise.promised_on):
                        broken = outcome

        if excluded:
            candidates = [(inv, amt) for inv, amt in candidates if inv.number not in excluded]
            if not candidates:
                self.note("every invoice that would be due is held (see the held items)")
                return
        # Once anything is overdue the letter is about overdue invoices only.
        remaining = [(inv, amt) for inv, amt in candidates if inv.due_on < today] or candidates
        if broken is not None and not any(
            inv.number in broken.unpaid_invoice_numbers for inv, _ in remaining
        ):
            broken = None

        # Minimum per currency, net of unused credit notes.
        by_currency: dict[str, Decimal] = {}
        for inv, amt in remaining:
            by_currency[inv.currency] = by_currency.get(inv.currency, ZERO) + amt
        dropped: set[str] = set()
        for currency, gross in by_currency.items():
            net = gross - credit.get(currency, ZERO)
            if override is not None and override.min_open_amount is not None:
                minimum = override.min_open_amount
            else:
                minimum = guards.min_open_amounts.get(currency, guards.min_open_amount)
            if net <= 0 or net < minimum:
                dropped.add(currency)
                why = (
                    f"unused credit notes of {credit.get(currency, ZERO)} {currency} cover the open {gross} {currency}"
                    if net <= 0
                    else f"open {net} {currency} is below the minimum of {minimum} {currency}"
                )
                self.hold(
                    cid, (inv for inv, _ in remaining if inv.currency == currency), None, "below_minimum", why
                )
        if dropped:
            remaining = [(inv, amt) for inv, amt in remaining if inv.currency not in dropped]
            if not remaining:
                self.note("what is left is below the minimum (see the held items)")
                return
        oldest_due = min(inv.due_on for inv, _ in remaining)
        oldest_days = (today - oldest_due).days

        # Where the customer stands on the ladder.
        history = self.sent.get(cid, [])
        # Only letters about invoices this letter would list count: a held (say disputed) invoice's
        # history must not escalate a newer invoice that was never reminded.
        letter_numbers = {inv.number for inv, _ in remaining} if history else set()
        # ``top`` is the most advanced of those letters (the customer's position; newest on a tie),
        # ``last`` the newest (timing counts from it); in a plain history they are the same letter.
        last: SentReminder | None = None
        last_any: SentReminder | None = None
        top: SentReminder | None = None
        position: int | None = None
        for sent in history:
            if last_any is None or sent.sent_on >= last_any.sent_on:
                last_any = sent
            if (
                sent.stage != BROKEN_PROMISE_TEMPLATE  # recorded by template name: no ladder position
                and letter_numbers.intersection(sent.invoice_numbers)
            ):
                if last is None or sent.sent_on >= last.sent_on:
                    last = sent
                pos = self._position(ladder, sent)
                if (
                    top is None
                    or position is None
                    or pos > position
                    or (pos == position and sent.sent_on >= top.sent_on)
                ):
                    top, position = sent, pos
        stages = ladder.stages

        deadline: date | None = None
        if position is not None and stages[position].final:
            # After the final stage nothing is automatic, not even a broken-promise letter.
            self.hold(
                cid,
                (inv for inv, _ in remaining),
                None,
                "ladder_complete",
                f"the final stage {stages[position].name!r} went out on {top.sent_on if top else '?'}; "
                "what happens next is for a person to decide",
                stages[position].name,
            )
            return
        if broken is not None:
            stage_index = position if position is not None else _first_applicable(stages, 0, oldest_days)
            if stage_index is None:
                stage_index = len(stages) - 1
        else:
            start = position + 1 if position is not None else 0
            found = _first_applicable(stages, start, oldest_days)
            if found is None:
                self.note(f"no later stage of ladder {ladder.name!r} applies")
                return
            stage_index = found
            stage = stages[stage_index]
            announced_for: date | None = None
            announced_numbers: tuple[str, ...] = ()
            if top is not None:
                announced_for, announced_numbers = top.announced_deadline_on, top.invoice_numbers
            if announced_for is not None and today <= announced_for:
                self.note(
                    f"{stage.name!r} was announced for after {announced_for} in the previous letter; "
                    "it goes out on the first send day after that"
                )
                return
            # After the deadline the announced stage goes out whatever its own timing, as long as
            # an invoice of the announcing letter is still in it. If only newer invoices are left
            # (the announced ones were paid or are disputed), they wait for the stage's own timing.
            keeps_announcement = announced_for is not None and any(
                inv.number in announced_numbers for inv, _ in remaining
            )
            if keeps_announcement:
                deadline = announced_for
            else:
                if oldest_days < stage.after_due_days:
                    self.note(
                        f"next stage {stage.name!r} is due when the oldest invoice is {stage.after_due_days} "
                        f"days overdue, on {oldest_due + timedelta(days=stage.after_due_days)}"
                    )
                    return
                if last is not None and (today - last.sent_on).days < stage.min_days_since_previous:
                    self.note(
                        f"next stage {stage.name!r} waits {stage.min_days_since_previous} days after the "
                        f"{last.stage!r} letter of {last.sent_on}, until "
                        f"{last.sent_on + timedelta(days=stage.min_days_since_previous)}"
                    )
                    return
        stage = stages[stage_index]

        # Sorted only now: most customers stop earlier, and this runs per invoice.
        included = sorted((inv for inv, _ in remaining), key=_due_order)
        if not to:
            if any(c.is_undeliverable for c in customer.contacts) or any(
                p.kind == "bounce" for p in self.pauses.get(cid, ())
            ):
                self.hold(
                    cid,
                    included,
                    None,
                    "bounce",
                    "every address of the customer bounced; add a deliverable contact",
                    stage.name,
                )
            else:
                self.hold(cid, included, None, "no_contact", "the customer has no e-mail address", stage.name)
            return
        if self.stale_detail is not None and (stage_index > 0 or broken is not None):
            self.hold(cid, included, None, "stale_statements", self.stale_detail, stage.name)
            return
        if last_any is not None:
            if last_any.sent_on >= today:
                self.hold(
                    cid,
                    included,
                    next_send_day(today + ONE_DAY, guards),
                    "weekly_limit",
                    f"a letter already went out on {last_any.sent_on}; one letter a day at most",
                    stage.name,
                )
                return
            recent = sorted(s.sent_on for s in history if 0 <= (today - s.sent_on).days < WEEK)
            if len(recent) >= guards.max_messages_per_week:
                free = recent[len(recent) - guards.max_messages_per_week] + timedelta(days=WEEK)
                self.hold(
                    cid,
                    included,
                    next_send_day(free, guards),
                    "weekly_limit",
                    f"{len(recent)} letters in the last 7 days; the limit is {guards.max_messages_per_week}",
                    stage.name,
                )
                return

        # Stable from day to day for one step, different for every step: the store uses it as the
        # reminder id. A first letter is named after its oldest invoice, so a customer whose earlier
        # debt was settled gets a new id when a new debt starts the ladder again.
        since = f"after-{last.sent_on.isoformat()}" if last is not None else f"first-{included[0].number}"
        approval_key = f"{cid}:{stage.name}:{since}"
        if broken is not None:
            approval_key += f":broken-{broken.resume_on.isoformat()}"
        requires_approval = False
        if stage.requires_approval:
            decision = self.approvals.get(approval_key)
            numbers = {inv.number for inv in included}
            if (
                decision is not None
                and decision.invoice_numbers
                and not numbers.issubset(decision.invoice_numbers)
            ):
                decision = None  # the letter grew since it was approved or rejected: ask again
            if decision is None:
                requires_approval = True
            elif not decision.is_approved:
                who = f" by {decision.decided_by}" if decision.decided_by else ""
                note = f": {decision.note}" if decision.note else ""
                self.hold(
                    cid,
                    included,
                    None,
                    "approval",
                    f"the {stage.name!r} letter was rejected{who}{note}",
                    stage.name,
                )
                return

        announcement: Announcement | None = None
        if stage.announces and broken is None:
            announcement = self._announcement(ladder, stage, oldest_due, history)

        totals = tuple(
            sorted(
                (cur, by_currency[cur] - credit.get(cur, ZERO)) for cur in {inv.currency for inv in included}
            )
        )
        credits = tuple(sorted((cur, credit[cur]) for cur, _ in totals if credit.get(cur, ZERO) > 0))
        reason = self._reason(included, stage, last, ladder, ladder_source, broken, deadline)
        self.messages.append(
            PlannedMessage(
                customer_id=cid,
                stage=stage.name,
                template=BROKEN_PROMISE_TEMPLATE if broken is not None else stage.template,
                invoice_numbers=tuple(inv.number for inv in included),
                to=to,
                language=language,
                requires_approval=requires_approval,
                reason=reason,
                announces=announcement,
                is_broken_promise=broken is not None,
                key=f"{cid}:{stage.name}:{today.isoformat()}",
                approval_key=approval_key,
                ladder=ladder.name,
                send_on=today,
                totals=totals,
                credits=credits,
                days_overdue=oldest_days,
                previous_stage=last.stage if last is not None else None,
                previous_sent_on=last.sent_on if last is not None else None,
                promise=broken.promise if broken is not None else None,
            )
        )

    def _position(self, ladder: Ladder, last: SentReminder) -> int:
        found = self.positions[ladder.name].get(last.stage)
        if found is not None:
            return found
        # A stage of another ladder (the customer changed segment): the firmest stage here
        # that is not firmer than the one sent, so the next letter is not a jump.
        days = self.index.stage_days.get(last.stage)
        if days is None:
            return 0
        below = [i for i, s in enumerate(ladder.stages) if s.after_due_days <= days]
        return below[-1] if below else 0

    def _announcement(
        self, ladder: Ladder, stage: Stage, oldest_due: date, history: Sequence[SentReminder]
    ) -> Announcement:
        today = self.today
        guards = self.guards
        nxt = ladder.stages[ladder.index_of(stage.announces or "") or 0]
        earliest = today + timedelta(days=stage.announce_days) if stage.announce_days else today + ONE_DAY
        # The announced stage must be allowed the day after the deadline by its own timing ...
        by_timing = max(
            oldest_due + timedelta(days=nxt.after_due_days - 1),
            today + timedelta(days=nxt.min_days_since_previous - 1),
        )
        # ... and by the weekly limit, counting the letter about to go out.
        dates = [s.sent_on for s in history if (today - s.sent_on).days < WEEK] + [today]
        by_week = _weekly_free_day(dates, today, guards.max_messages_per_week) - ONE_DAY
        deadline = max(earliest, by_timing, by_week, today + ONE_DAY)
        if guards.business_days_only:
            deadline = next_business_day(deadline, guards)
        return Announcement(nxt.name, deadline, stage.consequence or nxt.consequence)

    def _reason(
        self,
        included: Sequence[Invoice],
        stage: Stage,
        last: SentReminder | None,
        ladder: Ladder,
        ladder_source: str,
        broken: PromiseOutcome | None,
        deadline: date | None,
    ) -> str:
        today = self.today
        groups: dict[int, list[str]] = {}
        for inv in included:
            groups.setdefault((today - inv.due_on).days, []).append(inv.number)
        parts = []
        for days, numbers in sorted(groups.items(), reverse=True):
            verb = "is" if len(numbers) == 1 else "are"
            if days > 0:
                state = f"{_days(days)} overdue"
            elif days == 0:
                state = "due today"
            else:
                state = f"due in {_days(-days)}"
            parts.append(f"{_join(numbers)} {verb} {state}")
        text = "; ".join(parts[:3]) + (f"; {len(parts) - 3} more groups" if len(parts) > 3 else "")
        if broken is not None:
            text += f"; promise to pay by {broken.promise.promised_on} was broken"
        if last is not None:
            text += f"; previous {last.stage!r} sent on {last.sent_on}"
            if deadline is not None:
                text += f" with deadline {deadline}"
        else:
            text += "; first letter"
        source = "" if ladder_source == "default" else f" ({ladder_source})"
        return f"{text}; ladder {ladder.name!r}{source}; stage {stage.name!r}"


def _due_order(inv: Invoice) -> tuple[date, date, str]:
    return (inv.due_on, inv.issued_on, inv.number)


def _addresses(
    customer: Customer, override: CustomerOverride | None, open_invs: Sequence[tuple[Invoice, Decimal]]
) -> tuple[str, ...]:
    """Deliverable addresses: the override's, else the customer's, else those on its invoices."""
    contacts = customer.contacts
    if override is None or not override.contacts:
        if len(contacts) == 1:  # the common case, kept cheap
            only = contacts[0]
            return () if only.is_undeliverable or not only.email.strip() else (only.email,)
        if not contacts:
            return tuple(dict.fromkeys(e for inv, _ in open_invs for e in inv.emails))
    # An address that bounced once stays out, even if listed again unflagged.
    undeliverable = {c.email.lower() for c in contacts if c.is_undeliverable}
    if override is not None and override.contacts:
        return tuple(e for e in override.contacts if e.lower() not in undeliverable)
    return tuple(
        dict.fromkeys(c.email for c in contacts if c.email.lower() not in undeliverable and c.email.strip())
    )


def _first_applicable(stages: Sequence[Stage], start: int, oldest_days: int) -> int | None:
    """The first stage from ``start`` on, passing over courtesy stages once the debt is overdue."""
    for i in range(start, len(stages)):
        if stages[i].is_courtesy and oldest_days > 0:
            continue
        return i
    return None


def _pause_detail(pause: Pause, until: date | None) -> str:
    what = {
        "dispute": "disputed",
        "out_of_office": "the contact is out of office",
        "bounce": "the last letter bounced",
        "manual": "held by hand",
        "payment_plan": "on a payment plan",
        "promise": "the customer promised to pay",
    }.get(pause.kind, pause.kind)
    text = what + (f" ({pause.reason})" if pause.reason else "")
    return text + (f"; letters resume on {until}" if until else "; until released")


def plan_reminders(state: BookState, rules: EscalationRules, now: datetime) -> Plan:
    """Plan the letters to send at ``now`` (aware) and list what is held; outside the send window, none."""
    planner = _Planner(state, rules, now)
    by_customer: dict[str, list[Invoice]] = {}
    for inv in state.invoices:
        found = by_customer.get(inv.customer_id)
        if found is None:
            by_customer[inv.customer_id] = [inv]
        else:
            found.append(inv)
    for cid in sorted(by_customer):
        planner.customer(cid, by_customer[cid])
    is_send_time = is_within_send_window(now, rules.guards)
    return Plan(
        at=now,
        messages=tuple(planner.messages) if is_send_time else (),
        held=tuple(planner.held),
        today=planner.today,
        is_send_time=is_send_time,
        next_send_at=next_send_time(now, rules.guards),
    )


def explain_customer(
    state: BookState, rules: EscalationRules, now: datetime, customer_id: str
) -> tuple[str, ...]:
    """Sentences saying what the planner would do for one customer at ``now`` and why (for ``tactful explain``)."""
    planner = _Planner(state, rules, now)
    planner.notes = []
    invoices = [inv for inv in state.invoices if inv.customer_id == customer_id]
    if not invoices:
        return (f"{customer_id}: no open invoices",)
    planner.customer(customer_id, invoices)
    lines = []
    for message in planner.messages:
        approval = " (waiting for approval)" if message.requires_approval else ""
        lines.append(
            f"{customer_id}: letter {message.stage!r}{approval} to {', '.join(message.to)}: {message.reason}"
        )
        if message.announces is not None:
            lines.append(
                f"  it announces {message.announces.stage!r} for after {message.announces.deadline_on}"
            )
    for item in planner.held:
        until = f" until {item.until_on}" if item.until_on else ""
        lines.append(
            f"{customer_id}: held ({item.reason}){until}: {', '.join(item.invoice_numbers)}: {item.detail}"
        )
    lines.extend(f"{customer_id}: {text}" for text in planner.notes)
    if planner.messages and not is_within_send_window(now, rules.guards):
        lines.append(f"outside the send window; the next send time is {next_send_time(now, rules.guards)}")
    return tuple(lines)


__all__ = [
    "BROKEN_PROMISE_TEMPLATE",
    "Announcement",
    "Approval",
    "BookState",
    "CustomerOverride",
    "EscalationRules",
    "Guards",
    "HeldItem",
    "Ladder",
    "Pause",
    "Plan",
    "PlannedMessage",
    "Promise",
    "PromiseDecision",
    "PromiseOutcome",
    "Segment",
    "SentReminder",
    "Stage",
    "add_business_days",
    "evaluate_promises",
    "explain_customer",
    "is_business_day",
    "may_grant_promise",
    "plan_reminders",
    "promise_decision",
    "promise_resume_on",
]
