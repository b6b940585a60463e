"""Issue 14 deliverable 5: implausible punch times are held back (shift or discard), never
stored as real days; a USB file's name column reaches the unmapped list; with several clocks
set up a USB import must say which one it came from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from app.devices.clock_usb import parse_attlog_file
from app.devices.records import RawPunch, ReadResult
from app.services import Services
from app.services.imports import DISCARD, SHIFT, detect_offset, hold_back
from app.storage.tables_attendance import Punch
from tests.helpers.cli import run_cli, run_error, run_json
from tests.helpers.clock import FIXED_NOW
from tests.helpers.samples import shared_sample

NOW = FIXED_NOW  # 2026-11-29 10:00


def _line(uid: int, when: str) -> str:
    return f"{uid:>9}\t{when}\t1\t0\t1\t0"


def _good_days() -> list[str]:
    """Two people, 2026-11-16 .. 2026-11-20, four punches a day."""
    out = []
    for day in range(16, 21):
        for uid in (1, 2):
            for t in ("08:20:00", "12:01:00", "13:55:00", "17:35:00"):
                out.append(_line(uid, f"2026-11-{day:02d} {t}"))
    return out


def _write(tmp_path: Path, lines: list[str], name: str = "1_attlog.dat") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    return path


RESET = [_line(1, "2000-01-01 00:00:12"), _line(2, "2000-01-01 00:03:40"),
         _line(1, "2000-01-02 08:21:00"), _line(1, "2000-01-02 17:33:00")]
WRONG_YEAR = [_line(1, "2036-11-23 08:19:00"), _line(2, "2036-11-23 08:22:00"),
              _line(1, "2036-11-24 17:31:00"), _line(2, "2036-11-25 12:02:00")]


def _stored(services: Services) -> list[dt.datetime]:
    with services.db.read() as s:
        return list(s.scalars(select(Punch.punched_at).order_by(Punch.punched_at)))


# ---- detection ---------------------------------------------------------------------------

def test_reset_block_at_the_end_maps_its_newest_punch_to_the_import_day(tmp_path: Path) -> None:
    result = parse_attlog_file(_write(tmp_path, _good_days() + RESET))
    kept, held = hold_back(result, NOW)
    assert held is not None and held.count == 4 and held.action == DISCARD
    assert (held.first, held.last) == (dt.datetime(2000, 1, 1, 0, 0, 12),
                                       dt.datetime(2000, 1, 2, 17, 33))
    assert held.offset_days == (NOW.date() - dt.date(2000, 1, 2)).days
    assert held.shifted(held.last).date() == NOW.date()
    assert len(kept.records) == 40 and len(kept.problems) == 4  # discarded, by line
    assert [p.line for p in kept.problems] == [41, 42, 43, 44]


def test_wrong_year_block_is_moved_to_the_year_it_fits(tmp_path: Path) -> None:
    result = parse_attlog_file(_write(tmp_path, _good_days() + WRONG_YEAR))
    kept, held = hold_back(result, NOW, shift=True)
    assert held is not None and held.action == SHIFT and held.count == 4
    assert held.offset_days == (dt.date(2026, 11, 25) - dt.date(2036, 11, 25)).days
    moved = sorted(r.punched_at for r in kept.records)[-4:]
    assert moved[0] == dt.datetime(2026, 11, 23, 8, 19) and moved[-1].date() == \
        dt.date(2026, 11, 25)
    assert not kept.problems


def test_several_blocks_or_years_offer_no_offset(tmp_path: Path) -> None:
    lines = _good_days()
    mixed = lines[:10] + RESET[:2] + lines[10:] + RESET[2:]  # two reset blocks
    _, held = hold_back(parse_attlog_file(_write(tmp_path, mixed)), NOW, shift=True)
    assert held is not None and held.offset_days is None and held.action == DISCARD
    two_years = _good_days() + [_line(1, f"{d} 08:19:00") for d in (
        "2036-12-30", "2036-12-31", "2037-01-01", "2037-01-02")]
    _, held = hold_back(parse_attlog_file(_write(tmp_path, two_years, "b.dat")), NOW)
    assert held is not None and held.offset_days is None


def test_a_real_sample_with_repeated_resets_is_held_back_without_offset() -> None:
    """Thrawn1's clock fell back to 2000-01-01 several times between real punches."""
    result = parse_attlog_file(shared_sample("zk-samples/Thrawn1_Time_work_table_1_attlog.dat"))
    kept, held = hold_back(result, NOW, shift=True)
    assert held is not None and held.count == 21 and held.offset_days is None
    assert all(r.punched_at.year >= 2010 for r in kept.records)
    assert len(kept.records) + len(kept.problems) == kept.read


