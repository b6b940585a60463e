"""Head office (issue 19): each project's month in figures, stored so the cross-project
overview reads one table instead of computing fifty months (app.services.headoffice).

A derived cache, not business data: not audited, recomputed whenever it is stale (newer audit
rows of its project, or a month not over when it was computed and a new day since; then
only the days after its ``ended`` part are counted again)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Base


class ProjectMonthSummary(Base):
    __tablename__ = "project_month_summary"

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True, index=True)  # YYYY-MM
    figures: Mapped[str] = mapped_column(Text)  # JSON (app.dto.headoffice.MonthFigures)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # the day the figures stand at: min(today, the month's last day) when computed
    as_of: Mapped[dt.date] = mapped_column(Date)
    # the newest audit row id the figures are known to include (for the staleness check)
    audit_mark: Mapped[int] = mapped_column(Integer)
    # each person's figures of the days that cannot change while the data does not (JSON,
    # app.services.headoffice.Ended): read only when the summary has aged by a day
    ended: Mapped[str | None] = mapped_column(Text, nullable=True, deferred=True)
