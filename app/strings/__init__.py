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
"""

from .attendance import *  # noqa: F403
from .cli import *  # noqa: F403
from .common import *  # noqa: F403
from .documents import *  # noqa: F403
from .excel import *  # noqa: F403
from .handover import *  # noqa: F403
from .holidays import *  # noqa: F403
from .imports import *  # noqa: F403
from .inputs import *  # noqa: F403
from .leave import *  # noqa: F403
from .privacy import *  # noqa: F403
from .reliability import *  # noqa: F403
from .roster import *  # noqa: F403
from .scores import *  # noqa: F403
from .service import *  # noqa: F403
from .window import *  # noqa: F403
