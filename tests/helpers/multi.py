"""A company database: three demo-like projects with different data in one SQLite file
(issue 19, the head office). Built once per session and copied per test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.services import Services
from app.services.demo import fill_demo
from tests.helpers.clock import fixed_clock
from tests.helpers.db import DEMO_TODAY, settle

PROJECTS = (
    ("SZ-RMYY", "市第一人民医院信息系统运维服务项目", DEMO_TODAY),
    ("GZ-ZWFW", "区政务服务中心驻场运维项目", DEMO_TODAY - dt.timedelta(days=31)),
    ("FS-ZXYY", "市中医院网络运维驻场项目", DEMO_TODAY),
)
# project 3's extra problems: manual absences (morning) of its first three people
EXTRA_ABSENCE_DAYS = (dt.date(2026, 11, 10), dt.date(2026, 11, 11))


def build_company(path: Path) -> Path:
    """Three projects (ids 1..3) by switching ``db.project_id``: the demo as of the suite's
    day, the demo a month earlier, and the demo with extra absences."""
    services = Services.open(path, clock=fixed_clock())
    try:
        for pid, (code, name, today) in enumerate(PROJECTS, start=1):
            services.db.project_id = pid
            fill_demo(services, today=today)
            services.project.update(code=code, name=name)
            if pid == 3:
                people = [p for p in services.roster.list_people() if p.status == "active"]
                for p in people[:3]:
                    for day in EXTRA_ABSENCE_DAYS:
                        services.attendance.add_manual_absence(p.id, day, "am", "overstay")
        services.db.project_id = 1
    finally:
        services.close()
    settle(path)
    return path


def open_company(path: Path, today: dt.date | None = None,
                 project: str = PROJECTS[0][0]) -> Services:
    """The company database on the suite's fixed clock, working on ``project``."""
    return Services.open(path, clock=fixed_clock(today), project=project)
