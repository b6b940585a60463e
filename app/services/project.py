"""Project profile (every printout uses it) and, issue 19, which project of the database the
services work on: ``--project CODE`` (:func:`select_project`), the ``projects`` list
(:func:`project_summaries`), codes checked on edit, site copies read-only."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import fields
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app import strings
from app.domain.roster import PersonStatus
from app.dto.project import ProjectDTO, ProjectSummary
from app.errors import AppError, ValidationError
from app.security.guard import writes
from app.services.changes import PROJECT, Changes
from app.storage.db import PROJECT_KEY, Database
from app.storage.tables import Person, Project

PROJECT_ID = 1  # the project of a one-site database (and the default of Database.project_id)
__all__ = [
    "CODE_PATTERN",
    "EDITABLE",
    "PROJECT_ID",
    "ProjectDTO",
    "ProjectService",
    "ProjectSummary",
    "add_project",
    "current_project_id",
    "ensure_project",
    "normalise_code", "owned",
    "project_status",
    "project_summaries",
    "select_project",
    "to_dto",
    "use_project",
]
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")  # a project code (issue 19)
SITE = "site"  # Project.origin of a read-only copy brought in from a site package


EDITABLE = tuple(f.name for f in fields(ProjectDTO) if f.name != "id")


def current_project_id(session: Session) -> int:
    """The project this session works on (issue 19): ``Database.project_id``, put into every
    session's ``info`` by :meth:`Database.transaction`."""
    return int(session.info.get(PROJECT_KEY, PROJECT_ID))


def _blank_project(project_id: int = PROJECT_ID) -> Project:
    uid = uuid.uuid4().hex
    return Project(id=project_id, name="", contract_no="", contractor="",
                   client_name="", client_label=strings.DEFAULT_CLIENT_LABEL,
                   client_dept=strings.DEFAULT_CLIENT_DEPT, supervisor_firm="",
                   project_manager="", client_project_lead="", code=default_code(uid),
                   uid=uid, origin="local")


def default_code(uid: str) -> str:
    """The code a project gets before anyone names it: ``P-`` and six characters of its uid
    (the same rule as migration 0017)."""
    return "P-" + uid[:6].upper()


_Row = TypeVar("_Row")


def owned(session: Session, cls: type[_Row], ident: object) -> _Row | None:
    """``session.get`` for a row of the current project: a row of another project of the
    database (an id typed or handed in) is not there, as an unknown id is not (issue 19)."""
    row = session.get(cls, ident)
    if row is not None and getattr(row, "project_id", None) != current_project_id(session):
        return None
    return row


def ensure_project(session: Session) -> Project:
    project_id = current_project_id(session)
    project = session.get(Project, project_id)
    if project is None:
        project = _blank_project(project_id)
        session.add(project)
        session.flush()
    return project


def _known(rows: Sequence[tuple[int, str, str]]) -> str:
    """The projects a message lists: each code with its name (``PRJ_KNOWN_ITEM``)."""
    if not rows:
        return strings.PRJ_NONE
    return strings.PRJ_KNOWN_SEP.join(
        strings.PRJ_KNOWN_ITEM.format(code=code, name=name or strings.PRJ_NO_NAME)
        for _id, code, name in rows)


def select_project(db: Database, code: str | None) -> int:
    """The id of the project ``--project CODE`` names (case-insensitive); without a code the
    database's only project (id 1 while it has none yet). Unknown code, or several projects
    and no code: a Chinese :class:`AppError` listing the codes."""
    with db.read() as s:
        rows = [(int(r[0]), str(r[1]), str(r[2])) for r in s.execute(
            select(Project.id, Project.code, Project.name).order_by(Project.code))]
    wanted = (code or "").strip()
    if wanted:
        for pid, known, _name in rows:
            if known.upper() == wanted.upper():
                return pid
        raise AppError(strings.PRJ_UNKNOWN_CODE.format(code=wanted, known=_known(rows)))
    if not rows:
        return PROJECT_ID
    if len(rows) == 1:
        return rows[0][0]
    raise AppError(strings.PRJ_NEED_CHOICE.format(n=len(rows), known=_known(rows)))


def use_project(db: Database, code: str | None) -> int:
    """Make the project ``code`` names (:func:`select_project`) the one every service works
    on; a copy brought in from a site package (``origin == "site"``) is read-only here."""
    pid = select_project(db, code)
    with db.read() as s:
        switch_to(db, pid, s.get(Project, pid))
    return pid


def switch_to(db: Database, pid: int, project: Project | None) -> None:
    """Point ``db`` at project ``pid`` (``project``: its row, if it exists yet): the id every
    service works on, and the refusal of writes when it is a site package's copy."""
    db.project_id = pid
    db.project_refusal = None if project is None or project.origin != SITE else \
        strings.PRJ_SITE_READ_ONLY.format(code=project.code,
                                          name=project.name or strings.PRJ_NO_NAME)


