"""What the project profile looks like outside the services (printouts print it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectDTO:
    id: int
    name: str
    contract_no: str
    contractor: str
    client_name: str
    client_label: str
    client_dept: str
    supervisor_firm: str
    project_manager: str
    client_project_lead: str
    code: str = ""  # issue 19: the company-wide handle (--project CODE)


@dataclass(frozen=True)
class ProjectSummary:
    """One project of the database in the ``projects`` list (issue 19)."""

    code: str
    name: str
    people: int  # on site today
    data_through: dt.date | None  # the last day with punch data
    origin: str = "local"  # "site": a read-only copy from a site package
