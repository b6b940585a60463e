"""The paper anchor's rules (issue 18, app.domain.anchor): the code, typed input, the verdict."""

from __future__ import annotations

import hashlib

import pytest

from app import strings
from app.domain import anchor
from app.domain.anchor import LockFacts, TrailFacts

SNAP = '{"people": [{"name": "张三", "late_count": 1}]}'
HEAD = (41, "a" * 64)


def _lock(month: str = "2026-10", snapshot: str = SNAP, at: str = "2026-11-02 09:00",
          head: tuple[int, str] = HEAD) -> LockFacts:
    return LockFacts(month, "lock", at, "周立群", "", snapshot,
                     anchor.anchor_digest(month, snapshot, *head), *head)


def _trail(lock: LockFacts, **changes: object) -> TrailFacts:
    fields: dict[str, object] = {
        "head_row": True, "lock_row": (lock.audit_id or 0) + 1,
        "audited_snapshot": anchor.snapshot_digest(str(lock.snapshot)),
        "audited_anchor": lock.anchor, "first_problem": None, "unchecked_from": 0}
    fields.update(changes)
    return TrailFacts(**fields)  # type: ignore[arg-type]


def _codes(result: anchor.AnchorCheck) -> list[str]:
    return [f.code for f in result.findings]


# ---- the code ----------------------------------------------------------------------------------
def test_code_is_60_bits_of_the_anchor_in_crockford_groups() -> None:
    digest = anchor.anchor_digest("2026-10", SNAP, *HEAD)
    code = anchor.code_of(digest)
    assert len(code) == 14 and code.count("-") == 2
    assert all(c in anchor.ALPHABET for c in code.replace("-", ""))
    assert int(code.replace("-", "").translate(
        {ord(c): ord("0123456789abcdefghijklmnopqrstuv"[i]) for i, c in
         enumerate(anchor.ALPHABET)}), 32) == int(digest[:15], 16)
    assert anchor.CODE_BITS == 60
    assert not set("ILOU") & set(anchor.ALPHABET)


