"""The site package (issue 19): a site's project carried to head office on a USB stick.

``export`` (at the site) writes every project-scoped table's rows of the current project, the
project row and the site's audit chain into a signed package (app.services.sitepkg_format);
after the first it carries only the rows inserted, changed or deleted since the previous
package (``site_export_row`` remembers each row's hash as last carried). ``import_`` (at head
office, SQLite or PostgreSQL) verifies it and applies it in one transaction: the project is
created on first import with ``origin = "site"`` (read-only here), site row ids are mapped to
local ids (``site_row_map``) and every foreign key is remapped, so the rows of many sites never
collide.

Which tables travel is decided from the ORM metadata: every table with a ``project_id``
column (or a foreign key to such a table) is exported unless :data:`EXCLUDED` says why not;
a test fails when a new table is neither. Personal data encrypted at rest (issue 18) stays at
the site: a person travels with the masked phone and ID number only (the clear columns, the
ciphertexts and the keyed index are emptied); accounts and keys never leave.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Integer,
    MetaData,
    Table,
    bindparam,
    delete,
    select,
    text,
)
from sqlalchemy.orm import Session

import app.storage.tables_attendance
import app.storage.tables_handover
import app.storage.tables_leave
import app.storage.tables_scores
import app.storage.tables_service  # noqa: F401  (every table in the metadata)
from app import __version__, strings
from app.durable import write_atomic
from app.errors import AccessDenied, AppError
from app.security import pii
from app.security.guard import writes
from app.services import sitepkg_format as fmt
from app.services.project import current_project_id
from app.storage import audit
from app.storage.db import Database
from app.storage.tables import AuditLog, Base, Project
from app.storage.tables_sitepkg import (
    SiteAudit,
    SiteExport,
    SiteExportRow,
    SiteImport,
    SiteKey,
    SiteRowMap,
    SiteTrust,
)

PackageRefused = fmt.PackageRefused
ENTITY = "site_package"
# Tables with a project_id (or a key to one) that deliberately do not travel, and why.
EXCLUDED: dict[str, str] = {
    "site_key": "the site's signing key never leaves the site",
    "site_export": "the site's own bookkeeping of the packages it wrote",
    "site_export_row": "the site's own bookkeeping of the rows it carried",
    "site_import": "head office's bookkeeping of the packages it applied",
    "site_row_map": "head office's map of site ids to local ids",
    "site_audit": "head office's copy of a site's audit chain (the chain travels as audit_log)",
    "project_month_summary": "head office's stored overview figures, computed from the rows "
                             "that travel (app.services.headoffice)",
}
# Project columns that are head office's own, never taken from a package.
_PROJECT_LOCAL = ("id", "origin")
# Person columns emptied on the way out: clear numbers, ciphertexts, the keyed index (the
# site's keys); the masked forms travel (filled from a clear number if the site has none).
_PERSON_DROPPED = ("phone", "id_card_no", "phone_enc", "id_card_enc", "id_card_index")
_PERSON_MASKED = {"phone_masked": pii.PHONE, "id_card_masked": pii.ID_CARD}
_CHUNK = 500


def _table(cls: type[Base]) -> Table:
    table = cls.__table__
    assert isinstance(table, Table)
    return table


def scoped_tables(metadata: MetaData = Base.metadata) -> list[Table]:
    """Every table of the metadata that belongs to a project: a ``project_id`` column, or a
    foreign key to such a table (parents first)."""
    scoped: list[Table] = []
    names: set[str] = set()
    for table in metadata.sorted_tables:
        refs = {fk.column.table.name for c in table.columns for fk in c.foreign_keys}
        if "project_id" in table.c or refs & names:
            scoped.append(table)
            names.add(table.name)
    return scoped


def exported_tables() -> list[Table]:
    """The tables a package carries, parents before children."""
    return [t for t in scoped_tables() if t.name not in EXCLUDED]


def coverage_problems(metadata: MetaData = Base.metadata,
                      excluded: Mapping[str, str] = EXCLUDED) -> list[str]:
    """Why a project's data would not travel whole (a test keeps this empty): a table that
    belongs to a project but can be neither carried (the package needs an integer ``id`` key
    and a ``project_id`` column) nor is excluded with a reason; an exclusion naming no table
    or giving no reason."""
    problems = []
    names = {t.name for t in metadata.sorted_tables}
    for table in scoped_tables(metadata):
        if table.name in excluded:
            continue
        keys = [c.name for c in table.primary_key.columns]
        if keys != ["id"] or not isinstance(table.c.id.type, Integer):
            problems.append(f"{table.name}: key {keys}, not an integer id")
        if "project_id" not in table.c:
            problems.append(f"{table.name}: no project_id")
    for name, why in excluded.items():
        if name not in names or not why.strip():
            problems.append(f"excluded {name}: no such table, or no reason")
    return problems


# ---- rows as JSON ---------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in row.items():
        if name not in table.c:
            continue  # a column this version does not know (a newer site): left out
        kind = table.c[name].type
        if value is not None and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        out[name] = value
    for col in table.columns:  # a column the site's version lacks: its default (as an INSERT)
        default = col.default
        if col.name not in out and default is not None and getattr(default, "is_scalar", False):
            out[col.name] = getattr(default, "arg", None)
    return out


def row_hash(row: dict[str, Any]) -> str:
    body = json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


def _person_out(row: dict[str, Any]) -> dict[str, Any]:
    """A person as it travels: masked numbers only."""
    for masked, field in _PERSON_MASKED.items():
        if not row.get(masked) and row.get(field):
            row[masked] = pii.mask(field, str(row[field]))
    for name in _PERSON_DROPPED:
        if name in row:
            row[name] = ""
    return row


def _rows_of(conn: Connection, table: Table, project_id: int) -> Iterator[dict[str, Any]]:
    stmt = select(table).where(table.c.project_id == project_id).order_by(table.c.id)
    for r in conn.execute(stmt).mappings():
        row = {k: _encode(v) for k, v in r.items()}
        yield _person_out(row) if table.name == "person" else row


def _project_row(project: Project) -> dict[str, Any]:
    table = _table(Project)
    return {c.name: _encode(getattr(project, c.name)) for c in table.columns
            if c.name not in _PROJECT_LOCAL}


# ---- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportResult:
    path: Path
    code: str
    seq: int
    base_seq: int
    full: bool
    rows: int
    audit_rows: int
    size: int
    fingerprint: str


@dataclass(frozen=True)
class LastExport:
    """The site's newest package: what head office should have last (the export dialog)."""

    seq: int
    base_seq: int
    full: bool
    created_at: dt.datetime
    file_name: str
    rows: int


