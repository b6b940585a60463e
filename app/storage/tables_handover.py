"""Personnel changes, their approvals and handover, and the handover checklist (SPEC C1-C6).

One ``staff_change`` row holds the change, the two approvals of the change request (client
department, supervision firm) and the handover that goes with it (one handover per change);
``handover_item`` holds the checklist lines.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Audited, Base


class StaffChange(Audited, Base):
    __tablename__ = "staff_change"
    __audit_entity__ = "staff_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    leaving_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True,
                                                   index=True)
    joining_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True,
                                                   index=True)
    change_date: Mapped[dt.date] = mapped_column(Date, index=True)
    demand_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    reason_kind: Mapped[str] = mapped_column(String(20), default="")
    replacement_plan: Mapped[str] = mapped_column(Text, default="")
    new_role: Mapped[str] = mapped_column(String(50), default="")
    # the newcomer as the change request describes them (free text)
    joining_gender: Mapped[str] = mapped_column(String(10), default="")
    joining_education: Mapped[str] = mapped_column(String(100), default="")
    joining_years: Mapped[str] = mapped_column(String(20), default="")
    joining_certificates: Mapped[str] = mapped_column(Text, default="")
    # the paperwork
    notice_sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    application_submitted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    client_approver: Mapped[str] = mapped_column(String(50), default="")
    client_approved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    client_opinion: Mapped[str] = mapped_column(Text, default="")
    supervisor_approver: Mapped[str] = mapped_column(String(50), default="")
    supervisor_approved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    supervisor_opinion: Mapped[str] = mapped_column(Text, default="")
    # the handover
    handed_by: Mapped[str] = mapped_column(String(50), default="")
    received_by: Mapped[str] = mapped_column(String(50), default="")
    witnessed_by: Mapped[str] = mapped_column(String(50), default="")
    handover_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handover_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handover_started_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    assessment_result: Mapped[str] = mapped_column(Text, default="")
    assessment_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    probation_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # the end
    state: Mapped[str] = mapped_column(String(12), default="planned")
    finished_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    finish_override: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HandoverItem(Audited, Base):
    """One line of the handover checklist; ``equipment_id`` links a line to a roster item."""

    __tablename__ = "handover_item"
    __audit_entity__ = "handover_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("staff_change.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20), default="default")
    equipment_id: Mapped[int | None] = mapped_column(
        ForeignKey("equipment_item.id", ondelete="SET NULL"), nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
