"""Expected validation errors, asserted with the field they name and their exact message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.errors import ValidationError


@contextmanager
def raises_invalid(field: str | None, message: str | None = None, *,
                   match: str | None = None) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """``pytest.raises(ValidationError)`` that also checks ``.field`` and the message.

    ``field=None`` asserts that the error names no field (the message alone says it).
    ``message`` is the exact text (build it from ``app.strings``); ``match`` is a regular
    expression searched in it, for messages that carry run-time detail. One of them is
    required, so every expected error says which rule it expects.
    """
    if (message is None) == (match is None):
        raise TypeError("give exactly one of message= or match=")
    with pytest.raises(ValidationError) as info:
        yield info
    err = info.value
    assert err.field == field, f"field {err.field!r} != {field!r} ({err.message})"
    if message is not None:
        assert err.message == message
    else:
        assert match is not None
        assert re.search(match, err.message), f"{match!r} not in {err.message!r}"
