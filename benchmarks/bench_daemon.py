"""The daemon at scale: planning vs loading, one full cycle per phase, and an idle daemon's footprint.

    python benchmarks/bench_daemon.py [--customers 100000] [--invoices-per-customer 10] [--idle-seconds 600]

1. A book of CUSTOMERS x INVOICES open invoices in SQLite. Baseline: loading the open invoices from
   the store alone. Measured: `tactful plan` (everything it reads plus the planner), as a ratio.
   Target: at most 2x the load, well under a minute.
2. One full cycle on that book, time per phase: import + match of a statement, replies (none),
   dunning (plan, record and send to a Maildir outbox), digest.
3. An idle `tactful run` for IDLE_SECONDS: resident memory and CPU time (target < 150 MB, near-zero CPU).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import service  # noqa: E402
from ledger.model import Contact, Customer, Invoice  # noqa: E402

TODAY = date(2026, 11, 23)


def build_book(customers: int, per_customer: int, rng: random.Random) -> tuple[list[Customer], list[Invoice]]:
    people, invoices = [], []
    for c in range(customers):
        cid = f"C{c:07d}"
        people.append(Customer(cid, f"Customer {c} Sp. z o.o.", contacts=(Contact(f"ar{c}@example.com"),)))
        for i in range(per_customer):
            due = TODAY - timedelta(days=rng.randint(-20, 90))
            invoices.append(
                Invoice(
                    number=f"FV/{c:07d}/{i:02d}",
                    customer_id=cid,
                    issued_on=due - timedelta(days=14),
                    due_on=due,
                    total=Decimal(rng.randint(100, 50000)) / 100 * 10,
                    currency="PLN",
                    customer_name=f"Customer {c} Sp. z o.o.",
                    emails=(f"ar{c}@example.com",),
                )
            )
    return people, invoices


def timed(label: str, fn, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - started
    print(f"  {label:<44} {elapsed:8.2f} s", flush=True)
    return result, elapsed


def statement_for(invoices: list[Invoice], count: int, rng: random.Random) -> str:
    """A CAMT.053 paying ``count`` random invoices, as a bank would send it."""
    entries = []
    for n, inv in enumerate(rng.sample(invoices, count)):
        entries.append(
            f'<Ntry><Amt Ccy="PLN">{inv.total:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'
            f"<BookgDt><Dt>{TODAY - timedelta(days=1)}</Dt></BookgDt><AcctSvcrRef>B{n:08d}</AcctSvcrRef>"
            f"<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>{inv.customer_name}</Nm></Dbtr></RltdPties>"
            f"<RmtInf><Ustrd>Faktura {inv.number}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        "<BkToCstmrStmt><GrpHdr><MsgId>B</MsgId><CreDtTm>2026-11-23T06:00:00</CreDtTm></GrpHdr><Stmt><Id>S</Id>"
        "<Acct><Id><IBAN>PL61109010140000071219812874</IBAN></Id></Acct>"
        + "".join(entries)
        + "</Stmt></BkToCstmrStmt></Document>"
    )


def scale(customers: int, per_customer: int) -> None:
    rng = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="tactful-bench-"))
    config_path = service.demo_workspace(work, service.EXAMPLES)
    app = service.open_app(service.load_config(config_path))
    people, invoices = build_book(customers, per_customer, rng)
    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    print(f"Book: {customers:,} customers, {len(invoices):,} open invoices (SQLite, {work})")

    def store_book() -> None:
        app.store.upsert_customers(people, now)
        app.store.upsert_invoices(invoices, now)

    timed("store the book (upsert customers + invoices)", store_book)
    # Fresh bank data, or the planner holds every stage after the courtesy note and has little to do.
    first = work / "yesterday.xml"
    first.write_text(statement_for(invoices, min(10_000, len(invoices) // 10), rng), encoding="utf-8")
    timed("import a statement", service.import_statement_file, app, first, now)
    timed("  ... and match it", service.match_new_payments, app, now)
    _, load = timed("baseline: load open invoices from the store", app.store.open_invoices)
    _, plan = timed("tactful plan (read the state + plan)", service.plan_now, app, now)
    print(f"  plan / load = {plan / load:.2f}x (target <= 2x)\n")

    print("One full cycle, per phase:")
    today = statement_for(invoices, min(10_000, len(invoices) // 10), rng).replace(
        "<AcctSvcrRef>B", "<AcctSvcrRef>T"
    )
    (work / "inbox/statements/today.xml").write_text(today, encoding="utf-8")
    for name in ("import", "replies", "dunning", "digest"):
        timed(f"{name}", service.run_job, app, name, now)
    print(f"  outbox after the cycle: {app.store.outbox_counts()}\n")


def idle(seconds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="tactful-idle-"))
    config_path = service.demo_workspace(work, service.EXAMPLES)
    process = subprocess.Popen(
        [sys.executable, "-c", "import service; service.main()", "--config", str(config_path), "run"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(min(5, seconds))  # start-up and the first (empty) runs
        ticks = os.sysconf("SC_CLK_TCK")

        def sample() -> tuple[float, int]:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / ticks
            rss = int(Path(f"/proc/{process.pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            return cpu, rss

        cpu0, _ = sample()
        peak = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            time.sleep(1)
            _, rss = sample()
            peak = max(peak, rss)
        cpu1, rss = sample()
        print(
            f"Idle daemon for {seconds} s: RSS {rss / 2**20:.1f} MB (peak {peak / 2**20:.1f} MB, target < 150 MB), "
            f"CPU {cpu1 - cpu0:.2f} s = {100 * (cpu1 - cpu0) / seconds:.3f}% of one core"
        )
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--invoices-per-customer", type=int, default=10)
    parser.add_argument("--idle-seconds", type=int, default=600)
    args = parser.parse_args()
    scale(args.customers, args.invoices_per_customer)
    idle(args.idle_seconds)


if __name__ == "__main__":
    main()
