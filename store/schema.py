"""The store's tables as SQLAlchemy Core metadata, plus the two column types that keep values exact.

The Alembic revisions in ``store/migrations/versions`` create exactly this; a test compares a
migrated database with ``metadata`` on SQLite and PostgreSQL.

* ``Money``: ``Decimal`` in and out. PostgreSQL stores ``NUMERIC(19, 4)``; SQLite stores the
  decimal's text, because SQLite's NUMERIC affinity would turn it into a float. Four decimals
  cover every ISO 4217 currency (BHD, KWD, TND have three); more are refused rather than rounded.
* ``UTCDateTime``: aware datetimes in, aware UTC datetimes out, on both engines (SQLite keeps no
  time zone, so it stores naive UTC and the zone is put back on the way out). Naive datetimes are
  refused: a wall-clock time without a zone is a bug in the caller.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator, TypeEngine

MONEY_DECIMALS = 4
_SMALLEST = Decimal(1).scaleb(-MONEY_DECIMALS)


class Money(TypeDecorator[Decimal]):
    """An exact decimal amount: ``NUMERIC(19, 4)`` on PostgreSQL, the decimal's text on SQLite."""

    impl = Numeric(19, MONEY_DECIMALS, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(19, MONEY_DECIMALS, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"money must be a Decimal, got {type(value).__name__} {value!r}")
        if not value.is_finite():
            raise ValueError(f"money must be a finite amount, got {value!r}")
        if value != value.quantize(_SMALLEST):
            raise ValueError(f"money has more than {MONEY_DECIMALS} decimals and would be rounded: {value!r}")
        if dialect.name == "sqlite":
            return str(_canonical(value))
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return _canonical(Decimal(value))


def _canonical(value: Decimal) -> Decimal:
    """The same representation on both engines: trailing zeros dropped down to two decimals (12.3400 -> 12.34)."""
    if value == 0:
        return Decimal("0.00")
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent > -2:
        return normal.quantize(Decimal("0.01"))
    return normal


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; always comes back aware in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected an aware datetime, got {type(value).__name__} {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime (tzinfo=UTC)")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(200)  # identifiers from exports, banks and the planner
CURRENCY = String(3)

customers = Table(
    "customers",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("vat_id", String(64), nullable=False, server_default=""),
    Column("language", String(16)),
    Column("tags", JSON, nullable=False),
    Column("do_not_contact", Boolean, nullable=False, server_default=false()),
    # A named escalation ladder for this customer instead of the one its tags select.
    Column("ladder", String(100)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

contacts = Table(
    "contacts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False),
    Column("email", String(320), nullable=False),
    Column("name", Text, nullable=False, server_default=""),
    Column("is_undeliverable", Boolean, nullable=False, server_default=false()),
    Column("bounced_at", UTCDateTime),
    Column("reason", Text, nullable=False, server_default=""),
    UniqueConstraint("customer_id", "email"),
)

customer_ibans = Table(
    "customer_ibans",
    metadata,
    Column("iban", String(42), primary_key=True),
    Column("customer_id", ID, ForeignKey("customers.id"), primary_key=True),
    Column("source", String(16), nullable=False),
    Column("learned_from", ID),  # the bank transaction a person assigned, for learned IBANs
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint("source IN ('export', 'learned')", name="source"),
)

invoices = Table(
    "invoices",
    metadata,
    Column("number", ID, primary_key=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("issued_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("total", Money, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("paid", Money, nullable=False),
    Column("corrects", ID),
    Column("customer_name", Text, nullable=False, server_default=""),
    Column("customer_vat_id", String(64), nullable=False, server_default=""),
    Column("customer_ibans", JSON, nullable=False),
    Column("emails", JSON, nullable=False),
    Column("language", String(16)),
    Column("state", String(16), nullable=False, server_default="open"),
    Column("closed_reason", Text),
    Column("closed_at", UTCDateTime),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint("state IN ('open', 'closed')", name="state"),
)

statement_imports = Table(
    "statement_imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("format", String(32), nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("line_count", Integer, nullable=False),
    Column("new_count", Integer, nullable=False),
    Column("known_count", Integer, nullable=False),
)

bank_transactions = Table(
    "bank_transactions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("import_id", Integer, ForeignKey("statement_imports.id"), nullable=False, index=True),
    Column("booked_on", Date, nullable=False, index=True),
    Column("value_on", Date),
    Column("amount", Money, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("original_amount", Money),
    Column("original_currency", CURRENCY),
    Column("counterparty", Text, nullable=False, server_default=""),
    Column("counterparty_iban", String(42), nullable=False, server_default=""),
    Column("text", Text, nullable=False, server_default=""),
    Column("account_iban", String(42), nullable=False, server_default=""),
    Column("reference", Text, nullable=False, server_default=""),
    Column("is_reversal", Boolean, nullable=False, server_default=false()),
    Column("bank_code", String(64), nullable=False, server_default=""),
    Column("extra", JSON, nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    # Same account, day, amount and counterparty as a line of another import (e.g. the same
    # statement as CAMT and as MT940): flagged for the accountant, never deleted.
    Column("is_probable_duplicate_of", ID),
)

allocations = Table(
    "allocations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("transaction_id", ID, ForeignKey("bank_transactions.id"), nullable=False),
    Column("invoice_number", ID, ForeignKey("invoices.number"), nullable=False, index=True),
    Column("amount", Money, nullable=False),
    Column("currency", CURRENCY, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    UniqueConstraint("transaction_id", "invoice_number"),
    CheckConstraint("state IN ('applied', 'suggested', 'rejected')", name="state"),
)

review_items = Table(
    "review_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("transaction_id", ID, ForeignKey("bank_transactions.id"), nullable=False, unique=True),
    Column("state", String(16), nullable=False),
    Column("suggestion", Text, nullable=False, server_default=""),
    Column("resolution", String(32)),
    Column("resolution_note", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved_at", UTCDateTime),
    Column("resolved_by", String(200)),
    # The matcher's explanations as ledger.explain data (codes and parameters), so the digest can
    # show the suggestion in its language; NULL for rows from before revision 0002.
    Column("explanation", JSON),
    CheckConstraint("state IN ('open', 'resolved')", name="state"),
    CheckConstraint(
        "resolution IS NULL OR resolution IN ('accepted', 'assigned', 'not_customer_payment')",
        name="resolution",
    ),
)

REMINDER_STATES = (
    "planned",
    "claimed",
    "sent",
    "failed_temporary",
    "failed_permanent",
    "unknown",
    "awaiting_approval",
    "rejected",
)

# The outbox: one row per reminder e-mail, recorded before it is sent.
reminders = Table(
    "reminders",
    metadata,
    Column("id", ID, primary_key=True),  # deterministic key from the planner
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("stage", String(64), nullable=False),
    Column("template", String(200), nullable=False),
    Column("language", String(16), nullable=False),
    Column("invoice_numbers", JSON, nullable=False),
    Column("to_addresses", JSON, nullable=False),
    Column("message_id", String(998)),
    Column("in_reply_to", String(998)),
    Column("state", String(32), nullable=False, index=True),
    Column("lease_until", UTCDateTime),
    Column("claimed_by", String(200)),
    Column("claimed_at", UTCDateTime),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime),
    Column("last_error", Text),
    Column("planned_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("announced_stage", String(64)),
    Column("announced_deadline_on", Date),
    CheckConstraint("state IN (" + ", ".join(f"'{s}'" for s in REMINDER_STATES) + ")", name="state"),
)

inbound_messages = Table(
    "inbound_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("folder", String(500), nullable=False),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("uid", BigInteger, nullable=False),
    Column("message_id", String(998)),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("raw", LargeBinary),  # NULL when oversized or a duplicate of another row
    Column("received_at", UTCDateTime, nullable=False),
    Column("customer_id", ID, ForeignKey("customers.id")),
    Column("intent", String(64)),
    Column("evidence", Text),
    Column("processed_at", UTCDateTime),
    Column("state", String(16), nullable=False),
    Column("duplicate_of", Integer),
    UniqueConstraint("folder", "uidvalidity", "uid"),
    Index("ix_inbound_messages_message_id_sha256", "message_id", "sha256"),
    CheckConstraint("state IN ('new', 'processed', 'duplicate', 'failed')", name="state"),
)

imap_checkpoints = Table(
    "imap_checkpoints",
    metadata,
    Column("folder", String(500), primary_key=True),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("last_uid", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

promises = Table(
    "promises",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("promised_on", Date, nullable=False),
    Column("amount", Money),
    Column("currency", CURRENCY),
    Column("made_on", Date, nullable=False),
    Column("source_message_id", Integer, ForeignKey("inbound_messages.id")),
    Column("state", String(16), nullable=False),
    Column("invoice_numbers", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved_at", UTCDateTime),
    CheckConstraint("state IN ('open', 'kept', 'broken')", name="state"),
)

HOLD_KINDS = ("promise", "dispute", "out_of_office", "bounce", "manual", "payment_plan")

holds = Table(
    "holds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", ID, ForeignKey("customers.id"), nullable=False, index=True),
    Column("invoice_numbers", JSON),  # NULL: every invoice of the customer
    Column("kind", String(32), nullable=False),
    Column("until_on", Date),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("released_at", UTCDateTime),
    Column("released_by", String(200)),
    CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in HOLD_KINDS) + ")", name="kind"),
)

# Append-only: the migration adds triggers that refuse UPDATE and DELETE on both engines.
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("customer_id", ID, index=True),
    Column("invoice_number", ID),
    Column("subject_id", ID),
    Column("message", Text, nullable=False),
    Column("data", JSON, nullable=False),
)

job_runs = Table(
    "job_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job", String(100), nullable=False, index=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("outcome", String(16), nullable=False),
    Column("error", Text),
    Column("next_run_at", UTCDateTime),
    CheckConstraint("outcome IN ('running', 'ok', 'failed')", name="outcome"),
)

digests_sent = Table(
    "digests_sent",
    metadata,
    Column("day", Date, primary_key=True),  # one digest per day, whoever tries
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("claimed_by", String(200), nullable=False),
    Column("at", UTCDateTime),
    Column("message_id", String(998)),
)
