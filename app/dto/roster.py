"""What a person on the roster looks like outside the services (tabs, printouts, handover)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from app import strings
from app.domain.roster import PersonFields, PersonStatus, mask_id_card, mask_phone


@dataclass(frozen=True)
class AttachmentDTO:
    id: int
    kind: str
    title: str
    original_name: str
    stored_path: str
    added_at: dt.datetime


@dataclass(frozen=True)
class EquipmentDTO:
    id: int
    item: str
    asset_no: str
    issued_date: dt.date | None
    returned_date: dt.date | None
    note: str

    @property
    def outstanding(self) -> bool:
        return self.returned_date is None


@dataclass(frozen=True)
class FullNumbers:
    """A person's full phone and ID-card numbers (an admin's edit form, issue 18)."""

    phone: str
    id_card_no: str

    def __repr__(self) -> str:  # never in a log or a traceback
        return "FullNumbers(<personal data>)"


@dataclass(frozen=True)
class PersonDTO:
    id: int
    employee_no: str
    name: str
    device_user_id: str | None
    role: str
    phone: str
    id_card_no: str
    start_date: dt.date | None
    end_date: dt.date | None
    status: PersonStatus
    nda_signed: bool
    nda_date: dt.date | None
    training_done: bool
    training_date: dt.date | None
    first_work_date: dt.date | None
    note: str
    attachments: tuple[AttachmentDTO, ...] = ()
    equipment: tuple[EquipmentDTO, ...] = ()

    @property
    def phone_masked(self) -> str:
        # already masked where the numbers are encrypted (issue 18): shown as stored
        return mask_phone(self.phone) if self.phone and "*" not in self.phone else self.phone

    @property
    def id_card_masked(self) -> str:
        if not self.id_card_no or "*" in self.id_card_no:
            return self.id_card_no
        return mask_id_card(self.id_card_no)

    @property
    def status_label(self) -> str:
        return strings.STATUS_LABELS.get(self.status, self.status)

    @property
    def equipment_outstanding(self) -> int:
        return sum(1 for e in self.equipment if e.outstanding)

    def to_fields(self) -> PersonFields:
        names = {f.name for f in fields(PersonFields)} - {"problems"}
        return PersonFields(**{n: getattr(self, n) for n in names})
