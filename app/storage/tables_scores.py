"""Conduct rules, their effective-dated values, incidents and waivers (SPEC S1–S3).

Attendance-derived incidents are not stored: they are recomputed from the month's verdicts
each time (``app.services.scores``). What the user adds to them (a waiver with its reason)
is stored in ``score_waiver``, keyed by (person, day, session, kind), so a correction that
removes a lateness removes its deduction without deleting anything.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Audited, Base


class ScoreRule(Audited, Base):
    """A rule the user added to the catalogue (the regulation's rules live in code)."""

    __tablename__ = "score_rule"
    __audit_entity__ = "score_rule"
    __table_args__ = (UniqueConstraint("project_id", "code", name="uq_score_rule_project_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # deduction | reward
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class ScoreRuleChange(Audited, Base):
    """From ``effective_from`` on, rule ``code`` is worth ``points`` (or is retired)."""

    __tablename__ = "score_rule_change"
    __audit_entity__ = "score_rule_change"
    __table_args__ = (UniqueConstraint("project_id", "code", "effective_from",
                                       name="uq_score_rule_change_project_code_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    points: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class ScoreSetting(Audited, Base):
    """Base score, flag threshold and its label, effective-dated like the rules."""

    __tablename__ = "score_setting"
    __audit_entity__ = "score_setting"
    __table_args__ = (UniqueConstraint("project_id", "key", "effective_from",
                                       name="uq_score_setting_project_key_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(100))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class ScoreIncident(Audited, Base):
    """A conduct incident recorded by hand. ``points_override`` is NULL when the points are
    the rule's value in force on the incident's day. A waiver is set on the row itself."""

    __tablename__ = "score_incident"
    __audit_entity__ = "score_incident"
    __table_args__ = (Index("ix_score_incident_person_day", "person_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    rule_code: Mapped[str] = mapped_column(String(40))
    points_override: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    waived_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    waived_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    waive_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class ScoreWaiver(Audited, Base):
    """A waiver of an attendance-derived incident: (person, day, session, kind) with its
    reason. Revoking it sets ``revoked_at``; the row is never deleted."""

    __tablename__ = "score_waiver"
    __audit_entity__ = "score_waiver"
    __table_args__ = (Index("ix_score_waiver_person_day", "person_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    session: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(10))  # late | early
    reason: Mapped[str] = mapped_column(Text)
    waived_at: Mapped[dt.datetime] = mapped_column(DateTime)
    waived_by: Mapped[str] = mapped_column(String(100), default="")
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
