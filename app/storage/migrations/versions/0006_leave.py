"""leave and overtime requests

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leave_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("leave_type", sa.String(30), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("start_session", sa.String(2), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("end_session", sa.String(2), nullable=False),
        sa.Column("days", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("deputy_id", sa.Integer(), nullable=True),
        sa.Column("handover_note", sa.Text(), nullable=False, server_default=""),
        sa.Column("contact", sa.String(100), nullable=False, server_default=""),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("emergency", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("contacted_whom", sa.String(100), nullable=False, server_default=""),
        sa.Column("contacted_at", sa.DateTime(), nullable=True),
        sa.Column("backfiled_at", sa.DateTime(), nullable=True),
        sa.Column("state", sa.String(12), nullable=False, server_default="submitted"),
        sa.Column("violations", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("override_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("pm_approver", sa.String(50), nullable=False, server_default=""),
        sa.Column("pm_approved_at", sa.DateTime(), nullable=True),
        sa.Column("pm_opinion", sa.Text(), nullable=False, server_default=""),
        sa.Column("client_approver", sa.String(50), nullable=False, server_default=""),
        sa.Column("client_approved_at", sa.DateTime(), nullable=True),
        sa.Column("client_opinion", sa.Text(), nullable=False, server_default=""),
        sa.Column("decided_by", sa.String(50), nullable=False, server_default=""),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False, server_default=""),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("extension_of", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deputy_id"], ["person.id"], name="fk_leave_request_deputy_id_person"),
        sa.ForeignKeyConstraint(["extension_of"], ["leave_request.id"], name="fk_leave_request_extension_of_leave_request"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_leave_request_project_id_project"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name="fk_leave_request_person_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_leave_request"),
    )
    op.create_index("ix_leave_request_project_id", "leave_request", ["project_id"])
    op.create_index("ix_leave_request_end_date", "leave_request", ["end_date"])
    op.create_index("ix_leave_request_start_date", "leave_request", ["start_date"])
    op.create_index("ix_leave_request_person_id", "leave_request", ["person_id"])
    op.create_table(
        "leave_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("leave_id", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("stored_path", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_leave_attachment_project_id_project"),
        sa.ForeignKeyConstraint(["leave_id"], ["leave_request.id"], name="fk_leave_attachment_leave_id_leave_request"),
        sa.PrimaryKeyConstraint("id", name="pk_leave_attachment"),
    )
    op.create_index("ix_leave_attachment_leave_id", "leave_attachment", ["leave_id"])
    op.create_index("ix_leave_attachment_project_id", "leave_attachment", ["project_id"])
    op.create_table(
        "overtime_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),
        sa.Column("end_time", sa.String(5), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("day_kind", sa.String(20), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("comp_time", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, server_default="submitted"),
        sa.Column("approver", sa.String(50), nullable=False, server_default=""),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("late_application", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name="fk_overtime_request_person_id_person"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_overtime_request_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_overtime_request"),
    )
    op.create_index("ix_overtime_request_project_id", "overtime_request", ["project_id"])
    op.create_index("ix_overtime_request_person_id", "overtime_request", ["person_id"])
    op.create_index("ix_overtime_request_day", "overtime_request", ["day"])


def downgrade() -> None:
    op.drop_table("overtime_request")
    op.drop_table("leave_attachment")
    op.drop_table("leave_request")
