"""personnel changes, approvals, handover and its checklist

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("leaving_id", sa.Integer(), nullable=True),
        sa.Column("joining_id", sa.Integer(), nullable=True),
        sa.Column("change_date", sa.Date(), nullable=False),
        sa.Column("demand_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("reason_kind", sa.String(20), nullable=False, server_default=""),
        sa.Column("replacement_plan", sa.Text(), nullable=False, server_default=""),
        sa.Column("new_role", sa.String(50), nullable=False, server_default=""),
        sa.Column("joining_gender", sa.String(10), nullable=False, server_default=""),
        sa.Column("joining_education", sa.String(100), nullable=False, server_default=""),
        sa.Column("joining_years", sa.String(20), nullable=False, server_default=""),
        sa.Column("joining_certificates", sa.Text(), nullable=False, server_default=""),
        sa.Column("notice_sent_on", sa.Date(), nullable=True),
        sa.Column("application_submitted_on", sa.Date(), nullable=True),
        sa.Column("client_approver", sa.String(50), nullable=False, server_default=""),
        sa.Column("client_approved_on", sa.Date(), nullable=True),
        sa.Column("client_opinion", sa.Text(), nullable=False, server_default=""),
        sa.Column("supervisor_approver", sa.String(50), nullable=False, server_default=""),
        sa.Column("supervisor_approved_on", sa.Date(), nullable=True),
        sa.Column("supervisor_opinion", sa.Text(), nullable=False, server_default=""),
        sa.Column("handed_by", sa.String(50), nullable=False, server_default=""),
        sa.Column("received_by", sa.String(50), nullable=False, server_default=""),
        sa.Column("witnessed_by", sa.String(50), nullable=False, server_default=""),
        sa.Column("handover_start", sa.Date(), nullable=True),
        sa.Column("handover_end", sa.Date(), nullable=True),
        sa.Column("handover_started_on", sa.Date(), nullable=True),
        sa.Column("assessment_result", sa.Text(), nullable=False, server_default=""),
        sa.Column("assessment_on", sa.Date(), nullable=True),
        sa.Column("probation_end", sa.Date(), nullable=True),
        sa.Column("state", sa.String(12), nullable=False, server_default="planned"),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("finish_override", sa.Text(), nullable=False, server_default=""),
        sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_staff_change_project_id_project"),
        sa.ForeignKeyConstraint(["leaving_id"], ["person.id"], name="fk_staff_change_leaving_id_person"),
        sa.ForeignKeyConstraint(["joining_id"], ["person.id"], name="fk_staff_change_joining_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_staff_change"),
    )
    op.create_index("ix_staff_change_project_id", "staff_change", ["project_id"])
    op.create_index("ix_staff_change_leaving_id", "staff_change", ["leaving_id"])
    op.create_index("ix_staff_change_joining_id", "staff_change", ["joining_id"])
    op.create_index("ix_staff_change_change_date", "staff_change", ["change_date"])
    op.create_table(
        "handover_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False, server_default=""),
        sa.Column("source", sa.String(20), nullable=False, server_default="default"),
        sa.Column("equipment_id", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_handover_item_project_id_project"),
        sa.ForeignKeyConstraint(["change_id"], ["staff_change.id"], name="fk_handover_item_change_id_staff_change"),
        sa.ForeignKeyConstraint(["equipment_id"], ["equipment_item.id"], name="fk_handover_item_equipment_id_equipment_item", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_handover_item"),
    )
    op.create_index("ix_handover_item_project_id", "handover_item", ["project_id"])
    op.create_index("ix_handover_item_change_id", "handover_item", ["change_id"])


def downgrade() -> None:
    op.drop_table("handover_item")
    op.drop_table("staff_change")
