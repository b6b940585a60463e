"""Personnel change and handover use cases (SPEC C1-C6, issue 8): plan a change, record the
notice, the change request and its two approvals, run the handover checklist, finish the change
(the roster follows), and the timeline and warnings of every deadline.

The rules and the counting conventions live in :mod:`app.domain.handover`. Finishing a change
and ticking an equipment line write the roster through :class:`RosterService` inside the same
transaction (see :meth:`RosterService.joined`), so the roster's own checks apply and the audit
trail shows the roster rows changing together with the change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain import handover as rules
from app.domain.calendar import HolidayCalendar
from app.domain.handover import ChangeState, Deadlines, Step
from app.domain.inputs import check_date, clean_text
from app.domain.roster import PersonStatus
from app.dto.handover import (
    ApprovalDTO,
    ChangeDTO,
    ChangeFields,
    HandoverFields,
    ItemDTO,
    WarningDTO,
    has_attachment,
)
from app.errors import NotFoundError, ValidationError
from app.security.guard import writes
from app.services.changes import Changes
from app.services.holidays import HolidayService
from app.services.project import current_project_id, ensure_project, owned
from app.services.roster import PersonDTO, RosterService, person_dto
from app.storage.db import Database
from app.storage.tables import Person
from app.storage.tables_handover import HandoverItem, StaffChange

HANDOVER_CHANGES = Changes(handover=True)
# The change's free texts and their field names (control characters refused, full-width
# digits stored as ASCII: app.domain.inputs.clean_text); which of them may hold line breaks.
_CHANGE_TEXTS = {"reason": strings.CH_F_REASON, "replacement_plan": strings.CH_F_PLAN,
                 "new_role": strings.CH_F_NEW_ROLE, "joining_gender": strings.CH_F_GENDER,
                 "joining_education": strings.CH_F_EDUCATION,
                 "joining_years": strings.CH_F_YEARS,
                 "joining_certificates": strings.CH_F_CERTS}
_MULTILINE = frozenset({"reason", "replacement_plan", "joining_certificates", "opinion",
                        "cancel_reason", "assessment_result", "override_reason", "detail",
                        "note"})


def _text(value: str, field: str, label: str) -> str:
    return clean_text(value, field, label, multiline=field in _MULTILINE)
ROSTER_AND_HANDOVER = Changes(handover=True, roster=True)
DOCUMENT_KINDS = ("notice", "application", "handover")
__all__ = ["ApprovalDTO", "ChangeDTO", "ChangeFields", "HandoverFields", "HandoverService",
           "ItemDTO", "WarningDTO", "has_attachment"]


class HandoverService:
    def __init__(self, db: Database, actor: str | None, *, holidays: HolidayService,
                 roster: RosterService) -> None:
        self.db, self.actor = db, actor
        self.holidays = holidays
        self.roster = roster

    def _who(self) -> str:
        return self.db.person_name(self.actor)

    def _roster(self, s: Session) -> RosterService:
        return self.roster.joined(s, self.actor)

    # ---- deadlines ---------------------------------------------------------------------------
    def plan(self, change_date: dt.date, demand_date: dt.date | None = None) -> Deadlines:
        """The deadlines of a change on ``change_date`` (nothing is written)."""
        check_date(change_date, "change_date")
        if demand_date is not None:
            check_date(demand_date, "demand_date")
        return rules.compute_deadlines(change_date, self.holidays.calendar(), demand_date)

    def timeline(self, change: int | ChangeDTO, today: dt.date) -> list[Step]:
        c = self.get(change) if isinstance(change, int) else change
        return rules.timeline(c.kind, c.deadlines, c.step_dates, today,
                              self.holidays.calendar())

    def warnings(self, today: dt.date) -> list[WarningDTO]:
        """Every open deadline of a planned change that is due within 3 working days or past."""
        calendar = self.holidays.calendar()
        out: list[WarningDTO] = []
        for c in self.list_changes(state=rules.PLANNED):
            for step in rules.timeline(c.kind, c.deadlines, c.step_dates, today, calendar):
                if step.status not in (rules.DUE_SOON, rules.OVERDUE):
                    continue
                out.append(WarningDTO(c.id, step.code, step.due, step.status,
                                      strings.CH_WARNING.format(
                                          who=c.who, step=step.name, due=step.due.isoformat(),
                                          when=_when(step, today, calendar))))
        return sorted(out, key=lambda w: (w.due, w.change_id))

    # ---- the change --------------------------------------------------------------------------
    @writes
    def create(self, fields: ChangeFields) -> tuple[ChangeDTO, Changes]:
        """Plan a change; a change with a handover gets the default checklist, with a line for
        each piece of equipment the leaving person has not returned (C3, C6)."""
        calendar = self.holidays.calendar()
        with self.db.transaction(self.actor) as s:
            project = ensure_project(s)
            leaving, joining = self._check(s, fields)
            row = StaffChange(project_id=current_project_id(s), created_by=self._who(),
                              created_at=self.db.clock.now(), state=rules.PLANNED)
            self._apply(row, fields)
            if rules.has_handover(fields.kind):
                deadlines = rules.compute_deadlines(fields.change_date, calendar,
                                                    fields.demand_date)
                row.handed_by = leaving.name if leaving else ""
                row.received_by = joining.name if joining else ""
                row.witnessed_by = project.project_manager
                row.handover_start = _default_start(joining, deadlines)
                row.handover_end = _default_end(leaving, deadlines)
            s.add(row)
            s.flush()
            if rules.has_handover(fields.kind):
                self._add_equipment_items(s, row, leaving, defaults=True)
            s.flush()
            return self._dto(s, row, calendar), HANDOVER_CHANGES

    @writes
    def update(self, change_id: int, fields: ChangeFields) -> tuple[ChangeDTO, Changes]:
        calendar = self.holidays.calendar()
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.EDIT)
            leaving, _ = self._check(s, fields)
            leaving_changed = row.leaving_id != fields.leaving_id
            self._apply(row, fields)
            if leaving_changed and rules.has_handover(fields.kind):
                row.handed_by = leaving.name if leaving else ""
                self._add_equipment_items(s, row, leaving, defaults=not self._items(s, row.id))
            s.flush()
            return self._dto(s, row, calendar), HANDOVER_CHANGES

    @writes
    def record_sent(self, change_id: int, what: str,
                    on: dt.date | None) -> tuple[ChangeDTO, Changes]:
        """The day the notice (``notice``) or the change request (``application``) was handed
        to the client department and the supervision firm; ``None`` clears it."""
        if what not in (rules.NOTICE, rules.APPLICATION):
            raise ValueError(what)
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.EDIT)
            if what == rules.NOTICE:
                row.notice_sent_on = on
            else:
                row.application_submitted_on = on
            s.flush()
            return self._dto(s, row), HANDOVER_CHANGES

    @writes
    def record_approval(self, change_id: int, party: str, approver: str, on: dt.date | None,
                        opinion: str = "") -> tuple[ChangeDTO, Changes]:
        """C2: the client department's or the supervision firm's approval of the request."""
        if party not in rules.PARTIES:
            raise ValueError(party)
        approver = _text(approver, "approver", strings.CH_F_APPROVER)
        opinion = _text(opinion, "opinion", strings.CH_F_OPINION)
        if not approver:
            raise ValidationError(strings.CH_E_APPROVER, "approver")
        if on is None:
            raise ValidationError(strings.CH_E_APPROVAL_DATE, "approved_on")
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.APPROVE)
            prefix = "client" if party == rules.CLIENT_DEPT else "supervisor"
            setattr(row, f"{prefix}_approver", approver)
            setattr(row, f"{prefix}_approved_on", on)
            setattr(row, f"{prefix}_opinion", opinion)
            s.flush()
            return self._dto(s, row), HANDOVER_CHANGES

    @writes
    def cancel(self, change_id: int, reason: str) -> tuple[ChangeDTO, Changes]:
        reason = _text(reason, "cancel_reason", strings.INPUT_LABEL_CANCEL_REASON)
        if not reason:
            raise ValidationError(strings.CH_E_CANCEL_REASON, "cancel_reason")
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.CANCEL)
            row.state, row.cancel_reason = rules.CANCELLED, reason
            s.flush()
            return self._dto(s, row), HANDOVER_CHANGES

    # ---- the handover ------------------------------------------------------------------------
    @writes
    def save_handover(self, change_id: int,
                      fields: HandoverFields) -> tuple[ChangeDTO, Changes]:
        fields = replace(
            fields, handed_by=_text(fields.handed_by, "handed_by", strings.CH_F_HANDED_BY),
            received_by=_text(fields.received_by, "received_by", strings.CH_F_RECEIVED_BY),
            witnessed_by=_text(fields.witnessed_by, "witnessed_by", strings.CH_F_WITNESSED_BY),
            assessment_result=_text(fields.assessment_result, "assessment_result",
                                    strings.CH_F_ASSESSMENT))
        if fields.start and fields.end and fields.end < fields.start:
            raise ValidationError(strings.CH_E_HANDOVER_END.format(
                end=fields.end, start=fields.start), "handover_end")
        with self.db.transaction(self.actor) as s:
            row = self._load(s, change_id)
            if row.state == rules.CANCELLED:
                raise ValidationError(strings.CH_E_NOT_PLANNED.format(
                    id=change_id, state=strings.CH_STATE_LABELS[row.state]))
            row.handed_by, row.received_by = fields.handed_by, fields.received_by
            row.witnessed_by = fields.witnessed_by
            row.handover_start, row.handover_end = fields.start, fields.end
            row.assessment_result = fields.assessment_result
            row.assessment_on, row.probation_end = fields.assessment_on, fields.probation_end
            s.flush()
            return self._dto(s, row), HANDOVER_CHANGES

    @writes
    def begin_handover(self, change_id: int, on: dt.date) -> tuple[ChangeDTO, Changes]:
        """The handover has started: the leaving person is now "in handover" on the roster."""
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.BEGIN)
            row.handover_started_on = on
            if row.handover_start is None:
                row.handover_start = on
            if row.leaving_id is not None:
                roster = self._roster(s)
                person = roster.get(row.leaving_id)
                if person.status == PersonStatus.ACTIVE:
                    roster.update(person.id, replace(person.to_fields(),
                                                     status=PersonStatus.HANDOVER))
            s.flush()
            return self._dto(s, row), ROSTER_AND_HANDOVER

    @writes
    def add_item(self, change_id: int, title: str,
                 detail: str = "") -> tuple[ChangeDTO, Changes]:
        title = _text(title, "title", strings.INPUT_LABEL_ITEM_TITLE)
        detail = _text(detail, "detail", strings.INPUT_LABEL_ITEM_DETAIL)
        if not title:
            raise ValidationError(strings.CH_E_ITEM_TITLE, "title")
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.CHECKLIST)
            items = self._items(s, row.id)
            s.add(HandoverItem(project_id=row.project_id, change_id=row.id,
                               position=(items[-1].position + 1) if items else 1,
                               title=title, detail=detail, source="custom"))
            s.flush()
            return self._dto(s, row), HANDOVER_CHANGES

    @writes
    def set_item(self, item_id: int, done: bool, done_on: dt.date | None = None,
                 note: str | None = None, detail: str | None = None
                 ) -> tuple[ChangeDTO, Changes]:
        """Tick (or untick) a checklist line. Ticking an equipment line records the return on
        the roster (C6), unticking it clears the return date again."""
        if note is not None:
            note = _text(note, "note", strings.INPUT_LABEL_ITEM_NOTE)
        if detail is not None:
            detail = _text(detail, "detail", strings.INPUT_LABEL_ITEM_DETAIL)
        with self.db.transaction(self.actor) as s:
            item = owned(s, HandoverItem, item_id)
            if item is None:
                raise NotFoundError(strings.CH_E_ITEM_NOT_FOUND.format(id=item_id))
            row = self._planned(s, item.change_id, rules.CHECKLIST)
            item.done = done
            item.done_on = (done_on or item.done_on or self.db.clock.today()) if done else None
            if note is not None:
                item.note = note
            if detail is not None:
                item.detail = detail
            changes = HANDOVER_CHANGES
            if item.equipment_id is not None:
                self._roster(s).set_equipment_returned(item.equipment_id, item.done_on)
                changes = ROSTER_AND_HANDOVER
            s.flush()
            return self._dto(s, row), changes

    @writes
    def remove_item(self, item_id: int) -> tuple[ChangeDTO, Changes]:
        with self.db.transaction(self.actor) as s:
            item = owned(s, HandoverItem, item_id)
            if item is None:
                raise NotFoundError(strings.CH_E_ITEM_NOT_FOUND.format(id=item_id))
            row = self._planned(s, item.change_id, rules.CHECKLIST)
            s.delete(item)
            s.flush()
            return self._dto(s, row), HANDOVER_CHANGES

    @writes
    def finish(self, change_id: int, on: dt.date,
               override_reason: str = "") -> tuple[ChangeDTO, Changes]:
        """End the change on ``on`` (the leaving person's last day on site).

        Refused while checklist lines are open, unless ``override_reason`` says why (it is kept
        and printed). The roster follows in the same transaction: the leaving person is marked
        as left on ``on``, the joining person goes from pending to active (their start date is
        kept, or the handover start), a role change gets the new role.
        """
        override_reason = _text(override_reason, "override_reason", strings.CH_F_OVERRIDE)
        with self.db.transaction(self.actor) as s:
            row = self._planned(s, change_id, rules.FINISH)
            still_open = [i.title for i in self._items(s, row.id) if not i.done]
            if still_open and not override_reason:
                raise ValidationError(strings.CH_E_OPEN_ITEMS.format(
                    n=len(still_open), items=strings.LIST_SEP.join(still_open)),
                    "override_reason")
            roster = self._roster(s)
            if row.leaving_id is not None:
                leaving = roster.get(row.leaving_id)
                if row.kind == rules.ROLE_CHANGE:
                    roster.update(leaving.id, replace(
                        leaving.to_fields(), status=PersonStatus.ACTIVE,
                        role=row.new_role or leaving.role))
                else:
                    roster.mark_left(leaving.id, on)
            if row.joining_id is not None:
                joining = roster.get(row.joining_id)
                start = joining.start_date or row.handover_start or row.change_date
                roster.update(joining.id, replace(joining.to_fields(), status=PersonStatus.ACTIVE,
                                                  start_date=start))
            row.state, row.finished_on = rules.DONE, on
            row.finish_override = override_reason
            s.flush()
            return self._dto(s, row), ROSTER_AND_HANDOVER

    # ---- queries -----------------------------------------------------------------------------
    def get(self, change_id: int) -> ChangeDTO:
        with self.db.read() as s:
            return self._dto(s, self._load(s, change_id))

    def list_changes(self, state: str | None = None) -> list[ChangeDTO]:
        calendar = self.holidays.calendar()
        with self.db.read() as s:
            q = select(StaffChange).where(StaffChange.project_id == current_project_id(s))
            if state:
                q = q.where(StaffChange.state == state)
            rows = s.scalars(q.order_by(StaffChange.change_date.desc(),
                                        StaffChange.id.desc())).all()
            return [self._dto(s, r, calendar) for r in rows]

    # ---- helpers -----------------------------------------------------------------------------
    @staticmethod
    def _load(s: Session, change_id: int) -> StaffChange:
        row = owned(s, StaffChange, change_id)
        if row is None:
            raise NotFoundError(strings.CH_E_NOT_FOUND.format(id=change_id))
        return row

    def _planned(self, s: Session, change_id: int, action: str) -> StaffChange:
        """The change, if its state allows ``action`` (the rule the UI's buttons follow)."""
        row = self._load(s, change_id)
        if action not in _allowed(row):
            if row.state != rules.PLANNED:
                raise ValidationError(strings.CH_E_NOT_PLANNED.format(
                    id=change_id, state=strings.CH_STATE_LABELS.get(row.state, row.state)))
            if not rules.has_handover(row.kind):
                raise ValidationError(strings.CH_E_NO_HANDOVER)
            raise ValidationError(strings.CH_E_HANDOVER_STARTED.format(
                id=change_id, on=row.handover_started_on))
        return row

    @staticmethod
    def _items(s: Session, change_id: int) -> list[HandoverItem]:
        return list(s.scalars(select(HandoverItem).where(HandoverItem.change_id == change_id)
                              .order_by(HandoverItem.position, HandoverItem.id)))

    @staticmethod
    def _check(s: Session, f: ChangeFields) -> tuple[Person | None, Person | None]:
        """The rules of one change on its own; each error names its field."""
        if f.kind not in rules.KINDS:
            raise ValidationError(strings.CH_E_KIND.format(
                kind=f.kind, kinds=", ".join(rules.KINDS)), "kind")
        leaving = _on_roster(s, f.leaving_id, "leaving_id")
        joining = _on_roster(s, f.joining_id, "joining_id")
        if rules.needs_leaving(f.kind) and leaving is None:
            raise ValidationError(strings.CH_E_LEAVING_REQUIRED, "leaving_id")
        if f.kind == rules.ADD and joining is None:
            raise ValidationError(strings.CH_E_JOINING_REQUIRED, "joining_id")
        if not rules.needs_leaving(f.kind) and leaving is not None:
            raise ValidationError(strings.CH_E_ADD_NO_LEAVING, "leaving_id")
        if leaving is not None and joining is not None and leaving.id == joining.id:
            raise ValidationError(strings.CH_E_SAME_PERSON, "joining_id")
        if f.kind == rules.CLIENT_DEMANDED and f.demand_date is None:
            raise ValidationError(strings.CH_E_DEMAND_REQUIRED, "demand_date")
        if f.demand_date is not None and f.demand_date > f.change_date:
            raise ValidationError(strings.CH_E_DEMAND_AFTER.format(
                demand=f.demand_date, change=f.change_date), "demand_date")
        if f.kind == rules.ROLE_CHANGE and not f.new_role.strip():
            raise ValidationError(strings.CH_E_NEW_ROLE, "new_role")
        if f.reason_kind and f.reason_kind not in rules.REASON_KINDS:
            raise ValidationError(strings.CH_E_REASON_KIND.format(
                value=f.reason_kind, kinds=", ".join(rules.REASON_KINDS)), "reason_kind")
        return leaving, joining

    @staticmethod
    def _apply(row: StaffChange, f: ChangeFields) -> None:
        for name in ("kind", "change_date", "leaving_id", "joining_id", "demand_date",
                     "notice_sent_on", "application_submitted_on"):
            setattr(row, name, getattr(f, name))
        for name, label in _CHANGE_TEXTS.items():
            setattr(row, name, clean_text(str(getattr(f, name)), name, label,
                                          multiline=name in _MULTILINE))
        row.reason_kind = f.reason_kind or ("client" if f.kind == rules.CLIENT_DEMANDED else "")

    def _add_equipment_items(self, s: Session, row: StaffChange, leaving: Person | None,
                             defaults: bool) -> None:
        """Checklist lines: the defaults (when asked) and the leaving person's unreturned
        equipment not on the list yet."""
        existing = self._items(s, row.id)
        listed = {i.equipment_id for i in existing if i.equipment_id is not None}
        equipment = [(e.id, e.item, e.asset_no) for e in (leaving.equipment if leaving else [])
                     if e.returned_date is None and e.id not in listed]
        templates = rules.default_items(equipment) if defaults else [
            rules.ItemTemplate(strings.CH_RETURN_EQUIPMENT.format(item=name), asset,
                               "equipment", eid) for eid, name, asset in equipment]
        position = existing[-1].position if existing else 0
        for t in templates:
            position += 1
            s.add(HandoverItem(project_id=row.project_id, change_id=row.id, position=position,
                               title=t.title, detail=t.detail, source=t.source,
                               equipment_id=t.equipment_id))

    def _dto(self, s: Session, r: StaffChange,
             calendar: HolidayCalendar | None = None) -> ChangeDTO:
        calendar = calendar or self.holidays.calendar()
        leaving = person_dto(p) if r.leaving_id and (p := owned(s, Person, r.leaving_id)) else None
        joining = person_dto(p) if r.joining_id and (p := owned(s, Person, r.joining_id)) else None
        deadlines = rules.compute_deadlines(r.change_date, calendar, r.demand_date)
        handover = HandoverFields(r.handed_by, r.received_by, r.witnessed_by, r.handover_start,
                                  r.handover_end, r.assessment_result, r.assessment_on,
                                  r.probation_end)
        days = None
        if r.handover_start is not None:
            days = rules.handover_days(r.handover_start,
                                       r.handover_end or deadlines.handover_end_latest,
                                       calendar)
        problems = rules.plan_problems(r.kind, deadlines, calendar, leaving is not None,
                                       _joining_facts(joining), r.handover_start,
                                       r.handover_end)
        items = tuple(ItemDTO(i.id, i.position, i.title, i.detail, i.source, i.equipment_id,
                              i.done, i.done_on, i.note) for i in self._items(s, r.id))
        return ChangeDTO(
            r.id, r.kind, ChangeState(r.state), leaving, joining, r.change_date, r.demand_date,
            r.reason,
            r.reason_kind, r.replacement_plan, r.new_role, r.joining_gender,
            r.joining_education, r.joining_years, r.joining_certificates, r.notice_sent_on,
            r.application_submitted_on,
            ApprovalDTO(rules.CLIENT_DEPT, r.client_approver, r.client_approved_on,
                        r.client_opinion),
            ApprovalDTO(rules.SUPERVISOR, r.supervisor_approver, r.supervisor_approved_on,
                        r.supervisor_opinion),
            handover, r.handover_started_on, days, r.finished_on, r.finish_override,
            r.cancel_reason, items, deadlines, tuple(problems), r.created_at, _allowed(r))


def _on_roster(s: Session, person_id: int | None, field: str) -> Person | None:
    """The person of a change, who must be on the roster and not have left."""
    if person_id is None:
        return None
    person = owned(s, Person, person_id)
    if person is None:
        raise ValidationError(strings.PERSON_NOT_FOUND.format(id=person_id), field)
    if person.status == PersonStatus.LEFT:
        raise ValidationError(strings.CH_E_PERSON_LEFT.format(name=person.name), field)
    return person


def _joining_facts(person: PersonDTO | None) -> rules.Joining | None:
    if person is None:
        return None
    return rules.Joining(has_attachment(person, "certificate"),
                         has_attachment(person, "resume"), person.nda_signed)


def _default_start(joining: Person | None, d: Deadlines) -> dt.date:
    """The newcomer's first day when the roster has it (and it is before the change),
    else the latest start the rule allows."""
    if joining is not None and joining.start_date and joining.start_date < d.change_date:
        return joining.start_date
    return d.handover_start_latest


def _default_end(leaving: Person | None, d: Deadlines) -> dt.date:
    if leaving is not None and leaving.end_date and leaving.end_date < d.change_date:
        return leaving.end_date
    return d.handover_end_latest


def _when(step: Step, today: dt.date, calendar: HolidayCalendar) -> str:
    if step.status == rules.OVERDUE:
        return strings.CH_WHEN_OVERDUE.format(n=(today - step.due).days)
    if step.due == today:
        return strings.CH_WHEN_TODAY
    left = calendar.count_working_days(today + dt.timedelta(days=1), step.due)
    return strings.CH_WHEN_LEFT.format(n=left)


def _allowed(r: StaffChange) -> frozenset[str]:
    return rules.allowed_actions(r.state, r.kind, r.handover_started_on is not None)
