"""Review items keep the matcher's explanations (codes and parameters) beside the English text.

The digest renders them in its own language; rows written before this revision have none
(NULL) and show their stored ``suggestion`` text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column needs no table copy, not even on SQLite (plain ALTER TABLE ADD COLUMN).
    op.add_column("review_items", sa.Column("explanation", sa.JSON(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place, which keeps the table's CHECK constraints; a batch
    # copy would have to re-declare them.
    op.drop_column("review_items", "explanation")
