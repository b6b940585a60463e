"""holidays: holiday_day (exceptions to Mon-Fri work) and holiday_year (confirmed or not)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

The bundled 2024-2026 rows are not inserted here: ``HolidayService.seed_bundled()`` runs at
every open (one SELECT when already done), so a newer app with more bundled years fills them in
without a migration, and the inserts go through the audit trail.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "holiday_day",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(100), nullable=False, server_default=""),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False, server_default="bundled"),
        sa.Column("note", sa.String(500), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("date", name="pk_holiday_day"),
    )
    op.create_index("ix_holiday_day_year", "holiday_day", ["year"])
    op.create_table(
        "holiday_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="provisional"),
        sa.Column("notice_ref", sa.String(500), nullable=False, server_default=""),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(300), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("year", name="pk_holiday_year"),
    )


def downgrade() -> None:
    op.drop_table("holiday_year")
    op.drop_index("ix_holiday_day_year", table_name="holiday_day")
    op.drop_table("holiday_day")
