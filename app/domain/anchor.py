"""The paper anchor of a locked month (issue 18): a check code printed on the signed sheet.

Locking a month freezes its results (the snapshot: every person's results as signed). At that
moment the lock stores

    anchor = SHA-256("onsitedesk/month-anchor/1", month, SHA-256(snapshot), head id, head hash)

where the head is the newest audit row before the lock's own audit row (whose ``prev_hash``
it is, and which records the anchor and the snapshot's digest in turn). The sheet prints the
first 60 bits of the anchor as 12 Crockford base32 characters in groups of four
(``7K3M-Q9PD-X2AB``): no I, L, O or U, so a code read off paper and typed back is forgiving
(case, O for 0, I or L for 1, hyphens and spaces are all accepted).

The code needs no secret: anyone can recompute it from the database. Finding another state of
the month (or of the audit trail before the lock) with the same code is a 60-bit second
preimage, about 10^18 tries; the code on paper cannot be rewritten with the file. So the paper
anchors the month's results *and* the whole audit trail up to the lock.

This module is pure: the service gathers the facts (:class:`LockFacts`, :class:`TrailFacts`)
and :func:`check` decides.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from app import strings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
CODE_CHARS = 12
CODE_BITS = CODE_CHARS * 5  # 60
GROUP = 4
_FOLD = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = " -_.\t"
VERSION = "onsitedesk/month-anchor/1"


def snapshot_digest(snapshot: str) -> str:
    """SHA-256 of the frozen month, as the audit trail records it (``sha256:`` + hex)."""
    return "sha256:" + hashlib.sha256(snapshot.encode("utf-8")).hexdigest()


def anchor_digest(month: str, snapshot: str, audit_id: int, audit_hash: str) -> str:
    """The anchor of a lock: the frozen month and the audit head it follows."""
    payload = json.dumps([VERSION, month, snapshot_digest(snapshot), audit_id, audit_hash],
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def code_of(anchor: str) -> str:
    """The check code of an anchor: its first 60 bits, Crockford base32, grouped by four."""
    bits = int(anchor[:CODE_BITS // 4], 16)
    chars = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(CODE_CHARS)))
    return "-".join(chars[i:i + GROUP] for i in range(0, CODE_CHARS, GROUP))


def normalize_code(text: str) -> str | None:
    """A typed code as :func:`code_of` writes it, or ``None`` when it cannot be one
    (full-width characters are folded first; case, O/0, I/L/1, hyphens and spaces
    forgiven)."""
    folded = unicodedata.normalize("NFKC", text).upper()
    chars = "".join(_FOLD.get(c, c) for c in folded if c not in _SEPARATORS)
    if len(chars) != CODE_CHARS or any(c not in ALPHABET for c in chars):
        return None
    return "-".join(chars[i:i + GROUP] for i in range(0, CODE_CHARS, GROUP))


@dataclass(frozen=True)
class LockFacts:
    """One lock or reopen event of a month, as stored."""

    month: str
    action: str  # lock | reopen
    at: str
    actor: str
    reason: str = ""
    snapshot: str | None = None
    anchor: str | None = None
    audit_id: int | None = None
    audit_hash: str | None = None

    @property
    def code(self) -> str | None:
        """The code printed while this lock stood (from the stored anchor)."""
        return code_of(self.anchor) if self.action == "lock" and self.anchor else None

    def recomputed(self) -> str | None:
        """The anchor the stored snapshot and head give now."""
        if self.snapshot is None or self.audit_id is None or self.audit_hash is None:
            return None
        return anchor_digest(self.month, self.snapshot, self.audit_id, self.audit_hash)


@dataclass(frozen=True)
class TrailFacts:
    """What the audit trail says about the current lock."""

    head_row: bool  # the audit row the anchor names still has the anchored hash
    lock_row: int  # id of the lock's own audit row after it (0: not found)
    audited_snapshot: str | None  # the snapshot digest that row records
    audited_anchor: str | None  # the anchor that row records
    first_problem: int | None  # the chain's first problem (None: sound)
    unchecked_from: int = 0  # keyed rows from here on not checked (no admin key)


@dataclass(frozen=True)
class Finding:
    code: str  # a key of strings.ANCHOR_PROBLEM
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AnchorCheck:
    month: str
    code: str  # the typed code, normalised ("" when it is no code)
    findings: tuple[Finding, ...]
    lock: LockFacts | None = None  # the month's current lock
    unchecked_from: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings


def _where_code(code: str, month: str, history: Sequence[LockFacts],
                others: Sequence[LockFacts]) -> Finding:
    """Why a code is not the current lock's: an earlier lock, another month, or none."""
    for old in history:
        if old.code == code:
            return Finding("code_old_lock", {"month": month, "at": old.at})
    for other in others:
        if other.code == code:
            return Finding("code_other_month", {"month": month, "other": other.month})
    return Finding("code_mismatch", {"month": month})


