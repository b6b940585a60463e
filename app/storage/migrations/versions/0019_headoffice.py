"""head office: each project's month in figures (project_month_summary)

Issue 19: the cross-project overview reads one stored summary per project and month
(app.services.headoffice) instead of computing every site's month. A derived cache: rebuilt
when stale, so the migration creates it empty.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_month_summary",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("audit_mark", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_project_month_summary_project_id_project"),
        sa.PrimaryKeyConstraint("project_id", "month", name="pk_project_month_summary"),
    )
    op.create_index("ix_project_month_summary_month", "project_month_summary", ["month"])


def downgrade() -> None:
    op.drop_index("ix_project_month_summary_month", table_name="project_month_summary")
    op.drop_table("project_month_summary")
