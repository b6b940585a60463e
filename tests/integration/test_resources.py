"""Bounded resources (issue 17, deliverable 2): USB files streamed, problem lists capped,
workbooks measured before they are opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import strings
from app.services import Services
from app.services.imports import MAX_PROBLEMS
from app.storage.tables import AuditLog
from app.storage.tables_attendance import ImportBatch, Punch
from tests.helpers.resources import measure_import, write_attlog

LINE = "{id:>9}\t2026-03-02 08:{m:02d}:{s:02d}\t1\t0\t1\t0"


@pytest.mark.slow
def test_usb_import_memory_is_flat_in_file_size(tmp_path: Path) -> None:
    """A 40 MB valid file (1.1 M punches) in a fresh process: peak RSS under 160 MB (the
    interpreter and the app's imports are ~85 MB of it; before streaming this file took
    ~450 MB, and a 200 MB file 2.2 GB). tests/bench/bench_import.py --memory-mb 200 measures
    the 200 MB figure in README."""
    attlog = tmp_path / "1_attlog.dat"
    lines = write_attlog(attlog, 40 * 2**20)
    figures = measure_import(tmp_path / "data" / "onsitedesk.db", attlog)
    assert figures["read"] == figures["new"] == lines
    assert figures["max_rss_mb"] < 160, figures


def test_bad_lines_are_listed_once_and_capped(services: Services, tmp_path: Path) -> None:
    """3,000 bad lines and 2 good ones: the good ones are stored; the batch lists the first
    MAX_PROBLEMS problems and counts the rest; the audit log holds the list's digest, not a
    copy of it; the outcome (CLI, GUI) carries the same cap."""
    lines = [LINE.format(id=7, m=0, s=0)]
    lines += [f"ZZZZ{i}\t2026-03-02 09:00:00\t1\t0\t1\t0" for i in range(3000)]
    lines += [LINE.format(id=8, m=1, s=0)]
    path = tmp_path / "1_attlog.dat"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii")
    outcome, _ = services.imports.import_usb(path)
    assert (outcome.batch.new, outcome.batch.rejected) == (2, 3000)
    assert len(outcome.problems) == MAX_PROBLEMS and outcome.problems_more == 2000
    assert [p.line for p in outcome.problems[:2]] == [2, 3]
    assert outcome.as_json()["problems_more"] == 2000
    with services.db.read() as s:
        batch = s.scalars(select(ImportBatch)).one()
        stored = json.loads(batch.problems)
        assert len(stored) == MAX_PROBLEMS + 1
        assert stored[-1] == {"more": 2000, "reason": strings.IMP_PROBLEMS_MORE.format(n=2000)}
        audit = [a for a in s.scalars(select(AuditLog)) if a.entity == "import_batch"]
        assert audit and all("ZZZZ" not in (a.after or "") + (a.before or "") for a in audit)
        assert all(json.loads(a.after or "{}").get("problems", "sha256:").startswith("sha256:")
                   for a in audit)
        assert s.scalar(select(func.count()).select_from(Punch)) == 2
    history = services.imports.history()[0]
    assert history.problems[-1]["more"] == 2000


def test_streamed_import_keeps_batch_semantics(services: Services, tmp_path: Path) -> None:
    """Across the stream's blocks: one batch, duplicates within the file stored once,
    a re-import all duplicates, coverage from the oldest to the newest punch."""
    import app.devices.clock_usb as usb

    lines = [LINE.format(id=i % 5 + 1, m=i // 60, s=i % 60) for i in range(400)]
    lines += lines[:50]  # the same punches again, in later blocks
    path = tmp_path / "1_attlog.dat"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    old = usb.BLOCK_BYTES
    usb.BLOCK_BYTES = 1000  # many blocks
    try:
        first, _ = services.imports.import_usb(path)
        again, _ = services.imports.import_usb(path)
    finally:
        usb.BLOCK_BYTES = old
    assert (first.batch.read, first.batch.new, first.batch.duplicate) == (450, 400, 50)
    assert (again.batch.new, again.batch.duplicate) == (0, 450)
    with services.db.read() as s:
        batch = s.get(ImportBatch, first.batch.batch_id)
        assert batch is not None
        assert (batch.covered_from, batch.covered_until) == (
            usb.from_seconds(usb.seconds(min(r.punched_at for r in usb.parse_attlog(
                path.read_bytes()).records))),
            usb.from_seconds(usb.seconds(max(r.punched_at for r in usb.parse_attlog(
                path.read_bytes()).records))))


def _bomb(path: Path, unpacked_mb: int) -> None:
    """A workbook whose one sheet unpacks to ``unpacked_mb`` MB of cells (written a row
    block at a time: the test itself stays small)."""
    import zipfile

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    head, tail = parts.pop("xl/worksheets/sheet1.xml").decode("utf-8").split("</sheetData>")
    block = ("<row>" + "<c t=\"inlineStr\"><is><t>x</t></is></c>" * 50 + "</row>") * 200
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head.encode("utf-8"))
            for _ in range(unpacked_mb * 2**20 // len(block) + 1):
                fh.write(block.encode("ascii"))
            fh.write(("</sheetData>" + tail).encode("utf-8"))


def test_zip_bomb_workbook_is_refused_before_reading(tmp_path: Path) -> None:
    """A workbook of a few hundred KB that unpacks to 200 MB is refused with a Chinese
    message before calamine or openpyxl see it (it peaked at 924 MB before), within a
    small memory and time budget measured in a fresh process."""
    import os
    import subprocess
    import sys

    from app.errors import ImportFileError
    from app.services import roster_io
    from app.services.workbook_guard import MAX_UNPACKED

    path = tmp_path / "花名册.xlsx"
    _bomb(path, 200)
    assert path.stat().st_size < 2 * 2**20
    with pytest.raises(ImportFileError) as err:
        roster_io.read_sheets(path)
    assert err.value.message == strings.TABLE_FILE_UNPACKS_TOO_BIG.format(
        path=path, mb=-(-_declared(path) // 2**20), limit=MAX_UNPACKED // 2**20)
    code = ("import resource, sys; from pathlib import Path; from app.services import "
            "roster_io\ntry:\n roster_io.read_sheets(Path(sys.argv[1]))\nexcept Exception as e:"
            "\n print(type(e).__name__)\nfrom tests.helpers.resources import peak_rss_mb\n"
            "print(int(peak_rss_mb()))")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(root)}, check=True,
                         timeout=120).stdout.split()
    assert out[0] == "ImportFileError" and int(out[1]) < 150, out


def test_forged_directory_is_refused_by_the_unpacking_counter(tmp_path: Path) -> None:
    """A workbook whose directory under-declares a member's size: the counter (or the
    CRC check) refuses it, never a reader."""
    from app.errors import ImportFileError
    from app.services import roster_io
    from app.services.workbook_guard import MAX_UNPACKED

    path = tmp_path / "r.xlsx"
    _bomb(path, MAX_UNPACKED // 2**20 + 8)
    data = bytearray(path.read_bytes())
    # rewrite the declared uncompressed size of every member to 1 KB (local + central)
    import struct
    import zipfile

    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    for info in infos:
        struct.pack_into("<I", data, info.header_offset + 22, 1024)
    start = data.rfind(b"PK\x01\x02", 0)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into("<I", data, pos + 24, 1024)
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert start != -1
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError):
        roster_io.read_sheets(path)


def _declared(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return sum(m.file_size for m in z.infolist())


def test_streamed_reading_equals_the_whole_file_reading(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The streamed reader (blocks as small as one byte) gives exactly the records,
    problems, counts and names of the whole-content parser, across encodings, line ends,
    BOMs and garbage; and the streamed hold-back analysis equals ``hold_back``'s."""
    import datetime as dt
    import random

    import app.devices.clock_usb as usb
    from app.services.imports import held_back_in_scan, hold_back

    rnd = random.Random(17)
    pieces = ["        1\t2026-11-02 08:00:00\t1\t0\t1\t0", "2\t2026-11-03 09:00:00\t1\t1\t\t0",
              "3\tname\t2026-11-03 09:00:00\t1\t1", "bad line", "\x00\x00", "",
              "4\t2099-01-01 00:00:00\t1\t0\t1\t0", "5\t2001-01-01 00:00:00\t1\t0\t1\t0",
              "名字\t1", "\ufeff", "6\t2036-11-03 09:00:00\t1\t1\t1\t0"]
    path = tmp_path / "a.dat"
    now = dt.datetime(2026, 11, 29, 10)
    for _ in range(400):
        monkeypatch.setattr(usb, "BLOCK_BYTES", rnd.choice([1, 2, 3, 7, 64, 1 << 20]))
        text = rnd.choice(["\n", "\r\n", "\r"]).join(
            rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        data = text.encode(rnd.choice(["utf-8", "gbk", "utf-16", "utf-8-sig"]),
                           errors="replace")
        path.write_bytes(data + (bytes([rnd.randrange(256)]) if rnd.random() < 0.2 else b""))
        whole = usb._parse(path.read_bytes())
        try:
            streamed = usb.parse_attlog_file(path)
        except Exception:
            assert whole.result.read == 0 or whole.known_layout == 0
            continue
        assert streamed.records == whole.result.records
        assert streamed.problems == whole.result.problems
        assert (streamed.read, streamed.names) == (whole.result.read, whole.result.names)
        kept, held = hold_back(streamed, now)
        held2, kept2 = held_back_in_scan(usb.scan_attlog_file(path), now)
        assert kept2 == len(kept.records)
        assert (held is None) == (held2 is None)
        if held is not None and held2 is not None:
            assert (held2.count, held2.first, held2.last, held2.offset_days) == (
                held.count, held.first, held.last, held.offset_days)


def test_a_file_changed_between_the_passes_is_refused(services: Services,
                                                      tmp_path: Path) -> None:
    """The two passes must read the same file: one written to after the first pass is
    refused and nothing is stored."""
    import app.devices.clock_usb as usb

    path = tmp_path / "1_attlog.dat"
    path.write_text(LINE.format(id=7, m=0, s=0) + "\n", encoding="ascii")
    scan = usb.scan_attlog_file(path)
    with path.open("a", encoding="ascii") as fh:
        fh.write(LINE.format(id=8, m=1, s=0) + "\n")
    from app.errors import ImportFileError

    with pytest.raises(ImportFileError) as err:
        list(usb.read_attlog_blocks(scan))
    assert err.value.message == strings.USB_FILE_CHANGED.format(path=path)
