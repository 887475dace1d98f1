"""tactful's state store: SQLAlchemy Core on SQLite (default) or PostgreSQL, migrated by Alembic.

``open_store(url)`` opens and migrates; the returned ``Store`` does every read and write.
"""

from __future__ import annotations

from store.db import Store, StoreError, create_store_engine, migrate, open_store, statement_sha256
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

__all__ = [
    "Allocation",
    "Event",
    "Hold",
    "InboundMessage",
    "JobRun",
    "PlannedReminder",
    "Promise",
    "Reminder",
    "ReviewItem",
    "SavedMessage",
    "SentReminder",
    "StatementCounts",
    "StatementImport",
    "Store",
    "StoreError",
    "UpsertCounts",
    "create_store_engine",
    "migrate",
    "open_store",
    "statement_sha256",
]
