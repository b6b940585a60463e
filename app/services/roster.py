"""Roster use cases (SPEC R1): list, add, edit, mark as left, attachments, equipment."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import strings
from app.domain.roster import PersonFields, PersonStatus, check_person
from app.dto.roster import AttachmentDTO, EquipmentDTO, FullNumbers, PersonDTO
from app.errors import AppError, NotFoundError, ValidationError
from app.security import pii
from app.security.guard import writes
from app.security.principal import Principal
from app.services import privacy
from app.services.changes import ROSTER, Changes
from app.services.project import current_project_id, ensure_project, owned
from app.storage import audit
from app.storage.db import Database
from app.storage.tables import Attachment, EquipmentItem, Person

__all__ = ["AttachmentDTO", "EquipmentDTO", "FullNumbers", "PersonDTO", "RosterService",
           "person_dto"]

_PERSON_COLUMNS = tuple(f.name for f in fields(PersonFields) if f.name != "problems")


def person_dto(p: Person, principal: Principal | None = None,
               numbers: FullNumbers | None = None) -> PersonDTO:
    """A person as shown: ID and phone numbers masked once encrypted or once accounts exist
    (clear in a database without accounts, as before); ``numbers``: the full ones instead."""
    values = {c: getattr(p, c) for c in _PERSON_COLUMNS if c != "status"}
    for name in pii.FIELDS:
        values[name] = privacy.shown(p, name, principal)
    if numbers is not None:
        values.update(phone=numbers.phone, id_card_no=numbers.id_card_no)
    return PersonDTO(
        id=p.id,
        **values,
        status=PersonStatus(p.status),
        attachments=tuple(
            AttachmentDTO(a.id, a.kind, a.title, a.original_name, a.stored_path, a.added_at)
            for a in p.attachments
        ),
        equipment=tuple(
            EquipmentDTO(e.id, e.item, e.asset_no, e.issued_date, e.returned_date, e.note)
            for e in p.equipment
        ),
    )


def _file_matches(path: Path, size: int, digest: str) -> bool:
    try:
        return path.stat().st_size == size and hashlib.sha256(
            path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _place_verified(data: bytes, digest: str, target: Path) -> None:
    """Write ``data`` to a temp file beside ``target``, fsync, check size and SHA-256, then
    rename: a killed copy leaves only a ``.part`` (replaced next time), never a short file
    under the real name; a short or altered file already there is replaced, not kept."""
    if _file_matches(target, len(data), digest):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    if not _file_matches(tmp, len(data), digest):
        tmp.unlink(missing_ok=True)
        raise AppError(strings.ATTACHMENT_COPY_BAD.format(path=target))
    tmp.replace(target)


def _safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "file"


class _Joined(Database):
    """The open session of a use case dressed as a Database, so another service's use case
    runs inside it: one transaction, one commit, and that service's own checks.

    Deliberately does not call ``Database.__init__`` (the audit hook is already installed on
    the session factory it shares)."""

    def __init__(self, db: Database, session: Session) -> None:
        self.path, self.engine, self.sessions = db.path, db.engine, db.sessions
        self.clock = db.clock
        self.read_only = db.read_only
        # issue 18: the same person, keys and checks as the use case it joins
        self.principal, self.keys = db.principal, db.keys
        self.accounts_required = db.accounts_required
        # issue 19: the same project, and its refusal when it is a site package's copy
        self.project_id, self.project_refusal = db.project_id, db.project_refusal
        self._session = session

    @contextmanager
    def transaction(self, actor: str | None = None, *,
                    system: bool = False, any_project: bool = False) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session


class RosterService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    def joined(self, session: Session, actor: str | None = None) -> RosterService:
        """These roster use cases inside another use case's open ``session`` (one transaction,
        one commit, the roster's own checks): how a finished change writes the roster."""
        return RosterService(_Joined(self.db, session), actor or self.actor)

    # ---- queries -------------------------------------------------------------------------
    def list_people(self) -> list[PersonDTO]:
        """Everyone, numbers masked once encrypted or once accounts exist."""
        with self.db.read() as s:
            return [person_dto(p, self.db.principal) for p in self._people(s)]

    @staticmethod
    def _people(s: Session) -> list[Person]:
        return list(s.scalars(
            select(Person)
            .where(Person.project_id == current_project_id(s))
            .options(selectinload(Person.attachments), selectinload(Person.equipment))
            .order_by(Person.employee_no)
        ).all())

    def get(self, person_id: int) -> PersonDTO:
        with self.db.read() as s:
            return person_dto(self._load(s, person_id), self.db.principal)

    # ---- full numbers (issue 18: admins only, every read audited) -------------------------
    def _require_admin(self) -> None:
        principal = self.db.principal
        if principal is not None and not principal.is_admin:
            raise AppError(strings.PII_ADMIN_ONLY)

    def _full(self, p: Person) -> FullNumbers:
        return FullNumbers(privacy.full(p, pii.PHONE, self.db.keys),
                           privacy.full(p, pii.ID_CARD, self.db.keys))

    def reveal(self, person_id: int) -> FullNumbers:
        """A person's full ID and phone numbers, for an admin's edit form; audited as a read
        of personal data. A damaged ciphertext: a Chinese :class:`PiiError`."""
        self._require_admin()
        with self.db.transaction(self.actor) as s:
            numbers = self._full(self._load(s, person_id))
            privacy.record_read(s.connection(), str(s.info[audit.ACTOR_KEY]), str(person_id),
                                {"purpose": "reveal", "fields": list(pii.FIELDS)},
                                self.db.clock)
            return numbers

    def list_people_full(self, purpose: str) -> list[PersonDTO]:
        """Everyone with full numbers (an admin's explicit export); one audit row says who,
        when, why and how many."""
        self._require_admin()
        with self.db.transaction(self.actor) as s:
            people = self._people(s)
            out = [person_dto(p, self.db.principal, self._full(p)) for p in people]
            privacy.record_read(s.connection(), str(s.info[audit.ACTOR_KEY]), "all",
                                {"purpose": purpose, "people": len(out),
                                 "fields": list(pii.FIELDS)}, self.db.clock)
            return out

    def find_by_id_card(self, value: str) -> list[PersonDTO]:
        """Exact search by a full ID number: through the keyed index where numbers are
        encrypted (no one is decrypted), by the clear column where they are not."""
        norm = pii.normalize_id(value)
        if not norm:
            raise ValidationError(strings.PII_SEARCH_EMPTY, "id_card_no")
        keys = self.db.keys
        with self.db.read() as s:
            encrypted = s.scalars(select(Person.id).where(
                Person.project_id == current_project_id(s), Person.id_card_enc != "")).first()
            if encrypted is not None and keys is None:
                raise AppError(strings.PII_LOCKED)
            cond = Person.id_card_no == norm
            if keys is not None:
                cond = cond | (Person.id_card_index == pii.id_index(keys, norm))
            rows = s.scalars(select(Person).where(Person.project_id == current_project_id(s),
                                                  cond)
                             .options(selectinload(Person.attachments),
                                      selectinload(Person.equipment))
                             .order_by(Person.employee_no)).all()
            return [person_dto(p, self.db.principal) for p in rows]

    def count(self) -> int:
        with self.db.read() as s:
            return len(s.scalars(select(Person.id).where(
                Person.project_id == current_project_id(s))).all())

    # ---- writes --------------------------------------------------------------------------
    @writes
    def add(self, data: PersonFields) -> tuple[PersonDTO, Changes]:
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            self._validate(s, data, person_id=None)
            person = privacy.new_person(
                s, {"project_id": current_project_id(s),
                    **{c: getattr(data, c) for c in _PERSON_COLUMNS}},
                self.db.keys, self.db.principal)
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    @writes
    def update(self, person_id: int, data: PersonFields) -> tuple[PersonDTO, Changes]:
        with self.db.transaction(self.actor) as s:
            person = self._load(s, person_id)
            keep = self._kept_numbers(person, data)
            self._validate(s, data, person_id=person_id)
            for c in _PERSON_COLUMNS:
                if c in keep:
                    setattr(data, c, keep[c])  # the caller's value back (a masked one)
                    privacy.seal_if_clear(person, c, self.db.keys)
                elif c in pii.FIELDS:
                    privacy.store(person, c, getattr(data, c), self.db.keys, self.db.principal)
                else:
                    setattr(person, c, getattr(data, c))
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    def _kept_numbers(self, person: Person, data: PersonFields) -> dict[str, str]:
        """The numbers ``data`` leaves as stored (their masked form shown back, or the same
        full number): set aside from validation and not rewritten."""
        keep = {}
        for name in pii.FIELDS:
            value = str(getattr(data, name) or "")
            if value and privacy.unchanged(person, name, value, self.db.keys):
                keep[name] = value
                setattr(data, name, "")
        return keep

    @writes
    def mark_left(self, person_id: int, end_date: dt.date | None) -> tuple[PersonDTO, Changes]:
        if end_date is None:
            raise ValidationError(strings.LEFT_NEEDS_DATE, "end_date")
        with self.db.transaction(self.actor) as s:
            person = self._load(s, person_id)
            if person.start_date and end_date < person.start_date:
                raise ValidationError(strings.R_END_BEFORE_START.format(
                    end=end_date.isoformat(), start=person.start_date.isoformat()), "end_date")
            person.end_date, person.status = end_date, PersonStatus.LEFT
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    @writes
    def add_attachment(self, person_id: int, source: Path, kind: str,
                       title: str = "") -> tuple[PersonDTO, Changes]:
        """Copy the file into the data folder, so the roster never points at a USB stick."""
        if not source.is_file():
            raise AppError(strings.ATTACHMENT_SOURCE_MISSING.format(path=source))
        self.get(person_id)  # raises before any file is copied
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        rel = Path("attachments") / str(person_id) / f"{digest[:10]}_{_safe_name(source.name)}"
        target = self.db.data_dir / rel
        _place_verified(data, digest, target)
        with self.db.transaction(self.actor) as s:
            person = self._load(s, person_id)
            person.attachments.append(Attachment(
                project_id=person.project_id, kind=kind, title=title or source.stem,
                original_name=source.name, stored_path=rel.as_posix(), sha256=digest,
                added_at=self.db.clock.now()))
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    @writes
    def remove_attachment(self, attachment_id: int) -> tuple[PersonDTO, Changes]:
        """Removes the record (audited); the copied file stays in the data folder."""
        with self.db.transaction(self.actor) as s:
            att = owned(s, Attachment, attachment_id)
            if att is None:
                raise NotFoundError(strings.RECORD_NOT_FOUND.format(id=attachment_id))
            person = att.person
            person.attachments.remove(att)
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    def attachment_file(self, att: AttachmentDTO) -> Path:
        path = self.db.data_dir / att.stored_path
        if not path.is_file():
            if self.db.project_refusal is not None:  # a site's copy: the file never came
                raise AppError(strings.ATTACHMENT_AT_SITE.format(name=att.original_name))
            raise AppError(strings.ATTACHMENT_MISSING.format(path=path))
        return path

    @writes
    def add_equipment(self, person_id: int, item: str, asset_no: str = "",
                      issued_date: dt.date | None = None,
                      note: str = "") -> tuple[PersonDTO, Changes]:
        if not item.strip():
            raise ValidationError(strings.EQUIPMENT_ITEM_REQUIRED, "item")
        with self.db.transaction(self.actor) as s:
            person = self._load(s, person_id)
            person.equipment.append(EquipmentItem(
                project_id=person.project_id, item=item.strip(), asset_no=asset_no.strip(),
                issued_date=issued_date, note=note))
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    @writes
    def set_equipment_returned(self, equipment_id: int,
                               returned: dt.date | None) -> tuple[PersonDTO, Changes]:
        with self.db.transaction(self.actor) as s:
            item = owned(s, EquipmentItem, equipment_id)
            if item is None:
                raise NotFoundError(strings.RECORD_NOT_FOUND.format(id=equipment_id))
            item.returned_date = returned
            s.flush()
            return person_dto(item.person, self.db.principal), ROSTER

    @writes
    def remove_equipment(self, equipment_id: int) -> tuple[PersonDTO, Changes]:
        with self.db.transaction(self.actor) as s:
            item = owned(s, EquipmentItem, equipment_id)
            if item is None:
                raise NotFoundError(strings.RECORD_NOT_FOUND.format(id=equipment_id))
            person = item.person
            person.equipment.remove(item)
            s.flush()
            return person_dto(person, self.db.principal), ROSTER

    # ---- helpers -------------------------------------------------------------------------
    @staticmethod
    def _load(s: Session, person_id: int) -> Person:
        person = owned(s, Person, person_id)
        if person is None:
            raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
        return person

    @staticmethod
    def _validate(s: Session, data: PersonFields, person_id: int | None) -> None:
        data.employee_no, data.name = data.employee_no.strip(), data.name.strip()
        data.role = data.role.strip()
        data.device_user_id = (data.device_user_id or "").strip() or None
        problems = check_person(data)
        if problems:
            field, reason = problems[0]
            raise ValidationError(reason, field)
        clash = s.scalars(select(Person).where(
            Person.project_id == current_project_id(s), Person.employee_no == data.employee_no,
            Person.id != (person_id or -1))).first()
        if clash:
            raise ValidationError(strings.R_DUP_EMPLOYEE_NO_DB.format(
                no=data.employee_no, name=clash.name), "employee_no")
        if data.device_user_id:
            clash = s.scalars(select(Person).where(
                Person.project_id == current_project_id(s),
                Person.device_user_id == data.device_user_id,
                Person.id != (person_id or -1))).first()
            if clash:
                raise ValidationError(strings.R_DUP_DEVICE_DB.format(
                    no=data.device_user_id, name=clash.name), "device_user_id")
