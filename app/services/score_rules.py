"""The rule catalogue and the score settings (SPEC S1, S3): the regulation's rules with
their effective-dated values, the user's own rules (deductions or rewards), retirement from a
date, and the base score / threshold / flag label, effective-dated the same way.

A value set "from 1 June" applies from that day on; May keeps what it had. A change may not
reach into a month whose attendance is locked (signed off). ``ScoreService`` (incidents and
months) builds on this class.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain.attendance import month_dates
from app.domain.inputs import check_date
from app.domain.scoring import (
    DEDUCTION,
    DEFAULT_BASE,
    DEFAULT_RULES,
    DEFAULT_THRESHOLD,
    KINDS,
    REWARD,
    RuleCatalogue,
    RuleChange,
    RuleDef,
)
from app.dto.attendance import month_key
from app.errors import ValidationError
from app.security.guard import writes
from app.services.changes import SCORES, Changes
from app.services.project import current_project_id, ensure_project
from app.storage.db import Database
from app.storage.tables_attendance import MonthLock
from app.storage.tables_scores import ScoreRule, ScoreRuleChange, ScoreSetting

SETTING_KEYS = ("base", "threshold", "flag_label")
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class RuleChangeDTO:
    effective_from: dt.date
    points: int
    active: bool
    note: str
    created_at: dt.datetime
    created_by: str


@dataclass(frozen=True)
class RuleDTO:
    """A rule as it stands on one day: ``points`` is the size (never negative)."""

    code: str
    label: str
    kind: str
    builtin: bool
    attendance: bool
    points: int
    active: bool
    since: dt.date | None
    history: tuple[RuleChangeDTO, ...] = ()

    @property
    def signed(self) -> int:
        return -self.points if self.kind == DEDUCTION else self.points

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label, "kind": self.kind,
                "points": self.signed, "active": self.active,
                "since": self.since.isoformat() if self.since and self.since != dt.date.min
                else None,
                "builtin": self.builtin, "attendance": self.attendance,
                "history": [{"from": h.effective_from.isoformat(), "points": h.points,
                             "active": h.active, "note": h.note} for h in self.history]}


@dataclass(frozen=True)
class ScoreSettingsDTO:
    base: int
    threshold: int | None
    flag_label: str


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    dates = month_dates(year, month)
    return dates[0], dates[-1]


class ScoreRuleService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    def _who(self) -> str:
        return self.db.person_name(self.actor)

    # ---- catalogue -------------------------------------------------------------------------
    def _custom(self, s: Session) -> list[ScoreRule]:
        return list(s.scalars(select(ScoreRule).where(ScoreRule.project_id == current_project_id(s))
                              .order_by(ScoreRule.id)))

    def _changes(self, s: Session) -> list[ScoreRuleChange]:
        return list(s.scalars(select(ScoreRuleChange)
                              .where(ScoreRuleChange.project_id == current_project_id(s))
                              .order_by(ScoreRuleChange.effective_from, ScoreRuleChange.id)))

    def _catalogue(self, s: Session) -> tuple[RuleCatalogue, dict[str, str]]:
        custom = self._custom(s)
        defs = [*DEFAULT_RULES, *(RuleDef(r.code, r.kind, 0, False, builtin=False)
                                  for r in custom)]
        changes = [RuleChange(c.effective_from, c.code, c.points, c.active)
                   for c in self._changes(s)]
        labels = {r.code: strings.SCORE_RULE_LABELS.get(r.code, r.code) for r in DEFAULT_RULES}
        labels.update({r.code: r.label for r in custom})
        return RuleCatalogue.build(defs, changes), labels

    def rules(self, on: dt.date | None = None) -> list[RuleDTO]:
        """The catalogue as it stands on ``on`` (default: today), with each rule's history."""
        on = on or self.db.clock.today()
        with self.db.read() as s:
            catalogue, labels = self._catalogue(s)
            history: dict[str, list[RuleChangeDTO]] = {}
            for c in self._changes(s):
                history.setdefault(c.code, []).append(RuleChangeDTO(
                    c.effective_from, c.points, c.active, c.note, c.created_at, c.created_by))
        out = []
        for r in catalogue.rules:
            raw = catalogue.timelines[r.code].at(on)
            points, active, since = raw if raw else (0, False, None)
            out.append(RuleDTO(r.code, labels[r.code], r.kind, r.builtin, r.attendance, points,
                               active, since, tuple(history.get(r.code, ()))))
        return out

    def rule(self, code: str, on: dt.date | None = None) -> RuleDTO:
        for r in self.rules(on):
            if r.code == code:
                return r
        raise ValidationError(strings.SCORE_RULE_UNKNOWN.format(code=code), "rule")

    @writes
    def add_rule(self, code: str, label: str, kind: str, points: int,
                 effective_from: dt.date, note: str = "") -> tuple[RuleDTO, Changes]:
        """A rule of the user's own (e.g. a reward), in force from ``effective_from``."""
        check_date(effective_from, "effective_from")
        code = code.strip()
        if not _CODE.match(code):
            raise ValidationError(strings.SCORE_RULE_BAD_CODE.format(code=code), "code")
        if not label.strip():
            raise ValidationError(strings.SCORE_RULE_NEEDS_LABEL, "label")
        if kind not in KINDS:
            raise ValidationError(strings.SCORE_RULE_BAD_KIND.format(kind=kind), "kind")
        size = point_size(kind, points)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            catalogue, _ = self._catalogue(s)
            if catalogue.get(code) is not None:
                raise ValidationError(strings.SCORE_RULE_EXISTS.format(code=code), "code")
            self._check_rule_date(s, effective_from)
            s.add(ScoreRule(project_id=current_project_id(s), code=code, label=label.strip(),
                            kind=kind,
                            created_at=self.db.clock.now(), created_by=self._who()))
            self._put_change(s, code, effective_from, size, True, note)
        return self.rule(code, effective_from), SCORES

    @writes
    def set_rule(self, code: str, points: int, effective_from: dt.date,
                 note: str = "") -> tuple[RuleDTO, Changes]:
        """Give ``code`` a new value from ``effective_from`` on (and make it active): days
        before keep the value they had. ``points`` may be given with or without its sign."""
        check_date(effective_from, "effective_from")
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            catalogue, _ = self._catalogue(s)
            rule = catalogue.get(code)
            if rule is None:
                raise ValidationError(strings.SCORE_RULE_UNKNOWN.format(code=code), "rule")
            size = point_size(rule.kind, points)
            self._check_rule_date(s, effective_from)
            self._put_change(s, code, effective_from, size, True, note)
        return self.rule(code, effective_from), SCORES

    @writes
    def retire_rule(self, code: str, effective_from: dt.date,
                    note: str = "") -> tuple[RuleDTO, Changes]:
        """Stop applying ``code`` from ``effective_from`` on; earlier days keep it."""
        check_date(effective_from, "effective_from")
        with self.db.transaction(self.actor) as s:
            catalogue, _ = self._catalogue(s)
            if catalogue.get(code) is None:
                raise ValidationError(strings.SCORE_RULE_UNKNOWN.format(code=code), "rule")
            raw = catalogue.timelines[code].at(effective_from)
            self._check_rule_date(s, effective_from)
            self._put_change(s, code, effective_from, raw[0] if raw else 0, False, note)
        return self.rule(code, effective_from), SCORES

    def _put_change(self, s: Session, code: str, day: dt.date, points: int, active: bool,
                    note: str) -> None:
        row = s.scalars(select(ScoreRuleChange).where(
            ScoreRuleChange.project_id == current_project_id(s), ScoreRuleChange.code == code,
            ScoreRuleChange.effective_from == day)).first()
        if row is None:  # a second change on the same day replaces the first (audited)
            row = ScoreRuleChange(project_id=current_project_id(s), code=code, effective_from=day)
            s.add(row)
        row.points, row.active, row.note = points, active, note.strip()
        row.created_at, row.created_by = self.db.clock.now(), self._who()
        s.flush()

    def _check_rule_date(self, s: Session, day: dt.date) -> None:
        """A value change must not reach into a signed-off (locked) month."""
        latest: dict[str, str] = {}
        for month, action in s.execute(select(MonthLock.month, MonthLock.action).where(
                MonthLock.project_id == current_project_id(s)).order_by(MonthLock.id)):
            latest[month] = action
        for month, action in sorted(latest.items()):
            year, m = (int(x) for x in month.split("-"))
            if action == "lock" and month_bounds(year, m)[1] >= day:
                raise ValidationError(strings.SCORE_RULE_INTO_LOCKED.format(
                    date=day.isoformat(), month=month), "effective_from")

    # ---- settings --------------------------------------------------------------------------
    def settings(self, on: dt.date | None = None) -> ScoreSettingsDTO:
        with self.db.read() as s:
            return self._settings_at(s, on or self.db.clock.today())

    def _settings_at(self, s: Session, on: dt.date) -> ScoreSettingsDTO:
        values: dict[str, str] = {}
        for key, value in s.execute(select(ScoreSetting.key, ScoreSetting.value).where(
                ScoreSetting.project_id == current_project_id(s), ScoreSetting.effective_from <= on)
                .order_by(ScoreSetting.effective_from, ScoreSetting.id)):
            values[key] = value
        threshold = values.get("threshold", str(DEFAULT_THRESHOLD))
        return ScoreSettingsDTO(int(values.get("base", DEFAULT_BASE)),
                                int(threshold) if threshold else None,
                                values.get("flag_label") or strings.SCORE_FLAG_DEFAULT)

    @writes
    def set_setting(self, key: str, value: str, effective_from: dt.date) -> Changes:
        """``base`` (100), ``threshold`` (90; empty: flag nobody) or ``flag_label``."""
        check_date(effective_from, "effective_from")
        value = value.strip()
        if key not in SETTING_KEYS:
            raise ValidationError(strings.SCORE_SETTING_UNKNOWN.format(
                key=key, keys=", ".join(SETTING_KEYS)), "key")
        if key == "base" or (key == "threshold" and value):
            try:
                number = int(value)
            except ValueError:
                raise ValidationError(strings.SCORE_SETTING_BAD.format(
                    key=strings.SCORE_SETTING_LABELS[key], value=value), key) from None
            if number < 0:
                raise ValidationError(strings.SCORE_SETTING_BAD.format(
                    key=strings.SCORE_SETTING_LABELS[key], value=value), key)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            self._check_rule_date(s, effective_from)
            row = s.scalars(select(ScoreSetting).where(
                ScoreSetting.project_id == current_project_id(s), ScoreSetting.key == key,
                ScoreSetting.effective_from == effective_from)).first()
            if row is None:
                row = ScoreSetting(project_id=current_project_id(s), key=key,
                                   effective_from=effective_from)
                s.add(row)
            row.value, row.created_at, row.created_by = value, self.db.clock.now(), self._who()
            s.flush()
        return SCORES

    def _check_unlocked(self, s: Session, day: dt.date) -> None:
        row = s.scalars(select(MonthLock).where(
            MonthLock.project_id == current_project_id(s), MonthLock.month == month_key(day.year,
                                                                                        day.month))
            .order_by(MonthLock.id.desc())).first()
        if row is not None and row.action == "lock":
            raise ValidationError(strings.MONTH_LOCKED.format(
                month=month_key(day.year, day.month), at=row.at.strftime("%Y-%m-%d %H:%M"),
                actor=row.actor))


def point_size(kind: str, points: int) -> int:
    """Points as stored: the size. A deduction may be typed -5 or 5; a reward must not be
    negative."""
    if kind == REWARD and points < 0:
        raise ValidationError(strings.SCORE_REWARD_NEGATIVE.format(points=points), "points")
    return abs(points)
