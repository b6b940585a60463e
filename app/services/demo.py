"""A realistic demo site: a hospital IT department with on-site staff (data/demo.json)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from app import config, strings
from app.domain.roster import PersonFields, id_card_check_char
from app.errors import AppError
from app.services import Services


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_demo() -> dict[str, Any]:
    with config.data_path("demo.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def fill_demo(services: Services) -> int:
    """Write the demo site into an empty database; returns the number of people."""
    if services.roster.count():
        raise AppError(strings.CLI_DEMO_NOT_EMPTY.format(path=services.db_path))
    data = load_demo()
    services.project.update(**data["project"])
    attach_dir = Path(tempfile.mkdtemp(prefix="onsitedesk-demo-"))
    for entry in data["people"]:
        id17 = entry["id17"]
        person, _ = services.roster.add(PersonFields(
            employee_no=entry["employee_no"], name=entry["name"],
            device_user_id=entry["device_user_id"], role=entry["role"], phone=entry["phone"],
            id_card_no=id17 + id_card_check_char(id17),
            start_date=_date(entry.get("start_date")), end_date=_date(entry.get("end_date")),
            status=entry.get("status", "active"),
            nda_signed="nda_date" in entry, nda_date=_date(entry.get("nda_date")),
            training_done="training_date" in entry,
            training_date=_date(entry.get("training_date")),
            first_work_date=_date(entry.get("first_work_date")),
        ))
        for item in entry.get("equipment", []):
            name, asset, issued, *returned = item
            person, _ = services.roster.add_equipment(person.id, name, asset, _date(issued))
            if returned:
                services.roster.set_equipment_returned(person.equipment[-1].id,
                                                       _date(returned[0]))
        for kind, title in entry.get("attachments", []):
            src = attach_dir / f"{entry['employee_no']}-{kind}.txt"
            src.write_text(f"{entry['name']} {title}\n", encoding="utf-8")
            services.roster.add_attachment(person.id, src, kind, title)
    return len(data["people"])
