"""roster details: first work date, attachments, equipment

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("first_work_date", sa.Date(), nullable=True))
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False, server_default="other"),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("stored_path", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_attachment_project_id_project"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE",
                                name="fk_attachment_person_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_attachment"),
    )
    op.create_index("ix_attachment_project_id", "attachment", ["project_id"])
    op.create_index("ix_attachment_person_id", "attachment", ["person_id"])
    op.create_table(
        "equipment_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(100), nullable=False),
        sa.Column("asset_no", sa.String(100), nullable=False, server_default=""),
        sa.Column("issued_date", sa.Date(), nullable=True),
        sa.Column("returned_date", sa.Date(), nullable=True),
        sa.Column("note", sa.String(500), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"],
                                name="fk_equipment_item_project_id_project"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE",
                                name="fk_equipment_item_person_id_person"),
        sa.PrimaryKeyConstraint("id", name="pk_equipment_item"),
    )
    op.create_index("ix_equipment_item_project_id", "equipment_item", ["project_id"])
    op.create_index("ix_equipment_item_person_id", "equipment_item", ["person_id"])


def downgrade() -> None:
    op.drop_table("equipment_item")
    op.drop_table("attachment")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("first_work_date")
