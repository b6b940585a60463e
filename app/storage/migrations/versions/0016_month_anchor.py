"""month anchor: the paper anchor (check code) of a month lock

``month_lock.anchor`` is SHA-256 over the frozen month and the audit head the lock follows
(``anchor_audit_id``, ``anchor_audit_hash``); the signed sheet prints its first 60 bits as the
check code (app.domain.anchor). Locks made before this have none: reopening and locking again
gives one.

Revision ID: 0016
Revises: 0012
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("month_lock") as batch:
        batch.add_column(sa.Column("anchor", sa.String(64), nullable=True))
        batch.add_column(sa.Column("anchor_audit_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("anchor_audit_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("month_lock") as batch:
        batch.drop_column("anchor_audit_hash")
        batch.drop_column("anchor_audit_id")
        batch.drop_column("anchor")
