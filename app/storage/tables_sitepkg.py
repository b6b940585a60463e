"""Issue 19, the site package's own bookkeeping (migration 0018); none of it is exported.

Site side: ``site_key`` (the Ed25519 signing key of a project, created once, never leaves the
site), ``site_export`` (one row per package written) and ``site_export_row`` (the hash of every
row as the newest package carried it: what the next, incremental package compares with).

Head-office side: ``site_trust`` (the first public key seen for a project uid: later packages
must carry the same), ``site_import`` (one row per package applied), ``site_row_map`` (site row
id → local row id per project and table: rows keep their identity, ids of many sites never
collide) and ``site_audit`` (a copy of the site's audit chain, rows under their site ids).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Base


class SiteKey(Base):
    __tablename__ = "site_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), unique=True)
    private_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519 seed, hex
    public_key: Mapped[str] = mapped_column(String(64))  # raw, hex
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SiteExport(Base):
    __tablename__ = "site_export"
    __table_args__ = (UniqueConstraint("project_id", "seq", name="uq_site_export_project_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    base_seq: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    digest: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    audit_last_id: Mapped[int] = mapped_column(Integer)  # the newest audit row carried
    file_name: Mapped[str] = mapped_column(String(255), default="")


class SiteExportRow(Base):
    __tablename__ = "site_export_row"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    row_hash: Mapped[str] = mapped_column(String(32))


class SiteTrust(Base):
    __tablename__ = "site_trust"

    project_uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime)


class SiteImport(Base):
    __tablename__ = "site_import"
    __table_args__ = (UniqueConstraint("project_id", "seq", name="uq_site_import_project_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    base_seq: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean)
    digest: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255), default="")
    created: Mapped[str] = mapped_column(String(40), default="")  # the package's own stamp
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rows_inserted: Mapped[int] = mapped_column(Integer)
    rows_updated: Mapped[int] = mapped_column(Integer)
    rows_deleted: Mapped[int] = mapped_column(Integer)


class SiteRowMap(Base):
    __tablename__ = "site_row_map"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(50), primary_key=True)
    site_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    local_id: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str] = mapped_column(String(32))


class SiteAudit(Base):
    __tablename__ = "site_audit"
    __table_args__ = (UniqueConstraint("project_id", "site_id",
                                       name="uq_site_audit_project_site_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    site_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(50))
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
