"""How long does planning take beside loading the book it plans?

Generates a book of ``--n`` open invoices for ``n / 10`` customers (with a sent
history, some pauses, promises and credit notes), then times:

* load: building the frozen input values from plain rows (a stand-in for
  reading them from the store, which the lead will add);
* plan: ``plan_reminders`` over that book inside the send window;
* plan, first run: the same with the holiday cache emptied first.

Each step runs ``--repeat`` times and the best time is reported (the machine is
shared, so the best run is the least disturbed one).

Ratios are against the load time measured in the same run. The target is a plan
no slower than the load, well under a minute for 1,000,000 invoices.

    python benchmarks/bench_plan.py            # 1,000,000 invoices
    python benchmarks/bench_plan.py --n 100000
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from ledger.model import Contact, Customer, Invoice
from rules import calendar
from rules.escalation import (
    BookState,
    EscalationRules,
    Guards,
    Ladder,
    Pause,
    Promise,
    SentReminder,
    Stage,
    plan_reminders,
)

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
RULES = EscalationRules(
    ladders=(
        Ladder(
            "standard",
            (
                Stage("courtesy", -3),
                Stage("reminder", 7, min_days_since_previous=7),
                Stage("firm", 21, min_days_since_previous=10, announces="final_demand", announce_days=10),
                Stage("final_demand", 35, min_days_since_previous=10, requires_approval=True, final=True),
            ),
        ),
    ),
    guards=Guards(min_open_amount=Decimal("20.00"), holiday_country="PL", timezone="Europe/Warsaw"),
    default_ladder="standard",
)
STAGES = ("courtesy", "reminder", "firm", "final_demand")


def make_rows(n: int, seed: int = 7) -> dict[str, list[tuple]]:
    """Plain tuples as a database cursor would return them."""
    rng = random.Random(seed)
    n_customers = max(1, n // 10)
    customers = [
        (f"C{c:06d}", f"Customer {c}", f"ap@c{c}.example", rng.random() < 0.01) for c in range(n_customers)
    ]
    invoices = []
    for i in range(n):
        cid = f"C{rng.randrange(n_customers):06d}"
        due = TODAY - timedelta(days=rng.randint(-30, 120))
        total = rng.choice(("120.00", "480.50", "2300.00", "99.99", "15.00"))
        paid = "0" if rng.random() < 0.9 else "50.00"
        if rng.random() < 0.005:
            total = "-40.00"
        invoices.append(
            (f"FV/{i}", cid, due - timedelta(days=14), due, total, "PLN" if i % 10 else "EUR", paid)
        )
    sent = []
    for i in range(0, n, 3):
        row = invoices[i]
        sent.append((row[1], rng.choice(STAGES), TODAY - timedelta(days=rng.randint(1, 40)), (row[0],)))
    pauses = [(f"C{rng.randrange(n_customers):06d}", "dispute", ()) for _ in range(n // 200)]
    promises = [
        (f"C{rng.randrange(n_customers):06d}", TODAY + timedelta(days=rng.randint(-10, 10)))
        for _ in range(n // 200)
    ]
    return {
        "customers": customers,
        "invoices": invoices,
        "sent": sent,
        "pauses": pauses,
        "promises": promises,
    }


def load(rows: dict[str, list[tuple]]) -> BookState:
    """Build the frozen values the planner takes (what the store's load will do)."""
    customers = tuple(
        Customer(id=cid, name=name, contacts=(Contact(email),), do_not_contact=dnc)
        for cid, name, email, dnc in rows["customers"]
    )
    invoices = tuple(
        Invoice(
            number=num,
            customer_id=cid,
            issued_on=iss,
            due_on=due,
            total=Decimal(total),
            currency=cur,
            paid=Decimal(paid),
        )
        for num, cid, iss, due, total, cur, paid in rows["invoices"]
    )
    sent = tuple(SentReminder(cid, stage, on, numbers) for cid, stage, on, numbers in rows["sent"])
    pauses = tuple(Pause(cid, kind, numbers) for cid, kind, numbers in rows["pauses"])
    promises = tuple(Promise(cid, on, on - timedelta(days=5)) for cid, on in rows["promises"])
    return BookState(invoices, customers, sent, pauses, promises, (), TODAY - timedelta(days=1))


def timed(fn, *args):  # type: ignore[no-untyped-def]
    """Run ``fn`` once; return its result and the CPU seconds it took.

    CPU time of this process, not wall time: the machine is shared, and other
    processes stretch wall time but barely touch CPU time.
    """
    gc.collect()
    start = time.process_time()
    result = fn(*args)
    return result, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="open invoices (customers = n / 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best is reported")
    args = parser.parse_args()

    rows = make_rows(args.n)
    state, t_load = timed(load, rows)
    # The machine is shared: take the best of a few runs of each step.
    state, t_load = min(
        (timed(load, rows) for _ in range(args.repeat - 1)), key=lambda r: r[1], default=(state, t_load)
    )
    calendar._calendar.cache_clear()
    plan, t_cold = timed(plan_reminders, state, RULES, NOW)
    plan, t_plan = min(
        (timed(plan_reminders, state, RULES, NOW) for _ in range(args.repeat)), key=lambda r: r[1]
    )

    print(
        f"book: {len(state.invoices):,} invoices, {len(state.customers):,} customers, "
        f"{len(state.sent):,} sent, {len(state.pauses):,} pauses, {len(state.promises):,} promises"
    )
    print(f"plan: {len(plan.messages):,} letters, {len(plan.held):,} held items")
    print()
    print(f"{'step':<24}{'CPU s':>10}{'x load':>10}{'us/invoice':>12}")
    for name, seconds in (("load (baseline)", t_load), ("plan", t_plan), ("plan, first run", t_cold)):
        print(
            f"{name:<24}{seconds:>10.2f}{seconds / t_load:>10.2f}{seconds / len(state.invoices) * 1e6:>12.2f}"
        )


if __name__ == "__main__":
    main()