@dataclass(frozen=True)
class ImportResult:
    project: str
    seq: int
    rows_inserted: int
    rows_updated: int
    rows_deleted: int
    unchanged: bool
    fingerprint: str
    new_key: bool  # the first package of this project: its key is now trusted
    # the first site audit row that does not continue the site's chain (the site database
    # was changed behind the app), or None; the data is imported all the same
    chain_break: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"project": self.project, "seq": self.seq, "rows_inserted": self.rows_inserted,
                "rows_updated": self.rows_updated, "rows_deleted": self.rows_deleted,
                "unchanged": self.unchanged}


class SitePackageService:
    def __init__(self, db: Database, actor: str | None = None) -> None:
        self.db, self.actor = db, actor

    # ---- the site: export --------------------------------------------------------------------
    def export(self, path: Path, *, full: bool = False) -> ExportResult:
        """Write the current project's package to ``path`` (full when ``full`` or first)."""
        with self.db.read() as s:
            project = s.get(Project, current_project_id(s))
            if project is None:
                raise AppError(strings.SP_NO_PROJECT)
            if project.origin == "site":  # said before the general read-only refusal
                raise AppError(strings.SP_EXPORT_SITE_COPY.format(code=project.code))
        return self._export(path, full)

    def last_export(self) -> LastExport | None:
        """The current project's newest export, or ``None`` before the first (which is
        full whatever is asked)."""
        with self.db.read() as s:
            last = _newest_export(s, current_project_id(s))
            if last is None:
                return None
            return LastExport(last.seq, last.base_seq, last.full, last.created_at, last.file_name,
                              last.rows)

    @writes
    def _export(self, path: Path, full: bool) -> ExportResult:
        with self.db.transaction(self.actor) as s:
            pid = current_project_id(s)
            project = s.get(Project, pid)
            assert project is not None
            key = self._site_key(s, pid)
            last = _newest_export(s, pid)
            full = full or last is None
            seq = 1 if last is None else last.seq + 1
            base_seq = 0 if full or last is None else last.seq
            audit_from = 0 if full or last is None else last.audit_last_id
            conn = s.connection()
            known = {} if full else self._carried(conn, pid)
            lines, counts, state = self._changes(conn, pid, known, full)
            lines.insert(0, {"t": "project", "id": pid, "row": _project_row(project)})
            audit_rows = [self._audit_line(r) for r in s.scalars(
                select(AuditLog).where(AuditLog.id > audit_from).order_by(AuditLog.id))]
            audit_last = audit_rows[-1]["row"]["id"] if audit_rows else audit_from
            payload = fmt.gzip_lines(iter(lines + audit_rows))
            now = self.db.clock.now()
            manifest = {
                "format": fmt.FORMAT, "kind": fmt.KIND,
                "project": {"code": project.code, "uid": project.uid, "name": project.name},
                "seq": seq, "base_seq": base_seq, "full": full,
                "created": now.isoformat(timespec="seconds"), "app_version": __version__,
                "tables": counts, "audit_rows": len(audit_rows),
                "public_key": key.public_key, "fingerprint": fmt.fingerprint(key.public_key),
            }
            data = fmt.build(manifest, payload, key.private_key)
            self._remember(conn, pid, known, state, full)
            rows = sum(c["upsert"] + c["delete"] for c in counts.values())
            s.add(SiteExport(project_id=pid, seq=seq, base_seq=base_seq, full=full,
                             created_at=now, digest=hashlib.sha256(payload).hexdigest(),
                             rows=rows, audit_last_id=audit_last, file_name=path.name[:255]))
            s.flush()
            audit.record(conn, self.db.actor_name(self.actor), "export", ENTITY, str(seq), None,
                         {"project": project.code, "seq": seq, "base_seq": base_seq,
                          "full": full, "rows": rows, "file": path.name},
                         self.db.clock, s.info.get(audit.KEYS_KEY))
            try:
                write_atomic(path, data)
            except OSError as exc:
                raise AppError(strings.SP_WRITE_FAILED.format(file=path, err=exc)) from None
            return ExportResult(path, project.code, seq, base_seq, full, rows, len(audit_rows),
                                len(data), fmt.fingerprint(key.public_key))

    def _site_key(self, s: Session, pid: int) -> SiteKey:
        key = s.scalars(select(SiteKey).where(SiteKey.project_id == pid)).first()
        if key is None:
            private, public = fmt.new_key()
            key = SiteKey(project_id=pid, private_key=private, public_key=public,
                          created_at=self.db.clock.now())
            s.add(key)
            s.flush()
        return key

    @staticmethod
    def _carried(conn: Connection, pid: int) -> dict[tuple[str, int], str]:
        t = _table(SiteExportRow)
        rows = conn.execute(select(t.c.table_name, t.c.row_id, t.c.row_hash)
                            .where(t.c.project_id == pid))
        return {(r[0], int(r[1])): str(r[2]) for r in rows}

    @staticmethod
    def _changes(conn: Connection, pid: int, known: dict[tuple[str, int], str], full: bool
                 ) -> tuple[list[dict[str, Any]], dict[str, dict[str, int]],
                            dict[tuple[str, int], str]]:
        """The lines to carry (upserts parents first, deletions children first), the counts
        per table, and every current row's hash."""
        lines: list[dict[str, Any]] = []
        counts: dict[str, dict[str, int]] = {}
        state: dict[tuple[str, int], str] = {}
        tables = exported_tables()
        for table in tables:
            n = 0
            for row in _rows_of(conn, table, pid):
                h = row_hash(row)
                key = (table.name, int(row["id"]))
                state[key] = h
                if full or known.get(key) != h:
                    lines.append({"t": table.name, "id": key[1], "row": row})
                    n += 1
            counts[table.name] = {"upsert": n, "delete": 0}
        gone = sorted(k for k in known if k not in state)
        order = {t.name: i for i, t in enumerate(tables)}
        for name, row_id in sorted(gone, key=lambda k: (-order.get(k[0], -1), k[1])):
            lines.append({"t": name, "id": row_id, "del": True})
            counts.setdefault(name, {"upsert": 0, "delete": 0})["delete"] += 1
        return lines, counts, state

    @staticmethod
    def _remember(conn: Connection, pid: int, known: dict[tuple[str, int], str],
                  state: dict[tuple[str, int], str], full: bool) -> None:
        """``site_export_row`` becomes ``state`` (what this package leaves head office with)."""
        t = _table(SiteExportRow)
        if full:
            conn.execute(delete(t).where(t.c.project_id == pid))
            known = {}
        gone = [k for k in known if k not in state]
        changed = [(k, h) for k, h in state.items() if k in known and known[k] != h]
        new = [(k, h) for k, h in state.items() if k not in known]
        for k in gone:
            conn.execute(delete(t).where(t.c.project_id == pid, t.c.table_name == k[0],
                                         t.c.row_id == k[1]))
        if changed:
            conn.execute(t.update().where(t.c.project_id == pid,
                                          t.c.table_name == bindparam("tn"),
                                          t.c.row_id == bindparam("rid"))
                         .values(row_hash=bindparam("h")),
                         [{"tn": k[0], "rid": k[1], "h": h} for k, h in changed])
        for chunk in _chunks(new):
            conn.execute(t.insert(), [{"project_id": pid, "table_name": k[0], "row_id": k[1],
                                       "row_hash": h} for k, h in chunk])

    @staticmethod
    def _audit_line(r: AuditLog) -> dict[str, Any]:
        cols = ("id", "at", "actor", "action", "entity", "entity_id", "before", "after",
                "prev_hash", "hash")
        return {"t": fmt.AUDIT_TABLE, "row": {c: getattr(r, c) for c in cols}}

    # ---- head office: import -----------------------------------------------------------------
    def import_(self, path: Path) -> ImportResult:
        """Verify and apply the package at ``path`` in one transaction (nothing written when
        it is refused). The package's project is written even though it is read-only here:
        the package is how its data changes."""
        package = fmt.read(path)
        self._may_import()
        with self.db.transaction(self.actor, system=True) as s:
            return _Importer(self.db, s, package, self.db.actor_name(self.actor)).run()

    def _may_import(self) -> None:
        """The importer must be someone who may write (issue 18); the project being a
        read-only site copy is not a reason to refuse, so ``write_refusal`` is not asked."""
        p = self.db.principal
        if p is None:
            if self.db.accounts_required:
                raise AccessDenied(strings.ACC_REFUSED_NOT_SIGNED_IN)
            return
        if not p.can_write:
            raise AccessDenied(strings.ACC_REFUSED_VIEWER.format(user=p.display))


