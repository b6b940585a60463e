"""Attendance tables: settings, import batches, raw punches, corrections, manual absences,
nursing periods and month locks (SPEC A1–A7, D3).

Raw punches are evidence: rows are only ever inserted (never updated or deleted); a batch can
be reverted, which hides its punches. Corrections and manual entries are revoked, not deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Audited, Base


class Setting(Audited, Base):
    """An effective-dated project setting: the row with the latest ``effective_from`` on or
    before a day is the value in force that day."""

    __tablename__ = "setting"
    __audit_entity__ = "setting"
    __table_args__ = (UniqueConstraint("project_id", "key", "effective_from",
                                       name="uq_setting_project_key_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ImportBatch(Audited, Base):
    __tablename__ = "import_batch"
    __audit_entity__ = "import_batch"
    __audit_exclude__ = ("problems",)  # stored once, here; the audit log keeps its digest

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # usb | lan | demo
    source: Mapped[str] = mapped_column(String(500), default="")
    device: Mapped[str] = mapped_column(String(64), default="")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    read_count: Mapped[int] = mapped_column(Integer, default=0)
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[str] = mapped_column(Text, default="[]")
    # up to when this read holds everything the clock recorded: a LAN read, the clock's time
    # at the read; a file, its newest record (None: the batch says nothing about coverage)
    covered_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    # the oldest record the read holds: the clock's memory reaches back this far
    covered_from: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reverted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    reverted_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    revert_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    # SHA-256 over the batch's stored punches (app.storage.audit_data), audited with the batch
    punch_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CoverageDeclaration(Audited, Base):
    """Days the supervisor declared covered without clock data (the whole team on a trip):
    their sessions are judged as if the clock had been read. Revoked, never deleted."""

    __tablename__ = "coverage_declaration"
    __audit_entity__ = "coverage_declaration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class Punch(Base):
    """One raw punch exactly as read (A3). Identity: (device, device user id, time)."""

    __tablename__ = "punch"
    # One index serves both the idempotent insert and the per-person time-range reads.
    __table_args__ = (
        UniqueConstraint("project_id", "device_user_id", "punched_at", "device",
                         name="uq_punch_identity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"))
    device: Mapped[str] = mapped_column(String(64), default="")
    device_user_id: Mapped[str] = mapped_column(String(20))
    punched_at: Mapped[dt.datetime] = mapped_column(DateTime)
    verify_mode: Mapped[int | None] = mapped_column(Integer, nullable=True)
    in_out_state: Mapped[int | None] = mapped_column(Integer, nullable=True)
    work_code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))


class PunchCorrection(Audited, Base):
    """Punch correction: the check-in or sign-out of one session, with reason and approver."""

    __tablename__ = "punch_correction"
    __audit_entity__ = "punch_correction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    session: Mapped[str] = mapped_column(String(2))
    slot: Mapped[str] = mapped_column(String(3))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    approver: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class ManualAbsence(Audited, Base):
    """Absence entered by hand: overstayed leave, proxy punching, unauthorized outing (A6)."""

    __tablename__ = "manual_absence"
    __audit_entity__ = "manual_absence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    session: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class NursingPeriod(Audited, Base):
    """Nursing: a daily nursing hour from ``start_date`` until the child's first birthday."""

    __tablename__ = "nursing_period"
    __audit_entity__ = "nursing_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class MonthLock(Audited, Base):
    """Lock and reopen events of a month; a lock keeps the signed-off results as a snapshot."""

    __tablename__ = "month_lock"
    __audit_entity__ = "month_lock"
    __audit_exclude__ = ("snapshot",)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    action: Mapped[str] = mapped_column(String(10))  # lock | reopen
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the paper anchor of a lock (issue 18, app.domain.anchor): the frozen month and the
    # audit head the lock follows
    anchor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    anchor_audit_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    anchor_audit_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Device(Audited, Base):
    """A time clock: how to reach it on the LAN, and what it said about itself last time."""

    __tablename__ = "device"
    __audit_entity__ = "device"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_device_project_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    host: Mapped[str] = mapped_column(String(100), default="")
    port: Mapped[int] = mapped_column(Integer, default=4370)
    comm_key: Mapped[int] = mapped_column(Integer, default=0)
    protocol: Mapped[str] = mapped_column(String(3), default="tcp")
    timeout: Mapped[int] = mapped_column(Integer, default=10)
    encoding: Mapped[str] = mapped_column(String(20), default="gbk")
    serial: Mapped[str] = mapped_column(String(64), default="")
    firmware: Mapped[str] = mapped_column(String(100), default="")
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class ClockUserRow(Base):
    """Users enrolled on a clock, as last read over the LAN: names help map ids (D4)."""

    __tablename__ = "clock_user"
    __table_args__ = (UniqueConstraint("project_id", "device", "user_id",
                                       name="uq_clock_user_identity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    device: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(50), default="")
    uid: Mapped[int] = mapped_column(Integer, default=0)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
