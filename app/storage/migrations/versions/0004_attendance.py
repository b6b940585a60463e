"""attendance: settings, import batches, raw punches, corrections, manual absences,
nursing periods, month locks

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _revocable() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(100), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("setting", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_setting"),
        sa.UniqueConstraint("project_id", "key", "effective_from",
                            name="uq_setting_project_key_from"),
    )
    op.create_index("ix_setting_project_id", "setting", ["project_id"])
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(500), nullable=False, server_default=""),
        sa.Column("device", sa.String(64), nullable=False, server_default=""),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("read_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("new_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("duplicate_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("rejected_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("problems", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("reverted_at", sa.DateTime(), nullable=True),
        sa.Column("reverted_by", sa.String(100), nullable=True),
        sa.Column("revert_reason", sa.Text(), nullable=True),
        _fk("import_batch", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_import_batch"),
    )
    op.create_index("ix_import_batch_project_id", "import_batch", ["project_id"])
    op.create_table(
        "punch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("device", sa.String(64), nullable=False, server_default=""),
        sa.Column("device_user_id", sa.String(20), nullable=False),
        sa.Column("punched_at", sa.DateTime(), nullable=False),
        sa.Column("verify_mode", sa.Integer(), nullable=True),
        sa.Column("in_out_state", sa.Integer(), nullable=True),
        sa.Column("work_code", sa.String(20), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        _fk("punch", "project_id", "project"),
        _fk("punch", "batch_id", "import_batch"),
        sa.PrimaryKeyConstraint("id", name="pk_punch"),
        sa.UniqueConstraint("project_id", "device", "device_user_id", "punched_at",
                            name="uq_punch_identity"),
    )
    op.create_index("ix_punch_user_time", "punch",
                    ["project_id", "device_user_id", "punched_at"])
    op.create_index("ix_punch_batch_id", "punch", ["batch_id"])
    op.create_table(
        "punch_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(2), nullable=False),
        sa.Column("slot", sa.String(3), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approver", sa.String(50), nullable=False),
        *_revocable(),
        _fk("punch_correction", "project_id", "project"),
        _fk("punch_correction", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_punch_correction"),
    )
    op.create_index("ix_punch_correction_project_id", "punch_correction", ["project_id"])
    op.create_index("ix_punch_correction_person_id", "punch_correction", ["person_id"])
    op.create_index("ix_punch_correction_day", "punch_correction", ["day"])
    op.create_table(
        "manual_absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(2), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        *_revocable(),
        _fk("manual_absence", "project_id", "project"),
        _fk("manual_absence", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_manual_absence"),
    )
    op.create_index("ix_manual_absence_project_id", "manual_absence", ["project_id"])
    op.create_index("ix_manual_absence_person_id", "manual_absence", ["person_id"])
    op.create_index("ix_manual_absence_day", "manual_absence", ["day"])
    op.create_table(
        "nursing_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        _fk("nursing_period", "project_id", "project"),
        _fk("nursing_period", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_nursing_period"),
    )
    op.create_index("ix_nursing_period_project_id", "nursing_period", ["project_id"])
    op.create_index("ix_nursing_period_person_id", "nursing_period", ["person_id"])
    op.create_table(
        "month_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("snapshot", sa.Text(), nullable=True),
        _fk("month_lock", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_month_lock"),
    )
    op.create_index("ix_month_lock_project_id", "month_lock", ["project_id"])
    op.create_index("ix_month_lock_month", "month_lock", ["month"])


def downgrade() -> None:
    for table in ("month_lock", "nursing_period", "manual_absence", "punch_correction",
                  "punch", "import_batch", "setting"):
        op.drop_table(table)
