"""Service log, the staff on each call with their entry and exit times, daily work
reports and the service commitments' settings (SPEC V1–V3)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
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


class ServiceRecord(Audited, Base):
    """One service call or inspection. Times are naive local date-times at minute precision."""

    __tablename__ = "service_record"
    __audit_entity__ = "service_record"
    __table_args__ = (
        UniqueConstraint("project_id", "number", name="uq_service_record_project_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    number: Mapped[str] = mapped_column(String(30))
    service_type: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    reporter: Mapped[str] = mapped_column(String(50), default="")
    reporter_dept: Mapped[str] = mapped_column(String(100), default="")
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    responded_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    arrived_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    head_count: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    handling: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(12), default="pending")
    pending_reason: Mapped[str] = mapped_column(Text, default="")
    parts_replaced: Mapped[str] = mapped_column(Text, default="")
    user_rating: Mapped[str] = mapped_column(String(20), default="")
    client_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    client_signed_by: Mapped[str] = mapped_column(String(50), default="")
    client_signed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ServiceRecordStaff(Audited, Base):
    """A roster person who served on a record, with the entry/exit times the contract asks
    for."""

    __tablename__ = "service_record_staff"
    __audit_entity__ = "service_record_staff"
    __table_args__ = (
        UniqueConstraint("record_id", "person_id", name="uq_service_record_staff_record_person"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("service_record.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    entered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    exited_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class DailyReport(Audited, Base):
    """Daily work report: one short text per person per day."""

    __tablename__ = "daily_report"
    __audit_entity__ = "daily_report"
    __table_args__ = (
        UniqueConstraint("project_id", "person_id", "day", name="uq_daily_report_person_day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ServiceSetting(Audited, Base):
    """Effective-dated settings of the service commitments: ``response_minutes``,
    ``resolution_minutes`` and ``acceptance_date`` (the warranty starts there)."""

    __tablename__ = "service_setting"
    __audit_entity__ = "service_setting"
    __table_args__ = (
        UniqueConstraint("project_id", "key", "effective_from",
                         name="uq_service_setting_key_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    key: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
