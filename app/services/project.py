"""Project profile (one per database for now; every printout uses it)."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy.orm import Session

from app import strings
from app.dto.project import ProjectDTO
from app.errors import ValidationError
from app.security.guard import writes
from app.services.changes import PROJECT, Changes
from app.storage.db import Database
from app.storage.tables import Project

PROJECT_ID = 1
__all__ = ["EDITABLE", "PROJECT_ID", "ProjectDTO", "ProjectService", "ensure_project",
           "to_dto"]


EDITABLE = tuple(f.name for f in fields(ProjectDTO) if f.name != "id")


def _blank_project() -> Project:
    return Project(id=PROJECT_ID, name="", contract_no="", contractor="",
                   client_name="", client_label=strings.DEFAULT_CLIENT_LABEL,
                   client_dept=strings.DEFAULT_CLIENT_DEPT, supervisor_firm="",
                   project_manager="", client_project_lead="")


def ensure_project(session: Session) -> Project:
    project = session.get(Project, PROJECT_ID)
    if project is None:
        project = _blank_project()
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
            if self.db.write_refusal() and s.get(Project, PROJECT_ID) is None:
                return to_dto(_blank_project())  # issue 18: a viewer reads, writes nothing
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
