"""Alembic environment for tactful's store, run programmatically by ``store.migrate``.

The caller passes an open SQLAlchemy connection in ``config.attributes["connection"]``;
there is no alembic.ini and no logging configuration here (the service configures logging).

A new revision: change ``store/schema.py``, then let Alembic write the difference against a
database at head (review it; SQLite needs batch operations, which ``render_as_batch`` gives)::

    python -c "import tempfile, store; from store.db import _alembic_config; from alembic import command
    s = store.open_store(f'sqlite:///{tempfile.mkdtemp()}/x.db')
    with s.engine.begin() as c: command.revision(_alembic_config(c), 'what changed', autogenerate=True)"

``test_migrating_an_empty_database_gives_exactly_the_declared_schema`` fails until the revision
matches the metadata on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from alembic import context

from store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("tactful's migrations run through store.open_store(url), which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: later revisions use batch operations (copy and move).
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
