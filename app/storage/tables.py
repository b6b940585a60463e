"""ORM tables. Every table that belongs to a site carries ``project_id`` (DESIGN §4)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Audited:
    """Marker: every insert, update and delete of these rows is written to the audit trail."""

    __audit_entity__: str = ""


class Project(Audited, Base):
    __tablename__ = "project"
    __audit_entity__ = "project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    contract_no: Mapped[str] = mapped_column(String(100), default="")
    contractor: Mapped[str] = mapped_column(String(200), default="")
    client_name: Mapped[str] = mapped_column(String(200), default="")
    client_label: Mapped[str] = mapped_column(String(20), default="")
    client_dept: Mapped[str] = mapped_column(String(50), default="")
    supervisor_firm: Mapped[str] = mapped_column(String(200), default="")
    project_manager: Mapped[str] = mapped_column(String(50), default="")
    client_project_lead: Mapped[str] = mapped_column(String(50), default="")
    # issue 19: company-wide identity (migration 0017). ``code``: the handle of ``--project``,
    # unique in the company; ``uid``: random, fixed at creation, carried by site packages;
    # ``origin``: "local" (edited here) or "site" (a read-only copy from a site package)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    origin: Mapped[str] = mapped_column(String(10), default="local", server_default="local")


class Person(Audited, Base):
    __tablename__ = "person"
    __audit_entity__ = "person"
    __audit_mask__ = ("phone", "id_card_no")  # masked and keyed-hashed in the audit trail
    # issue 18: ciphertexts are audited by their digest (no number, even sealed, in the trail)
    __audit_exclude__ = ("phone_enc", "id_card_enc")
    __table_args__ = (
        UniqueConstraint("project_id", "employee_no", name="uq_person_project_employee_no"),
        UniqueConstraint("project_id", "device_user_id", name="uq_person_project_device_user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    employee_no: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(50))
    device_user_id: Mapped[str | None] = mapped_column(String(20), nullable=True)
    role: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    id_card_no: Mapped[str] = mapped_column(String(18), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    nda_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    nda_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    training_done: Mapped[bool] = mapped_column(Boolean, default=False)
    training_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    first_work_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # issue 18, privacy at rest (app.security.pii): once encrypted, ``phone``/``id_card_no``
    # are "" and the number lives only as ciphertext, masked form and (ID) keyed index
    phone_enc: Mapped[str] = mapped_column(Text, default="")
    phone_masked: Mapped[str] = mapped_column(String(30), default="")
    id_card_enc: Mapped[str] = mapped_column(Text, default="")
    id_card_masked: Mapped[str] = mapped_column(String(18), default="")
    id_card_index: Mapped[str] = mapped_column(String(64), default="", index=True)

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    equipment: Mapped[list[EquipmentItem]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="EquipmentItem.id"
    )


class Attachment(Audited, Base):
    """A file (certificate, résumé…) copied into the data folder; ``stored_path`` is relative."""

    __tablename__ = "attachment"
    __audit_entity__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="other")
    title: Mapped[str] = mapped_column(String(200), default="")
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)

    person: Mapped[Person] = relationship(back_populates="attachments")


class EquipmentItem(Audited, Base):
    """Company equipment issued to a person (R1); returning it is part of leaving (C6)."""

    __tablename__ = "equipment_item"
    __audit_entity__ = "equipment_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    item: Mapped[str] = mapped_column(String(100))
    asset_no: Mapped[str] = mapped_column(String(100), default="")
    issued_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    returned_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(String(500), default="")

    person: Mapped[Person] = relationship(back_populates="equipment")


class AuditLog(Base):
    """Append-only, hash-chained history of every write (SPEC Q2)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(50))
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class DbMeta(Base):
    """Small per-database values: ``audit_key`` (personal data in the audit trail is hashed
    under it) and ``audit_baseline`` (when the business tables were first reconciled)."""

    __tablename__ = "db_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditHead(Base):
    """One row: the id and hash of the newest audit row, so a cut-off tail is detected."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class HolidayDay(Audited, Base):
    """One exception to "Mon-Fri work, Sat/Sun rest" (SPEC A7, RULES §1.7).

    ``kind``: statutory_holiday | rest_day | adjusted_workday. ``source``: bundled |
    import:<file name> | manual:<user>. National data, so no ``project_id``.
    """

    __tablename__ = "holiday_day"
    __audit_entity__ = "holiday_day"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100), default="")
    year: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(300), default="bundled")
    note: Mapped[str] = mapped_column(String(500), default="")


class HolidayYear(Audited, Base):
    """Whether a year's official notice is in the table: confirmed | provisional."""

    __tablename__ = "holiday_year"
    __audit_entity__ = "holiday_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(20), default="provisional")
    notice_ref: Mapped[str] = mapped_column(String(500), default="")
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    source: Mapped[str] = mapped_column(String(300), default="")
