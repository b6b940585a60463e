"""Expected validation errors, asserted with the field they name and their exact message."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from app.errors import ValidationError


def template_pattern(template: str, **known: Any) -> str:
    """A regular expression for ``template`` (an ``app.strings`` format string) with the
    ``known`` placeholders filled in exactly and the others matching any text."""
    out = []
    for literal, name, spec, conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name is None:
            continue
        if name in known:
            value = ("{0" + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}")
            out.append(re.escape(value.format(known[name])))
        else:
            out.append(".+?")
    return "".join(out)


@contextmanager
def raises_invalid(field: str | None, message: str | None = None, *,
                   template: str | None = None,
                   **known: Any) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """``pytest.raises(ValidationError)`` that also checks ``.field`` and the message.

    ``field=None`` asserts that the error names no field (the message alone says it).
    ``message`` is the exact text, built from ``app.strings``. For a message with run-time
    detail the test cannot know (a time stamp, a user name), pass the ``template`` instead
    and the placeholders it can know as keywords; the rest of the template must match exactly.
    """
    if (message is None) == (template is None):
        raise TypeError("give exactly one of message or template=")
    if message is not None and known:
        raise TypeError("placeholders go with template=, not with an exact message")
    with pytest.raises(ValidationError) as info:
        yield info
    err = info.value
    assert err.field == field, f"field {err.field!r} != {field!r} ({err.message})"
    if message is not None:
        assert err.message == message
    else:
        assert template is not None
        pattern = template_pattern(template, **known)
        assert re.fullmatch(pattern, err.message, re.S), f"{err.message!r} !~ {template!r}"
