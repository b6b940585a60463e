"""What every form writes the same way (issue 15): dates in one style (2026年11月30日,
with a time 2026年11月30日 14:05), the signers' labels from the project settings (client,
its department, the supervision firm) and the running head of continuation pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app import strings

if TYPE_CHECKING:
    from app.services.project_dto import ProjectDTO


def cn_date(d: dt.date | None) -> str:
    """2026年11月30日 ('' for none)."""
    return strings.DOC_DATE_CN.format(y=d.year, m=d.month, d=d.day) if d else ""


def cn_datetime(t: dt.datetime | None) -> str:
    """2026年11月30日 14:05 ('' for none)."""
    if t is None:
        return ""
    return strings.DOC_DATETIME_CN.format(y=t.year, m=t.month, d=t.day, hm=f"{t:%H:%M}")


def cn_month_day(d: dt.date) -> str:
    """11月30日: a date inside a table whose month the form states."""
    return strings.DOC_MONTH_DAY_CN.format(m=d.month, d=d.day)


def client(project: ProjectDTO) -> str:
    """How the forms call the client (采购人, 甲方 ...)."""
    return project.client_label or strings.DEFAULT_CLIENT_LABEL


def dept(project: ProjectDTO) -> str:
    """The client's department in charge (技术部, 信息科 ...)."""
    return project.client_dept or strings.DEFAULT_CLIENT_DEPT


def client_dept(project: ProjectDTO) -> str:
    """采购人（信息科）: the client's department as a signing party."""
    return strings.DOC_CLIENT_DEPT.format(client=client(project), dept=dept(project))


def supervisor(project: ProjectDTO) -> str:
    """The supervision firm as a signing party: 监理单位（firm） when the project names it,
    the generic 监理单位 otherwise."""
    firm = project.supervisor_firm.strip()
    return (strings.DOC_ROLE_SUPERVISOR_FIRM.format(firm=firm) if firm
            else strings.DOC_ROLE_SUPERVISOR)


def running_head(what: str, subject: str) -> str:
    """The line on top of continuation pages: the form and its subject."""
    return strings.DOC_RUNNING_HEAD.format(what=what, subject=subject)


def person_subject(name: str, employee_no: str, month: str = "") -> str:
    return strings.DOC_RUNNING_PERSON.format(name=name, no=employee_no, month=month).strip()