def _lock_findings(lock: LockFacts, trail: TrailFacts) -> list[Finding]:
    month = lock.month
    found: list[Finding] = []
    assert lock.snapshot is not None and lock.anchor is not None
    moved = lock.recomputed() != lock.anchor
    if trail.audited_snapshot is not None:
        snapshot_bad = snapshot_digest(lock.snapshot) != trail.audited_snapshot
    else:  # no audit row to ask: a changed snapshot is the likelier cause
        snapshot_bad = moved
    if snapshot_bad:
        found.append(Finding("snapshot_changed", {"month": month}))
    if (trail.audited_anchor is not None and trail.audited_anchor != lock.anchor) or \
            (moved and not snapshot_bad):
        found.append(Finding("anchor_changed", {"month": month}))
    if not trail.head_row or not trail.lock_row:
        found.append(Finding("lock_row_missing", {"month": month,
                                                  "id": str((lock.audit_id or 0) + 1)}))
    if trail.first_problem is not None:
        found.append(Finding("audit_broken", {"id": str(trail.first_problem)}))
    return found


def check(month: str, code_text: str, history: Sequence[LockFacts],
          others: Sequence[LockFacts], trail: TrailFacts | None) -> AnchorCheck:
    """Whether the database still says what the sheet with ``code_text`` signed.

    ``history``: the month's lock and reopen events, oldest first; ``others``: the locks of
    other months (to name the month a code belongs to); ``trail``: the audit facts of the
    current lock (``None`` when the month is not locked)."""
    code = normalize_code(code_text) or ""
    if not code:
        return AnchorCheck(month, "", (Finding("bad_code", {"code": code_text.strip()}),))
    current = history[-1] if history else None
    if current is None:
        found = [Finding("not_locked", {"month": month})]
        where = _where_code(code, month, (), others)
        return AnchorCheck(month, code, (*found, *_named(where)))
    if current.action != "lock":
        found = [Finding("reopened", {"month": month, "at": current.at,
                                      "actor": current.actor, "reason": current.reason})]
        where = _where_code(code, month, history, others)
        return AnchorCheck(month, code, (*found, *_named(where)))
    if current.anchor is None or current.snapshot is None or trail is None:
        return AnchorCheck(month, code, (Finding("no_anchor", {"month": month}),), current)
    found = _lock_findings(current, trail)
    now = current.recomputed()
    if now is None or code_of(now) != code:
        found.append(_where_code(code, month, history[:-1], others))
    return AnchorCheck(month, code, tuple(found), current, trail.unchecked_from)


def _named(where: Finding) -> tuple[Finding, ...]:
    """A code that belongs to nothing adds nothing to "not locked"."""
    return () if where.code == "code_mismatch" else (where,)


def messages(result: AnchorCheck) -> list[str]:
    """The verdict in Chinese: the first line says whether the paper and the database agree,
    the next lines say what differs (or which part could not be checked)."""
    if result.ok:
        lock = result.lock
        assert lock is not None
        lines = [strings.ANCHOR_OK.format(month=result.month, at=lock.at, actor=lock.actor,
                                          code=result.code)]
        if result.unchecked_from:
            lines.append(strings.ANCHOR_OK_UNCHECKED.format(first=result.unchecked_from))
        return lines
    return [strings.ANCHOR_BAD.format(month=result.month),
            *(strings.ANCHOR_PROBLEM[f.code].format(**f.args) for f in result.findings)]
