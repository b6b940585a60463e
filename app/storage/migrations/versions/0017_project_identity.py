"""project identity: a stable company-wide code and uid per project, and where it came from

Issue 19 (company-wide): many sites' projects live in one database. ``project.code`` is the
human handle used by ``--project CODE`` (unique); ``project.uid`` is a random identity fixed
when the project is created, which packages carry so a head office never mistakes one site for
another; ``project.origin`` is ``local`` (edited here) or ``site`` (a copy brought in from a
site package: read-only here, edits happen at the site).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("code", sa.String(32), nullable=True))
        batch.add_column(sa.Column("uid", sa.String(32), nullable=True))
        batch.add_column(sa.Column("origin", sa.String(10), nullable=False,
                                   server_default="local"))
    conn = op.get_bind()
    for (pid,) in conn.execute(sa.text("SELECT id FROM project ORDER BY id")).all():
        uid = uuid.uuid4().hex
        conn.execute(sa.text("UPDATE project SET uid = :u, code = :c WHERE id = :i"),
                     {"u": uid, "c": default_code(uid), "i": pid})
    with op.batch_alter_table("project") as batch:
        batch.alter_column("code", existing_type=sa.String(32), nullable=False)
        batch.alter_column("uid", existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint("uq_project_code", ["code"])
        batch.create_unique_constraint("uq_project_uid", ["uid"])


def default_code(uid: str) -> str:
    """The code a project gets before anyone names it: ``P-`` and six characters of its uid."""
    return "P-" + uid[:6].upper()


def downgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.drop_constraint("uq_project_uid", type_="unique")
        batch.drop_constraint("uq_project_code", type_="unique")
        batch.drop_column("origin")
        batch.drop_column("uid")
        batch.drop_column("code")
