"""Conduct and the monthly deduction score (SPEC S1–S3; issue 9).

Design of the attendance-derived incidents: they are *recomputed*, never stored. Each time a
month's scores are computed, the lateness and early leave of ``AttendanceService.month`` are
turned into incidents (one per occurrence) with the rule value in force on their day. What a
user adds to them, a waiver with its reason, is stored in ``score_waiver`` keyed by
(person, day, session, late|early). So:

* a punch correction that removes a lateness removes its deduction at once, and nothing is
  deleted: the audit trail holds the correction, which is the reason the deduction went;
* a revoked correction brings the deduction back, with its waiver if it had one;
* stored copies can never drift from the attendance sheet they were derived from (a locked
  month is computed from its snapshot, so its scores are frozen too).

The alternative, storing derived incidents and reconciling them, would need a delete-or-flag
pass after every correction, leave, roster or settings change, and a second truth to keep
in step with the attendance sheet. Manual incidents are stored rows; their points are the
rule's value in force on their day unless the user overrode them.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain.inputs import check_datetime, clean_text, day_in_range, record_id_problem
from app.domain.scoring import (
    ATTENDANCE_RULES,
    DEDUCTION,
    Occurrence,
    RuleCatalogue,
    competition_ranks,
    flagged,
    occurrences,
    tally,
)
from app.dto.attendance import PersonMonth
from app.dto.scores import IncidentDTO, PersonScore, ScoresMonthDTO
from app.errors import NotFoundError, ValidationError
from app.progress import Progress
from app.security.guard import writes
from app.services.attendance import AttendanceService
from app.services.changes import SCORES, Changes
from app.services.project import current_project_id, owned
from app.services.score_rules import (
    SETTING_KEYS,
    RuleChangeDTO,
    RuleDTO,
    ScoreRuleService,
    ScoreSettingsDTO,
    month_bounds,
    point_size,
)
from app.storage.db import Database
from app.storage.tables import Person
from app.storage.tables_scores import ScoreIncident, ScoreWaiver

__all__ = ["ATTENDANCE", "MANUAL", "SETTING_KEYS", "IncidentDTO", "PersonScore",
           "RuleChangeDTO", "RuleDTO", "ScoreService", "ScoreSettingsDTO", "ScoresMonthDTO"]

ATTENDANCE, MANUAL = "attendance", "manual"
_DERIVED_ID = re.compile(r"^att-(\d+)-(\d{4}-\d{2}-\d{2})-(am|pm)-(late|early)$", re.ASCII)


def _record_number(text: str) -> bool:
    """ASCII digits naming a possible record id (1 .. 2**63 - 1)."""
    return text.isascii() and text.isdigit() and record_id_problem(int(text)) is None


def derived_id(person_id: int, occ: Occurrence) -> str:
    return f"att-{person_id}-{occ.day.isoformat()}-{occ.session}-{occ.kind}"


# ---- service --------------------------------------------------------------------------------
class ScoreService(ScoreRuleService):
    """The rule catalogue (inherited), incidents, waivers, the month and its printouts."""

    def __init__(self, db: Database, actor: str | None, *,
                 attendance: AttendanceService) -> None:
        super().__init__(db, actor)
        self.attendance = attendance

    # ---- incidents -------------------------------------------------------------------------
    @writes
    def add_incident(self, person_id: int, rule: str, at: dt.datetime, note: str = "",
                     points: int | None = None) -> tuple[IncidentDTO, Changes]:
        """Record a conduct incident by hand; its points are the rule's value in force on
        its day unless ``points`` overrides them."""
        check_datetime(at, "at")
        note = clean_text(note, "note", strings.INPUT_LABEL_INCIDENT_NOTE, multiline=True)
        day = at.date()
        with self.db.transaction(self.actor) as s:
            person = owned(s, Person, person_id)
            if person is None:
                raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
            catalogue, labels = self._catalogue(s)
            definition = catalogue.get(rule)
            if definition is None:
                raise ValidationError(strings.SCORE_RULE_UNKNOWN.format(code=rule), "rule")
            if rule in ATTENDANCE_RULES:
                raise ValidationError(strings.SCORE_RULE_IS_ATTENDANCE.format(
                    label=labels[rule]), "rule")
            value = catalogue.at(rule, day)
            if value is None:
                raise ValidationError(strings.SCORE_RULE_NOT_IN_FORCE.format(
                    label=labels[rule], date=day.isoformat()), "rule")
            override = None if points is None else point_size(definition.kind, points)
            self._check_unlocked(s, day)
            row = ScoreIncident(project_id=current_project_id(s), person_id=person_id,
                                occurred_at=at.replace(second=0, microsecond=0),
                                rule_code=rule, points_override=override, note=note.strip(),
                                recorded_at=self.db.clock.now(), recorded_by=self._who())
            s.add(row)
            s.flush()
            return self._manual_dto(row, person, catalogue, labels), SCORES

    @writes
    def waive(self, incident_id: str, reason: str) -> Changes:
        """Waive an incident with a reason: it stays on the sheet (struck through) and does
        not count. ``incident_id`` is a manual incident's number or a derived ``att-…`` id."""
        reason = clean_text(reason, "reason", strings.INPUT_LABEL_WAIVE_REASON, multiline=True)
        if not reason:
            raise ValidationError(strings.SCORE_WAIVE_NEEDS_REASON, "reason")
        derived = _DERIVED_ID.match(incident_id.strip())
        if derived:
            return self._waive_derived(derived, reason.strip())
        with self.db.transaction(self.actor) as s:
            row = self._manual_row(s, incident_id)
            if row.waived_at is not None:
                raise ValidationError(strings.SCORE_ALREADY_WAIVED.format(id=incident_id))
            self._check_unlocked(s, row.occurred_at.date())
            row.waived_at, row.waived_by = self.db.clock.now(), self._who()
            row.waive_reason = reason.strip()
            s.flush()
        return SCORES

    def _waive_derived(self, m: re.Match[str], reason: str) -> Changes:
        try:
            person_id, day = int(m.group(1)), dt.date.fromisoformat(m.group(2))
        except ValueError:
            day = None
        if day is None or not _record_number(m.group(1)) or not day_in_range(day):
            raise NotFoundError(strings.SCORE_INCIDENT_NOT_FOUND.format(id=m.group(0)))
        session, kind = m.group(3), m.group(4)
        detail = self.attendance.day_detail(person_id, day)
        exists = any(o.session == session and o.kind == kind
                     for o in occurrences([detail.result]))
        if not exists:
            raise NotFoundError(strings.SCORE_INCIDENT_NOT_FOUND.format(id=m.group(0)))
        with self.db.transaction(self.actor) as s:
            if self._active_waiver(s, person_id, day, session, kind) is not None:
                raise ValidationError(strings.SCORE_ALREADY_WAIVED.format(id=m.group(0)))
            self._check_unlocked(s, day)
            s.add(ScoreWaiver(project_id=current_project_id(s), person_id=person_id, day=day,
                              session=session, kind=kind, reason=reason,
                              waived_at=self.db.clock.now(),
                              waived_by=self._who()))
            s.flush()
        return SCORES

    @writes
    def unwaive(self, incident_id: str, reason: str) -> Changes:
        """Take a waiver back (a mistake): the incident counts again. Kept in the audit."""
        reason = clean_text(reason, "reason", strings.INPUT_LABEL_UNWAIVE_REASON,
                            multiline=True)
        if not reason:
            raise ValidationError(strings.SCORE_UNWAIVE_NEEDS_REASON, "reason")
        derived = _DERIVED_ID.match(incident_id.strip())
        with self.db.transaction(self.actor) as s:
            if derived:
                person_id, day = int(derived.group(1)), dt.date.fromisoformat(derived.group(2))
                waiver = self._active_waiver(s, person_id, day, derived.group(3),
                                             derived.group(4))
                if waiver is None:
                    raise ValidationError(strings.SCORE_NOT_WAIVED.format(id=incident_id))
                self._check_unlocked(s, day)
                waiver.revoked_at, waiver.revoked_by = self.db.clock.now(), self._who()
                waiver.revoke_reason = reason.strip()
            else:
                row = self._manual_row(s, incident_id)
                if row.waived_at is None:
                    raise ValidationError(strings.SCORE_NOT_WAIVED.format(id=incident_id))
                self._check_unlocked(s, row.occurred_at.date())
                row.waived_at = row.waived_by = row.waive_reason = None
            s.flush()
        return SCORES

    @staticmethod
    def _manual_row(s: Session, incident_id: str) -> ScoreIncident:
        text = incident_id.strip().lstrip("#")
        row = owned(s, ScoreIncident, int(text)) if _record_number(text) else None
        if row is None:
            raise NotFoundError(strings.SCORE_INCIDENT_NOT_FOUND.format(id=incident_id))
        return row

    @staticmethod
    def _active_waiver(s: Session, person_id: int, day: dt.date, session: str,
                       kind: str) -> ScoreWaiver | None:
        return s.scalars(select(ScoreWaiver).where(
            ScoreWaiver.person_id == person_id, ScoreWaiver.day == day,
            ScoreWaiver.session == session, ScoreWaiver.kind == kind,
            ScoreWaiver.revoked_at.is_(None))).first()

    def _manual_dto(self, row: ScoreIncident, person: Person, catalogue: RuleCatalogue,
                    labels: dict[str, str]) -> IncidentDTO:
        definition = catalogue.get(row.rule_code)
        value = catalogue.at(row.rule_code, row.occurred_at.date())
        kind = definition.kind if definition else DEDUCTION
        if row.points_override is not None:
            size, in_force = row.points_override, True
        else:
            size, in_force = (value.points, True) if value else (0, False)
        signed = -size if kind == DEDUCTION else size
        return IncidentDTO(
            str(row.id), person.id, person.employee_no, person.name, row.occurred_at,
            row.rule_code, labels.get(row.rule_code, row.rule_code), signed, MANUAL, row.note,
            waived=row.waived_at is not None, waive_reason=row.waive_reason or "",
            waived_by=row.waived_by or "", waived_at=row.waived_at,
            recorded_by=row.recorded_by, recorded_at=row.recorded_at,
            overridden=row.points_override is not None, in_force=in_force)

    # ---- the month ---------------------------------------------------------------------------
    def month(self, year: int, month: int, now: dt.datetime | None = None,
              progress: Progress | None = None) -> ScoresMonthDTO:
        """Scores of the month: attendance incidents from the month's verdicts (the locked
        snapshot when the month is locked), manual incidents, waivers, rank and flag."""
        att = self.attendance.month(year, month, progress, now)
        first, last = month_bounds(year, month)
        with self.db.read() as s:
            catalogue, labels = self._catalogue(s)
            settings = self._settings_at(s, last)
            manual = list(s.scalars(select(ScoreIncident).where(
                ScoreIncident.project_id == current_project_id(s),
                ScoreIncident.occurred_at >= dt.datetime.combine(first, dt.time()),
                ScoreIncident.occurred_at < dt.datetime.combine(last + dt.timedelta(days=1),
                                                                dt.time()))
                .order_by(ScoreIncident.occurred_at, ScoreIncident.id)))
            waivers = {(w.person_id, w.day, w.session, w.kind): w for w in s.scalars(
                select(ScoreWaiver).where(
                    ScoreWaiver.project_id == current_project_id(s),
                    ScoreWaiver.revoked_at.is_(None),
                    ScoreWaiver.day >= first, ScoreWaiver.day <= last))}
            people = {p.person_id: (p.employee_no, p.name, p.role) for p in att.people}
            persons = {r.person_id: owned(s, Person, r.person_id) for r in manual}
            for pid, person in persons.items():
                if pid not in people and person is not None:
                    people[pid] = (person.employee_no, person.name, person.role)
            by_person: dict[int, list[IncidentDTO]] = {pid: [] for pid in people}
            for r in manual:
                person = persons[r.person_id]
                if person is not None:
                    by_person[r.person_id].append(self._manual_dto(r, person, catalogue,
                                                                   labels))
        for p in att.people:
            by_person[p.person_id] += self._derived(p, catalogue, labels, waivers)
        return self._rank(year, month, att.locked, att.provisional, settings, people,
                          by_person)

    def _derived(self, p: PersonMonth, catalogue: RuleCatalogue, labels: dict[str, str],
                 waivers: dict[tuple[int, dt.date, str, str], ScoreWaiver]
                 ) -> list[IncidentDTO]:
        out = []
        for occ in occurrences(p.summary.days):
            value = catalogue.at(occ.rule, occ.day)
            if value is None:  # the rule was retired (or never active) on that day
                continue
            w = waivers.get((p.person_id, occ.day, occ.session, occ.kind))
            out.append(IncidentDTO(
                derived_id(p.person_id, occ), p.person_id, p.employee_no, p.name, occ.at,
                occ.rule, labels[occ.rule], value.signed, ATTENDANCE, _derived_note(occ),
                waived=w is not None, waive_reason=w.reason if w else "",
                waived_by=w.waived_by if w else "", waived_at=w.waived_at if w else None,
                recorded_by=strings.SCORE_RECORDED_BY_SYSTEM, session=occ.session,
                kind=occ.kind))
        return out

    @staticmethod
    def _rank(year: int, month: int, locked: bool, provisional: bool,
              settings: ScoreSettingsDTO, people: dict[int, tuple[str, str, str]],
              by_person: dict[int, list[IncidentDTO]]) -> ScoresMonthDTO:
        order = sorted(people, key=lambda pid: people[pid][0])
        tallies = [tally(settings.base, (i.points for i in by_person[pid] if i.counted))
                   for pid in order]
        ranks = competition_ranks([t.score for t in tallies])
        rows = [PersonScore(pid, *people[pid], settings.base, t.deductions, t.rewards,
                            t.score, rank, flagged(t.score, settings.threshold),
                            tuple(sorted(by_person[pid], key=lambda i: (i.at, i.id))))
                for pid, t, rank in zip(order, tallies, ranks, strict=True)]
        rows.sort(key=lambda r: (r.rank, r.employee_no))
        return ScoresMonthDTO(year, month, settings.base, settings.threshold,
                              settings.flag_label, locked, provisional, tuple(rows))

    def incidents(self, year: int, month: int, person_id: int | None = None,
                  now: dt.datetime | None = None) -> list[IncidentDTO]:
        result = self.month(year, month, now=now)
        return [i for p in result.people if person_id in (None, p.person_id)
                for i in p.incidents]

def _derived_note(occ: Occurrence) -> str:
    template = strings.SCORE_NOTE_LATE if occ.kind == "late" else strings.SCORE_NOTE_EARLY
    minute = occ.minute or 0
    return template.format(session=strings.SESSION_LABELS[occ.session], minutes=occ.minutes,
                           time=f"{minute // 60 % 24:02d}:{minute % 60:02d}")