def test_lan_records_are_reported_by_record_index() -> None:
    recs = [RawPunch("1", dt.datetime(2026, 11, 20, 8, 0), line=1),
            RawPunch("1", dt.datetime(2000, 1, 1, 0, 5), line=2)]
    kept, held = hold_back(ReadResult(recs, [], 2), NOW, by_line=False)
    assert held is not None and [(p.line, p.record) for p in kept.problems] == [(None, 2)]
    assert detect_offset(recs, [recs[1]], NOW) == (NOW.date() - dt.date(2000, 1, 1)).days


# ---- storing ----------------------------------------------------------------------------

def test_default_import_discards_and_never_stores_implausible_days(
        services: Services, tmp_path: Path) -> None:
    outcome, _ = services.imports.import_usb(_write(tmp_path, _good_days() + RESET))
    assert outcome.held_back is not None and outcome.held_back.action == DISCARD
    assert outcome.batch.new == 40 and outcome.batch.rejected == 4
    assert min(_stored(services)).year == 2026
    doc = outcome.as_json()["held_back"]
    assert doc["count"] == 4 and doc["first"] == "2000-01-01T00:00:12"
    assert doc["offset_days"] == outcome.held_back.offset_days


def test_shifted_import_stores_the_block_at_plausible_times(
        services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path, _good_days() + WRONG_YEAR)
    held, ok = services.imports.check_usb(path)
    assert held is not None and held.count == 4 and ok == 40
    assert _stored(services) == []  # checking stores nothing
    outcome, _ = services.imports.import_usb(path, shift_implausible=True)
    assert outcome.batch.new == 44
    stored = _stored(services)
    assert max(stored) == dt.datetime(2026, 11, 25, 12, 2)
    assert all(t.year == 2026 for t in stored)


def test_name_column_of_a_usb_file_is_shown_beside_unmapped_ids(services: Services) -> None:
    outcome, _ = services.imports.import_usb(
        shared_sample("zk-samples/VadimSa_TestRepo_attlog.dat"))
    names = {u.device_user_id: u.clock_name for u in services.imports.unmapped()}
    assert names["9"] == "Kravchen" and names["12"] == "Yacenko"
    assert {u.user_id for u in outcome.users} >= {"9", "12"}


# ---- CLI ----------------------------------------------------------------------------------

def test_cli_reports_held_back_and_shifts_on_request(migrated_db: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, _good_days() + WRONG_YEAR)
    doc = run_json("--db", migrated_db, "import", "usb", path)
    assert doc["held_back"] == {"count": 4, "first": "2036-11-23T08:19:00",
                                "last": "2036-11-25T12:02:00", "offset_days": -3653,
                                "action": "discarded"}
    assert doc["new"] == 40 and doc["rejected"] == 4
    doc = run_json("--db", migrated_db, "import", "usb", path, "--shift-implausible")
    assert doc["new"] == 4 and doc["held_back"]["action"] == "shifted"
    text = run_cli("--db", migrated_db, "import", "usb", _write(tmp_path, RESET, "r.dat"))
    assert text.code == 0 and "2000-01-01 00:00" in text.out


def test_cli_needs_device_when_several_clocks_are_set_up(migrated_db: Path,
                                                         tmp_path: Path) -> None:
    path = _write(tmp_path, _good_days())
    for name, host in (("东门", "10.0.0.5"), ("西门", "10.0.0.6")):
        assert run_cli("--db", migrated_db, "devices", "add", name, "--host", host).code == 0
    err = run_error("--db", migrated_db, "import", "usb", path)
    assert "--device" in err and "东门" in err and "西门" in err
    doc = run_json("--db", migrated_db, "import", "usb", path, "--device", "西门")
    assert doc["new"] == 40


def test_no_held_back_key_content_for_a_clean_file(services: Services, tmp_path: Path) -> None:
    outcome, _ = services.imports.import_usb(_write(tmp_path, _good_days()))
    assert outcome.held_back is None and outcome.as_json()["held_back"] is None
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Punch)) == 40