def is_company_database(db: Database) -> bool:
    """More than one project, or a server database: a head office's (issue 19). One count,
    nothing else imported: every window start asks it before its first tab's data."""
    if db.server is not None:
        return True
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Project)) or 0) > 1


def add_project(db: Database, code: str, name: str, actor: str | None = None) -> int:
    """A new local project in this database, the code checked as on edit; its id is one
    past the highest (explicit ids, as ensure_project's, do not move a PostgreSQL sequence,
    so the sequence is not asked). Returns the id."""
    code = normalise_code(code)
    with db.transaction(actor) as s:
        clash = s.scalars(select(Project).where(Project.code == code)).first()
        if clash is not None:
            raise ValidationError(strings.PRJ_CODE_TAKEN.format(
                code=code, name=clash.name or strings.PRJ_NO_NAME), "code")
        project = _blank_project(int(s.scalar(select(func.max(Project.id))) or 0) + 1)
        project.code, project.name = code, name.strip()
        s.add(project)
        s.flush()
        return int(project.id)


def project_status(db: Database) -> str | None:
    """What the window shows of the current project when the database holds several
    (``PRJ_STATUS``: code, name, how many), else ``None``."""
    with db.read() as s:
        n = int(s.scalar(select(func.count(Project.id))) or 0)
        project = s.get(Project, db.project_id)
    if n < 2 or project is None:
        return None
    return strings.PRJ_STATUS.format(code=project.code, n=n,
                                     name=project.name or strings.PRJ_NO_NAME)


def normalise_code(text: str) -> str:
    """A project code as stored (upper case); a Chinese :class:`ValidationError` when it is
    not 2-32 letters, digits and hyphens starting with a letter or digit."""
    code = text.strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValidationError(strings.PRJ_CODE_BAD.format(code=text.strip()), "code")
    return code


def project_summaries(db: Database, today: dt.date) -> list[ProjectSummary]:
    """Every project of the database, by code: people on site ``today`` (as the attendance
    sheet counts them) and the last day with punch data (reverted imports left out)."""
    from app.storage.tables_attendance import ImportBatch, Punch  # not at start-up (issue 16)

    with db.read() as s:
        projects = s.execute(select(Project.id, Project.code, Project.name, Project.origin)
                             .order_by(Project.code)).all()
        people = dict(s.execute(
            select(Person.project_id, func.count(Person.id))
            .where(or_(Person.start_date.is_not(None),
                       Person.status.not_in((PersonStatus.PENDING, PersonStatus.LEFT))),
                   or_(Person.start_date.is_(None), Person.start_date <= today),
                   or_(Person.end_date.is_(None), Person.end_date >= today))
            .group_by(Person.project_id)).tuples().all())
        reverted = select(ImportBatch.id).where(ImportBatch.reverted_at.is_not(None))
        newest = dict(s.execute(
            select(Punch.project_id, func.max(Punch.punched_at))
            .where(Punch.batch_id.not_in(reverted))
            .group_by(Punch.project_id)).tuples().all())
    out = []
    for pid, code, name, origin in projects:
        last = newest.get(pid)
        if isinstance(last, str):  # pragma: no cover - a driver handing back text
            last = dt.datetime.fromisoformat(last)
        out.append(ProjectSummary(code=code, name=name, people=int(people.get(pid, 0)),
                                  data_through=last.date() if last is not None else None,
                                  origin=origin))
    return out


def to_dto(p: Project) -> ProjectDTO:
    return ProjectDTO(**{f.name: getattr(p, f.name) for f in fields(ProjectDTO)})


class ProjectService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    def get(self) -> ProjectDTO:
        with self.db.transaction(self.actor) as s:
            if self.db.write_refusal() and s.get(Project, current_project_id(s)) is None:
                # issue 18: a viewer reads, writes nothing
                return to_dto(_blank_project(current_project_id(s)))
            return to_dto(ensure_project(s))

    @writes
    def update(self, **values: str) -> tuple[ProjectDTO, Changes]:
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise ValueError(f"unknown project fields: {sorted(unknown)}")
        if "name" in values and not values["name"].strip():
            raise ValidationError(strings.PROJECT_REQUIRED, "name")
        if "code" in values:
            values = {**values, "code": normalise_code(values["code"])}
        with self.db.transaction(self.actor) as s:
            project = ensure_project(s)
            if "code" in values:
                clash = s.scalars(select(Project).where(
                    Project.code == values["code"], Project.id != project.id)).first()
                if clash is not None:
                    raise ValidationError(strings.PRJ_CODE_TAKEN.format(
                        code=values["code"], name=clash.name or strings.PRJ_NO_NAME), "code")
            for key, value in values.items():
                setattr(project, key, value.strip())
            s.flush()
            return to_dto(project), PROJECT
