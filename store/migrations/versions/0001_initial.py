"""The initial schema: every table of tactful's store, plus the append-only guard on events.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# events is an audit log: the database itself refuses to change or delete a line of it.
SQLITE_TRIGGERS = (
    """CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
    """CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
)
POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION tactful_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'events are append-only'; END $$""",
    """CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION tactful_events_append_only()""",
    """CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION tactful_events_append_only()""",
)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("vat_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("do_not_contact", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("ladder", sa.String(length=100), nullable=True),
        sa.Column("created_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    op.create_table(
        "digests_sent",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("claimed_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=200), nullable=False),
        sa.Column("at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_digests_sent")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=True),
        sa.Column("invoice_number", sa.String(length=200), nullable=True),
        sa.Column("subject_id", sa.String(length=200), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_customer_id"), "events", ["customer_id"], unique=False)
    op.create_table(
        "imap_checkpoints",
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("folder", name=op.f("pk_imap_checkpoints")),
    )
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("job", sa.String(length=100), nullable=False),
        sa.Column("started_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("next_run_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("outcome IN ('running', 'ok', 'failed')", name=op.f("ck_job_runs_outcome")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
    )
    op.create_index(op.f("ix_job_runs_job"), "job_runs", ["job"], unique=False)
    op.create_table(
        "statement_imports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("imported_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.Column("known_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_imports")),
        sa.UniqueConstraint("sha256", name=op.f("uq_statement_imports_sha256")),
    )
    op.create_table(
        "bank_transactions",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("value_on", sa.Date(), nullable=True),
        sa.Column("amount", store.schema.Money(precision=19, scale=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("original_amount", store.schema.Money(precision=19, scale=4), nullable=True),
        sa.Column("original_currency", sa.String(length=3), nullable=True),
        sa.Column("counterparty", sa.Text(), server_default="", nullable=False),
        sa.Column("counterparty_iban", sa.String(length=42), server_default="", nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("account_iban", sa.String(length=42), server_default="", nullable=False),
        sa.Column("reference", sa.Text(), server_default="", nullable=False),
        sa.Column("is_reversal", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("bank_code", sa.String(length=64), server_default="", nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("first_seen_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("is_probable_duplicate_of", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["statement_imports.id"],
            name=op.f("fk_bank_transactions_import_id_statement_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_transactions")),
    )
    op.create_index(op.f("ix_bank_transactions_booked_on"), "bank_transactions", ["booked_on"], unique=False)
    op.create_index(op.f("ix_bank_transactions_import_id"), "bank_transactions", ["import_id"], unique=False)
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.Text(), server_default="", nullable=False),
        sa.Column("is_undeliverable", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("bounced_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contacts_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("customer_id", "email", name=op.f("uq_contacts_customer_id_email")),
    )
    op.create_table(
        "customer_ibans",
        sa.Column("iban", sa.String(length=42), nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("learned_from", sa.String(length=200), nullable=True),
        sa.Column("created_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('export', 'learned')", name=op.f("ck_customer_ibans_source")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_customer_ibans_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("iban", "customer_id", name=op.f("pk_customer_ibans")),
    )
    op.create_table(
        "holds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=False),
        sa.Column("invoice_numbers", sa.JSON(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("until_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("released_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "kind IN ('promise', 'dispute', 'out_of_office', 'bounce', 'manual', 'payment_plan')",
            name=op.f("ck_holds_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_holds_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holds")),
    )
    op.create_index(op.f("ix_holds_customer_id"), "holds", ["customer_id"], unique=False)
    op.create_table(
        "inbound_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("received_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=True),
        sa.Column("intent", sa.String(length=64), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("processed_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "state IN ('new', 'processed', 'duplicate', 'failed')", name=op.f("ck_inbound_messages_state")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_inbound_messages_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_messages")),
        sa.UniqueConstraint(
            "folder", "uidvalidity", "uid", name=op.f("uq_inbound_messages_folder_uidvalidity_uid")
        ),
    )
    op.create_index(
        "ix_inbound_messages_message_id_sha256", "inbound_messages", ["message_id", "sha256"], unique=False
    )
    op.create_table(
        "invoices",
        sa.Column("number", sa.String(length=200), nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("total", store.schema.Money(precision=19, scale=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid", store.schema.Money(precision=19, scale=4), nullable=False),
        sa.Column("corrects", sa.String(length=200), nullable=True),
        sa.Column("customer_name", sa.Text(), server_default="", nullable=False),
        sa.Column("customer_vat_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("customer_ibans", sa.JSON(), nullable=False),
        sa.Column("emails", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("state", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.Column("closed_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("imported_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("state IN ('open', 'closed')", name=op.f("ck_invoices_state")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_invoices_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_invoices")),
    )
    op.create_index(op.f("ix_invoices_customer_id"), "invoices", ["customer_id"], unique=False)
    op.create_table(
        "reminders",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=64), nullable=False),
        sa.Column("template", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("invoice_numbers", sa.JSON(), nullable=False),
        sa.Column("to_addresses", sa.JSON(), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("in_reply_to", sa.String(length=998), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("lease_until", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("claimed_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("planned_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("announced_stage", sa.String(length=64), nullable=True),
        sa.Column("announced_deadline_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "state IN ('planned', 'claimed', 'sent', 'failed_temporary', 'failed_permanent', 'unknown', 'awaiting_approval', 'rejected')",
            name=op.f("ck_reminders_state"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_reminders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    op.create_index(op.f("ix_reminders_customer_id"), "reminders", ["customer_id"], unique=False)
    op.create_index(op.f("ix_reminders_state"), "reminders", ["state"], unique=False)
    op.create_table(
        "allocations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("transaction_id", sa.String(length=200), nullable=False),
        sa.Column("invoice_number", sa.String(length=200), nullable=False),
        sa.Column("amount", store.schema.Money(precision=19, scale=4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('applied', 'suggested', 'rejected')", name=op.f("ck_allocations_state")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_number"], ["invoices.number"], name=op.f("fk_allocations_invoice_number_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["bank_transactions.id"],
            name=op.f("fk_allocations_transaction_id_bank_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocations")),
        sa.UniqueConstraint(
            "transaction_id", "invoice_number", name=op.f("uq_allocations_transaction_id_invoice_number")
        ),
    )
    op.create_index(op.f("ix_allocations_invoice_number"), "allocations", ["invoice_number"], unique=False)
    op.create_table(
        "promises",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.String(length=200), nullable=False),
        sa.Column("promised_on", sa.Date(), nullable=False),
        sa.Column("amount", store.schema.Money(precision=19, scale=4), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("source_message_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("invoice_numbers", sa.JSON(), nullable=False),
        sa.Column("created_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('open', 'kept', 'broken')", name=op.f("ck_promises_state")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_promises_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["source_message_id"],
            ["inbound_messages.id"],
            name=op.f("fk_promises_source_message_id_inbound_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promises")),
    )
    op.create_index(op.f("ix_promises_customer_id"), "promises", ["customer_id"], unique=False)
    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("transaction_id", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("suggestion", sa.Text(), server_default="", nullable=False),
        sa.Column("resolution", sa.String(length=32), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=True),
        sa.Column("created_at", store.schema.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", store.schema.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "resolution IS NULL OR resolution IN ('accepted', 'assigned', 'not_customer_payment')",
            name=op.f("ck_review_items_resolution"),
        ),
        sa.CheckConstraint("state IN ('open', 'resolved')", name=op.f("ck_review_items_state")),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["bank_transactions.id"],
            name=op.f("fk_review_items_transaction_id_bank_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
        sa.UniqueConstraint("transaction_id", name=op.f("uq_review_items_transaction_id")),
    )
    triggers = POSTGRESQL_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_append_only_truncate ON events")
        op.execute("DROP TRIGGER IF EXISTS events_append_only ON events")
        op.execute("DROP FUNCTION IF EXISTS tactful_events_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_append_only_update")
        op.execute("DROP TRIGGER IF EXISTS events_append_only_delete")
    op.drop_table("review_items")
    op.drop_index(op.f("ix_promises_customer_id"), table_name="promises")
    op.drop_table("promises")
    op.drop_index(op.f("ix_allocations_invoice_number"), table_name="allocations")
    op.drop_table("allocations")
    op.drop_index(op.f("ix_reminders_state"), table_name="reminders")
    op.drop_index(op.f("ix_reminders_customer_id"), table_name="reminders")
    op.drop_table("reminders")
    op.drop_index(op.f("ix_invoices_customer_id"), table_name="invoices")
    op.drop_table("invoices")
    op.drop_index("ix_inbound_messages_message_id_sha256", table_name="inbound_messages")
    op.drop_table("inbound_messages")
    op.drop_index(op.f("ix_holds_customer_id"), table_name="holds")
    op.drop_table("holds")
    op.drop_table("customer_ibans")
    op.drop_table("contacts")
    op.drop_index(op.f("ix_bank_transactions_import_id"), table_name="bank_transactions")
    op.drop_index(op.f("ix_bank_transactions_booked_on"), table_name="bank_transactions")
    op.drop_table("bank_transactions")
    op.drop_table("statement_imports")
    op.drop_index(op.f("ix_job_runs_job"), table_name="job_runs")
    op.drop_table("job_runs")
    op.drop_table("imap_checkpoints")
    op.drop_index(op.f("ix_events_customer_id"), table_name="events")
    op.drop_table("events")
    op.drop_table("digests_sent")
    op.drop_table("customers")
