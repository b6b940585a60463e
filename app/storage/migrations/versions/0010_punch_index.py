"""punch identity index led by the user id: serves both idempotent inserts and the
per-person range reads, and lets an import maintain one index fewer

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_punch_user_time", table_name="punch")
    op.drop_index("ix_punch_batch_id", table_name="punch")  # new rows are counted, not queried
    with op.batch_alter_table("punch", recreate="always") as batch:
        batch.drop_constraint("uq_punch_identity", type_="unique")
        batch.create_unique_constraint(
            "uq_punch_identity", ["project_id", "device_user_id", "punched_at", "device"])


def downgrade() -> None:
    with op.batch_alter_table("punch", recreate="always") as batch:
        batch.drop_constraint("uq_punch_identity", type_="unique")
        batch.create_unique_constraint(
            "uq_punch_identity", ["project_id", "device", "device_user_id", "punched_at"])
    op.create_index("ix_punch_user_time", "punch", ["project_id", "device_user_id", "punched_at"])
    op.create_index("ix_punch_batch_id", "punch", ["batch_id"])
