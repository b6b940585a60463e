"""mask old audit rows: ID and phone numbers written before 0012 masked, the trail re-chained

Audit rows written before migration 0012 hold ID card and phone numbers in clear. This
rewrites each such value in place in the form new rows use (``app.storage.audit.protect``:
masked plus a keyed hash under ``db_meta.audit_key``), recomputes the hash of every row from
the first one changed on (``compute_hash``, so ``audit verify`` walks a whole chain), moves
``audit_head`` along, and records what it did in one audit row -- action ``rechained``,
entity ``audit_log``: before = the old head (id and hash), after = the first row changed and
the number of rows and values masked -- so the re-chain is itself on record.

The clear values must also leave the file: the rewritten pages are freed, not erased, and a
migration runs inside a transaction, where VACUUM cannot. So ``db_meta.audit_scrub`` is set
here and ``app.storage.db`` runs ``secure_delete`` + VACUUM + a WAL checkpoint (TRUNCATE)
right after the migration commits (and at any later open while the flag is still set).

The head sidecar (``onsitedesk.db.head``) records the newest audit hash, which changes here:
before the commit the sidecar is told to accept the new head as well as the present one
(``head.announce``), so a kill on either side of the commit is no alarm.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from app.clock import SYSTEM_CLOCK
from app.storage import audit
from app.storage import head as sidecar

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ENTITY = "person"  # app.storage.tables.Person.__audit_entity__ / __audit_mask__
FIELDS = ("phone", "id_card_no")
SCRUB_KEY = "audit_scrub"
_COLUMNS = "id, at, actor, action, entity, entity_id, before, after, prev_hash, hash"


def _mask(raw: str | None, key: bytes) -> tuple[str | None, int]:
    """``raw`` (a before/after JSON text) with its clear personal values protected, and how
    many were; the text unchanged when none was."""
    if not raw:
        return raw, 0
    try:
        values: dict[str, Any] = json.loads(raw)
    except ValueError:
        return raw, 0
    masked = 0
    for field in FIELDS:
        value = values.get(field)
        if isinstance(value, str) and value and audit.MASK_MARK not in value:
            values[field] = audit.protect(field, value, key)
            masked += 1
    if not masked:
        return raw, 0
    return json.dumps(values, ensure_ascii=False, sort_keys=True), masked  # audit._dump


def _db_path(conn: sa.Connection) -> Path | None:
    if conn.dialect.name != "sqlite":
        return None  # a PostgreSQL server has no head sidecar (issue 19)
    for _seq, name, file in conn.exec_driver_sql("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


def upgrade() -> None:
    conn = op.get_bind()
    key = audit.audit_key(conn)
    rows = conn.execute(sa.text(f"SELECT {_COLUMNS} FROM audit_log ORDER BY id")).mappings()
    changed: list[dict[str, Any]] = []
    first: int | None = None
    rows_masked = values_masked = 0
    prev_hash = audit.GENESIS
    for row in list(rows):
        before, after = row["before"], row["after"]
        if row["entity"] == ENTITY:
            before, n_before = _mask(before, key)
            after, n_after = _mask(after, key)
            if n_before or n_after:
                rows_masked += 1
                values_masked += n_before + n_after
                if first is None:
                    first = int(row["id"])
        if first is None:
            prev_hash = row["hash"]  # the chain up to the first change stays as it is
            continue
        digest = audit.compute_hash(int(row["id"]), row["at"], row["actor"], row["action"],
                                    row["entity"], row["entity_id"], before, after, prev_hash)
        changed.append({"i": row["id"], "b": before, "a": after, "p": prev_hash, "h": digest})
        prev_hash = digest
    if first is None:
        return  # no clear number in the trail: nothing to re-chain
    old = conn.execute(sa.text("SELECT last_id, last_hash FROM audit_head")).first()
    assert old is not None  # there are audit rows
    conn.execute(sa.text("UPDATE audit_log SET before = :b, after = :a, prev_hash = :p, "
                         "hash = :h WHERE id = :i"), changed)
    conn.execute(sa.text("UPDATE audit_head SET last_id = :i, last_hash = :h"),
                 {"i": changed[-1]["i"], "h": changed[-1]["h"]})
    clock = context.config.attributes.get("clock") or SYSTEM_CLOCK
    audit.record(conn, audit.default_actor(), "rechained", "audit_log", str(first),
                 {"head_id": int(old[0]), "head_hash": str(old[1])},
                 {"first_changed": first, "rows_masked": rows_masked,
                  "values_masked": values_masked}, clock)
    conn.execute(sa.text("DELETE FROM db_meta WHERE key = :k"), {"k": SCRUB_KEY})
    conn.execute(sa.text("INSERT INTO db_meta (key, value) VALUES (:k, 'pending')"),
                 {"k": SCRUB_KEY})
    path = _db_path(conn)
    if path is not None and sidecar.head_path(path).exists():
        # the present head and the one this commit makes are both the database
        sidecar.announce(path, sidecar.current(conn))


def downgrade() -> None:
    """Masked values cannot be unmasked: the trail stays as it is."""
