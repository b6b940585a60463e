"""What every form writes the same way (issue 15): dates in one style (year, month and day
in Chinese, with a time as HH:MM after them; ``strings.DOC_DATE_CN``), the signers' labels
from the project settings (client, its department, the supervision firm) and the running
head of continuation pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app import strings
from app.dto.dates import cn_date as cn_date
from app.dto.dates import cn_datetime as cn_datetime

if TYPE_CHECKING:
    from app.dto.project import ProjectDTO




def cn_month_day(d: dt.date) -> str:
    """Month and day in Chinese: a date inside a table whose month the form states."""
    return strings.DOC_MONTH_DAY_CN.format(m=d.month, d=d.day)


def client(project: ProjectDTO) -> str:
    """How the forms call the client (the client label setting, or the default)."""
    return project.client_label or strings.DEFAULT_CLIENT_LABEL


def dept(project: ProjectDTO) -> str:
    """The client's department in charge (the setting, or the default department)."""
    return project.client_dept or strings.DEFAULT_CLIENT_DEPT


def client_dept(project: ProjectDTO) -> str:
    """The client's department as a signing party: client label (department)."""
    return strings.DOC_CLIENT_DEPT.format(client=client(project), dept=dept(project))


def supervisor(project: ProjectDTO) -> str:
    """The supervision firm as a signing party: the generic label with the firm's name in
    brackets when the project names the firm, the generic label alone otherwise."""
    firm = project.supervisor_firm.strip()
    return (strings.DOC_ROLE_SUPERVISOR_FIRM.format(firm=firm) if firm
            else strings.DOC_ROLE_SUPERVISOR)


def running_head(what: str, subject: str) -> str:
    """The line on top of continuation pages: the form and its subject."""
    return strings.DOC_RUNNING_HEAD.format(what=what, subject=subject)


def person_subject(name: str, employee_no: str, month: str = "") -> str:
    return strings.DOC_RUNNING_PERSON.format(name=name, no=employee_no, month=month).strip()
