"""Hypothesis: invariants of the planner over random books and random event sequences."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings, target
from hypothesis import strategies as st

from ledger.model import Contact, Customer, Invoice
from rules.calendar import is_within_send_window, local_today
from rules.escalation import BookState, Pause, SentReminder, plan_reminders
from tests.unit.test_escalation_simulation import simulate
from tests.unit.test_escalation_support import RULES, STANDARD, WARSAW

START = date(2026, 11, 1)
STAGES = [s.name for s in STANDARD.stages]
KINDS = ("dispute", "out_of_office", "bounce", "manual", "payment_plan", "promise")


@st.composite
def books(draw: st.DrawFn) -> tuple[BookState, datetime]:
    # Mostly inside the send window, so that plans have letters to check.
    day = draw(st.dates(min_value=date(2026, 11, 1), max_value=date(2026, 12, 31)))
    hour = draw(st.integers(8, 16) | st.integers(0, 23))
    now = datetime(day.year, day.month, day.day, hour, draw(st.integers(0, 59)), tzinfo=WARSAW)
    today = local_today(now, RULES.guards)
    n_customers = draw(st.integers(1, 4))
    cids = [f"C{i}" for i in range(n_customers)]
    customers = []
    for cid in cids:
        contacts = draw(
            st.just([Contact("ap@x.example")])
            | st.lists(
                st.builds(
                    Contact, st.sampled_from(["a@x.example", "b@x.example"]), st.just(""), st.booleans()
                ),
                max_size=2,
            )
        )
        customers.append(
            Customer(
                id=cid,
                name=cid,
                contacts=tuple(contacts),
                do_not_contact=draw(st.integers(0, 9)) == 0,
            )
        )
    invoices = []
    for n in range(draw(st.integers(0, 10))):
        cid = draw(st.sampled_from(cids))
        due_on = today - timedelta(days=draw(st.integers(-20, 120)))
        total = Decimal(draw(st.sampled_from(["10.00", "99.99", "250.00", "1200.00", "-40.00"])))
        paid = draw(st.sampled_from([Decimal(0), total / 2, total])) if total > 0 else Decimal(0)
        currency = draw(st.sampled_from(["PLN", "EUR"]))
        invoices.append(Invoice(f"FV/{n}", cid, due_on - timedelta(days=14), due_on, total, currency, paid))
    numbers = [i.number for i in invoices]
    sent = []
    for _ in range(draw(st.integers(0, 5))):
        sent.append(
            SentReminder(
                draw(st.sampled_from(cids)),
                draw(st.sampled_from(STAGES)),
                today - timedelta(days=draw(st.integers(0, 60))),
                tuple(draw(st.lists(st.sampled_from(numbers), max_size=3, unique=True))) if numbers else (),
                announced_deadline_on=draw(
                    st.none() | st.just(today + timedelta(days=draw(st.integers(-5, 10))))
                ),
            )
        )
    pauses = []
    for _ in range(draw(st.integers(0, 3))):
        until = draw(st.none() | st.integers(-5, 10))
        pauses.append(
            Pause(
                draw(st.sampled_from(cids)),
                draw(st.sampled_from(KINDS)),
                tuple(draw(st.lists(st.sampled_from(numbers), max_size=2, unique=True))) if numbers else (),
                None if until is None else today + timedelta(days=until),
            )
        )
    statement = draw(st.integers(0, 2) | st.integers(0, 2) | st.integers(0, 10) | st.none())
    state = BookState(
        invoices=tuple(invoices),
        customers=tuple(customers),
        sent=tuple(sent),
        pauses=tuple(pauses),
        newest_statement_on=None if statement is None else today - timedelta(days=statement),
    )
    return state, now


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_single_plans_keep_the_invariants(book_and_now: tuple[BookState, datetime]) -> None:
    state, now = book_and_now
    result = plan_reminders(state, RULES, now)
    # Steer the search towards books that produce letters, and report how many did.
    target(float(len(result.messages)))
    event(f"letters: {min(len(result.messages), 3)}")
    today = result.today
    assert today is not None
    if not is_within_send_window(now, RULES.guards):
        assert result.messages == ()
    by_number = {i.number: i for i in state.invoices}
    seen: set[str] = set()
    for message in result.messages:
        cid = message.customer_id
        assert cid not in seen, "two letters for one customer"
        seen.add(cid)
        customer = next(c for c in state.customers if c.id == cid)
        assert not customer.do_not_contact
        assert message.to and all(not c.is_undeliverable for c in customer.contacts if c.email in message.to)
        for number in message.invoice_numbers:
            inv = by_number[number]
            assert inv.customer_id == cid and inv.open_amount > 0, "a paid invoice is chased"
            for pause in state.pauses:
                if pause.customer_id != cid or not pause.is_active_on(today):
                    continue
                if pause.invoice_numbers and number not in pause.invoice_numbers:
                    continue
                assert pause.kind == "bounce", f"{number} is paused ({pause.kind}) but mentioned"
        history = [s for s in state.sent if s.customer_id == cid]
        assert all(s.sent_on < today for s in history), "a second letter on one day"
        week = [s for s in history if (today - s.sent_on).days < 7]
        assert len(week) + 1 <= RULES.guards.max_messages_per_week
        # No jumping: at most one stage past the customer's position, which is the most advanced
        # letter about an invoice of this letter; its announced deadline holds.
        about = [s for s in history if set(message.invoice_numbers).intersection(s.invoice_numbers)]
        if about:
            position = max(STAGES.index(s.stage) for s in about)
            top = about[0]
            for s in about:  # the newest at that stage; on a tie the later one in the store's order
                if STAGES.index(s.stage) == position and (
                    STAGES.index(top.stage) < position or s.sent_on >= top.sent_on
                ):
                    top = s
            assert STAGES.index(message.stage) <= position + 1
            if message.is_broken_promise:
                assert message.stage == STAGES[position]
            elif top.announced_deadline_on is not None and STAGES.index(message.stage) == position + 1:
                assert today > top.announced_deadline_on, "an announced deadline was not kept"
    # The same book in another order gives the same plan.
    shuffled = list(state.invoices)
    random.Random(1).shuffle(shuffled)
    again = plan_reminders(
        BookState(
            tuple(shuffled), state.customers, state.sent, state.pauses, (), (), state.newest_statement_on
        ),
        RULES,
        now,
    )
    assert again.messages == result.messages


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32),
    pay_rate=st.floats(0.0, 0.15),
    dispute_rate=st.floats(0.0, 0.05),
    promise_rate=st.floats(0.0, 0.05),
    stale_gap_rate=st.floats(0.0, 0.2),
    max_per_week=st.integers(1, 3),
    business_days_only=st.booleans(),
    grace=st.integers(0, 5),
)
def test_random_event_sequences_keep_the_invariants(
    seed: int,
    pay_rate: float,
    dispute_rate: float,
    promise_rate: float,
    stale_gap_rate: float,
    max_per_week: int,
    business_days_only: bool,
    grace: int,
) -> None:
    # simulate() asserts the invariants after every day; here on small books, extreme rates, other guards.
    guards = dataclasses.replace(
        RULES.guards,
        max_messages_per_week=max_per_week,
        business_days_only=business_days_only,
        promise_grace_days=grace,
    )
    simulate(
        seed,
        n_customers=12,
        days=75,
        pay_rate=pay_rate,
        dispute_rate=dispute_rate,
        promise_rate=promise_rate,
        stale_gap_rate=stale_gap_rate,
        rules=dataclasses.replace(RULES, guards=guards),
    )
