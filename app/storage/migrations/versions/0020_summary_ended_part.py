"""head office: the part of a month summary that cannot change any more

Issue 19: a month not over is recomputed on each new day; the days whose sessions have all
ended stay as they were while the project's data does not change, so each person's figures of
those days are kept beside the summary (``ended``, JSON) and only the days after them are
classified again. Empty for existing rows: they are counted from the month's first day once.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("project_month_summary", sa.Column("ended", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("project_month_summary") as batch:
        batch.drop_column("ended")
