"""coverage: how far each import batch reaches, and periods declared covered

Existing batches get their coverage from what they hold: up to a LAN read's start time (the
PC's time at the read) or any other batch's newest stored punch, from its oldest one.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(sa.Column("covered_until", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("covered_from", sa.DateTime(), nullable=True))
    op.execute("UPDATE import_batch SET covered_until = started_at WHERE kind = 'lan'")
    op.execute("UPDATE import_batch SET covered_until = (SELECT MAX(punched_at) FROM punch"
               " WHERE punch.batch_id = import_batch.id) WHERE kind != 'lan'")
    op.execute("UPDATE import_batch SET covered_from = (SELECT MIN(punched_at) FROM punch"
               " WHERE punch.batch_id = import_batch.id)")
    op.create_table(
        "coverage_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(100), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_coverage_declaration_project_id_project"),
        sa.PrimaryKeyConstraint("id", name="pk_coverage_declaration"),
    )
    op.create_index("ix_coverage_declaration_project_id", "coverage_declaration",
                    ["project_id"])


def downgrade() -> None:
    op.drop_table("coverage_declaration")
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("covered_from")
        batch.drop_column("covered_until")
