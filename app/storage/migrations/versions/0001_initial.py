"""initial: project, roster, audit trail

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("contract_no", sa.String(100), nullable=False, server_default=""),
        sa.Column("contractor", sa.String(200), nullable=False, server_default=""),
        sa.Column("client_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("client_label", sa.String(20), nullable=False, server_default=""),
        sa.Column("client_dept", sa.String(50), nullable=False, server_default=""),
        sa.Column("supervisor_firm", sa.String(200), nullable=False, server_default=""),
        sa.Column("project_manager", sa.String(50), nullable=False, server_default=""),
        sa.Column("client_project_lead", sa.String(50), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_project"),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("employee_no", sa.String(50), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("device_user_id", sa.String(20), nullable=True),
        sa.Column("role", sa.String(50), nullable=False, server_default=""),
        sa.Column("phone", sa.String(30), nullable=False, server_default=""),
        sa.Column("id_card_no", sa.String(18), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="active"),
        sa.Column("nda_signed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("nda_date", sa.Date(), nullable=True),
        sa.Column("training_done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("training_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_person_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_person"),
        sa.UniqueConstraint("project_id", "employee_no", name="uq_person_project_employee_no"),
        sa.UniqueConstraint("project_id", "device_user_id",
                            name="uq_person_project_device_user"),
    )
    op.create_index("ix_person_project_id", "person", ["project_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(50), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
    )


def downgrade() -> None:
    op.drop_table("audit_head")
    op.drop_table("audit_log")
    op.drop_index("ix_person_project_id", table_name="person")
    op.drop_table("person")
    op.drop_table("project")
