"""How long the daily digest takes to assemble and render as the open book grows.

    python benchmarks/bench_digest.py [--sizes 1000,10000,100000] [--repeat 3]

For each size, builds that many open invoices over size/8 customers in two currencies (due dates
spread from 60 days ahead to 400 days back), then times, best of ``--repeat``:

- ``baseline``: one pass summing ``open_amount`` per currency (the least any digest must do);
- ``build_digest``: totals, aging buckets, top ten, ordering (pure);
- ``render``: subject, text and HTML in Polish (the templates' cost does not grow with the book:
  the digest shows at most ten customers).

Prints a table with each time and its ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger.model import Invoice
from mailer.digest import render_digest_html, render_digest_subject, render_digest_text
from mailer.render import load_templates
from rules.digest import DigestFacts, build_digest, sample_facts

DAY = date(2026, 11, 23)


def make_invoices(count: int, rng: random.Random) -> list[Invoice]:
    customers = max(1, count // 8)
    invoices = []
    for n in range(count):
        due = DAY + timedelta(days=rng.randint(-400, 60))
        invoices.append(
            Invoice(
                number=f"FV/{n}",
                customer_id=f"K{n % customers}",
                issued_on=due - timedelta(days=14),
                due_on=due,
                total=Decimal(rng.randint(100, 5_000_000)) / 100,
                currency="PLN" if rng.random() < 0.85 else "EUR",
                paid=Decimal(0) if rng.random() < 0.8 else Decimal(50),
                customer_name=f"Klient {n % customers}",
            )
        )
    return invoices


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def baseline(invoices: list[Invoice]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for invoice in invoices:
        totals[invoice.currency] += invoice.open_amount
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20261123)
    templates = load_templates()
    template_facts = sample_facts("pl", DAY)

    print(
        f"{'invoices':>9} {'baseline ms':>12} {'build ms':>10} {'x base':>8} {'render ms':>10} {'x base':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        invoices = make_invoices(size, rng)
        facts = DigestFacts(
            day=DAY,
            company_name=template_facts.company_name,
            language="pl",
            needs_you=template_facts.needs_you,
            promises=template_facts.promises,
            matched=template_facts.matched,
            reminders_sent=template_facts.reminders_sent,
            replies_by_intent=template_facts.replies_by_intent,
            open_invoices=invoices,
            previous_totals={"PLN": (Decimal(0), Decimal(0))},
            main_currency="PLN",
        )
        base = best_of(args.repeat, lambda inv=invoices: baseline(inv))
        build = best_of(args.repeat, lambda f=facts: build_digest(f))
        digest = build_digest(facts)

        def render(d=digest) -> None:
            render_digest_subject(templates, d)
            render_digest_text(templates, d)
            render_digest_html(templates, d)

        render_s = best_of(args.repeat, render)
        print(
            f"{size:>9} {base * 1000:>12.1f} {build * 1000:>10.1f} {build / base:>8.1f}"
            f" {render_s * 1000:>10.1f} {render_s / base:>8.1f}"
        )


if __name__ == "__main__":
    main()
