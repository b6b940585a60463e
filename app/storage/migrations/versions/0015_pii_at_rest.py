"""pii at rest: ciphertext, masked form and keyed index of ID-card and phone numbers

Issue 18, privacy at rest. The person table gets, for the phone number, its ciphertext and
masked form, and for the ID-card number its ciphertext, masked form and exact-search index
(HMAC-SHA256 under a key derived from the data key). The migration holds no key, so it only
adds the columns: the rows are encrypted (and the clear columns blanked, the file vacuumed, the
backups rewritten) by ``app.services.privacy.encrypt_existing`` when the first admin unlocks.

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("phone_enc", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("phone_masked", sa.String(30), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("id_card_enc", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("id_card_masked", sa.String(18), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("id_card_index", sa.String(64), nullable=False,
                                   server_default=""))
    op.create_index("ix_person_id_card_index", "person", ["id_card_index"])


def downgrade() -> None:
    op.drop_index("ix_person_id_card_index", table_name="person")
    with op.batch_alter_table("person") as batch:
        for name in ("id_card_index", "id_card_masked", "id_card_enc", "phone_masked",
                     "phone_enc"):
            batch.drop_column(name)
