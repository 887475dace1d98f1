"""How fast the store imports, upserts and claims, against bare SQLAlchemy Core doing the minimum.

    python benchmarks/bench_store.py [--lines 5000] [--reminders 300]

Runs on a SQLite file (WAL) and, when it can, on PostgreSQL: ``TACTFUL_BENCH_DATABASE_URL``
(an empty database), else a private server started like the tests do (needs the postgresql
binaries). Each row of the table compares a store operation with a baseline measured in the same
run on the same database:

* statement import: ``Store.add_statement`` (known-id lookup, duplicate check, one event, one
  transaction) vs. a bare ``executemany`` INSERT of the same rows in one transaction;
* invoice upsert: ``Store.upsert_invoices`` of new, then unchanged invoices vs. a bare INSERT;
* outbox: plan + claim + mark_sent per reminder (three transactions, three events) vs. one bare
  conditional UPDATE committed per reminder (the least a durable claim can cost);
* claim race: two threads claiming the same reminders; every reminder must be claimed once.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger.model import Invoice, Statement, StatementLine  # noqa: E402
from store import PlannedReminder, open_store  # noqa: E402
from store import schema as t  # noqa: E402

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def lines(prefix: str, n: int) -> list[StatementLine]:
    return [
        StatementLine(
            id=f"{prefix}-{i}",
            booked_on=date(2026, 1, 1) + timedelta(days=i % 60),
            amount=Decimal(f"{i % 997}.{i % 100:02}"),
            currency="EUR",
            counterparty=f"Customer {i % 300}",
            counterparty_iban=f"DE{i % 300:020}",
            text=f"Invoice INV-{i} payment",
            account_iban="PL61109010140000071219812874",
        )
        for i in range(n)
    ]


def invoices(prefix: str, n: int) -> list[Invoice]:
    return [
        Invoice(
            number=f"{prefix}-{i}",
            customer_id=f"C{i % 300}",
            issued_on=date(2026, 1, 1),
            due_on=date(2026, 1, 15),
            total=Decimal(f"{100 + i}.50"),
            currency="EUR",
            customer_name=f"Customer {i % 300}",
            emails=(f"ap@c{i % 300}.example",),
        )
        for i in range(n)
    ]


def bench_engine(
    name: str, url: str, n_lines: int, n_reminders: int
) -> list[tuple[str, str, int, float, float]]:
    rows: list[tuple[str, str, int, float, float]] = []
    store = open_store(url)
    try:
        # Statement import vs bare executemany.
        base_import = store.add_statement(Statement("seed", "camt053", ()), "seed", NOW).import_id
        raw = [
            {
                "id": x.id, "import_id": base_import, "booked_on": x.booked_on, "amount": x.amount,
                "currency": x.currency, "counterparty": x.counterparty, "counterparty_iban": x.counterparty_iban,
                "text": x.text, "account_iban": x.account_iban, "extra": [], "first_seen_at": NOW,
            }
            for x in lines("RAW", n_lines)
        ]  # fmt: skip

        def bare_insert() -> None:
            with store.engine.begin() as conn:
                conn.execute(t.bank_transactions.insert(), raw)

        baseline = timed(bare_insert)
        mine = timed(
            lambda: store.add_statement(Statement("a.xml", "camt053", tuple(lines("S", n_lines))), "a", NOW)
        )
        again = timed(
            lambda: store.add_statement(Statement("b.sta", "mt940", tuple(lines("S", n_lines))), "b", NOW)
        )
        rows += [
            (name, "bare INSERT of statement lines", n_lines, baseline, baseline),
            (name, "add_statement, new lines", n_lines, mine, baseline),
            (name, "add_statement, all lines known", n_lines, again, baseline),
        ]

        # Invoice upsert vs bare insert.
        store.upsert_invoices(invoices("SEED", 300), NOW)  # customers exist for everyone below
        raw_invoices = [
            {"number": i.number, "customer_id": i.customer_id, "issued_on": i.issued_on, "due_on": i.due_on,
             "total": i.total, "currency": i.currency, "paid": i.paid, "customer_ibans": [], "emails": list(i.emails),
             "imported_at": NOW, "updated_at": NOW}
            for i in invoices("RAWINV", n_lines)
        ]  # fmt: skip

        def bare_invoices() -> None:
            with store.engine.begin() as conn:
                conn.execute(t.invoices.insert(), raw_invoices)

        baseline = timed(bare_invoices)
        new = invoices("INV", n_lines)
        rows += [
            (name, "bare INSERT of invoices", n_lines, baseline, baseline),
            (
                name,
                "upsert_invoices, all new",
                n_lines,
                timed(lambda: store.upsert_invoices(new, NOW)),
                baseline,
            ),
            (
                name,
                "upsert_invoices, unchanged",
                n_lines,
                timed(lambda: store.upsert_invoices(new, NOW)),
                baseline,
            ),
        ]

        # Outbox round trip vs one bare conditional UPDATE per reminder.
        for i in range(n_reminders):
            store.plan_reminder(reminder(f"BARE-{i}"), NOW)

        def bare_claims() -> None:
            c = t.reminders.c
            for i in range(n_reminders):
                with store.engine.begin() as conn:
                    conn.execute(
                        sa.update(t.reminders)
                        .where(sa.and_(c.id == f"BARE-{i}", c.state == "planned"))
                        .values(state="claimed")
                    )

        def round_trips() -> None:
            for i in range(n_reminders):
                rid = f"R-{i}"
                store.plan_reminder(reminder(rid), NOW)
                assert store.claim_reminder(rid, "bench", NOW, 300, message_id=f"<{rid}@bench>")
                store.mark_sent(rid, f"<{rid}@bench>", NOW)

        baseline = timed(bare_claims)
        rows += [
            (name, "bare conditional UPDATE, 1 commit each", n_reminders, baseline, baseline),
            (name, "plan + claim + mark_sent", n_reminders, timed(round_trips), baseline),
        ]

        # Two threads racing for the same reminders.
        for i in range(n_reminders):
            store.plan_reminder(reminder(f"RACE-{i}"), NOW)
        won: dict[str, list[str]] = {"a": [], "b": []}
        barrier = threading.Barrier(2)

        def worker(tag: str) -> None:
            barrier.wait()
            for i in range(n_reminders):
                if store.claim_reminder(f"RACE-{i}", tag, NOW, 300):
                    won[tag].append(f"RACE-{i}")

        def race() -> None:
            threads = [threading.Thread(target=worker, args=(tag,)) for tag in won]
            for th in threads:
                th.start()
            for th in threads:
                th.join()

        elapsed = timed(race)
        assert not set(won["a"]) & set(won["b"]) and len(won["a"]) + len(won["b"]) == n_reminders
        rows.append(
            (name, f"2 threads race ({len(won['a'])}/{len(won['b'])} won)", n_reminders, elapsed, baseline)
        )
    finally:
        store.close()
    return rows


def reminder(rid: str) -> PlannedReminder:
    return PlannedReminder(
        rid, f"C{hash(rid) % 300}", "reminder", "reminder", "en", ("INV-1",), ("ap@x.example",)
    )


@contextmanager
def postgres_url() -> Iterator[str | None]:
    given = os.environ.get("TACTFUL_BENCH_DATABASE_URL")
    if given:
        yield given
        return
    try:
        from tests.servers import start_postgres

        server = start_postgres()
    except BaseException as exc:  # pytest.skip raises a BaseException outside pytest
        print(f"(PostgreSQL skipped: {exc})")
        yield None
        return
    try:
        yield server.new_database("tactful_bench")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--reminders", type=int, default=300)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results += bench_engine("sqlite", f"sqlite:///{folder}/bench.db", args.lines, args.reminders)
    with postgres_url() as url:
        if url:
            results += bench_engine("postgresql", url, args.lines, args.reminders)
    print(f"{'engine':<11} {'operation':<42} {'n':>6} {'seconds':>8} {'ms/item':>8} {'x baseline':>10}")
    for engine, operation, n, seconds, baseline in results:
        print(
            f"{engine:<11} {operation:<42} {n:>6} {seconds:>8.3f} {1000 * seconds / n:>8.3f} {seconds / baseline:>10.2f}"
        )


if __name__ == "__main__":
    main()
