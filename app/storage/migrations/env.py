"""Alembic environment: always run with a connection handed in by app.storage.db.migrate."""

from alembic import context

import app.storage.tables_accounts
import app.storage.tables_attendance
import app.storage.tables_handover
import app.storage.tables_headoffice
import app.storage.tables_leave
import app.storage.tables_scores
import app.storage.tables_service  # noqa: F401
from app.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only app.storage.db.migrate runs migrations
    raise RuntimeError("run migrations through app.storage.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
