"""Every user-visible Chinese text: UI, Excel headers, PDF labels, messages (DESIGN §6).

Call sites use ``from app import strings`` and ``strings.NAME``; the texts live in one module
per area below and are all re-exported here. Parameterised texts are ``str.format`` templates
(tests/unit/test_strings.py checks every ``strings.NAME.format(...)`` call against its template's
placeholders) or small typed functions for composite labels (e.g. ``person_label``).

Where new strings go: add them to the area's module (roster, attendance, leave, ...; texts
shared by several areas go to ``common``, app-wide window/menu texts to ``window``), never here.
Each module holds only its constants and helper functions -- no imports -- so the star imports
below re-export exactly its names; test_strings.py fails on a name defined in two modules.
(Branches that still append to the former app/strings.py: move those lines into the area module
of the same prefix -- CH_ handover, SV_ service, SC_/SCORE_ scores, LV_/LEAVE_ leave, ...)


Loading (issue 16, start-up): the area modules are imported on first use of one of their
names (``__getattr__`` below, PEP 562), the window's and the shared texts first, so the window
paints without loading the other thirteen areas (~12 ms); type checkers see the star imports.
Every area module must be listed in ``_AREAS`` (tests/unit/test_strings.py checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .accounts import *  # noqa: F403
    from .accounts_ui import *  # noqa: F403
    from .anchor import *  # noqa: F403
    from .attendance import *  # noqa: F403
    from .cli import *  # noqa: F403
    from .common import *  # noqa: F403
    from .documents import *  # noqa: F403
    from .excel import *  # noqa: F403
    from .handover import *  # noqa: F403
    from .headoffice import *  # noqa: F403
    from .holidays import *  # noqa: F403
    from .imports import *  # noqa: F403
    from .inputs import *  # noqa: F403
    from .leave import *  # noqa: F403
    from .privacy import *  # noqa: F403
    from .projects import *  # noqa: F403
    from .reliability import *  # noqa: F403
    from .roster import *  # noqa: F403
    from .scores import *  # noqa: F403
    from .service import *  # noqa: F403
    from .sitepkg import *  # noqa: F403
    from .window import *  # noqa: F403
else:
    import importlib as _importlib

    # Where a name is looked for, in this order: the window's texts first.
    _AREAS = (
        "window", "common", "attendance", "cli", "documents", "excel", "handover", "holidays",
        "imports", "inputs", "leave", "reliability", "roster", "scores", "service", "accounts",
        "anchor", "privacy", "accounts_ui", "projects", "sitepkg", "headoffice",
    )

    def __getattr__(name: str) -> object:
        if not name.startswith("_"):
            for area in _AREAS:
                module = _importlib.import_module(f"{__name__}.{area}")
                if name in module.__dict__:
                    value = module.__dict__[name]
                    globals()[name] = value
                    return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        names = set(globals())
        for area in _AREAS:
            module = _importlib.import_module(f"{__name__}.{area}")
            names.update(n for n in module.__dict__ if not n.startswith("_"))
        return sorted(names)
