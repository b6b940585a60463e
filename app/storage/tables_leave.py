"""Leave requests, their attachments, and overtime requests (SPEC L1–L7, O1)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Audited, Base


class LeaveRequest(Audited, Base):
    __tablename__ = "leave_request"
    __audit_entity__ = "leave_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    leave_type: Mapped[str] = mapped_column(String(30))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_session: Mapped[str] = mapped_column(String(2))
    end_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_session: Mapped[str] = mapped_column(String(2))
    days: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    handover_note: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    filed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    contacted_whom: Mapped[str] = mapped_column(String(100), default="")
    contacted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    backfiled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="submitted")
    violations: Mapped[str] = mapped_column(Text, default="[]")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    pm_approver: Mapped[str] = mapped_column(String(50), default="")
    pm_approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    pm_opinion: Mapped[str] = mapped_column(Text, default="")
    client_approver: Mapped[str] = mapped_column(String(50), default="")
    client_approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    client_opinion: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(50), default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    returned_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    returned_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    extension_of: Mapped[int | None] = mapped_column(ForeignKey("leave_request.id"),
                                                     nullable=True)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LeaveAttachment(Audited, Base):
    __tablename__ = "leave_attachment"
    __audit_entity__ = "leave_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    leave_id: Mapped[int] = mapped_column(ForeignKey("leave_request.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class OvertimeRequest(Audited, Base):
    __tablename__ = "overtime_request"
    __audit_entity__ = "overtime_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[str] = mapped_column(String(5))
    end_time: Mapped[str] = mapped_column(String(5))
    hours: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(10))  # voluntary | required
    day_kind: Mapped[str] = mapped_column(String(20))
    rate: Mapped[float] = mapped_column(Float)
    comp_time: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(12), default="submitted")
    approver: Mapped[str] = mapped_column(String(50), default="")
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    late_application: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100), default="")