def test_anchor_covers_month_snapshot_and_head() -> None:
    base = anchor.anchor_digest("2026-10", SNAP, *HEAD)
    assert base != anchor.anchor_digest("2026-09", SNAP, *HEAD)
    assert base != anchor.anchor_digest("2026-10", SNAP.replace("1", "2"), *HEAD)
    assert base != anchor.anchor_digest("2026-10", SNAP, 42, HEAD[1])
    assert base != anchor.anchor_digest("2026-10", SNAP, HEAD[0], "b" * 64)
    assert anchor.snapshot_digest(SNAP) == "sha256:" + hashlib.sha256(
        SNAP.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("typed", [
    "7K3M-Q9PD-X2AB", "7k3mq9pdx2ab", " 7K3M Q9PD X2AB ", "7K3M_Q9PD.X2AB",
    "\uff17K3M\uff0dQ9PD-X2AB",  # full-width 7 and hyphen from a Chinese input method
])
def test_typed_codes_are_normalised(typed: str) -> None:
    assert anchor.normalize_code(typed) == "7K3M-Q9PD-X2AB"


def test_confusable_letters_are_read_as_digits() -> None:
    assert anchor.normalize_code("O0OO-IiLl-1111") == "0000-1111-1111"


@pytest.mark.parametrize("typed", ["", "7K3M-Q9PD-X2A", "7K3M-Q9PD-X2ABC", "7K3M-Q9PD-X2AU",
                                   "7K3M-Q9PD-X2A#"])
def test_what_cannot_be_a_code_is_none(typed: str) -> None:
    assert anchor.normalize_code(typed) is None


def test_lock_facts_code_and_recomputation() -> None:
    lock = _lock()
    assert lock.code == anchor.code_of(str(lock.anchor))
    assert lock.recomputed() == lock.anchor
    assert LockFacts("2026-10", "reopen", "x", "y", anchor="f" * 64).code is None
    assert LockFacts("2026-10", "lock", "x", "y").code is None
    assert LockFacts("2026-10", "lock", "x", "y", snapshot=SNAP).recomputed() is None


# ---- the verdict -------------------------------------------------------------------------------
def test_the_code_of_the_current_lock_agrees() -> None:
    lock = _lock()
    result = anchor.check("2026-10", str(lock.code).lower(), [lock], [], _trail(lock))
    assert result.ok and result.lock == lock and result.code == lock.code
    assert anchor.messages(result) == [strings.ANCHOR_OK.format(
        month="2026-10", at=lock.at, actor=lock.actor, code=lock.code)]


def test_agreement_without_the_key_says_what_was_not_checked() -> None:
    lock = _lock()
    result = anchor.check("2026-10", str(lock.code), [lock], [], _trail(lock, unchecked_from=9))
    assert result.ok
    assert anchor.messages(result)[1] == strings.ANCHOR_OK_UNCHECKED.format(first=9)


def test_bad_code_is_said_before_anything_else() -> None:
    result = anchor.check("2026-10", " abc ", [_lock()], [], None)
    assert _codes(result) == ["bad_code"] and result.findings[0].args["code"] == "abc"
    assert "abc" in anchor.messages(result)[1]


def test_month_never_locked() -> None:
    other = _lock("2026-09")
    plain = anchor.check("2026-10", "0000-0000-0000", [], [other], None)
    assert _codes(plain) == ["not_locked"]
    named = anchor.check("2026-10", str(other.code), [], [other], None)
    assert _codes(named) == ["not_locked", "code_other_month"]
    assert strings.ANCHOR_PROBLEM["code_other_month"].format(
        month="2026-10", other="2026-09") in anchor.messages(named)


def test_month_reopened_names_the_old_lock_of_the_code() -> None:
    lock = _lock()
    reopen = LockFacts("2026-10", "reopen", "2026-11-03 10:00", "周立群", "补录请假")
    result = anchor.check("2026-10", str(lock.code), [lock, reopen], [], None)
    assert _codes(result) == ["reopened", "code_old_lock"]
    assert "补录请假" in anchor.messages(result)[1]


def test_lock_made_before_codes_has_none() -> None:
    old = LockFacts("2026-10", "lock", "x", "y", snapshot=SNAP)
    assert _codes(anchor.check("2026-10", "0000-0000-0000", [old], [], None)) == ["no_anchor"]
    lock = _lock()
    assert _codes(anchor.check("2026-10", "0000-0000-0000", [lock], [], None)) == ["no_anchor"]


def test_relocked_month_old_code_is_an_earlier_lock() -> None:
    first = _lock(at="2026-11-02 09:00")
    reopen = LockFacts("2026-10", "reopen", "2026-11-03 10:00", "周立群", "更正")
    second = _lock(snapshot=SNAP.replace("1", "0"), at="2026-11-04 09:00", head=(50, "c" * 64))
    result = anchor.check("2026-10", str(first.code), [first, reopen, second], [],
                          _trail(second))
    assert _codes(result) == ["code_old_lock"]
    assert result.findings[0].args["at"] == first.at
    assert anchor.check("2026-10", str(second.code), [first, reopen, second], [],
                        _trail(second)).ok


def test_unknown_code_is_a_mismatch() -> None:
    lock = _lock()
    result = anchor.check("2026-10", "0000-0000-0000", [lock], [_lock("2026-09")],
                          _trail(lock))
    assert _codes(result) == ["code_mismatch"]
    reopen = LockFacts("2026-10", "reopen", "2026-11-03 10:00", "周立群", "更正")
    again = _lock(head=(50, "c" * 64))
    result = anchor.check("2026-10", "0000-0000-0000", [lock, reopen, again], [],
                          _trail(again))
    assert _codes(result) == ["code_mismatch"]


def test_snapshot_changed_after_the_lock() -> None:
    lock = _lock()
    changed = LockFacts(**{**lock.__dict__, "snapshot": SNAP.replace("1", "5")})
    result = anchor.check("2026-10", str(lock.code), [changed], [], _trail(lock))
    assert _codes(result) == ["snapshot_changed", "code_mismatch"]
    # without the lock's audit row the changed snapshot is still found (by the anchor)
    blind = anchor.check("2026-10", str(lock.code), [changed], [],
                         _trail(lock, audited_snapshot=None, audited_anchor=None, lock_row=0))
    assert _codes(blind) == ["snapshot_changed", "lock_row_missing", "code_mismatch"]


def test_stored_anchor_or_head_changed() -> None:
    lock = _lock()
    moved = LockFacts(**{**lock.__dict__, "audit_id": 40})
    result = anchor.check("2026-10", str(lock.code), [moved], [], _trail(lock))
    assert _codes(result) == ["anchor_changed", "code_mismatch"]
    forged = _lock(snapshot=SNAP.replace("1", "5"))
    # snapshot and anchor both rewritten to agree: the audit row still says otherwise
    result = anchor.check("2026-10", str(forged.code), [forged], [], _trail(lock))
    assert _codes(result) == ["snapshot_changed", "anchor_changed"]


def test_audit_trail_problems() -> None:
    lock = _lock()
    gone = anchor.check("2026-10", str(lock.code), [lock], [], _trail(lock, head_row=False))
    assert _codes(gone) == ["lock_row_missing"]
    assert gone.findings[0].args["id"] == "42"
    broken = anchor.check("2026-10", str(lock.code), [lock], [], _trail(lock, first_problem=7))
    assert _codes(broken) == ["audit_broken"]
    assert "第 7 条" in anchor.messages(broken)[1]
    assert anchor.messages(broken)[0] == strings.ANCHOR_BAD.format(month="2026-10")


def test_lock_without_head_cannot_be_recomputed() -> None:
    odd = LockFacts("2026-10", "lock", "x", "y", snapshot=SNAP, anchor="f" * 64)
    trail = TrailFacts(True, 5, anchor.snapshot_digest(SNAP), "f" * 64, None)
    result = anchor.check("2026-10", anchor.code_of("f" * 64), [odd], [], trail)
    assert _codes(result) == ["anchor_changed", "code_mismatch"]
