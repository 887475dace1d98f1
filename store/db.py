"""The state store: opening the database, migrations, and every read and write tactful does.

SQLAlchemy Core on SQLite (WAL, the default) or PostgreSQL, with the same portable SQL on both.
Work is claimed with a conditional ``UPDATE ... WHERE state = ...`` and goes ahead only when
exactly one row changed, so two daemons (or two threads) never send the same reminder.
Every state change writes a line to the append-only ``events`` table, which is what
``tactful explain`` reads.

All ``now`` arguments are aware UTC datetimes supplied by the caller: the store never reads the
clock, so tests and the simulated demo control time.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    and_,
    create_engine,
    event,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from ledger.explain import ExplanationError, explanations_from_data, explanations_to_data
from ledger.model import Contact, Customer, Explanation, Invoice, Match, Statement, StatementLine
from store import schema as t
from store.records import (
    Allocation,
    Event,
    Hold,
    InboundMessage,
    JobRun,
    PlannedReminder,
    Promise,
    Reminder,
    ReviewItem,
    SavedMessage,
    SentReminder,
    StatementCounts,
    StatementImport,
    UpsertCounts,
)

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Any constant: PostgreSQL advisory lock that serialises concurrent migrations.
_MIGRATION_LOCK_KEY = 0x7AC7F11
_CHUNK = 500
CLAIMABLE = ("planned", "failed_temporary")


class StoreError(Exception):
    """The database cannot be opened or used as configured: the message says what to change."""


def open_store(url: str) -> Store:
    """Open (creating if needed) the database at ``url`` and migrate it to the newest schema.

    ``url`` is a SQLAlchemy URL: ``sqlite:///path/tactful.db`` (default) or
    ``postgresql+psycopg://user@host/db`` (``postgresql://`` is taken to mean psycopg 3).
    """
    engine = create_store_engine(url)
    try:
        migrate(engine)
    except DBAPIError as exc:  # refused, unknown database, not a database file, no permission...
        engine.dispose()
        raise StoreError(
            f"cannot open database {_safe(url)}: {_first_line(exc.orig or exc)}; {_hint(url)}"
        ) from exc
    return Store(engine)


def create_store_engine(url: str) -> Engine:
    """An Engine for ``url`` with tactful's connection settings (SQLite: WAL, busy_timeout, foreign keys)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"database URL {url!r} is not a valid URL; {_hint(url)}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except (ModuleNotFoundError, NoSuchModuleError) as exc:
            raise StoreError(
                f"database URL {_safe(url)} needs the PostgreSQL driver: pip install 'tactful[postgres]'"
            ) from exc
    raise StoreError(
        f"database URL {_safe(url)} uses {backend!r}, which tactful does not support; {_hint(url)}"
    )


def _sqlite_engine(parsed: Any) -> Engine:
    database = parsed.database or ""
    is_memory = database in ("", ":memory:") or "mode=memory" in str(parsed)
    kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
    if is_memory:
        # One shared connection, or every pooled connection would see its own empty database.
        kwargs = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    else:
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(
                f"database folder {str(folder)!r} does not exist; create it or change database.url"
            )
    engine = create_engine(parsed, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not is_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock up front: a transaction that reads and then writes can
        # never fail half-way with SQLITE_BUSY, it waits (busy_timeout) for the other writer.
        # Reads (Store._read) take a plain BEGIN: in WAL mode they see a snapshot and never wait.
        if connection.get_execution_options().get("tactful_read_only"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> str | None:
    """Upgrade the database to the newest revision; returns that revision. Safe to run concurrently."""
    from alembic import command

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        command.upgrade(_alembic_config(connection), "head")
        return _current_revision(connection)


def _current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)


def _hint(url: str) -> str:
    return "set database.url in tactful.toml to e.g. sqlite:///var/tactful.db or postgresql+psycopg://tactful@localhost/tactful"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _review_explanation(review_id: int, data: Any) -> tuple[Explanation, ...] | None:
    """A review item's stored explanations, or None (none stored, or unreadable: the text still serves)."""
    if data is None:
        return None
    try:
        return explanations_from_data(data)
    except ExplanationError as exc:
        log.warning("review item %s: stored explanation ignored, showing its text: %s", review_id, exc)
        return None


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"naive datetime {now!r}: pass an aware UTC datetime")
    return now


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def statement_sha256(data: bytes) -> str:
    """The hex SHA-256 of a statement file's bytes: the same file imported twice is recognised."""
    return hashlib.sha256(data).hexdigest()


