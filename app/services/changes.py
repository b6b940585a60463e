"""What a write changed, so each tab refreshes only when it is affected (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    project: bool = False
    roster: bool = False
    calendar: bool = False
    settings: bool = False
    attendance: bool = False
    leave: bool = False
    handover: bool = False
    scores: bool = False
    service: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in fields(self)})

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NONE = Changes()
ROSTER = Changes(roster=True)
PROJECT = Changes(project=True)
CALENDAR = Changes(calendar=True)
SETTINGS = Changes(settings=True)
ATTENDANCE = Changes(attendance=True)
HANDOVER = Changes(handover=True)
SCORES = Changes(scores=True)
SERVICE = Changes(service=True)
