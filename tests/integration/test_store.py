"""The state store on SQLite and PostgreSQL: one suite, run once per engine (``database_url``)."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from ledger.model import Contact, Customer, Invoice, Match, Statement, StatementLine
from store import PlannedReminder, Store, StoreError, open_store, statement_sha256
from store.schema import metadata

pytestmark = pytest.mark.integration

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(migrated_database_url: str) -> Iterator[Store]:
    opened = open_store(migrated_database_url)
    try:
        yield opened
    finally:
        opened.close()


def invoice(number: str, customer_id: str = "C1", total: str = "100.00", **kw: object) -> Invoice:
    values: dict[str, object] = {
        "number": number,
        "customer_id": customer_id,
        "issued_on": date(2026, 1, 5),
        "due_on": date(2026, 1, 19),
        "total": Decimal(total),
        "currency": "EUR",
        "customer_name": f"Customer {customer_id}",
        "emails": (f"ap@{customer_id.lower()}.example",),
    }
    values.update(kw)
    return Invoice(**values)  # type: ignore[arg-type]


def line(line_id: str, amount: str = "100.00", day: int = 10, **kw: object) -> StatementLine:
    values: dict[str, object] = {
        "id": line_id,
        "booked_on": date(2026, 2, day),
        "amount": Decimal(amount),
        "currency": "EUR",
        "counterparty": "ACME GmbH",
        "counterparty_iban": "DE89370400440532013000",
        "text": f"Invoice {line_id}",
        "account_iban": "PL61109010140000071219812874",
    }
    values.update(kw)
    return StatementLine(**values)  # type: ignore[arg-type]


def statement(lines: list[StatementLine], source: str = "feb.xml", fmt: str = "camt053") -> Statement:
    return Statement(source=source, format=fmt, lines=tuple(lines))


def reminder(reminder_id: str, customer_id: str = "C1", **kw: object) -> PlannedReminder:
    values: dict[str, object] = {
        "id": reminder_id,
        "customer_id": customer_id,
        "stage": "reminder",
        "template": "reminder",
        "language": "en",
        "invoice_numbers": ("INV-1",),
        "to_addresses": ("ap@c1.example",),
    }
    values.update(kw)
    return PlannedReminder(**values)  # type: ignore[arg-type]


def with_customer(store: Store, customer_id: str = "C1") -> None:
    store.upsert_invoices([invoice(f"INV-{customer_id}", customer_id)], NOW)


# --- migrations -------------------------------------------------------------------------------------


def test_migrating_an_empty_database_gives_exactly_the_declared_schema(database_url: str) -> None:
    with open_store(database_url) as store:
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
        assert store.schema_version() == "0002"
        names = set(sa.inspect(store.engine).get_table_names())
        assert set(metadata.tables) <= names


def test_opening_a_migrated_database_again_keeps_its_rows(database_url: str) -> None:
    with open_store(database_url) as first:
        first.upsert_invoices([invoice("INV-1")], NOW)
    with open_store(database_url) as second:
        assert [i.number for i in second.open_invoices()] == ["INV-1"]
        assert second.schema_version() == "0002"


def test_the_migrations_go_down_to_an_empty_database_and_up_again(store: Store) -> None:
    from alembic import command

    from store.db import _alembic_config

    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "base")
    assert set(sa.inspect(store.engine).get_table_names()) <= {"alembic_version"}
    with store.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_foreign_keys_are_enforced_and_sqlite_runs_in_wal_mode(store: Store) -> None:
    with pytest.raises(sa.exc.IntegrityError):
        store.plan_reminder(reminder("R1", customer_id="nobody"), NOW)
    assert store.reminders() == []
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_an_unusable_database_url_is_an_error_that_says_what_to_change(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not support"):
        open_store("mysql://localhost/tactful")
    with pytest.raises(StoreError, match="does not exist"):
        open_store("sqlite:////nonexistent-folder-for-tactful/x.db")
    (tmp_path / "not-a-db").write_bytes(b"this is not a SQLite file" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(f"sqlite:///{tmp_path / 'not-a-db'}")
    with pytest.raises(StoreError, match=r"database\.url"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


# --- customers and invoices -------------------------------------------------------------------------


def test_upserting_the_same_invoices_twice_changes_nothing_the_second_time(store: Store) -> None:
    first = store.upsert_invoices([invoice("INV-1"), invoice("INV-2", total="250.50")], NOW)
    again = store.upsert_invoices(
        [invoice("INV-1"), invoice("INV-2", total="250.50")], NOW + timedelta(hours=1)
    )
    changed = store.upsert_invoices(
        [invoice("INV-1", paid=Decimal("40")), invoice("INV-2", total="250.5")], NOW
    )

    assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 1)
    stored = {i.number: i for i in store.open_invoices()}
    assert stored["INV-1"].paid == Decimal("40") and stored["INV-1"].open_amount == Decimal("60")
    assert stored["INV-2"] == invoice("INV-2", total="250.50")
    kinds = [e.kind for e in store.events("C1")]
    assert kinds.count("invoice.created") == 2 and kinds.count("invoice.updated") == 1


def test_an_invoice_of_an_unknown_customer_creates_that_customer_from_the_invoice(store: Store) -> None:
    store.upsert_invoices([invoice("INV-9", "C9", customer_ibans=("de89 3704 0044 0532 0130 00",))], NOW)

    customer = store.customer("C9")
    assert customer is not None
    assert customer.name == "Customer C9"
    assert customer.contacts == (Contact(email="ap@c9.example"),)
    assert store.known_ibans() == {"DE89370400440532013000": "C9"}


def test_upserting_customers_keeps_a_bounced_contact_undeliverable(store: Store) -> None:
    acme = Customer(
        id="C1",
        name="ACME",
        contacts=(Contact("ap@acme.example", "Accounts"), Contact("boss@acme.example")),
        tags=("key",),
        language="de",
    )
    assert store.upsert_customers([acme], NOW).new == 1
    assert store.mark_undeliverable("AP@acme.example", "550 mailbox unknown", NOW) == ["C1"]
    again = store.upsert_customers([acme], NOW)
    renamed = store.upsert_customers([Customer(id="C1", name="ACME AG", contacts=acme.contacts[:1])], NOW)

    assert (again.unchanged, renamed.updated) == (1, 1)
    (stored,) = store.customers()
    assert stored.name == "ACME AG"
    assert stored.contacts == (Contact("ap@acme.example", "Accounts", is_undeliverable=True),)


def test_closing_invoices_closes_only_open_ones_and_says_why(store: Store) -> None:
    store.upsert_invoices([invoice("INV-1"), invoice("INV-2")], NOW)

    assert store.close_invoices(["INV-1", "INV-1", "INV-404"], "paid by bank transfer", NOW) == 1
    assert store.close_invoices(["INV-1"], "again", NOW) == 0
    assert [i.number for i in store.open_invoices()] == ["INV-2"]
    assert store.invoice_state("INV-1") == ("closed", "paid by bank transfer")
    assert [i.number for i in store.invoices_of("C1", include_closed=True)] == ["INV-1", "INV-2"]
    store.upsert_invoices([invoice("INV-1", paid=Decimal("1"))], NOW)
    assert store.invoice_state("INV-1") == ("closed", "paid by bank transfer")


# --- statements -------------------------------------------------------------------------------------


def test_importing_the_same_statement_twice_stores_the_same_rows(store: Store) -> None:
    lines = [line("T1"), line("T2", "20.00"), line("T3", "-5.00")]
    data = b"<the file's bytes>"

    first = store.add_statement(statement(lines), statement_sha256(data), NOW)
    same_file = store.add_statement(statement(lines), statement_sha256(data), NOW)
    overlapping = store.add_statement(statement([*lines, line("T4", day=11)]), statement_sha256(b"next"), NOW)

    assert (first.new, first.known) == (3, 0)
    assert (same_file.new, same_file.known, same_file.is_same_file_again) == (0, 3, True)
    assert (overlapping.new, overlapping.known) == (1, 3)
    assert store.transactions() == [*lines, line("T4", day=11)]
    assert store.newest_statement_on() == date(2026, 2, 11)
    assert [(i.file_name, i.new_count, i.known_count) for i in store.statement_imports()] == [
        ("feb.xml", 3, 0),
        ("feb.xml", 1, 3),
    ]


def test_a_statement_import_that_fails_midway_leaves_nothing(store: Store) -> None:
    lines = [line(f"T{n}", f"{n}.00") for n in range(1, 1201)]
    lines[1100] = line("T-bad", "1.00001")  # a parser bug: a fifth decimal would be rounded away

    with pytest.raises(sa.exc.StatementError, match="rounded"):
        store.add_statement(statement(lines), statement_sha256(b"big"), NOW)

    assert store.transactions() == []
    assert store.events() == []
    assert store.add_statement(statement(lines[:1000]), statement_sha256(b"big"), NOW).new == 1000


def test_a_line_from_another_format_of_the_same_statement_is_flagged_as_probable_duplicate(
    store: Store,
) -> None:
    camt = [line("CAMT-1", "100.00"), line("CAMT-2", "100.00", counterparty_iban="GB29NWBK60161331926819")]
    mt940 = [line("MT-1", "100.00", counterparty_iban=""), line("MT-2", "100.00", counterparty_iban="")]
    other = [line("MT-3", "100.00", counterparty_iban="FR1420041010050500013M02606")]

    store.add_statement(statement(camt), "a" * 64, NOW)
    counts = store.add_statement(statement(mt940 + other, "feb.sta", "mt940"), "b" * 64, NOW)

    assert (counts.new, counts.probable_duplicates) == (3, 2)
    assert store.probable_duplicates() == {"MT-1": "CAMT-1", "MT-2": "CAMT-2"}
    assert len(store.transactions()) == 5  # flagged, never dropped


line_strategy = st.builds(
    StatementLine,
    id=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=40),
    booked_on=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    amount=st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    currency=st.sampled_from(["EUR", "PLN", "USD", "JPY", "KWD"]),
    value_on=st.none() | st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    counterparty=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30),
    text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=80),
    is_reversal=st.booleans(),
    extra=st.lists(st.tuples(st.sampled_from(["purpose", "end_to_end"]), st.text(max_size=10).filter(
        lambda s: "\x00" not in s)), max_size=2).map(tuple),
)  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line_strategy, max_size=12, unique_by=lambda x: x.id))
def test_importing_twice_gives_the_same_ids_and_the_lines_come_back_unchanged(
    store: Store, lines: list[StatementLine]
) -> None:
    # Fresh ids per example: the database is shared by all examples of one test.
    salt = next(_EXAMPLES)
    lines = [StatementLine(**{**_fields(x), "id": f"{salt}:{x.id}"}) for x in lines]
    first = store.add_statement(statement(lines), statement_sha256(f"{salt}1".encode()), NOW)
    second = store.add_statement(statement(list(reversed(lines))), statement_sha256(f"{salt}2".encode()), NOW)

    assert (first.new, second.new, second.known) == (len(lines), 0, len(lines))
    for expected in lines:
        assert store.transaction(expected.id) == expected


_EXAMPLES = itertools.count()


def _fields(x: StatementLine) -> dict[str, object]:
    return {name: getattr(x, name) for name in StatementLine.__dataclass_fields__}


invoice_strategy = st.builds(
    Invoice,
    number=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20),
    customer_id=st.sampled_from(["C1", "C2", "Ä-3"]),
    issued_on=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    due_on=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    total=st.decimals(min_value=-(10**9), max_value=10**12, places=2),
    currency=st.sampled_from(["EUR", "PLN", "KWD"]),
    paid=st.decimals(min_value=0, max_value=10**9, places=3),
    emails=st.lists(st.emails(), max_size=2).map(tuple),
    language=st.none() | st.sampled_from(["pl", "de"]),
    corrects=st.none() | st.just("INV-0"),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(invoice_strategy, max_size=10, unique_by=lambda i: i.number))
def test_upserting_any_export_twice_reports_every_invoice_unchanged(
    store: Store, batch: list[Invoice]
) -> None:
    salt = next(_EXAMPLES)
    batch = [dataclasses.replace(i, number=f"{salt}:{i.number}") for i in batch]

    first = store.upsert_invoices(batch, NOW)
    second = store.upsert_invoices(list(reversed(batch)), NOW)

    assert (first.new, second.unchanged, second.new, second.updated) == (len(batch), len(batch), 0, 0)
    for expected in batch:
        assert store.invoice(expected.number) == expected


# --- exact values -----------------------------------------------------------------------------------


def test_money_is_exact_and_never_silently_rounded(store: Store) -> None:
    amounts = ["0.10", "1234567890123.45", "12.345", "-0.01", "7"]
    store.upsert_invoices([invoice(f"INV-{n}", total=a) for n, a in enumerate(amounts)], NOW)

    stored = {i.number: i.total for i in store.invoices_of("C1")}
    assert [stored[f"INV-{n}"] for n in range(len(amounts))] == [Decimal(a) for a in amounts]
    assert str(stored["INV-4"]) == "7.00" and str(stored["INV-2"]) == "12.345"
    with pytest.raises(sa.exc.StatementError, match="Decimal"):
        store.upsert_invoices([dataclasses.replace(invoice("INV-float"), total=1.5)], NOW)


def test_aware_datetimes_round_trip_as_utc_and_naive_ones_are_refused(store: Store) -> None:
    warsaw_morning = datetime(2026, 3, 2, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1)))
    with_customer(store, "C0")
    store.add_hold("C0", "manual", "called us", "anna", warsaw_morning)

    (hold,) = store.holds("C0")
    assert hold.created_at == warsaw_morning
    assert hold.created_at.tzinfo is UTC and hold.created_at.hour == 9
    with pytest.raises((ValueError, sa.exc.StatementError), match="naive"):
        store.add_hold("C0", "manual", "x", "anna", datetime(2026, 3, 2, 10, 30))


# --- the outbox -------------------------------------------------------------------------------------


def test_planning_the_same_reminder_again_is_a_no_op(store: Store) -> None:
    with_customer(store)

    assert store.plan_reminder(reminder("R1"), NOW) is True
    assert store.plan_reminder(reminder("R1", stage="firm"), NOW + timedelta(hours=2)) is False
    (only,) = store.reminders()
    assert (only.id, only.stage, only.state, only.planned_at) == ("R1", "reminder", "planned", NOW)


def test_two_threads_claiming_one_reminder_exactly_one_wins(migrated_database_url: str) -> None:
    database_url = migrated_database_url
    with open_store(database_url) as setup:
        with_customer(setup)
        for n in range(10):
            setup.plan_reminder(reminder(f"R{n}"), NOW)
    workers = [open_store(database_url), open_store(database_url)]
    try:
        for n in range(10):
            barrier = threading.Barrier(2)

            def claim(worker: int, rid: str = f"R{n}", gate: threading.Barrier = barrier) -> bool:
                gate.wait()
                return workers[worker].claim_reminder(rid, f"w{worker}", NOW, 300)

            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(claim, [0, 1]))
            assert sorted(results) == [False, True], f"R{n}: {results}"
        assert workers[0].outbox_counts()["claimed"] == 10
        assert all(r.attempts == 1 for r in workers[0].reminders())
    finally:
        for w in workers:
            w.close()


def test_two_workers_claiming_twenty_reminders_in_parallel_claim_each_once(
    migrated_database_url: str,
) -> None:
    database_url = migrated_database_url
    with open_store(database_url) as setup:
        with_customer(setup)
        for n in range(20):
            setup.plan_reminder(reminder(f"R{n:02}"), NOW)
    barrier = threading.Barrier(2)

    def work(name: str) -> list[str]:
        with open_store(database_url) as mine:
            barrier.wait()
            return [r.id for r in mine.due_reminders(NOW) if mine.claim_reminder(r.id, name, NOW, 300)]

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(work, ["a", "b"])
    assert not set(a) & set(b)
    assert sorted(a + b) == [f"R{n:02}" for n in range(20)]


CLAIM_SCRIPT = """
import sys
from datetime import datetime, UTC
from store import open_store
store = open_store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
won = [rid for rid in sys.argv[3:] if store.claim_reminder(rid, sys.argv[2], now, 300)]
print(" ".join(won), flush=True)
"""


def test_two_processes_claiming_the_same_reminders_win_each_exactly_once(migrated_database_url: str) -> None:
    database_url = migrated_database_url
    ids = [f"R{n:02}" for n in range(20)]
    with open_store(database_url) as setup:
        with_customer(setup)
        for rid in ids:
            setup.plan_reminder(reminder(rid), NOW)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIM_SCRIPT, database_url, f"process-{n}", *ids],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:  # as close together as two pipes allow
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        won = [p.communicate(timeout=60)[0].split() for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert not set(won[0]) & set(won[1])
    assert sorted(won[0] + won[1]) == ids
    with open_store(database_url) as check:
        claimed_by = {r.id: r.claimed_by for r in check.reminders()}
    assert claimed_by == {rid: f"process-{0 if rid in won[0] else 1}" for rid in ids}


def test_a_claim_whose_lease_expired_becomes_unknown_and_is_never_resent_silently(store: Store) -> None:
    with_customer(store)
    store.plan_reminder(reminder("R1"), NOW)
    assert store.claim_reminder("R1", "w1", NOW, 60, message_id="<r1@tactful>")

    assert store.expired_claims(NOW + timedelta(seconds=59)) == []
    (expired,) = store.expired_claims(NOW + timedelta(seconds=61))
    later = NOW + timedelta(hours=1)

    assert (expired.id, expired.state, expired.message_id) == ("R1", "unknown", "<r1@tactful>")
    assert store.due_reminders(later) == []
    assert not store.claim_reminder("R1", "w2", later, 60)
    assert store.resolve_unknown("R1", None, later) is False  # Sent folder unreachable: stays unknown
    assert store.reminder("R1").state == "unknown"  # type: ignore[union-attr]
    assert store.outbox_counts()["unknown"] == 1
    assert store.resolve_unknown("R1", False, later) is True  # proven not sent
    assert [r.id for r in store.due_reminders(later)] == ["R1"]
    assert store.claim_reminder("R1", "w2", later, 60)
    assert store.reminder("R1").attempts == 2  # type: ignore[union-attr]


def test_a_late_success_report_after_the_lease_expired_is_still_recorded(store: Store) -> None:
    with_customer(store)
    store.plan_reminder(reminder("R1"), NOW)
    store.claim_reminder("R1", "slow-worker", NOW, 60, message_id="<r1@tactful>")
    store.expired_claims(NOW + timedelta(minutes=5))

    assert store.mark_sent("R1", "<r1@tactful>", NOW + timedelta(minutes=6), actor="slow-worker")
    assert store.reminder("R1").state == "sent"  # type: ignore[union-attr]
    assert not store.mark_sent("R1", "<r1@tactful>", NOW + timedelta(minutes=7))


def test_an_unknown_reminder_found_in_the_sent_folder_is_recorded_as_sent(store: Store) -> None:
    with_customer(store)
    store.plan_reminder(reminder("R1"), NOW)
    store.claim_reminder("R1", "w1", NOW, 60, message_id="<r1@tactful>")
    assert store.mark_unknown("R1", "timeout after DATA", NOW)

    assert store.resolve_unknown("R1", True, NOW + timedelta(minutes=5))
    assert store.reminder("R1").state == "sent"  # type: ignore[union-attr]
    assert store.resolve_unknown("R1", False, NOW) is False


def test_failures_are_retried_later_or_never(store: Store) -> None:
    with_customer(store)
    for rid in ("TEMP", "PERM"):
        store.plan_reminder(reminder(rid), NOW)
        store.claim_reminder(rid, "w1", NOW, 60)
    retry_at = NOW + timedelta(hours=1)

    assert store.mark_failed("TEMP", "421 try later", False, NOW, retry_at)
    assert store.mark_failed("PERM", "550 no such user", True, NOW)
    assert not store.mark_sent("PERM", "<x@y>", NOW)
    assert store.due_reminders(retry_at - timedelta(seconds=1)) == []
    assert not store.claim_reminder("TEMP", "w1", retry_at - timedelta(seconds=1), 60)
    assert [r.id for r in store.due_reminders(retry_at)] == ["TEMP"]
    assert store.claim_reminder("TEMP", "w1", retry_at, 60)
    assert store.reminder("PERM").last_error == "550 no such user"  # type: ignore[union-attr]


def test_a_reminder_awaiting_approval_is_sent_only_after_approval(store: Store) -> None:
    with_customer(store)
    store.plan_reminder(reminder("R-final", stage="final", needs_approval=True), NOW)
    store.plan_reminder(reminder("R-other", needs_approval=True), NOW)

    assert store.due_reminders(NOW) == []
    assert not store.claim_reminder("R-final", "w1", NOW, 60)
    assert store.approve_reminder("R-final", "anna", NOW)
    assert store.reject_reminder("R-other", "anna", NOW, "customer called")
    assert [r.id for r in store.due_reminders(NOW)] == ["R-final"]
    assert store.reminder("R-other").state == "rejected"  # type: ignore[union-attr]


def test_sent_history_threads_the_next_reminder_and_feeds_the_planner(store: Store) -> None:
    with_customer(store)
    assert store.last_reminder_to("C1") is None
    deadline = date(2026, 3, 16)
    for n, day in enumerate((2, 9)):
        at = NOW.replace(day=day)
        store.plan_reminder(reminder(f"R{n}", stage=f"s{n}", announced_deadline_on=deadline), at)
        store.claim_reminder(f"R{n}", "w1", at, 60)
        store.mark_sent(f"R{n}", f"<r{n}@tactful>", at)

    last = store.last_reminder_to("C1")
    assert last is not None and (last.id, last.message_id, last.sent_on) == (
        "R1",
        "<r1@tactful>",
        date(2026, 3, 9),
    )
    history = store.sent_reminders()
    assert [(s.stage, s.sent_on, s.invoice_numbers) for s in history] == [
        ("s0", date(2026, 3, 2), ("INV-1",)),
        ("s1", date(2026, 3, 9), ("INV-1",)),
    ]
    assert history[0].announced_deadline_on == deadline


def test_the_event_log_explains_a_reminder_and_cannot_be_changed(store: Store) -> None:
    with_customer(store)
    store.plan_reminder(reminder("R1"), NOW)
    store.claim_reminder("R1", "w1", NOW, 60)
    store.mark_sent("R1", "<r1@tactful>", NOW)

    kinds = [e.kind for e in store.events("C1")]
    assert kinds[-3:] == ["reminder.planned", "reminder.claimed", "reminder.sent"]
    assert all(e.at.tzinfo is UTC for e in store.events("C1"))
    for statement_sql in ("UPDATE events SET message = 'edited'", "DELETE FROM events"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(sa.text(statement_sql))
    assert [e.kind for e in store.events("C1")] == kinds


def test_the_digest_of_a_day_is_claimed_once_even_by_racing_workers(migrated_database_url: str) -> None:
    database_url = migrated_database_url
    workers = [open_store(database_url) for _ in range(2)]
    barrier = threading.Barrier(2)

    def claim(n: int) -> bool:
        barrier.wait()
        return workers[n].claim_digest(date(2026, 3, 2), f"w{n}", NOW)

    try:
        with ThreadPoolExecutor(2) as pool:
            assert sorted(pool.map(claim, [0, 1])) == [False, True]
        store = workers[0]
        assert store.digest_sent(date(2026, 3, 2)) == (None, None)
        assert store.mark_digest_sent(date(2026, 3, 2), "<digest@tactful>", NOW)
        assert not store.mark_digest_sent(date(2026, 3, 2), "<again@tactful>", NOW)
        assert store.digest_sent(date(2026, 3, 2)) == (NOW, "<digest@tactful>")
        assert store.claim_digest(date(2026, 3, 3), "w0", NOW)
        with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
            conn.execute(
                sa.text("INSERT INTO digests_sent (day, claimed_at, claimed_by) VALUES (:d, :at, 'x')"),
                {"d": date(2026, 3, 2), "at": NOW.replace(tzinfo=None)},
            )
    finally:
        for w in workers:
            w.close()


# --- matching, review, holds, promises, mail intake, jobs -----------------------------------------


def test_allocations_and_the_review_queue_take_transactions_out_of_the_unmatched_list(store: Store) -> None:
    store.upsert_invoices([invoice("INV-1"), invoice("INV-2", "C2"), invoice("INV-3", "C3")], NOW)
    store.add_statement(
        statement([line("T1"), line("T2"), line("T3"), line("T4", counterparty_iban="")]), "c" * 64, NOW
    )
    auto = Match("T1", "INV-1", Decimal("100.00"), "EUR", 0.99, "reference INV-1 in text", True)
    maybe = Match("T2", "INV-2", Decimal("100.00"), "EUR", 0.6, "amount and name", False)

    assert store.record_allocations([auto, maybe], "daemon", NOW) == 2
    assert store.record_allocations([auto, maybe], "daemon", NOW) == 0
    assert [t.id for t in store.transactions(unmatched_only=True)] == ["T2", "T3", "T4"]
    assert store.add_review("T2", "INV-2? amount and name match", NOW)
    assert store.add_review("T3", "no candidate", NOW)
    assert store.add_review("T4", "bank fee?", NOW)
    assert not store.add_review("T2", "again", NOW)
    r2, r3, r4 = store.reviews()

    assert store.accept_suggestion(r2.id, "anna", NOW)
    assert store.assign_review(r3.id, "INV-3", Decimal("100.00"), "anna", NOW)
    assert store.dismiss_review(r4.id, "anna", NOW, "bank fee")
    assert not store.dismiss_review(r4.id, "anna", NOW)
    assert store.transactions(unmatched_only=True) == []
    assert store.reviews() == []
    assert [a.state for a in store.allocations_for(transaction_id="T2")] == ["applied"]
    assert store.applied_amounts() == {n: Decimal("100.00") for n in ("INV-1", "INV-2", "INV-3")}
    assert store.known_ibans() == {"DE89370400440532013000": "C3"}  # learned from the assignment of T3
    assert store.learn_iban("DE89370400440532013000", "C3", NOW, "anna") is False


def test_a_review_item_keeps_its_explanations_beside_the_english_text(store: Store) -> None:
    from ledger.explain import explain, render_explanations

    store.upsert_invoices([invoice("INV-1")], NOW)
    store.add_statement(statement([line("T1"), line("T2")]), "e" * 64, NOW)
    parts = (
        explain(
            "review_suggestion",
            invoice="INV-1",
            amount="100.00",
            currency="EUR",
            confidence="0.60",
            reason=(explain("no_reference"), explain("payer_by", name="ACME", how=(explain("how_account"),))),
        ),
        explain("paid_more_than_all_open", name="ACME GmbH"),
    )
    text = render_explanations(parts)

    assert store.add_review("T1", text, NOW, actor="matcher", explanation=parts)
    assert store.add_review("T2", "no candidate", NOW)
    with_parts, without = store.reviews()

    assert with_parts.suggestion == text
    assert with_parts.explanation == parts
    assert render_explanations(with_parts.explanation, "pl").startswith(
        "może INV-1 (100.00 EUR, pewność 0.60): "
    )
    assert without.suggestion == "no candidate" and without.explanation is None
    assert f"payment T1 needs a person: {text}" in [e.message for e in store.events()]


def test_review_items_written_before_revision_0002_keep_their_text_and_have_no_explanation(
    database_url: str,
) -> None:
    from alembic import command

    from store.db import _alembic_config

    with open_store(database_url) as store:
        store.upsert_invoices([invoice("INV-1")], NOW)
        store.add_statement(statement([line("T1")]), "f" * 64, NOW)
        with store.engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0001")
        with store.engine.begin() as conn:
            columns = {c["name"] for c in sa.inspect(conn).get_columns("review_items")}
            assert "explanation" not in columns
            conn.execute(
                sa.text(
                    "INSERT INTO review_items (transaction_id, state, suggestion, created_at) "
                    "VALUES ('T1', 'open', 'maybe INV-1 (100.00 EUR, confidence 0.60): amount equal', :at)"
                ),
                {"at": NOW.replace(tzinfo=None)},
            )
    with open_store(database_url) as store:
        assert store.schema_version() == "0002"
        (item,) = store.reviews()
        assert item.suggestion == "maybe INV-1 (100.00 EUR, confidence 0.60): amount equal"
        assert item.explanation is None


def test_an_iban_shared_by_two_customers_tells_nobody_who_paid(store: Store) -> None:
    store.upsert_invoices([invoice("INV-1"), invoice("INV-2", "C2")], NOW)

    assert store.learn_iban("de89 3704 0044 0532 0130 00", "C1", NOW, "anna", "T1")
    assert store.known_ibans() == {"DE89370400440532013000": "C1"}
    assert store.learn_iban("DE89370400440532013000", "C2", NOW, "anna", "T2")
    assert store.known_ibans() == {}


def test_holds_and_promises_are_recorded_released_and_resolved(store: Store) -> None:
    with_customer(store)
    dispute = store.add_hold("C1", "dispute", "says goods damaged", "intake", NOW, invoice_numbers=["INV-C1"])
    store.add_hold("C1", "out_of_office", "back on 9 March", "intake", NOW, until_on=date(2026, 3, 9))
    promise = store.add_promise(
        "C1", date(2026, 3, 6), date(2026, 3, 2), "intake", NOW, amount=Decimal("100.00"), currency="EUR"
    )

    assert [h.kind for h in store.holds("C1", active_on=date(2026, 3, 9))] == ["dispute", "out_of_office"]
    assert [h.kind for h in store.holds("C1", active_on=date(2026, 3, 10))] == ["dispute"]
    assert (
        store.holds("C1")[0].invoice_numbers == ("INV-C1",) and store.holds("C1")[1].invoice_numbers is None
    )
    assert store.release_hold(dispute, "anna", NOW) and not store.release_hold(dispute, "anna", NOW)
    assert store.holds("C1", active_on=date(2026, 3, 10)) == []
    with pytest.raises(ValueError, match="hold kind"):
        store.add_hold("C1", "vacation", "x", "anna", NOW)
    (open_promise,) = store.promises("C1", state="open")
    assert (open_promise.id, open_promise.amount) == (promise, Decimal("100.00"))
    assert store.resolve_promise(promise, False, "daemon", NOW)
    assert store.promises("C1")[0].state == "broken"


def test_inbound_mail_is_saved_once_and_copies_are_recognised(store: Store) -> None:
    raw = b"Message-ID: <a@b>\r\nSubject: Re: reminder\r\n\r\nWe will pay on Friday.\r\n"

    first = store.save_inbound("INBOX", 7, 1, raw, NOW, message_id="<a@b>")
    again = store.save_inbound("INBOX", 7, 1, raw, NOW, message_id="<a@b>")
    copy = store.save_inbound("INBOX", 8, 1, raw, NOW, message_id="<a@b>")  # after a UIDVALIDITY change
    big = store.save_inbound("INBOX", 8, 2, raw + b"x" * 100, NOW, max_raw_bytes=50)

    assert first.is_new and not again.is_new and again.id == first.id
    assert copy.is_new and copy.duplicate_of == first.id
    (new_one, big_one) = store.inbound_messages()
    assert (new_one.id, new_one.raw, big_one.id, big_one.raw) == (first.id, raw, big.id, None)
    assert store.known_dedupe_keys() >= {f"<a@b>|{new_one.sha256}"}
    assert store.record_classification(first.id, None, "promise_to_pay", "'pay on Friday'", NOW)
    assert not store.record_classification(first.id, None, "dispute", "", NOW)
    assert [m.id for m in store.inbound_messages()] == [big.id]


def test_imap_checkpoints_are_remembered_per_folder(store: Store) -> None:
    assert store.get_checkpoint("INBOX") is None
    store.set_checkpoint("INBOX", 7, 41, NOW)
    store.set_checkpoint("INBOX", 7, 42, NOW)
    store.save_checkpoint("Replies", 3, 5)

    assert store.get_checkpoint("INBOX") == (7, 42)
    assert store.get_checkpoint("Replies") == (3, 5)


def test_job_runs_record_the_outcome_of_the_newest_run(store: Store) -> None:
    first = store.start_job("send", NOW)
    store.finish_job(first, NOW + timedelta(seconds=3))
    second = store.start_job("send", NOW + timedelta(hours=1))
    store.finish_job(
        second, NOW + timedelta(hours=1, seconds=1), error="SMTP down", next_run_at=NOW + timedelta(hours=2)
    )
    store.start_job("fetch", NOW)

    runs = store.last_job_runs()
    assert (runs["send"].id, runs["send"].outcome, runs["send"].error) == (second, "failed", "SMTP down")
    assert runs["fetch"].outcome == "running"


def test_atomic_groups_several_calls_into_one_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), store.atomic():
        store.upsert_invoices([invoice("INV-1")], NOW)
        store.close_invoices(["INV-1"], "paid", NOW)
        raise RuntimeError("the job failed half-way")

    assert store.open_invoices() == [] and store.events() == []
    with store.atomic():
        store.upsert_invoices([invoice("INV-1")], NOW)
        with pytest.raises(RuntimeError), store.atomic():  # a savepoint: only this part is undone
            store.close_invoices(["INV-1"], "paid", NOW)
            raise RuntimeError
    assert [i.number for i in store.open_invoices()] == ["INV-1"]


def test_the_planners_messages_go_into_the_outbox_once(store: Store) -> None:
    from rules.escalation import BookState, EscalationRules, Guards, Ladder, Stage, plan_reminders

    ladder = Ladder(
        name="standard",
        stages=(
            Stage(name="reminder", after_due_days=3, announces="final", announce_days=10),
            Stage(name="final", after_due_days=60, final=True, requires_approval=True),
        ),
    )
    rules = EscalationRules(ladders=(ladder,), guards=Guards(business_days_only=False, timezone="UTC"))
    invoices = [invoice("INV-1"), invoice("INV-2", "C2", due_on=date(2025, 12, 1))]
    store.upsert_invoices(invoices, NOW)

    plan = plan_reminders(BookState(invoices=store.open_invoices()), rules, NOW)
    assert len(plan.messages) == 2
    assert [store.plan_reminder(m, NOW) for m in plan.messages] == [True, True]
    assert [store.plan_reminder(m, NOW + timedelta(hours=3)) for m in plan.messages] == [False, False]

    stored = {r.id: r for r in store.reminders()}
    for message in plan.messages:
        row = stored[message.key]
        assert (row.customer_id, row.stage, row.invoice_numbers, row.to_addresses) == (
            message.customer_id,
            message.stage,
            message.invoice_numbers,
            message.to,
        )
        assert row.state == ("awaiting_approval" if message.requires_approval else "planned")
        assert row.announced_deadline_on == (message.announces.deadline_on if message.announces else None)
    # `tactful explain` can say why each letter was chosen.
    explained = {e.subject_id: e for e in store.events() if e.kind == "reminder.planned"}
    for message in plan.messages:
        assert message.reason and message.reason in explained[message.key].message


# --- the outbox as a state machine ------------------------------------------------------------------


class OutboxMachine(RuleBasedStateMachine):
    """Random sequences of outbox calls against a model: every answer and every state must agree,
    and no reminder is ever recorded as sent twice."""

    store: Store
    ids = Bundle("ids")
    LEASE_S = 600

    def __init__(self) -> None:
        super().__init__()
        self.salt = next(_EXAMPLES)
        self.now = NOW
        self.model: dict[str, str] = {}
        self.lease_until: dict[str, datetime] = {}
        self.retry_at: dict[str, datetime | None] = {}

    def _claimable(self, rid: str) -> bool:
        retry = self.retry_at.get(rid)
        return self.model.get(rid) in ("planned", "failed_temporary") and (retry is None or retry <= self.now)

    @rule(target=ids, name=st.sampled_from("abcdef"), needs_approval=st.booleans())
    def plan(self, name: str, needs_approval: bool) -> str:
        rid = f"{self.salt}-{name}"
        expected = rid not in self.model
        assert self.store.plan_reminder(reminder(rid, needs_approval=needs_approval), self.now) is expected
        if expected:
            self.model[rid] = "awaiting_approval" if needs_approval else "planned"
            self.retry_at[rid] = None
        return rid

    @rule(minutes=st.integers(0, 180))
    def time_passes(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)

    @rule(rid=ids, worker=st.sampled_from(["w1", "w2"]))
    def claim(self, rid: str, worker: str) -> None:
        expected = self._claimable(rid)
        assert self.store.claim_reminder(rid, worker, self.now, self.LEASE_S) is expected
        if expected:
            self.model[rid] = "claimed"
            self.lease_until[rid] = self.now + timedelta(seconds=self.LEASE_S)

    @rule(rid=ids)
    def sent(self, rid: str) -> None:
        expected = self.model[rid] in ("claimed", "unknown")
        assert self.store.mark_sent(rid, f"<{rid}@tactful>", self.now) is expected
        if expected:
            self.model[rid] = "sent"

    @rule(rid=ids, permanent=st.booleans())
    def failed(self, rid: str, permanent: bool) -> None:
        expected = self.model[rid] in ("claimed", "unknown")
        assert self.store.mark_failed(rid, "4xx/5xx", permanent, self.now) is expected
        if expected:
            self.model[rid] = "failed_permanent" if permanent else "failed_temporary"
            self.retry_at[rid] = None if permanent else self.now + timedelta(hours=1)

    @rule(rid=ids)
    def connection_lost_after_data(self, rid: str) -> None:
        expected = self.model[rid] == "claimed"
        assert self.store.mark_unknown(rid, "timeout after DATA", self.now) is expected
        if expected:
            self.model[rid] = "unknown"

    @rule()
    def sweep_expired_claims(self) -> None:
        expected = {r for r, s in self.model.items() if s == "claimed" and self.lease_until[r] < self.now}
        moved = self.store.expired_claims(self.now)
        assert {r.id for r in moved if r.id in self.model} == expected
        for rid in expected:
            self.model[rid] = "unknown"

    @rule(rid=ids, was_sent=st.none() | st.booleans())
    def settle(self, rid: str, was_sent: bool | None) -> None:
        expected = was_sent is not None and self.model[rid] == "unknown"
        assert self.store.resolve_unknown(rid, was_sent, self.now) is expected
        if expected:
            self.model[rid] = "sent" if was_sent else "planned"
            self.retry_at[rid] = None

    @rule(rid=ids, approve=st.booleans())
    def decide(self, rid: str, approve: bool) -> None:
        if approve:
            expected = self.model[rid] == "awaiting_approval"
            assert self.store.approve_reminder(rid, "anna", self.now) is expected
            new_state = "planned"
        else:
            expected = self.model[rid] in ("awaiting_approval", "planned", "failed_temporary", "unknown")
            assert self.store.reject_reminder(rid, "anna", self.now) is expected
            new_state = "rejected"
        if expected:
            self.model[rid] = new_state

    @invariant()
    def states_agree_and_nothing_is_sent_twice(self) -> None:
        stored = {r.id: r.state for r in self.store.reminders(customer_id="C1") if r.id in self.model}
        assert stored == self.model
        due = {r.id for r in self.store.due_reminders(self.now) if r.id in self.model}
        assert due == {r for r in self.model if self._claimable(r)}
        sent_events = [e.subject_id for e in self.store.events("C1") if e.kind == "reminder.sent"]
        assert len(sent_events) == len(set(sent_events))


def test_the_outbox_never_sends_twice_whatever_the_order_of_events(store: Store) -> None:
    with_customer(store)
    OutboxMachine.store = store
    run_state_machine_as_test(
        OutboxMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