class Store:
    """tactful's database. Thread-safe; every method runs in its own transaction unless called
    inside ``with store.atomic():``, in which case it joins that transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()

    # --- plumbing ---------------------------------------------------------------------------------

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """One transaction around several store calls: all of them happen, or none.

        Nested ``atomic()`` blocks are savepoints: an exception inside one undoes only that block.
        """
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            with current.begin_nested():
                yield current
            return
        with self.engine.begin() as connection:
            self._local.connection = connection
            try:
                yield connection
            finally:
                self._local.connection = None

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read-only transaction: on SQLite a plain (deferred) BEGIN, so reads never wait for a writer."""
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        with self.engine.connect() as connection:
            connection = connection.execution_options(tactful_read_only=True)
            with connection.begin():
                yield connection

    def _insert(self, table: Any) -> Any:
        from sqlalchemy.dialects import postgresql, sqlite

        insert: Any = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        # rowcount tells whether ON CONFLICT DO NOTHING inserted; SQLAlchemy keeps it only when asked.
        return insert(table).execution_options(preserve_rowcount=True)

    def schema_version(self) -> str | None:
        """The Alembic revision the database is at."""
        with self._read() as conn:
            return _current_revision(conn)

    # --- events (append-only) -----------------------------------------------------------------------

    def _event(
        self,
        conn: Connection,
        now: datetime,
        actor: str,
        kind: str,
        message: str,
        *,
        customer_id: str | None = None,
        invoice_number: str | None = None,
        subject_id: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        conn.execute(
            t.events.insert().values(
                _event_row(
                    now,
                    actor,
                    kind,
                    message,
                    customer_id=customer_id,
                    invoice_number=invoice_number,
                    subject_id=subject_id,
                    data=data,
                )
            )
        )

    def add_event(
        self,
        now: datetime,
        actor: str,
        kind: str,
        message: str,
        *,
        customer_id: str | None = None,
        invoice_number: str | None = None,
        subject_id: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Append a line to the log (a decision the daemon or a person made that the store did not see)."""
        with self._tx() as conn:
            self._event(
                conn,
                now,
                actor,
                kind,
                message,
                customer_id=customer_id,
                invoice_number=invoice_number,
                subject_id=subject_id,
                data=data,
            )

    def events(
        self, customer_id: str | None = None, *, invoice_number: str | None = None, limit: int | None = None
    ) -> list[Event]:
        """The log, oldest first; for one customer and/or invoice when given (``limit``: the newest n)."""
        query = select(t.events)
        if customer_id is not None:
            query = query.where(t.events.c.customer_id == customer_id)
        if invoice_number is not None:
            query = query.where(t.events.c.invoice_number == invoice_number)
        if limit is not None:
            query = query.order_by(t.events.c.id.desc()).limit(limit)
        else:
            query = query.order_by(t.events.c.id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        result = [
            Event(
                id=r.id,
                at=r.at,
                actor=r.actor,
                kind=r.kind,
                message=r.message,
                customer_id=r.customer_id,
                invoice_number=r.invoice_number,
                subject_id=r.subject_id,
                data=dict(r.data or {}),
            )
            for r in rows
        ]
        return sorted(result, key=lambda e: e.id)

    # --- customers ----------------------------------------------------------------------------------

    def upsert_customers(
        self, customers: Iterable[Customer], now: datetime, actor: str = "import"
    ) -> UpsertCounts:
        """Insert or update customers from an accounting export (contacts and export IBANs included).

        Contacts missing from the export are removed; a contact marked undeliverable after a bounce
        stays undeliverable. Learned IBANs are kept.
        """
        now = _aware(now)
        unique = {c.id: c for c in customers}
        counts = [0, 0, 0]
        with self._tx() as conn:
            stored = self._customers_by_id(conn, list(unique))
            for customer in unique.values():
                old = stored.get(customer.id)
                outcome = self._write_customer(conn, customer, old, now, actor)
                counts[outcome] += 1
        return UpsertCounts(new=counts[0], updated=counts[1], unchanged=counts[2])

    def _write_customer(
        self, conn: Connection, customer: Customer, old: Customer | None, now: datetime, actor: str
    ) -> int:
        """0 = created, 1 = updated, 2 = unchanged."""
        values = {
            "name": customer.name,
            "vat_id": customer.vat_id,
            "language": customer.language,
            "tags": list(customer.tags),
            "do_not_contact": customer.do_not_contact,
        }
        if old is None:
            conn.execute(
                t.customers.insert().values(id=customer.id, created_at=now, updated_at=now, **values)
            )
            changed = ["created"]
        else:
            changed = _customer_changes(old, customer)
            if not changed:
                return 2
            conn.execute(
                update(t.customers).where(t.customers.c.id == customer.id).values(updated_at=now, **values)
            )
        self._write_contacts(conn, customer)
        self._write_export_ibans(conn, customer, now)
        if old is None:
            self._event(
                conn,
                now,
                actor,
                "customer.created",
                f"customer {customer.id} ({customer.name}) imported",
                customer_id=customer.id,
            )
            return 0
        self._event(
            conn,
            now,
            actor,
            "customer.updated",
            f"customer {customer.id} changed in the export: {', '.join(changed)}",
            customer_id=customer.id,
            data={"changed": changed},
        )
        return 1

    def _write_contacts(self, conn: Connection, customer: Customer) -> None:
        c = t.contacts.c
        existing = {
            r.email.lower(): r
            for r in conn.execute(select(t.contacts).where(c.customer_id == customer.id)).all()
        }
        wanted: dict[str, Contact] = {}
        for contact in customer.contacts:
            wanted.setdefault(contact.email.strip().lower(), contact)
        for key, old_row in existing.items():
            if key not in wanted:
                conn.execute(t.contacts.delete().where(c.id == old_row.id))
        for key, contact in wanted.items():
            row = existing.get(key)
            if row is None:
                conn.execute(
                    t.contacts.insert().values(
                        customer_id=customer.id,
                        email=contact.email.strip(),
                        name=contact.name,
                        is_undeliverable=contact.is_undeliverable,
                    )
                )
            elif row.name != contact.name or (contact.is_undeliverable and not row.is_undeliverable):
                conn.execute(
                    update(t.contacts)
                    .where(c.id == row.id)
                    .values(
                        name=contact.name, is_undeliverable=row.is_undeliverable or contact.is_undeliverable
                    )
                )

    def _write_export_ibans(self, conn: Connection, customer: Customer, now: datetime) -> None:
        c = t.customer_ibans.c
        rows = conn.execute(select(t.customer_ibans).where(c.customer_id == customer.id)).all()
        have = {r.iban: r.source for r in rows}
        wanted = {_normal_iban(i) for i in customer.ibans if i.strip()}
        for iban in wanted:
            if iban not in have:
                conn.execute(
                    t.customer_ibans.insert().values(
                        iban=iban, customer_id=customer.id, source="export", created_at=now
                    )
                )
            elif have[iban] == "learned":
                conn.execute(
                    update(t.customer_ibans)
                    .where(and_(c.iban == iban, c.customer_id == customer.id))
                    .values(source="export")
                )
        for iban, source in have.items():
            if source == "export" and iban not in wanted:
                conn.execute(
                    t.customer_ibans.delete().where(and_(c.iban == iban, c.customer_id == customer.id))
                )

    def _customers_by_id(self, conn: Connection, ids: Sequence[str] | None) -> dict[str, Customer]:
        rows: list[Row[Any]] = []
        contacts: dict[str, list[Contact]] = {}
        ibans: dict[str, list[str]] = {}
        batches: Iterable[Sequence[str] | None] = [None] if ids is None else _chunks(ids)
        for batch in batches:
            q_customers = select(t.customers)
            q_contacts = select(t.contacts).order_by(t.contacts.c.id)
            q_ibans = select(t.customer_ibans).order_by(t.customer_ibans.c.iban)
            if batch is not None:
                q_customers = q_customers.where(t.customers.c.id.in_(batch))
                q_contacts = q_contacts.where(t.contacts.c.customer_id.in_(batch))
                q_ibans = q_ibans.where(t.customer_ibans.c.customer_id.in_(batch))
            rows.extend(conn.execute(q_customers).all())
            for r in conn.execute(q_contacts).all():
                contacts.setdefault(r.customer_id, []).append(
                    Contact(email=r.email, name=r.name, is_undeliverable=r.is_undeliverable)
                )
            for r in conn.execute(q_ibans).all():
                if r.source == "export":
                    ibans.setdefault(r.customer_id, []).append(r.iban)
        return {
            r.id: Customer(
                id=r.id,
                name=r.name,
                vat_id=r.vat_id,
                ibans=tuple(ibans.get(r.id, ())),
                contacts=tuple(contacts.get(r.id, ())),
                language=r.language,
                tags=_tuple(r.tags),
                do_not_contact=r.do_not_contact,
            )
            for r in rows
        }

    def customers(self) -> list[Customer]:
        """Every customer, by id; ``ibans`` are the ones from the export (see ``known_ibans``)."""
        with self._read() as conn:
            found = self._customers_by_id(conn, None)
        return [found[k] for k in sorted(found)]

    def customer(self, customer_id: str) -> Customer | None:
        with self._read() as conn:
            return self._customers_by_id(conn, [customer_id]).get(customer_id)

    def set_customer_ladder(self, customer_id: str, ladder: str | None, actor: str, now: datetime) -> bool:
        """Give one customer its own escalation ladder (``None``: back to the one its tags select)."""
        with self._tx() as conn:
            result = conn.execute(
                update(t.customers)
                .where(t.customers.c.id == customer_id)
                .values(ladder=ladder, updated_at=now)
            )
            if result.rowcount != 1:
                return False
            self._event(
                conn,
                now,
                actor,
                "customer.ladder",
                f"escalation ladder set to {ladder or 'the default'}",
                customer_id=customer_id,
                data={"ladder": ladder},
            )
        return True

    def customer_ladder(self, customer_id: str) -> str | None:
        with self._read() as conn:
            return conn.execute(select(t.customers.c.ladder).where(t.customers.c.id == customer_id)).scalar()

    def mark_undeliverable(self, email: str, reason: str, now: datetime, actor: str = "daemon") -> list[str]:
        """Flag every contact with this address as undeliverable (hard bounce); returns the customers affected."""
        c = t.contacts.c
        with self._tx() as conn:
            rows = conn.execute(
                select(c.id, c.customer_id).where(
                    and_(func.lower(c.email) == email.strip().lower(), c.is_undeliverable == False)  # noqa: E712
                )
            ).all()
            for row in rows:
                conn.execute(
                    update(t.contacts)
                    .where(c.id == row.id)
                    .values(is_undeliverable=True, bounced_at=now, reason=reason)
                )
                self._event(
                    conn,
                    now,
                    actor,
                    "contact.undeliverable",
                    f"{email} is undeliverable: {reason}",
                    customer_id=row.customer_id,
                    data={"email": email},
                )
        return sorted({r.customer_id for r in rows})

    # --- IBANs --------------------------------------------------------------------------------------

    def known_ibans(self) -> dict[str, str]:
        """IBAN -> customer id for every IBAN that belongs to exactly one customer (export or learned).

        An IBAN shared by several customers (a parent company paying for two) is left out: it
        cannot tell who paid.
        """
        c = t.customer_ibans.c
        with self._read() as conn:
            rows = conn.execute(select(c.iban, c.customer_id)).all()
        owners: dict[str, set[str]] = {}
        for r in rows:
            owners.setdefault(r.iban, set()).add(r.customer_id)
        return {iban: next(iter(ids)) for iban, ids in owners.items() if len(ids) == 1}

    def learn_iban(
        self, iban: str, customer_id: str, now: datetime, actor: str, transaction_id: str | None = None
    ) -> bool:
        """Remember that ``customer_id`` pays from ``iban`` (a person assigned such a payment). False if known."""
        iban = _normal_iban(iban)
        if not iban:
            return False
        with self._tx() as conn:
            return self._learn_iban(conn, iban, customer_id, now, actor, transaction_id)

    def _learn_iban(
        self,
        conn: Connection,
        iban: str,
        customer_id: str,
        now: datetime,
        actor: str,
        transaction_id: str | None,
    ) -> bool:
        stmt = (
            self._insert(t.customer_ibans)
            .values(
                iban=iban,
                customer_id=customer_id,
                source="learned",
                learned_from=transaction_id,
                created_at=now,
            )
            .on_conflict_do_nothing()
        )
        if conn.execute(stmt).rowcount != 1:
            return False
        self._event(
            conn,
            now,
            actor,
            "iban.learned",
            f"learned that {customer_id} pays from {iban}",
            customer_id=customer_id,
            subject_id=transaction_id,
            data={"iban": iban},
        )
        return True

    # --- invoices -----------------------------------------------------------------------------------

    def upsert_invoices(
        self, invoices: Iterable[Invoice], now: datetime, actor: str = "import"
    ) -> UpsertCounts:
        """Insert or update invoices from an accounting export; returns new/updated/unchanged counts.

        A customer the store does not know yet is created from the invoice's customer fields.
        Closed invoices stay closed (closing is ``close_invoices``' job).
        """
        now = _aware(now)
        unique = {i.number: i for i in invoices}
        counts = [0, 0, 0]
        with self._tx() as conn:
            self._ensure_customers(conn, list(unique.values()), now, actor)
            for batch in _chunks(list(unique.values())):
                stored = {
                    r.number: r
                    for r in conn.execute(
                        select(t.invoices).where(t.invoices.c.number.in_([i.number for i in batch]))
                    ).all()
                }
                new_rows: list[dict[str, Any]] = []
                new_events: list[dict[str, Any]] = []
                for invoice in batch:
                    old = stored.get(invoice.number)
                    if old is not None:
                        counts[self._update_invoice(conn, invoice, old, now, actor)] += 1
                        continue
                    counts[0] += 1
                    new_rows.append(
                        {
                            "number": invoice.number,
                            "imported_at": now,
                            "updated_at": now,
                            **_invoice_values(invoice),
                        }
                    )
                    new_events.append(
                        _event_row(
                            now,
                            actor,
                            "invoice.created",
                            f"invoice {invoice.number} imported: {invoice.total} {invoice.currency} "
                            f"due {invoice.due_on}",
                            customer_id=invoice.customer_id,
                            invoice_number=invoice.number,
                        )
                    )
                if new_rows:  # one executemany per batch: a first import of 10,000 invoices stays fast
                    conn.execute(t.invoices.insert(), new_rows)
                    conn.execute(t.events.insert(), new_events)
        return UpsertCounts(new=counts[0], updated=counts[1], unchanged=counts[2])

    def _ensure_customers(self, conn: Connection, invoices: list[Invoice], now: datetime, actor: str) -> None:
        wanted: dict[str, Invoice] = {}
        for invoice in invoices:
            wanted.setdefault(invoice.customer_id, invoice)
        known: set[str] = set()
        for batch in _chunks(list(wanted)):
            known.update(conn.execute(select(t.customers.c.id).where(t.customers.c.id.in_(batch))).scalars())
        for customer_id, invoice in wanted.items():
            if customer_id in known:
                continue
            customer = Customer(
                id=customer_id,
                name=invoice.customer_name or customer_id,
                vat_id=invoice.customer_vat_id,
                ibans=invoice.customer_ibans,
                contacts=tuple(Contact(email=e) for e in invoice.emails),
                language=invoice.language,
            )
            self._write_customer(conn, customer, None, now, actor)

    def _update_invoice(
        self, conn: Connection, invoice: Invoice, old: Row[Any], now: datetime, actor: str
    ) -> int:
        """1 = updated, 2 = unchanged."""
        values = _invoice_values(invoice)
        stored = _invoice_from_row(old)
        changed = [name for name in values if getattr(stored, name) != getattr(invoice, name)]
        if not changed:
            return 2
        conn.execute(
            update(t.invoices).where(t.invoices.c.number == invoice.number).values(updated_at=now, **values)
        )
        details = {name: [str(getattr(stored, name)), str(getattr(invoice, name))] for name in changed}
        self._event(
            conn,
            now,
            actor,
            "invoice.updated",
            f"invoice {invoice.number} changed in the export: "
            + ", ".join(f"{k} {old_v} -> {new_v}" for k, (old_v, new_v) in details.items()),
            customer_id=invoice.customer_id,
            invoice_number=invoice.number,
            data={"changed": details},
        )
        return 1

    def close_invoices(
        self, numbers: Iterable[str], reason: str, now: datetime, actor: str = "daemon"
    ) -> int:
        """Close open invoices (paid, written off, gone from the export); returns how many were open."""
        closed = 0
        c = t.invoices.c
        with self._tx() as conn:
            for number in dict.fromkeys(numbers):
                result = conn.execute(
                    update(t.invoices)
                    .where(and_(c.number == number, c.state == "open"))
                    .values(state="closed", closed_reason=reason, closed_at=now, updated_at=now)
                )
                if result.rowcount == 1:
                    closed += 1
                    customer_id = conn.execute(select(c.customer_id).where(c.number == number)).scalar()
                    self._event(
                        conn,
                        now,
                        actor,
                        "invoice.closed",
                        f"invoice {number} closed: {reason}",
                        customer_id=customer_id,
                        invoice_number=number,
                    )
        return closed

    def reopen_invoice(self, number: str, reason: str, now: datetime, actor: str) -> bool:
        """Open a closed invoice again (a payment was reversed, a person closed the wrong one)."""
        c = t.invoices.c
        with self._tx() as conn:
            result = conn.execute(
                update(t.invoices)
                .where(and_(c.number == number, c.state == "closed"))
                .values(state="open", closed_reason=None, closed_at=None, updated_at=now)
            )
            if result.rowcount != 1:
                return False
            customer_id = conn.execute(select(c.customer_id).where(c.number == number)).scalar()
            self._event(
                conn,
                now,
                actor,
                "invoice.reopened",
                f"invoice {number} reopened: {reason}",
                customer_id=customer_id,
                invoice_number=number,
            )
        return True

    def open_invoices(self) -> list[Invoice]:
        """Every open invoice, oldest due date first."""
        return self._invoices(t.invoices.c.state == "open")

    def invoices_of(self, customer_id: str, *, include_closed: bool = False) -> list[Invoice]:
        condition = t.invoices.c.customer_id == customer_id
        if not include_closed:
            condition = and_(condition, t.invoices.c.state == "open")
        return self._invoices(condition)

    def invoice(self, number: str) -> Invoice | None:
        found = self._invoices(t.invoices.c.number == number)
        return found[0] if found else None

    def invoice_state(self, number: str) -> tuple[str, str | None] | None:
        """(state, closed_reason) of an invoice, or ``None`` if unknown."""
        c = t.invoices.c
        with self._read() as conn:
            row = conn.execute(select(c.state, c.closed_reason).where(c.number == number)).first()
        return None if row is None else (row.state, row.closed_reason)

    def _invoices(self, condition: Any) -> list[Invoice]:
        c = t.invoices.c
        with self._read() as conn:
            rows = conn.execute(select(t.invoices).where(condition).order_by(c.due_on, c.number)).all()
        return [_invoice_from_row(r) for r in rows]

    # --- bank statements ----------------------------------------------------------------------------

    def add_statement(
        self, statement: Statement, sha256: str, now: datetime, actor: str = "import"
    ) -> StatementCounts:
        """Store a parsed statement file: all its lines in one transaction, or nothing.

        Idempotent by transaction id: lines already stored (from this or any file) count as known
        and are not touched. The same file (same ``sha256``) again stores nothing at all.
        A new line with the same account, day, amount and counterparty as a line of another file
        is stored and flagged ``is_probable_duplicate_of`` for the accountant.
        """
        now = _aware(now)
        for attempt in (1, 2):
            try:
                with self._tx() as conn:
                    return self._add_statement(conn, statement, sha256, now, actor)
            except IntegrityError:
                # Another process imported the same file at the same moment: the retry sees its rows.
                if attempt == 2 or getattr(self._local, "connection", None) is not None:
                    raise
        raise AssertionError("unreachable")

    def _add_statement(
        self, conn: Connection, statement: Statement, sha256: str, now: datetime, actor: str
    ) -> StatementCounts:
        si = t.statement_imports.c
        previous = conn.execute(select(si.id).where(si.sha256 == sha256)).scalar()
        lines = list(statement.lines)
        if previous is not None:
            return StatementCounts(new=0, known=len(lines), import_id=previous, is_same_file_again=True)
        known: set[str] = set()
        for batch in _chunks(list({line.id for line in lines})):
            known.update(
                conn.execute(
                    select(t.bank_transactions.c.id).where(t.bank_transactions.c.id.in_(batch))
                ).scalars()
            )
        fresh: dict[str, StatementLine] = {}
        for line in lines:
            if line.id not in known:
                fresh.setdefault(line.id, line)
        import_id = conn.execute(
            t.statement_imports.insert().values(
                file_name=statement.source,
                sha256=sha256,
                format=statement.format,
                imported_at=now,
                line_count=len(lines),
                new_count=len(fresh),
                known_count=len(lines) - len(fresh),
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        duplicates = self._probable_duplicates(conn, list(fresh.values()))
        rows = [
            {
                **_line_values(line),
                "import_id": import_id,
                "first_seen_at": now,
                "is_probable_duplicate_of": duplicates.get(line.id),
            }
            for line in fresh.values()
        ]
        for batch in _chunks(rows):
            conn.execute(t.bank_transactions.insert(), list(batch))
        self._event(
            conn,
            now,
            actor,
            "statement.imported",
            f"{statement.source} ({statement.format}): {len(fresh)} new lines, {len(lines) - len(fresh)} already known"
            + (f", {len(duplicates)} probable duplicates of lines from other files" if duplicates else ""),
            subject_id=str(import_id),
            data={
                "file": statement.source,
                "sha256": sha256,
                "new": len(fresh),
                "known": len(lines) - len(fresh),
                "probable_duplicates": duplicates,
            },
        )
        return StatementCounts(
            new=len(fresh),
            known=len(lines) - len(fresh),
            probable_duplicates=len(duplicates),
            import_id=import_id,
        )

    def _probable_duplicates(self, conn: Connection, lines: list[StatementLine]) -> dict[str, str]:
        if not lines:
            return {}
        c = t.bank_transactions.c
        first = min(line.booked_on for line in lines)
        last = max(line.booked_on for line in lines)
        candidates = conn.execute(
            select(
                c.id, c.booked_on, c.amount, c.currency, c.account_iban, c.counterparty_iban, c.is_reversal
            )
            .where(c.booked_on.between(first, last))
            .order_by(c.id)
        ).all()
        by_key: dict[tuple[date, Decimal, str, bool], list[Any]] = {}
        for row in candidates:
            by_key.setdefault((row.booked_on, row.amount, row.currency, row.is_reversal), []).append(row)
        found: dict[str, str] = {}
        used: set[str] = set()
        for line in lines:
            for row in by_key.get((line.booked_on, line.amount, line.currency, line.is_reversal), ()):
                if row.id in used:
                    continue
                if _compatible(row.account_iban, line.account_iban) and _compatible(
                    row.counterparty_iban, line.counterparty_iban
                ):
                    found[line.id] = row.id
                    used.add(row.id)  # pair lines one to one: two equal payments are two payments
                    break
        return found

    def transactions(
        self, *, unmatched_only: bool = False, credits_only: bool = False
    ) -> list[StatementLine]:
        """Stored bank lines, oldest first.

        ``unmatched_only``: without an applied allocation and not dismissed in review as "not a
        customer payment". ``credits_only``: money in, reversals excluded.
        """
        c = t.bank_transactions.c
        query = select(t.bank_transactions).order_by(c.booked_on, c.id)
        if unmatched_only:
            applied = select(t.allocations.c.transaction_id).where(t.allocations.c.state == "applied")
            dismissed = select(t.review_items.c.transaction_id).where(
                t.review_items.c.resolution == "not_customer_payment"
            )
            query = query.where(and_(c.id.not_in(applied), c.id.not_in(dismissed)))
        with self._read() as conn:
            lines = [_line_from_row(r) for r in conn.execute(query).all()]
        return [line for line in lines if line.is_credit] if credits_only else lines

    def transaction(self, transaction_id: str) -> StatementLine | None:
        c = t.bank_transactions.c
        with self._read() as conn:
            row = conn.execute(select(t.bank_transactions).where(c.id == transaction_id)).first()
        return None if row is None else _line_from_row(row)

    def probable_duplicates(self) -> dict[str, str]:
        """Transaction id -> the id of the line from another file it probably repeats."""
        c = t.bank_transactions.c
        with self._read() as conn:
            rows = conn.execute(
                select(c.id, c.is_probable_duplicate_of).where(c.is_probable_duplicate_of.is_not(None))
            )
            return {r.id: r.is_probable_duplicate_of for r in rows}

    def statement_imports(self) -> list[StatementImport]:
        """Every imported statement file, oldest first."""
        si = t.statement_imports.c
        with self._read() as conn:
            rows = conn.execute(select(t.statement_imports).order_by(si.id)).all()
        return [
            StatementImport(
                id=r.id,
                file_name=r.file_name,
                sha256=r.sha256,
                format=r.format,
                imported_at=r.imported_at,
                line_count=r.line_count,
                new_count=r.new_count,
                known_count=r.known_count,
            )
            for r in rows
        ]

    def newest_statement_on(self) -> date | None:
        """The latest booking date of any stored bank line (how fresh the bank data is)."""
        with self._read() as conn:
            return conn.execute(select(func.max(t.bank_transactions.c.booked_on))).scalar()

    # --- allocations --------------------------------------------------------------------------------

    def record_allocations(self, matches: Iterable[Match], actor: str, now: datetime) -> int:
        """Store the matcher's proposals: ``is_auto`` -> applied, else suggested. Returns how many are new.

        A (transaction, invoice) pair already decided is left as it is: a person's decision is
        never overwritten by a re-run of the matcher.
        """
        now = _aware(now)
        added = 0
        with self._tx() as conn:
            for match in matches:
                state = "applied" if match.is_auto else "suggested"
                stmt = (
                    self._insert(t.allocations)
                    .values(
                        transaction_id=match.transaction_id,
                        invoice_number=match.invoice_number,
                        amount=match.amount,
                        currency=match.currency,
                        confidence=match.confidence,
                        reason=match.reason,
                        state=state,
                        decided_by=actor,
                        decided_at=now,
                    )
                    .on_conflict_do_nothing()
                )
                if conn.execute(stmt).rowcount != 1:
                    continue
                added += 1
                self._allocation_event(
                    conn,
                    now,
                    actor,
                    match.transaction_id,
                    match.invoice_number,
                    match.amount,
                    match.currency,
                    state,
                    match.reason,
                )
        return added

    def _allocation_event(
        self,
        conn: Connection,
        now: datetime,
        actor: str,
        transaction_id: str,
        invoice_number: str,
        amount: Decimal,
        currency: str,
        state: str,
        reason: str,
    ) -> None:
        customer_id = conn.execute(
            select(t.invoices.c.customer_id).where(t.invoices.c.number == invoice_number)
        ).scalar()
        verb = {"applied": "applied", "suggested": "suggested", "rejected": "rejected"}[state]
        self._event(
            conn,
            now,
            actor,
            f"allocation.{state}",
            f"payment {transaction_id}: {amount} {currency} {verb} to invoice {invoice_number} ({reason})",
            customer_id=customer_id,
            invoice_number=invoice_number,
            subject_id=transaction_id,
            data={"amount": str(amount), "currency": currency},
        )

    def allocations_for(
        self,
        *,
        invoice_number: str | None = None,
        transaction_id: str | None = None,
        state: str | None = None,
    ) -> list[Allocation]:
        c = t.allocations.c
        query = select(t.allocations).order_by(c.id)
        if invoice_number is not None:
            query = query.where(c.invoice_number == invoice_number)
        if transaction_id is not None:
            query = query.where(c.transaction_id == transaction_id)
        if state is not None:
            query = query.where(c.state == state)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            Allocation(
                id=r.id,
                transaction_id=r.transaction_id,
                invoice_number=r.invoice_number,
                amount=r.amount,
                currency=r.currency,
                confidence=r.confidence,
                reason=r.reason,
                state=r.state,
                decided_by=r.decided_by,
                decided_at=r.decided_at,
            )
            for r in rows
        ]

    def applied_amounts(self) -> dict[str, Decimal]:
        """Invoice number -> sum of applied allocations (summed in Python: exact on SQLite too)."""
        c = t.allocations.c
        with self._read() as conn:
            rows = conn.execute(select(c.invoice_number, c.amount).where(c.state == "applied")).all()
        totals: dict[str, Decimal] = {}
        for r in rows:
            totals[r.invoice_number] = totals.get(r.invoice_number, Decimal("0")) + r.amount
        return totals

    # --- review queue -------------------------------------------------------------------------------

    def add_review(
        self,
        transaction_id: str,
        suggestion: str,
        now: datetime,
        actor: str = "daemon",
        explanation: Sequence[Explanation] | None = None,
    ) -> bool:
        """Queue a bank line for a person; False if it is already in the queue (open or resolved).

        ``suggestion`` is the English text (the event log quotes it); ``explanation`` says the same
        as ``ledger.explain`` codes, so it can be shown in another language later.
        """
        with self._tx() as conn:
            stmt = (
                self._insert(t.review_items)
                .values(
                    transaction_id=transaction_id,
                    state="open",
                    suggestion=suggestion,
                    created_at=now,
                    explanation=None if explanation is None else explanations_to_data(explanation),
                )
                .on_conflict_do_nothing()
            )
            if conn.execute(stmt).rowcount != 1:
                return False
            self._event(
                conn,
                now,
                actor,
                "review.added",
                f"payment {transaction_id} needs a person: {suggestion}",
                subject_id=transaction_id,
            )
        return True

    def reviews(self, *, open_only: bool = True) -> list[ReviewItem]:
        c = t.review_items.c
        query = select(t.review_items).order_by(c.id)
        if open_only:
            query = query.where(c.state == "open")
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            ReviewItem(
                id=r.id,
                transaction_id=r.transaction_id,
                state=r.state,
                suggestion=r.suggestion,
                created_at=r.created_at,
                resolution=r.resolution,
                resolution_note=r.resolution_note,
                resolved_at=r.resolved_at,
                resolved_by=r.resolved_by,
                explanation=_review_explanation(r.id, r.explanation),
            )
            for r in rows
        ]

    def _resolve_review(
        self, conn: Connection, review_id: int, resolution: str, note: str, actor: str, now: datetime
    ) -> str | None:
        """Claim the open review item; returns its transaction id, or None if not open."""
        c = t.review_items.c
        result = conn.execute(
            update(t.review_items)
            .where(and_(c.id == review_id, c.state == "open"))
            .values(
                state="resolved",
                resolution=resolution,
                resolution_note=note,
                resolved_at=now,
                resolved_by=actor,
            )
        )
        if result.rowcount != 1:
            return None
        return conn.execute(select(c.transaction_id).where(c.id == review_id)).scalar()

    def accept_suggestion(self, review_id: int, actor: str, now: datetime) -> bool:
        """Resolve a review item by applying the matcher's suggested allocations for its payment."""
        now = _aware(now)
        with self._tx() as conn:
            transaction_id = self._resolve_review(conn, review_id, "accepted", "", actor, now)
            if transaction_id is None:
                return False
            c = t.allocations.c
            rows = conn.execute(
                select(t.allocations).where(and_(c.transaction_id == transaction_id, c.state == "suggested"))
            ).all()
            for r in rows:
                conn.execute(
                    update(t.allocations)
                    .where(c.id == r.id)
                    .values(state="applied", decided_by=actor, decided_at=now)
                )
                self._allocation_event(
                    conn,
                    now,
                    actor,
                    transaction_id,
                    r.invoice_number,
                    r.amount,
                    r.currency,
                    "applied",
                    "suggestion accepted by a person",
                )
        return True

    def assign_review(
        self,
        review_id: int,
        invoice_number: str,
        amount: Decimal,
        actor: str,
        now: datetime,
        *,
        learn_iban: bool = True,
    ) -> bool:
        """Resolve a review item by allocating its payment to ``invoice_number`` (other suggestions are
        rejected); by default the payer's IBAN is learned for that invoice's customer."""
        now = _aware(now)
        with self._tx() as conn:
            invoice = conn.execute(select(t.invoices).where(t.invoices.c.number == invoice_number)).first()
            if invoice is None:
                raise StoreError(f"invoice {invoice_number!r} is not in the store; check the number")
            transaction_id = self._resolve_review(conn, review_id, "assigned", invoice_number, actor, now)
            if transaction_id is None:
                return False
            c = t.allocations.c
            conn.execute(
                update(t.allocations)
                .where(and_(c.transaction_id == transaction_id, c.state == "suggested"))
                .values(state="rejected", decided_by=actor, decided_at=now)
            )
            existing = conn.execute(
                select(c.id).where(
                    and_(c.transaction_id == transaction_id, c.invoice_number == invoice_number)
                )
            ).scalar()
            values = {
                "amount": amount,
                "currency": invoice.currency,
                "confidence": 1.0,
                "state": "applied",
                "reason": "assigned by a person",
                "decided_by": actor,
                "decided_at": now,
            }
            if existing is None:
                conn.execute(
                    t.allocations.insert().values(
                        transaction_id=transaction_id, invoice_number=invoice_number, **values
                    )
                )
            else:
                conn.execute(update(t.allocations).where(c.id == existing).values(**values))
            self._allocation_event(
                conn,
                now,
                actor,
                transaction_id,
                invoice_number,
                amount,
                invoice.currency,
                "applied",
                "assigned by a person",
            )
            if learn_iban:
                iban = conn.execute(
                    select(t.bank_transactions.c.counterparty_iban).where(
                        t.bank_transactions.c.id == transaction_id
                    )
                ).scalar()
                if iban:
                    self._learn_iban(
                        conn, _normal_iban(iban), invoice.customer_id, now, actor, transaction_id
                    )
        return True

    def dismiss_review(self, review_id: int, actor: str, now: datetime, note: str = "") -> bool:
        """Resolve a review item as "not a customer payment": it leaves the unmatched list for good."""
        with self._tx() as conn:
            transaction_id = self._resolve_review(conn, review_id, "not_customer_payment", note, actor, now)
            if transaction_id is None:
                return False
            c = t.allocations.c
            conn.execute(
                update(t.allocations)
                .where(and_(c.transaction_id == transaction_id, c.state == "suggested"))
                .values(state="rejected", decided_by=actor, decided_at=now)
            )
            self._event(
                conn,
                now,
                actor,
                "review.dismissed",
                f"payment {transaction_id} is not a customer payment" + (f": {note}" if note else ""),
                subject_id=transaction_id,
            )
        return True

    # --- holds and promises -------------------------------------------------------------------------

    def add_hold(
        self,
        customer_id: str,
        kind: str,
        reason: str,
        actor: str,
        now: datetime,
        *,
        invoice_numbers: Sequence[str] | None = None,
        until_on: date | None = None,
    ) -> int:
        """Pause reminders for a customer (``invoice_numbers`` None: all of them) until ``until_on`` or release."""
        if kind not in t.HOLD_KINDS:
            raise ValueError(f"hold kind must be one of {', '.join(t.HOLD_KINDS)}, got {kind!r}")
        with self._tx() as conn:
            hold_id = conn.execute(
                t.holds.insert().values(
                    customer_id=customer_id,
                    kind=kind,
                    reason=reason,
                    created_at=_aware(now),
                    created_by=actor,
                    invoice_numbers=None if invoice_numbers is None else list(invoice_numbers),
                    until_on=until_on,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            scope = "all invoices" if invoice_numbers is None else ", ".join(invoice_numbers)
            self._event(
                conn,
                now,
                actor,
                "hold.added",
                f"{kind} hold on {scope}" + (f" until {until_on}" if until_on else "") + f": {reason}",
                customer_id=customer_id,
                subject_id=str(hold_id),
                data={"kind": kind, "until_on": until_on.isoformat() if until_on else None},
            )
        return int(hold_id)

    def release_hold(self, hold_id: int, actor: str, now: datetime, reason: str = "") -> bool:
        c = t.holds.c
        with self._tx() as conn:
            result = conn.execute(
                update(t.holds)
                .where(and_(c.id == hold_id, c.released_at.is_(None)))
                .values(released_at=_aware(now), released_by=actor)
            )
            if result.rowcount != 1:
                return False
            row = conn.execute(select(c.customer_id, c.kind).where(c.id == hold_id)).one()
            self._event(
                conn,
                now,
                actor,
                "hold.released",
                f"{row.kind} hold released" + (f": {reason}" if reason else ""),
                customer_id=row.customer_id,
                subject_id=str(hold_id),
            )
        return True

    def holds(self, customer_id: str | None = None, *, active_on: date | None = None) -> list[Hold]:
        """Holds, oldest first; only those active on ``active_on`` when given."""
        c = t.holds.c
        query = select(t.holds).order_by(c.id)
        if customer_id is not None:
            query = query.where(c.customer_id == customer_id)
        if active_on is not None:
            query = query.where(
                and_(c.released_at.is_(None), or_(c.until_on.is_(None), c.until_on >= active_on))
            )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            Hold(
                id=r.id,
                customer_id=r.customer_id,
                kind=r.kind,
                reason=r.reason,
                created_at=r.created_at,
                created_by=r.created_by,
                invoice_numbers=None if r.invoice_numbers is None else _tuple(r.invoice_numbers),
                until_on=r.until_on,
                released_at=r.released_at,
                released_by=r.released_by,
            )
            for r in rows
        ]

    def add_promise(
        self,
        customer_id: str,
        promised_on: date,
        made_on: date,
        actor: str,
        now: datetime,
        *,
        amount: Decimal | None = None,
        currency: str | None = None,
        invoice_numbers: Sequence[str] = (),
        source_message_id: int | None = None,
    ) -> int:
        """Record a promise to pay by ``promised_on``; returns its id."""
        with self._tx() as conn:
            promise_id = conn.execute(
                t.promises.insert().values(
                    customer_id=customer_id,
                    promised_on=promised_on,
                    made_on=made_on,
                    amount=amount,
                    currency=currency,
                    invoice_numbers=list(invoice_numbers),
                    source_message_id=source_message_id,
                    state="open",
                    created_at=_aware(now),
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            what = f"{amount} {currency}" if amount is not None else "payment"
            self._event(
                conn,
                now,
                actor,
                "promise.added",
                f"promised {what} by {promised_on} (said on {made_on})",
                customer_id=customer_id,
                subject_id=str(promise_id),
                data={"promised_on": promised_on.isoformat(), "invoices": list(invoice_numbers)},
            )
        return int(promise_id)

    def resolve_promise(self, promise_id: int, is_kept: bool, actor: str, now: datetime) -> bool:
        """Close an open promise as kept or broken."""
        c = t.promises.c
        state = "kept" if is_kept else "broken"
        with self._tx() as conn:
            result = conn.execute(
                update(t.promises)
                .where(and_(c.id == promise_id, c.state == "open"))
                .values(state=state, resolved_at=_aware(now))
            )
            if result.rowcount != 1:
                return False
            customer_id = conn.execute(select(c.customer_id).where(c.id == promise_id)).scalar()
            self._event(
                conn,
                now,
                actor,
                f"promise.{state}",
                f"promise {promise_id} {state}",
                customer_id=customer_id,
                subject_id=str(promise_id),
            )
        return True

    def promises(self, customer_id: str | None = None, *, state: str | None = None) -> list[Promise]:
        c = t.promises.c
        query = select(t.promises).order_by(c.id)
        if customer_id is not None:
            query = query.where(c.customer_id == customer_id)
        if state is not None:
            query = query.where(c.state == state)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            Promise(
                id=r.id,
                customer_id=r.customer_id,
                promised_on=r.promised_on,
                made_on=r.made_on,
                state=r.state,
                created_at=r.created_at,
                invoice_numbers=_tuple(r.invoice_numbers),
                amount=r.amount,
                currency=r.currency,
                source_message_id=r.source_message_id,
                resolved_at=r.resolved_at,
            )
            for r in rows
        ]

    # --- the outbox: exactly-once reminders ---------------------------------------------------------

    def plan_reminder(self, item: PlannedReminder | Any, now: datetime, actor: str = "daemon") -> bool:
        """Record a reminder to send; False (and nothing changes) if its id is already in the outbox.

        ``item`` is a ``PlannedReminder`` or the planner's ``PlannedMessage`` (converted with
        ``PlannedReminder.from_plan``).
        """
        if not isinstance(item, PlannedReminder):
            item = PlannedReminder.from_plan(item)
        state = "awaiting_approval" if item.needs_approval else "planned"
        with self._tx() as conn:
            stmt = (
                self._insert(t.reminders)
                .values(
                    id=item.id,
                    customer_id=item.customer_id,
                    stage=item.stage,
                    template=item.template,
                    language=item.language,
                    invoice_numbers=list(item.invoice_numbers),
                    to_addresses=list(item.to_addresses),
                    in_reply_to=item.in_reply_to,
                    announced_stage=item.announced_stage,
                    announced_deadline_on=item.announced_deadline_on,
                    state=state,
                    attempts=0,
                    planned_at=_aware(now),
                )
                .on_conflict_do_nothing()
            )
            if conn.execute(stmt).rowcount != 1:
                return False
            self._event(
                conn,
                now,
                actor,
                "reminder.planned",
                f"{item.stage} reminder planned for {', '.join(item.invoice_numbers)} to {', '.join(item.to_addresses)}"
                + (" (waits for approval)" if item.needs_approval else "")
                + (f": {item.reason}" if item.reason else ""),
                customer_id=item.customer_id,
                subject_id=item.id,
                data={
                    "stage": item.stage,
                    "invoices": list(item.invoice_numbers),
                    "template": item.template,
                    "to": list(item.to_addresses),
                    "reason": item.reason,
                    "announced_stage": item.announced_stage,
                    "announced_deadline_on": item.announced_deadline_on.isoformat()
                    if item.announced_deadline_on
                    else None,
                },
            )
        return True

    def claim_reminder(
        self, reminder_id: str, worker: str, now: datetime, lease_s: float, *, message_id: str | None = None
    ) -> bool:
        """Take a due reminder for sending; True only for the one caller whose UPDATE changed the row.

        Pass the ``message_id`` the e-mail will carry: it is recorded before anything is sent, so
        a crash mid-send can be settled by looking for that Message-ID in the Sent folder.
        """
        c = t.reminders.c
        now = _aware(now)
        values: dict[str, Any] = {
            "state": "claimed",
            "claimed_by": worker,
            "claimed_at": now,
            "lease_until": now + timedelta(seconds=lease_s),
            "attempts": c.attempts + 1,
        }
        if message_id is not None:
            values["message_id"] = message_id
        with self._tx() as conn:
            result = conn.execute(
                update(t.reminders)
                .where(
                    and_(
                        c.id == reminder_id,
                        c.state.in_(CLAIMABLE),
                        or_(c.next_attempt_at.is_(None), c.next_attempt_at <= now),
                    )
                )
                .values(**values)
            )
            if result.rowcount != 1:
                return False
            customer_id = conn.execute(select(c.customer_id).where(c.id == reminder_id)).scalar()
            self._event(
                conn,
                now,
                worker,
                "reminder.claimed",
                f"reminder {reminder_id} claimed for sending by {worker}",
                customer_id=customer_id,
                subject_id=reminder_id,
                data={"message_id": message_id},
            )
        return True

    def _transition(
        self,
        reminder_id: str,
        from_states: Sequence[str],
        values: dict[str, Any],
        now: datetime,
        actor: str,
        kind: str,
        message: str,
    ) -> bool:
        c = t.reminders.c
        with self._tx() as conn:
            result = conn.execute(
                update(t.reminders)
                .where(and_(c.id == reminder_id, c.state.in_(from_states)))
                .values(**values)
            )
            if result.rowcount != 1:
                return False
            row = conn.execute(select(c.customer_id, c.invoice_numbers).where(c.id == reminder_id)).one()
            self._event(
                conn,
                now,
                actor,
                kind,
                message,
                customer_id=row.customer_id,
                subject_id=reminder_id,
                data={"state": values.get("state"), "invoices": list(row.invoice_numbers or ())},
            )
        return True

    def mark_sent(self, reminder_id: str, message_id: str, now: datetime, actor: str = "daemon") -> bool:
        """The SMTP server accepted the message. Also accepted from ``unknown`` (a late but certain answer)."""
        now = _aware(now)
        return self._transition(
            reminder_id,
            ("claimed", "unknown"),
            {
                "state": "sent",
                "message_id": message_id,
                "sent_at": now,
                "lease_until": None,
                "last_error": None,
            },
            now,
            actor,
            "reminder.sent",
            f"reminder {reminder_id} sent as {message_id}",
        )

    def mark_failed(
        self,
        reminder_id: str,
        error: str,
        permanent: bool,
        now: datetime,
        retry_at: datetime | None = None,
        actor: str = "daemon",
    ) -> bool:
        """The SMTP server refused it: permanently (never retried), or for now (retried at ``retry_at``,
        default in one hour). Only a refusal is a failure: a lost connection after DATA is ``mark_unknown``."""
        now = _aware(now)
        state = "failed_permanent" if permanent else "failed_temporary"
        retry = None if permanent else (retry_at or now + timedelta(hours=1))
        return self._transition(
            reminder_id,
            ("claimed", "unknown"),
            {"state": state, "last_error": error, "next_attempt_at": retry, "lease_until": None},
            now,
            actor,
            f"reminder.{state}",
            f"reminder {reminder_id} {'failed for good' if permanent else 'failed, will retry at ' + str(retry)}: {error}",
        )

    def mark_unknown(self, reminder_id: str, error: str, now: datetime, actor: str = "daemon") -> bool:
        """We cannot tell whether it went out (timeout after DATA): it goes to the digest, never resent silently."""
        return self._transition(
            reminder_id,
            ("claimed",),
            {"state": "unknown", "last_error": error, "lease_until": None},
            _aware(now),
            actor,
            "reminder.unknown",
            f"reminder {reminder_id} may or may not have been sent: {error}",
        )

    def expired_claims(self, now: datetime, actor: str = "daemon") -> list[Reminder]:
        """Reminders still ``claimed`` after their lease (the sender died mid-send), moved to ``unknown``.

        Their fate is unknown: look their Message-ID up in the Sent copy, then ``resolve_unknown``.
        """
        now = _aware(now)
        c = t.reminders.c
        with self._tx() as conn:
            ids = (
                conn.execute(
                    select(c.id).where(and_(c.state == "claimed", c.lease_until < now)).order_by(c.id)
                )
                .scalars()
                .all()
            )
        moved = [
            reminder_id
            for reminder_id in ids
            if self._transition(
                reminder_id,
                ("claimed",),
                {
                    "state": "unknown",
                    "last_error": "lease expired while claimed: the sender stopped mid-send",
                    "lease_until": None,
                },
                now,
                actor,
                "reminder.unknown",
                f"reminder {reminder_id}: its sender stopped before recording the outcome",
            )
        ]
        return self._reminders(c.id.in_(moved)) if moved else []

    def resolve_unknown(
        self, reminder_id: str, was_sent: bool | None, now: datetime, actor: str = "daemon"
    ) -> bool:
        """Settle an ``unknown`` reminder: True -> sent; False (proven not sent) -> planned again;
        None (could not check) -> stays unknown, returns False."""
        now = _aware(now)
        if was_sent is None:
            return False
        if was_sent:
            return self._transition(
                reminder_id,
                ("unknown",),
                {"state": "sent", "sent_at": now},
                now,
                actor,
                "reminder.sent",
                f"reminder {reminder_id} found in the Sent copy: it was sent",
            )
        return self._transition(
            reminder_id,
            ("unknown",),
            {"state": "planned", "claimed_by": None, "lease_until": None, "next_attempt_at": None},
            now,
            actor,
            "reminder.replanned",
            f"reminder {reminder_id} proven not sent: planned again",
        )

    def approve_reminder(self, reminder_id: str, actor: str, now: datetime) -> bool:
        return self._transition(
            reminder_id,
            ("awaiting_approval",),
            {"state": "planned"},
            _aware(now),
            actor,
            "reminder.approved",
            f"reminder {reminder_id} approved by {actor}",
        )

    def reject_reminder(self, reminder_id: str, actor: str, now: datetime, reason: str = "") -> bool:
        """Cancel a reminder that has not gone out (awaiting approval, planned, failed for now, or unknown)."""
        return self._transition(
            reminder_id,
            ("awaiting_approval", "planned", "failed_temporary", "unknown"),
            {"state": "rejected", "last_error": reason or None, "lease_until": None},
            _aware(now),
            actor,
            "reminder.rejected",
            f"reminder {reminder_id} rejected by {actor}" + (f": {reason}" if reason else ""),
        )

    def due_reminders(self, now: datetime) -> list[Reminder]:
        """Reminders a worker may claim now (planned, or failed for now and past their retry time)."""
        c = t.reminders.c
        return self._reminders(
            and_(c.state.in_(CLAIMABLE), or_(c.next_attempt_at.is_(None), c.next_attempt_at <= _aware(now)))
        )

    def reminders(self, *, state: str | None = None, customer_id: str | None = None) -> list[Reminder]:
        c = t.reminders.c
        conditions = []
        if state is not None:
            conditions.append(c.state == state)
        if customer_id is not None:
            conditions.append(c.customer_id == customer_id)
        return self._reminders(and_(*conditions) if conditions else None)

    def reminder(self, reminder_id: str) -> Reminder | None:
        found = self._reminders(t.reminders.c.id == reminder_id)
        return found[0] if found else None

    def _reminders(self, condition: Any) -> list[Reminder]:
        c = t.reminders.c
        query = select(t.reminders).order_by(c.planned_at, c.id)
        if condition is not None:
            query = query.where(condition)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [_reminder_from_row(r) for r in rows]

    def outbox_counts(self) -> dict[str, int]:
        """Number of reminders per state (every state present, zero included)."""
        c = t.reminders.c
        with self._read() as conn:
            rows = conn.execute(select(c.state, func.count()).group_by(c.state)).all()
        counts = dict.fromkeys(t.REMINDER_STATES, 0)
        counts.update({state: int(n) for state, n in rows})
        return counts

    def last_reminder_to(self, customer_id: str) -> SentReminder | None:
        """The newest reminder sent to this customer (its Message-ID threads the next one)."""
        found = self._sent(t.reminders.c.customer_id == customer_id)
        return found[-1] if found else None

    def sent_reminders(self, customer_id: str | None = None) -> list[SentReminder]:
        """Every sent reminder, oldest first: the planner's memory of what each customer already got."""
        return self._sent(None if customer_id is None else t.reminders.c.customer_id == customer_id)

    def _sent(self, condition: Any) -> list[SentReminder]:
        c = t.reminders.c
        query = select(t.reminders).where(c.state == "sent").order_by(c.sent_at, c.id)
        if condition is not None:
            query = query.where(condition)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            SentReminder(
                id=r.id,
                customer_id=r.customer_id,
                stage=r.stage,
                sent_at=r.sent_at,
                invoice_numbers=_tuple(r.invoice_numbers),
                message_id=r.message_id,
                announced_stage=r.announced_stage,
                announced_deadline_on=r.announced_deadline_on,
            )
            for r in rows
        ]

    # --- inbound mail -------------------------------------------------------------------------------

    def save_inbound(
        self,
        folder: str,
        uidvalidity: int,
        uid: int,
        raw: bytes | None,
        received_at: datetime,
        *,
        message_id: str | None = None,
        sha256: str | None = None,
        size: int | None = None,
        max_raw_bytes: int = 10 * 1024 * 1024,
    ) -> SavedMessage:
        """Keep a fetched message. Idempotent by (folder, uidvalidity, uid): fetching it again returns the
        same id with ``is_new`` False. A copy of a message already saved (same Message-ID and sha256,
        e.g. after a UIDVALIDITY change or in another folder) is recorded as a duplicate without its bytes.

        ``raw`` None (too large to fetch) needs ``sha256`` and ``size``; bytes over ``max_raw_bytes``
        are not kept either.
        """
        if raw is None and sha256 is None:
            raise ValueError("save_inbound without the message bytes needs their sha256")
        digest = sha256 or hashlib.sha256(raw or b"").hexdigest()
        message_id = message_id or None
        c = t.inbound_messages.c
        where_uid = and_(c.folder == folder, c.uidvalidity == uidvalidity, c.uid == uid)
        with self._tx() as conn:
            existing = conn.execute(select(c.id, c.duplicate_of).where(where_uid)).first()
            if existing is not None:
                return SavedMessage(id=existing.id, is_new=False, duplicate_of=existing.duplicate_of)
            same_id = c.message_id == message_id if message_id is not None else c.message_id.is_(None)
            original = conn.execute(
                select(c.id)
                .where(and_(c.sha256 == digest, same_id, c.duplicate_of.is_(None)))
                .order_by(c.id)
                .limit(1)
            ).scalar()
            keep = original is None and raw is not None and len(raw) <= max_raw_bytes
            stmt = (
                self._insert(t.inbound_messages)
                .values(
                    folder=folder,
                    uidvalidity=uidvalidity,
                    uid=uid,
                    message_id=message_id,
                    sha256=digest,
                    size=size if size is not None else len(raw or b""),
                    raw=raw if keep else None,
                    received_at=_aware(received_at),
                    state="duplicate" if original is not None else "new",
                    duplicate_of=original,
                )
                .on_conflict_do_nothing()
            )
            is_new = conn.execute(stmt).rowcount == 1  # 0: saved by another worker a moment ago
            row_id = conn.execute(select(c.id).where(where_uid)).scalar_one()
            if is_new and original is None:
                self._event(
                    conn,
                    received_at,
                    "intake",
                    "message.received",
                    f"e-mail {message_id or '(no Message-ID)'} received in {folder}",
                    subject_id=str(row_id),
                )
        return SavedMessage(id=row_id, is_new=is_new, duplicate_of=original)

    def save_fetched(self, message: Any, now: datetime) -> SavedMessage:
        """``save_inbound`` for a fetched message object with ``folder``, ``uidvalidity``, ``uid``,
        ``message_id``, ``sha256``, ``size``, ``raw`` and ``internal_at`` (mailer.imap.RawMessage)."""
        return self.save_inbound(
            message.folder,
            message.uidvalidity,
            message.uid,
            message.raw,
            getattr(message, "internal_at", None) or now,
            message_id=message.message_id or None,
            sha256=message.sha256,
            size=message.size,
        )

    def known_dedupe_keys(self) -> set[str]:
        """``"<message_id>|<sha256>"`` of every saved message (the key mailer.imap.dedupe_key builds)."""
        c = t.inbound_messages.c
        with self._read() as conn:
            rows = conn.execute(select(c.message_id, c.sha256).distinct()).all()
        return {f"{r.message_id or ''}|{r.sha256}" for r in rows}

    def inbound_messages(self, *, state: str | None = "new") -> list[InboundMessage]:
        """Saved messages, oldest first (by default those not yet processed)."""
        c = t.inbound_messages.c
        query = select(t.inbound_messages).order_by(c.id)
        if state is not None:
            query = query.where(c.state == state)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            InboundMessage(
                id=r.id,
                folder=r.folder,
                uidvalidity=r.uidvalidity,
                uid=r.uid,
                sha256=r.sha256,
                size=r.size,
                received_at=r.received_at,
                state=r.state,
                message_id=r.message_id,
                raw=r.raw,
                customer_id=r.customer_id,
                intent=r.intent,
                evidence=r.evidence,
                processed_at=r.processed_at,
                duplicate_of=r.duplicate_of,
            )
            for r in rows
        ]

    def record_classification(
        self,
        message_row_id: int,
        customer_id: str | None,
        intent: str,
        evidence: str,
        now: datetime,
        *,
        is_failed: bool = False,
        actor: str = "daemon",
    ) -> bool:
        """Store what a reply was classified as and mark it processed (or failed); False if already processed."""
        c = t.inbound_messages.c
        with self._tx() as conn:
            result = conn.execute(
                update(t.inbound_messages)
                .where(and_(c.id == message_row_id, c.state == "new"))
                .values(
                    customer_id=customer_id,
                    intent=intent,
                    evidence=evidence,
                    processed_at=_aware(now),
                    state="failed" if is_failed else "processed",
                )
            )
            if result.rowcount != 1:
                return False
            self._event(
                conn,
                now,
                actor,
                "message.classified",
                f"reply classified as {intent}: {evidence}",
                customer_id=customer_id,
                subject_id=str(message_row_id),
                data={"intent": intent},
            )
        return True

    def get_checkpoint(self, folder: str) -> tuple[int, int] | None:
        """(uidvalidity, last_uid) processed in ``folder``, or ``None`` before the first fetch."""
        c = t.imap_checkpoints.c
        with self._read() as conn:
            row = conn.execute(select(c.uidvalidity, c.last_uid).where(c.folder == folder)).first()
        return None if row is None else (int(row.uidvalidity), int(row.last_uid))

    def set_checkpoint(
        self, folder: str, uidvalidity: int, last_uid: int, now: datetime | None = None
    ) -> None:
        """Remember that ``folder`` is read up to ``last_uid`` under ``uidvalidity`` (``now`` None: the
        database's clock stamps it, for callers that have no clock at hand)."""
        c = t.imap_checkpoints.c
        stamp: Any = func.current_timestamp() if now is None else _aware(now)
        with self._tx() as conn:
            stmt = self._insert(t.imap_checkpoints).values(
                folder=folder, uidvalidity=uidvalidity, last_uid=last_uid, updated_at=stamp
            )
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[c.folder],
                    set_={"uidvalidity": uidvalidity, "last_uid": last_uid, "updated_at": stamp},
                )
            )

    # mailer.imap.CheckpointStore calls it this.
    save_checkpoint = set_checkpoint

    # --- jobs and digests ---------------------------------------------------------------------------

    def start_job(self, job: str, now: datetime) -> int:
        with self._tx() as conn:
            return int(
                conn.execute(
                    t.job_runs.insert().values(job=job, started_at=_aware(now), outcome="running")
                ).inserted_primary_key[0]  # type: ignore[index]
            )

    def finish_job(
        self, run_id: int, now: datetime, *, error: str | None = None, next_run_at: datetime | None = None
    ) -> None:
        """Record how a job run ended: ``error`` None means ok."""
        with self._tx() as conn:
            conn.execute(
                update(t.job_runs)
                .where(t.job_runs.c.id == run_id)
                .values(
                    finished_at=_aware(now),
                    outcome="failed" if error else "ok",
                    error=error,
                    next_run_at=next_run_at,
                )
            )

    def last_job_runs(self) -> dict[str, JobRun]:
        """The newest run of each job."""
        c = t.job_runs.c
        newest = select(func.max(c.id)).group_by(c.job)
        with self._read() as conn:
            rows = conn.execute(select(t.job_runs).where(c.id.in_(newest))).all()
        return {
            r.job: JobRun(
                id=r.id,
                job=r.job,
                started_at=r.started_at,
                outcome=r.outcome,
                finished_at=r.finished_at,
                error=r.error,
                next_run_at=r.next_run_at,
            )
            for r in rows
        }

    def claim_digest(self, day: date, worker: str, now: datetime) -> bool:
        """Take the right to send ``day``'s digest; True for exactly one caller per day, ever."""
        with self._tx() as conn:
            stmt = (
                self._insert(t.digests_sent)
                .values(day=day, claimed_at=_aware(now), claimed_by=worker)
                .on_conflict_do_nothing()
            )
            if conn.execute(stmt).rowcount != 1:
                return False
            self._event(conn, now, worker, "digest.claimed", f"digest for {day} claimed by {worker}")
        return True

    def mark_digest_sent(self, day: date, message_id: str, now: datetime, actor: str = "daemon") -> bool:
        c = t.digests_sent.c
        with self._tx() as conn:
            result = conn.execute(
                update(t.digests_sent)
                .where(and_(c.day == day, c.at.is_(None)))
                .values(at=_aware(now), message_id=message_id)
            )
            if result.rowcount != 1:
                return False
            self._event(conn, now, actor, "digest.sent", f"digest for {day} sent as {message_id}")
        return True

    def digest_sent(self, day: date) -> tuple[datetime | None, str | None] | None:
        """(sent at, Message-ID) for ``day``'s digest; ``(None, None)`` if claimed but not sent; ``None`` if not claimed."""
        c = t.digests_sent.c
        with self._read() as conn:
            row = conn.execute(select(c.at, c.message_id).where(c.day == day)).first()
        return None if row is None else (row.at, row.message_id)


# --- row conversion -------------------------------------------------------------------------------


def _event_row(
    now: datetime,
    actor: str,
    kind: str,
    message: str,
    *,
    customer_id: str | None = None,
    invoice_number: str | None = None,
    subject_id: str | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "at": _aware(now),
        "actor": actor,
        "kind": kind,
        "customer_id": customer_id,
        "invoice_number": invoice_number,
        "subject_id": subject_id,
        "message": message,
        "data": data or {},
    }


def _invoice_values(invoice: Invoice) -> dict[str, Any]:
    return {
        "customer_id": invoice.customer_id,
        "issued_on": invoice.issued_on,
        "due_on": invoice.due_on,
        "total": invoice.total,
        "currency": invoice.currency,
        "paid": invoice.paid,
        "corrects": invoice.corrects,
        "customer_name": invoice.customer_name,
        "customer_vat_id": invoice.customer_vat_id,
        "customer_ibans": list(invoice.customer_ibans),
        "emails": list(invoice.emails),
        "language": invoice.language,
    }


def _normal_iban(iban: str) -> str:
    return "".join(iban.split()).upper()


def _compatible(a: str, b: str) -> bool:
    """Two optional identifiers agree: equal, or one of them is missing (formats differ in what they carry)."""
    return not a or not b or _normal_iban(a) == _normal_iban(b)


def _customer_changes(old: Customer, new: Customer) -> list[str]:
    changed = [
        name
        for name in ("name", "vat_id", "language", "tags", "do_not_contact")
        if getattr(old, name) != getattr(new, name)
    ]
    if {(c.email.strip().lower(), c.name) for c in old.contacts} != {
        (c.email.strip().lower(), c.name) for c in new.contacts
    } or any(c.is_undeliverable for c in new.contacts if c not in old.contacts):
        changed.append("contacts")
    if set(old.ibans) != {_normal_iban(i) for i in new.ibans if i.strip()}:
        changed.append("ibans")
    return changed


def _invoice_from_row(r: Row[Any]) -> Invoice:
    return Invoice(
        number=r.number,
        customer_id=r.customer_id,
        issued_on=r.issued_on,
        due_on=r.due_on,
        total=r.total,
        currency=r.currency,
        paid=r.paid,
        customer_name=r.customer_name,
        customer_vat_id=r.customer_vat_id,
        customer_ibans=_tuple(r.customer_ibans),
        emails=_tuple(r.emails),
        language=r.language,
        corrects=r.corrects,
    )


def _line_values(line: StatementLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "booked_on": line.booked_on,
        "value_on": line.value_on,
        "amount": line.amount,
        "currency": line.currency,
        "original_amount": line.original_amount,
        "original_currency": line.original_currency,
        "counterparty": line.counterparty,
        "counterparty_iban": line.counterparty_iban,
        "text": line.text,
        "account_iban": line.account_iban,
        "reference": line.reference,
        "is_reversal": line.is_reversal,
        "bank_code": line.bank_code,
        "extra": [list(pair) for pair in line.extra],
    }


def _line_from_row(r: Row[Any]) -> StatementLine:
    return StatementLine(
        id=r.id,
        booked_on=r.booked_on,
        amount=r.amount,
        currency=r.currency,
        value_on=r.value_on,
        original_amount=r.original_amount,
        original_currency=r.original_currency,
        counterparty=r.counterparty,
        counterparty_iban=r.counterparty_iban,
        text=r.text,
        account_iban=r.account_iban,
        reference=r.reference,
        is_reversal=r.is_reversal,
        bank_code=r.bank_code,
        extra=tuple((str(k), str(v)) for k, v in (r.extra or ())),
    )


def _reminder_from_row(r: Row[Any]) -> Reminder:
    return Reminder(
        id=r.id,
        customer_id=r.customer_id,
        stage=r.stage,
        template=r.template,
        language=r.language,
        invoice_numbers=_tuple(r.invoice_numbers),
        to_addresses=_tuple(r.to_addresses),
        state=r.state,
        planned_at=r.planned_at,
        attempts=r.attempts,
        message_id=r.message_id,
        in_reply_to=r.in_reply_to,
        lease_until=r.lease_until,
        claimed_by=r.claimed_by,
        claimed_at=r.claimed_at,
        next_attempt_at=r.next_attempt_at,
        last_error=r.last_error,
        sent_at=r.sent_at,
        announced_stage=r.announced_stage,
        announced_deadline_on=r.announced_deadline_on,
    )
