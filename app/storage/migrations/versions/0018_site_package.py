"""site package: signing key, export and import bookkeeping, row map and the sites' audit

Issue 19 (deliverable 3): a site writes signed, incremental packages of its project
(``project export``); head office applies them (``project import``). Site side: ``site_key``,
``site_export``, ``site_export_row``. Head-office side: ``site_trust``, ``site_import``,
``site_row_map`` (site row id → local id, so ids of many sites never collide) and
``site_audit`` (the site's audit chain, as it came).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def _project_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                   name=f"fk_{table}_project_id_project")


def upgrade() -> None:
    op.create_table(
        "site_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("private_key", sa.String(64), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _project_fk("site_key"),
        sa.PrimaryKeyConstraint("id", name="pk_site_key"),
        sa.UniqueConstraint("project_id", name="uq_site_key_project_id"),
    )
    op.create_table(
        "site_export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("base_seq", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("audit_last_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        _project_fk("site_export"),
        sa.PrimaryKeyConstraint("id", name="pk_site_export"),
        sa.UniqueConstraint("project_id", "seq", name="uq_site_export_project_seq"),
    )
    op.create_index("ix_site_export_project_id", "site_export", ["project_id"])
    op.create_table(
        "site_export_row",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(50), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(32), nullable=False),
        _project_fk("site_export_row"),
        sa.PrimaryKeyConstraint("project_id", "table_name", "row_id",
                                name="pk_site_export_row"),
    )
    op.create_table(
        "site_trust",
        sa.Column("project_uid", sa.String(32), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("project_uid", name="pk_site_trust"),
    )
    op.create_table(
        "site_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("base_seq", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("created", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("rows_inserted", sa.Integer(), nullable=False),
        sa.Column("rows_updated", sa.Integer(), nullable=False),
        sa.Column("rows_deleted", sa.Integer(), nullable=False),
        _project_fk("site_import"),
        sa.PrimaryKeyConstraint("id", name="pk_site_import"),
        sa.UniqueConstraint("project_id", "seq", name="uq_site_import_project_seq"),
    )
    op.create_index("ix_site_import_project_id", "site_import", ["project_id"])
    op.create_table(
        "site_row_map",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(50), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(32), nullable=False),
        _project_fk("site_row_map"),
        sa.PrimaryKeyConstraint("project_id", "table_name", "site_id", name="pk_site_row_map"),
    )
    op.create_table(
        "site_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("entity", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(50), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        _project_fk("site_audit"),
        sa.PrimaryKeyConstraint("id", name="pk_site_audit"),
        sa.UniqueConstraint("project_id", "site_id", name="uq_site_audit_project_site_id"),
    )
    op.create_index("ix_site_audit_project_id", "site_audit", ["project_id"])


def downgrade() -> None:
    for table in ("site_audit", "site_row_map", "site_import", "site_trust",
                  "site_export_row", "site_export", "site_key"):
        op.drop_table(table)