def _newest_export(s: Session, pid: int) -> SiteExport | None:
    """Project ``pid``'s newest package written here, or ``None`` before the first."""
    return s.scalars(select(SiteExport).where(SiteExport.project_id == pid)
                     .order_by(SiteExport.seq.desc()).limit(1)).first()


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _Importer:
    """One package applied in the caller's transaction."""

    def __init__(self, db: Database, s: Session, package: fmt.Package, actor: str) -> None:
        self.db, self.s, self.p, self.actor = db, s, package, actor
        self.conn = s.connection()
        self.name = package.path.name
        self.inserted = self.updated = self.deleted = 0
        self.maps: dict[str, dict[int, tuple[int, str]]] = {}
        self.chain_break: int | None = None

    def run(self) -> ImportResult:
        p, s = self.p, self.s
        fp = fmt.fingerprint(p.public_key)
        trust = s.get(SiteTrust, p.uid)
        if trust is not None and trust.public_key != p.public_key:
            raise PackageRefused(strings.SP_OTHER_KEY.format(
                file=self.name, code=p.code, got=fp, trusted=trust.fingerprint))
        project = s.scalars(select(Project).where(Project.uid == p.uid)).first()
        if project is not None and project.origin != "site":
            raise PackageRefused(strings.SP_LOCAL_PROJECT.format(file=self.name, code=p.code))
        last = None if project is None else s.scalars(
            select(SiteImport).where(SiteImport.project_id == project.id)
            .order_by(SiteImport.seq.desc()).limit(1)).first()
        if project is not None and (unchanged := self._seen(project)) is not None:
            return unchanged
        if not p.full:
            if last is None:
                raise PackageRefused(strings.SP_NEED_FULL.format(file=self.name, code=p.code,
                                                                 seq=p.seq))
            if p.base_seq != last.seq:
                raise PackageRefused(strings.SP_MISSING_SEQ.format(
                    file=self.name, code=p.code, seq=p.seq, missing=last.seq + 1))
        new_key = trust is None
        if new_key:
            s.add(SiteTrust(project_uid=p.uid, public_key=p.public_key, fingerprint=fp,
                            first_seen=self.db.clock.now()))
        project = self._project(project)
        self._apply(project.id)
        s.add(SiteImport(project_id=project.id, seq=p.seq, base_seq=p.base_seq, full=p.full,
                         digest=p.digest, fingerprint=fp, file_name=self.name[:255],
                         created=str(p.manifest.get("created", ""))[:40],
                         imported_at=self.db.clock.now(), rows_inserted=self.inserted,
                         rows_updated=self.updated, rows_deleted=self.deleted))
        s.flush()
        audit.record(self.conn, self.actor, "import", ENTITY, f"{p.code}#{p.seq}", None,
                     {"project": p.code, "uid": p.uid, "seq": p.seq, "full": p.full,
                      "digest": p.digest, "fingerprint": fp, "inserted": self.inserted,
                      "updated": self.updated, "deleted": self.deleted, "file": self.name,
                      "site_chain_break": self.chain_break},
                     self.db.clock, s.info.get(audit.KEYS_KEY))
        return ImportResult(project.code, p.seq, self.inserted, self.updated, self.deleted,
                            False, fp, new_key, self.chain_break)

    def _seen(self, project: Project) -> ImportResult | None:
        """This seq imported before: the same package (unchanged) or a different one."""
        p = self.p
        before = self.s.scalars(select(SiteImport).where(
            SiteImport.project_id == project.id, SiteImport.seq >= p.seq)
            .order_by(SiteImport.seq)).all()
        if not before:
            return None
        same = next((b for b in before if b.seq == p.seq), None)
        if same is not None and same.digest != p.digest:
            raise PackageRefused(strings.SP_SEQ_CONFLICT.format(file=self.name, code=p.code,
                                                                seq=p.seq))
        return ImportResult(project.code, p.seq, 0, 0, 0, True, fmt.fingerprint(p.public_key),
                            False)

    def _project(self, project: Project | None) -> Project:
        """The local copy of the site's project: created on first import (origin "site"),
        else brought up to date (its code may have changed at the site)."""
        line = next(iter(self.p.lines()), None)
        if line is None or line.get("t") != "project":
            raise PackageRefused(strings.SP_BAD_PAYLOAD.format(file=self.name, why="project"))
        values = {k: v for k, v in _decode(_table(Project), line["row"]).items()
                  if k not in _PROJECT_LOCAL}
        code = str(values.get("code", ""))
        clash = self.s.scalars(select(Project).where(Project.code == code,
                                                     Project.uid != self.p.uid)).first()
        if clash is not None:
            raise PackageRefused(strings.SP_CODE_CLASH.format(file=self.name, code=code))
        if project is None:
            (pid,) = _allocate(self.conn, _table(Project), 1)
            project = Project(id=pid, origin="site", **values)
            self.s.add(project)
            self.inserted += 1
        elif any(getattr(project, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(project, k, v)
            self.updated += 1
        self.s.flush()
        return project

    # ---- rows ------------------------------------------------------------------------------
    def _apply(self, pid: int) -> None:
        tables = {t.name: t for t in exported_tables()}
        upserts: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        deletes: dict[str, list[int]] = defaultdict(list)
        audit_rows: list[dict[str, Any]] = []
        for line in self.p.lines():
            name = line["t"]
            if name == "project":
                continue
            if name == fmt.AUDIT_TABLE:
                audit_rows.append(line["row"])
            elif name in tables:
                if line.get("del"):
                    deletes[name].append(int(line["id"]))
                else:
                    upserts[name].append((int(line["id"]), line["row"]))
            # a table this version does not know (a newer site) is left out
        for name, table in tables.items():
            present = {i for i, _ in upserts[name]} if self.p.full else set()
            self._upsert(pid, table, upserts[name])
            if self.p.full:  # a replacement: what the package lacks is gone at the site
                deletes[name] = [i for i in self._map(pid, name) if i not in present]
        for name, table in reversed(tables.items()):
            self._delete(pid, table, deletes[name])
        self._audit(pid, audit_rows)

    def _map(self, pid: int, name: str) -> dict[int, tuple[int, str]]:
        if name not in self.maps:
            t = _table(SiteRowMap)
            rows = self.conn.execute(select(t.c.site_id, t.c.local_id, t.c.row_hash).where(
                t.c.project_id == pid, t.c.table_name == name))
            self.maps[name] = {int(r[0]): (int(r[1]), str(r[2])) for r in rows}
        return self.maps[name]

    def _local(self, pid: int, table: Table, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` with every foreign key turned from site ids into local ids."""
        out = dict(row)
        for col in table.columns:
            for fk in col.foreign_keys:
                value = row.get(col.name)
                target = fk.column.table.name
                if value is None:
                    continue
                if target == "project":
                    out[col.name] = pid
                    continue
                hit = self._map(pid, target).get(int(value))
                if hit is None:
                    raise PackageRefused(strings.SP_BAD_PAYLOAD.format(
                        file=self.name, why=f"{table.name}.{col.name}"))
                out[col.name] = hit[0]
        return out

    def _upsert(self, pid: int, table: Table, rows: list[tuple[int, dict[str, Any]]]) -> None:
        if not rows:
            return
        mapping = self._map(pid, table.name)
        new = sorted(((i, r) for i, r in rows if i not in mapping), key=lambda x: x[0])
        ids = _allocate(self.conn, table, len(new))
        hashes = {site_id: row_hash(row) for site_id, row in rows}
        map_rows = []
        for (site_id, _row), local_id in zip(new, ids, strict=True):
            h = hashes[site_id]
            mapping[site_id] = (local_id, h)
            map_rows.append({"project_id": pid, "table_name": table.name, "site_id": site_id,
                             "local_id": local_id, "row_hash": h})
        inserts = [_decode(table, {**self._local(pid, table, row), "id": mapping[i][0]})
                   for i, row in new]
        changed = []
        fresh = {i for i, _ in new}
        for site_id, row in rows:
            local_id, old = mapping[site_id]
            h = hashes[site_id]
            if site_id in fresh or old == h:
                continue
            mapping[site_id] = (local_id, h)
            changed.append((site_id, local_id, h, row))
        smap = _table(SiteRowMap)
        _insert_rows(self.conn, table, inserts)
        _insert_rows(self.conn, smap, map_rows)
        for site_id, local_id, h, row in changed:
            values = _decode(table, self._local(pid, table, row))
            values.pop("id", None)
            self.conn.execute(table.update().where(table.c.id == local_id).values(**values))
            self.conn.execute(smap.update().where(
                smap.c.project_id == pid, smap.c.table_name == table.name,
                smap.c.site_id == site_id).values(row_hash=h))
        self.inserted += len(inserts)
        self.updated += len(changed)

    def _delete(self, pid: int, table: Table, site_ids: list[int]) -> None:
        mapping = self._map(pid, table.name)
        known = [i for i in site_ids if i in mapping]
        smap = _table(SiteRowMap)
        for chunk in _chunks(known):
            self.conn.execute(delete(table).where(
                table.c.id.in_([mapping[i][0] for i in chunk])))
            self.conn.execute(delete(smap).where(
                smap.c.project_id == pid, smap.c.table_name == table.name,
                smap.c.site_id.in_(list(chunk))))
        for i in known:
            del mapping[i]
        self.deleted += len(known)

    def _audit(self, pid: int, rows: list[dict[str, Any]]) -> None:
        """The site's audit chain, kept under its site ids (a full package: anew)."""
        t = _table(SiteAudit)
        if self.p.full:
            self.conn.execute(delete(t).where(t.c.project_id == pid))
        have = {int(r[0]) for r in self.conn.execute(
            select(t.c.site_id).where(t.c.project_id == pid))}
        cols = ("at", "actor", "action", "entity", "entity_id", "before", "after",
                "prev_hash", "hash")
        new = [{"project_id": pid, "site_id": int(r["id"]), **{c: r.get(c) for c in cols}}
               for r in rows if int(r["id"]) not in have]
        last = self.conn.execute(select(t.c.site_id, t.c.hash).where(t.c.project_id == pid)
                                 .order_by(t.c.site_id.desc()).limit(1)).first()
        self.chain_break = _chain_break(new, (int(last[0]), str(last[1])) if last else None)
        _insert_rows(self.conn, t, new)


def _chain_break(rows: Sequence[dict[str, Any]], last: tuple[int, str] | None) -> int | None:
    """The site id of the first audit row that does not continue the site's chain (its id
    not the next, or its ``prev_hash`` not the previous row's hash), or ``None``. Only the
    links are checked: the keyed part of a chain needs the site's key."""
    prev_id, prev_hash = last or (0, audit.GENESIS)
    for row in sorted(rows, key=lambda r: int(r["site_id"])):
        if int(row["site_id"]) != prev_id + 1 or row["prev_hash"] != prev_hash:
            return int(row["site_id"])
        prev_id, prev_hash = int(row["site_id"]), str(row["hash"])
    return None


def _insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Many rows at once: the driver's executemany on SQLite; COPY on PostgreSQL (psycopg's
    executemany sends one statement a row, ~3x slower for a month of punches)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), list(rows))
        return
    cols = list(rows[0])
    raw: Any = conn.connection.driver_connection
    names = ", ".join(f'"{c}"' for c in cols)
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(tuple(row[c] for c in cols))


def _allocate(conn: Connection, table: Table, n: int) -> list[int]:
    """``n`` new ids for ``table``: from its sequence on PostgreSQL, after the largest id on
    SQLite (the transaction holds the write lock, so nobody takes them meanwhile)."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        # rows inserted with explicit ids (ensure_project, add_project) do not move the
        # sequence: it is first brought past the largest id
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                           {"t": table.name}).scalar_one()
        conn.execute(text(f'SELECT setval(:s, GREATEST((SELECT COALESCE(MAX(id), 0) FROM '
                          f'"{table.name}"), nextval(:s)))'), {"s": seq})
        rows = conn.execute(text("SELECT nextval(:s) FROM generate_series(1, :n)"),
                            {"s": seq, "n": n})
        return [int(r[0]) for r in rows]
    start = int(conn.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"'))
                .scalar_one())
    return list(range(start + 1, start + n + 1))


__all__ = ["EXCLUDED", "ExportResult", "ImportResult", "PackageRefused", "SitePackageService",
           "coverage_problems", "exported_tables", "row_hash", "scoped_tables"]
