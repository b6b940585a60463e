"""The USB import's storage path (issue 13): what the faster path must still do.

Bad lines are listed by line number while the rest is stored; the batch is recorded and
audited; a re-import adds nothing; the same punch twice in one file is stored once, from
its first line (the rows are sorted by index order before the insert, stably).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app import strings
from app.services import Services
from app.storage.tables import AuditLog
from app.storage.tables_attendance import ImportBatch, Punch

T = dt.datetime

LINES = [
    "        7\t2026-03-02 08:27:05\t1\t0\t1\t0",  # 1
    "        8\t2026-03-02 08:29:59\t1\t0\t15\t0",  # 2
    "ZZZZZZZZZ\t2026-03-02 08:30:00\t1\t0\t1\t0",  # 3: flash garbage
    "        7\t2026-02-30 12:01:00\t1\t1\t1\t0",  # 4: no such day
    "        7\t2026-03-02 12:01:00\t1\t1\t1\t0",  # 5
    "7\t2026-03-02 12:01:00\t1\t0\t0",  # 6: line 5 again (5 fields: verify unknown)
    "",
    "        8\t2026-03-02 17:31:00\t1\t1\t15\t0",  # 8
]


def _file(tmp_path: Path, lines: list[str], name: str = "1_attlog.dat") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode("ascii") + b"\r\n")
    return path


def test_bad_lines_are_listed_and_the_rest_stored_once(services: Services,
                                                       tmp_path: Path) -> None:
    path = _file(tmp_path, LINES)
    first, _ = services.imports.import_usb(path)
    b = first.batch
    assert (b.read, b.new, b.duplicate, b.rejected) == (7, 4, 1, 2)
    assert [p.line for p in first.problems] == [3, 4]
    assert first.problems[1].reason == strings.USB_NO_SUCH_DATETIME.format(
        value="2026-02-30 12:01:00")
    with services.db.read() as s:
        stored = s.execute(select(Punch.device_user_id, Punch.punched_at, Punch.verify_mode,
                                  Punch.in_out_state, Punch.work_code, Punch.batch_id)
                           .order_by(Punch.device_user_id, Punch.punched_at)).all()
        batch = s.get(ImportBatch, b.batch_id)
        assert batch is not None
        assert (batch.read_count, batch.new_count, batch.duplicate_count,
                batch.rejected_count) == (7, 4, 1, 2)
        audited = s.scalars(select(AuditLog).where(AuditLog.entity == "import_batch")).all()

    assert [tuple(r) for r in stored] == [
        ("7", T(2026, 3, 2, 8, 27, 5), 1, 0, "0", b.batch_id),
        ("7", T(2026, 3, 2, 12, 1), 1, 1, "0", b.batch_id),  # line 5, not its repeat
        ("8", T(2026, 3, 2, 8, 29, 59), 15, 0, "0", b.batch_id),
        ("8", T(2026, 3, 2, 17, 31), 15, 1, "0", b.batch_id),
    ]
    assert audited and all(a.entity_id == str(b.batch_id) for a in audited)
    assert first.unmapped == ("7", "8")

    again, _ = services.imports.import_usb(path)
    b2 = again.batch
    assert (b2.read, b2.new, b2.duplicate, b2.rejected) == (7, 0, 5, 2)
    assert b2.batch_id != b.batch_id
    with services.db.read() as s:
        assert len(s.scalars(select(Punch.id)).all()) == 4


def test_rows_out_of_order_are_all_stored(services: Services, tmp_path: Path) -> None:
    """The insert sorts into index order whatever the file's order (newest first here)."""
    base = dt.datetime(2026, 3, 2, 8)
    lines = [f"{3 - i % 3}\t{base + dt.timedelta(minutes=37 * (300 - i)):%Y-%m-%d %H:%M:%S}"
             f"\t1\t{i % 2}\t1\t0" for i in range(300)]
    outcome, _ = services.imports.import_usb(_file(tmp_path, lines))
    assert (outcome.batch.new, outcome.batch.duplicate) == (300, 0)
    with services.db.read() as s:
        rows = s.execute(select(Punch.device_user_id, Punch.punched_at, Punch.in_out_state)
                         ).all()
    want = {(str(3 - i % 3), base + dt.timedelta(minutes=37 * (300 - i)), i % 2)
            for i in range(300)}
    assert {tuple(r) for r in rows} == want


def test_the_collector_pause_is_undone(services: Services, tmp_path: Path) -> None:
    """The import holds the garbage collector off and restores its state, also on error."""
    import gc

    from app.errors import ImportFileError

    good, empty = _file(tmp_path, LINES), tmp_path / "empty_attlog.dat"
    empty.write_bytes(b"")
    assert gc.isenabled()
    services.imports.import_usb(good)
    assert gc.isenabled()
    with pytest.raises(ImportFileError):
        services.imports.import_usb(empty)
    assert gc.isenabled()
    gc.disable()
    try:
        services.imports.import_usb(good)
        assert not gc.isenabled()  # someone else's choice is left alone
    finally:
        gc.enable()
