"""devices: time clocks and the users enrolled on them

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("host", sa.String(100), nullable=False, server_default=""),
        sa.Column("port", sa.Integer(), nullable=False, server_default="4370"),
        sa.Column("comm_key", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("protocol", sa.String(3), nullable=False, server_default="tcp"),
        sa.Column("timeout", sa.Integer(), nullable=False, server_default="10"),
        sa.Column("encoding", sa.String(20), nullable=False, server_default="gbk"),
        sa.Column("serial", sa.String(64), nullable=False, server_default=""),
        sa.Column("firmware", sa.String(100), nullable=False, server_default=""),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_device_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_device"),
        sa.UniqueConstraint("project_id", "name", name="uq_device_project_name"),
    )
    op.create_index("ix_device_project_id", "device", ["project_id"])
    op.create_table(
        "clock_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("device", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(20), nullable=False),
        sa.Column("name", sa.String(50), nullable=False, server_default=""),
        sa.Column("uid", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_clock_user_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_clock_user"),
        sa.UniqueConstraint("project_id", "device", "user_id", name="uq_clock_user_identity"),
    )
    op.create_index("ix_clock_user_project_id", "clock_user", ["project_id"])


def downgrade() -> None:
    op.drop_table("clock_user")
    op.drop_table("device")
