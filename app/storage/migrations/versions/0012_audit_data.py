"""audit data: a punch digest per import batch, and db_meta (the audit key, the baseline)

``import_batch.punch_digest`` holds a SHA-256 over the batch's stored punches, written at
import inside the batch's own audited row, so ``audit verify`` finds punches changed, deleted
or added later. ``db_meta`` holds small per-database values: ``audit_key`` (the key under
which ID and phone numbers are hashed in new audit rows) and ``audit_baseline`` (set once the
business tables were first reconciled with the trail, see app.storage.audit_data).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(sa.Column("punch_digest", sa.String(64), nullable=True))
    meta = op.create_table(
        "db_meta",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_db_meta"),
    )
    op.bulk_insert(meta, [{"key": "audit_key", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table("db_meta")
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("punch_digest")
