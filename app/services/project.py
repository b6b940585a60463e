"""Project profile (one per database for now; every printout uses it)."""

from __future__ import annotations

import uuid
from dataclasses import fields

from sqlalchemy.orm import Session

from app import strings
from app.dto.project import ProjectDTO
from app.errors import ValidationError
from app.security.guard import writes
from app.services.changes import PROJECT, Changes
from app.storage.db import PROJECT_KEY, Database
from app.storage.tables import Project

PROJECT_ID = 1  # the project of a one-site database (and the default of Database.project_id)
__all__ = ["EDITABLE", "PROJECT_ID", "ProjectDTO", "ProjectService", "current_project_id",
           "ensure_project", "to_dto"]


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


def ensure_project(session: Session) -> Project:
    project_id = current_project_id(session)
    project = session.get(Project, project_id)
    if project is None:
        project = _blank_project(project_id)
        session.add(project)
        session.flush()
    return project


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
        with self.db.transaction(self.actor) as s:
            project = ensure_project(s)
            for key, value in values.items():
                setattr(project, key, value.strip())
            s.flush()
            return to_dto(project), PROJECT
