"""service log: service records, their staff with entry/exit times, daily work reports,
service commitment settings

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(30), nullable=False),
        sa.Column("service_type", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("reporter", sa.String(50), nullable=False, server_default=""),
        sa.Column("reporter_dept", sa.String(100), nullable=False, server_default=""),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("responded_at", sa.DateTime(), nullable=True),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("head_count", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("location", sa.String(200), nullable=False, server_default=""),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("handling", sa.Text(), nullable=False, server_default=""),
        sa.Column("result", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("pending_reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("parts_replaced", sa.Text(), nullable=False, server_default=""),
        sa.Column("user_rating", sa.String(20), nullable=False, server_default=""),
        sa.Column("client_signed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("client_signed_by", sa.String(50), nullable=False, server_default=""),
        sa.Column("client_signed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_service_record_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_service_record"),
        sa.UniqueConstraint("project_id", "number", name="uq_service_record_project_number"),
    )
    op.create_index("ix_service_record_project_id", "service_record", ["project_id"])
    op.create_index("ix_service_record_reported_at", "service_record", ["reported_at"])
    op.create_table(
        "service_record_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("entered_at", sa.DateTime(), nullable=True),
        sa.Column("exited_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_service_record_staff_project_id_project"),
        sa.ForeignKeyConstraint(["record_id"], ["service_record.id"], name="fk_service_record_staff_record_id_service_record"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name="fk_service_record_staff_person_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_service_record_staff"),
        sa.UniqueConstraint("record_id", "person_id", name="uq_service_record_staff_record_person"),
    )
    op.create_index("ix_service_record_staff_project_id", "service_record_staff", ["project_id"])
    op.create_index("ix_service_record_staff_record_id", "service_record_staff", ["record_id"])
    op.create_index("ix_service_record_staff_person_id", "service_record_staff", ["person_id"])
    op.create_table(
        "daily_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False, server_default=""),
        sa.Column("updated_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_daily_report_project_id_project"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name="fk_daily_report_person_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_daily_report"),
        sa.UniqueConstraint("project_id", "person_id", "day", name="uq_daily_report_person_day"),
    )
    op.create_index("ix_daily_report_project_id", "daily_report", ["project_id"])
    op.create_index("ix_daily_report_person_id", "daily_report", ["person_id"])
    op.create_index("ix_daily_report_day", "daily_report", ["day"])
    op.create_table(
        "service_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name="fk_service_setting_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_service_setting"),
        sa.UniqueConstraint("project_id", "key", "effective_from", name="uq_service_setting_key_from"),
    )
    op.create_index("ix_service_setting_project_id", "service_setting", ["project_id"])


def downgrade() -> None:
    op.drop_table("service_setting")
    op.drop_table("daily_report")
    op.drop_table("service_record_staff")
    op.drop_table("service_record")
