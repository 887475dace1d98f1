"""Builders shared by the escalation tests (no tests here): a Polish company, a four-stage ladder, a gentle one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from ledger.model import Contact, Customer, Invoice
from rules.escalation import (
    BookState,
    EscalationRules,
    Guards,
    Ladder,
    Plan,
    PlannedMessage,
    SentReminder,
    Stage,
    plan_reminders,
)

WARSAW = ZoneInfo("Europe/Warsaw")
TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=WARSAW)

STANDARD = Ladder(
    "standard",
    (
        Stage("courtesy", -3),
        Stage("reminder", 7, min_days_since_previous=7),
        Stage("firm", 21, min_days_since_previous=10, announces="final_demand", announce_days=10),
        Stage("final_demand", 35, min_days_since_previous=10, requires_approval=True, final=True),
    ),
)
GENTLE = Ladder(
    "gentle",
    (
        Stage("reminder", 10),
        Stage("firm", 30, min_days_since_previous=14),
        Stage("final_demand", 60, min_days_since_previous=21, final=True),
    ),
)
GUARDS = Guards(
    min_open_amount=Decimal("20.00"),
    max_messages_per_week=2,
    holiday_country="PL",
    timezone="Europe/Warsaw",
    stale_statement_business_days=3,
    promise_grace_days=2,
)
RULES = EscalationRules(
    ladders=(STANDARD, GENTLE), guards=GUARDS, default_ladder="standard", default_language="pl"
)


def at(day: date, hour: int = 10) -> datetime:
    """10:00 in Warsaw on ``day``."""
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=WARSAW)


def invoice(
    number: str,
    days_overdue: int,
    total: str = "100.00",
    customer: str = "C1",
    currency: str = "PLN",
    paid: str = "0",
    today: date = TODAY,
    corrects: str | None = None,
) -> Invoice:
    """An invoice ``days_overdue`` days past its due date on ``today`` (negative: due in the future)."""
    due_on = today - timedelta(days=days_overdue)
    return Invoice(
        number=number,
        customer_id=customer,
        issued_on=due_on - timedelta(days=14),
        due_on=due_on,
        total=Decimal(total),
        currency=currency,
        paid=Decimal(paid),
        corrects=corrects,
    )


def customer(cid: str = "C1", *emails: str, **kwargs: object) -> Customer:
    contacts = tuple(Contact(e) for e in (emails or (f"ap@{cid.lower()}.example",)))
    return Customer(id=cid, name=f"Customer {cid}", contacts=contacts, **kwargs)  # type: ignore[arg-type]


def sent(
    stage: str,
    days_ago: int,
    *numbers: str,
    cid: str = "C1",
    deadline: date | None = None,
    today: date = TODAY,
    is_broken_promise: bool = False,
) -> SentReminder:
    return SentReminder(
        cid,
        stage,
        today - timedelta(days=days_ago),
        tuple(numbers),
        announced_deadline_on=deadline,
        is_broken_promise=is_broken_promise,
    )


def book(invoices: list[Invoice], customers: list[Customer] | None = None, **kwargs: object) -> BookState:
    """A book with a fresh statement and a default customer for every invoice's customer id."""
    if customers is None:
        customers = [customer(cid) for cid in sorted({i.customer_id for i in invoices})]
    kwargs.setdefault("newest_statement_on", TODAY - timedelta(days=1))
    return BookState(invoices=tuple(invoices), customers=tuple(customers), **kwargs)  # type: ignore[arg-type]


def plan(state: BookState, rules: EscalationRules = RULES, now: datetime = NOW) -> Plan:
    return plan_reminders(state, rules, now)


def only_message(result: Plan) -> PlannedMessage:
    assert len(result.messages) == 1, result
    return result.messages[0]
