"""Effective-dated project settings: schedule, thresholds, sheet legend (SPEC A1, A2, P2).

A value set "from 1 June" applies from that day on; March keeps what it had.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain.inputs import check_date, clean_text
from app.domain.schedule import RULE_KEYS, RulesTimeline, apply_setting, default_values
from app.errors import ValidationError
from app.security.guard import writes
from app.services.changes import SETTINGS, Changes
from app.services.project import current_project_id, ensure_project
from app.storage.db import Database
from app.storage.tables_attendance import Setting

LEGEND_PREFIX = "legend."
EXAMPLES = {"schedule.am": "08:30-12:00", "schedule.pm": "14:00-17:30",
            "rules.day_start": "04:00"}


LEAVE_PREFIX = "leave_type."


def known_keys() -> tuple[str, ...]:
    from app.domain.leave import TYPES

    return (*RULE_KEYS, *(LEGEND_PREFIX + k for k in strings.LEGEND_DEFAULT),
            *(LEAVE_PREFIX + k for k in TYPES))


def load_leave_types(s: Session) -> dict[str, Any]:
    """Leave types with the project's overrides (counting, attachment, maximum per request)."""
    import dataclasses
    import json

    from app.domain.leave import TYPES

    types: dict[str, Any] = dict(TYPES)
    rows = s.execute(select(Setting.key, Setting.value)
                     .where(Setting.project_id == current_project_id(s),
                            Setting.key.like(LEAVE_PREFIX + "%"))
                     .order_by(Setting.effective_from, Setting.id)).all()
    for key, value in rows:
        code = key[len(LEAVE_PREFIX):]
        if code in types:
            fields = json.loads(value)
            types[code] = dataclasses.replace(types[code], **fields)
    return types


def load_timeline(s: Session) -> RulesTimeline:
    rows = s.execute(select(Setting.effective_from, Setting.key, Setting.value)
                     .where(Setting.project_id == current_project_id(s),
                            Setting.key.in_(RULE_KEYS))
                     .order_by(Setting.effective_from, Setting.id)).all()
    return RulesTimeline.build((r[0], r[1], r[2]) for r in rows)


def load_legend(s: Session, at: dt.date | None = None) -> dict[str, str]:
    """Sheet symbols in force on ``at`` (default: the newest of each)."""
    legend = dict(strings.LEGEND_DEFAULT)
    query = (select(Setting.key, Setting.value)
             .where(Setting.project_id == current_project_id(s),
                    Setting.key.like(LEGEND_PREFIX + "%"))
             .order_by(Setting.effective_from, Setting.id))
    if at is not None:
        query = query.where(Setting.effective_from <= at)
    rows = s.execute(query).all()
    for key, value in rows:
        legend[key[len(LEGEND_PREFIX):]] = value
    return legend


def _check_leave_type(key: str, value: str) -> None:
    import json

    try:
        fields = json.loads(value)
        ok = isinstance(fields, dict) and set(fields) <= {
            "counting", "attachment_required", "max_months"} and \
            fields.get("counting", "working") in ("working", "calendar") and \
            isinstance(fields.get("attachment_required", False), bool) and \
            (fields.get("max_months") is None or (isinstance(fields["max_months"], int)
                                                  and 0 < fields["max_months"] <= 24))
    except ValueError:
        ok = False
    if not ok:
        raise ValidationError(strings.SETTING_BAD_VALUE.format(
            key=key, value=value, example=strings.LEAVE_TYPE_SETTING_EXAMPLE), "value")


class SettingsService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    def timeline(self) -> RulesTimeline:
        with self.db.read() as s:
            return load_timeline(s)

    def legend(self) -> dict[str, str]:
        with self.db.read() as s:
            return load_legend(s)

    def show(self, today: dt.date | None = None) -> dict[str, Any]:
        today = today or self.db.clock.today()
        with self.db.read() as s:
            timeline = load_timeline(s)
            legend = load_legend(s)
            history = s.execute(select(Setting).where(Setting.project_id == current_project_id(s))
                                .order_by(Setting.effective_from, Setting.id)).scalars().all()
            return {
                "date": today.isoformat(),
                "current": timeline.values_at(today),
                "defaults": default_values(),
                "legend": legend,
                "history": [{"key": h.key, "value": h.value,
                             "effective_from": h.effective_from.isoformat()} for h in history],
            }

    @writes
    def set(self, key: str, value: str, effective_from: dt.date | None = None,
            today: dt.date | None = None) -> tuple[dt.date, Changes]:
        """Record ``key = value`` from ``effective_from`` (default: today)."""
        day = effective_from or today or self.db.clock.today()
        check_date(day, "effective_from")
        value = clean_text(value, "value", strings.INPUT_LABEL_SETTING_VALUE.format(key=key))
        if key not in known_keys():
            raise ValidationError(strings.SETTING_UNKNOWN.format(
                key=key, keys=", ".join(RULE_KEYS) + ", legend.*"), "key")
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            if key in RULE_KEYS:
                try:
                    apply_setting(load_timeline(s).at(day), key, value)
                except (ValueError, KeyError):
                    raise ValidationError(strings.SETTING_BAD_VALUE.format(
                        key=key, value=value, example=EXAMPLES.get(key, "15")), "value") from None
            if key.startswith(LEAVE_PREFIX):
                _check_leave_type(key, value)
            row = s.scalars(select(Setting).where(
                Setting.project_id == current_project_id(s), Setting.key == key,
                Setting.effective_from == day)).first()
            if row is None:
                s.add(Setting(project_id=current_project_id(s), key=key, value=value,
                              effective_from=day,
                              created_at=self.db.clock.now()))
            else:
                row.value = value
            s.flush()
            if key in RULE_KEYS:
                # A back-dated change must agree with every later change too.
                try:
                    load_timeline(s)
                except (ValueError, KeyError):
                    raise ValidationError(strings.SETTING_CONFLICT.format(
                        key=key, value=value, date=day.isoformat()), "value") from None
        return day, SETTINGS
