"""Samples kept outside the repository, in ``../shared`` next to the checkout.

Locally a missing sample skips the test (a fresh clone has no ``shared/``); in CI (``CI`` set,
as every CI service does) it fails, so a broken checkout step cannot turn tests into skips.
``ONSITEDESK_SHARED`` points elsewhere (a git worktree, for instance).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    override = os.environ.get("ONSITEDESK_SHARED")
    return Path(override) if override else REPO.parent / "shared"


def shared_sample(relpath: str) -> Path:
    """``../shared/<relpath>`` (a file or a folder); skips locally, fails in CI if missing."""
    path = shared_dir() / relpath
    if not path.exists():
        message = f"shared sample missing: {path} (set ONSITEDESK_SHARED to the shared folder)"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path
