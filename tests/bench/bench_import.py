"""Import benchmarks (issues 5, 13): the whole USB and LAN imports into the database.

* USB: a 100,000-line attlog file through ``ImportService.import_usb`` (parse with every
  check, dedupe, insert, batch record and audit), side by side with the *floor*: the least
  work that stores the same rows in the same table. Target: import <= 1.3x the floor.
  Also: the same file again (everything a duplicate).
* LAN: 50,000 records from the 127.0.0.1 clock simulator through ``ImportService.sync_config``
  (read, parse, store). Target: under 5 s.

How the floor is built (``floor()``): the database is a copy of the same template the
import starts from (made by the real migrations: the project's own ``punch`` table with its
unique identity index, and a project row). Plain ``sqlite3``, with the settings the app's
connections use (WAL, ``synchronous=FULL``, foreign keys on); the file is read and each line
split on TAB, the time parsed with ``datetime.fromisoformat`` and stored as SQLAlchemy
stores a DateTime (``isoformat(" ", "microseconds")``), ids stripped, state and verify mode
``int``; then in one transaction an ``import_batch`` row and one ``executemany`` of the rows
(file order) into ``punch``. No validation, no dedupe count, no audit, no problems list.

Each run alternates floor and import on fresh copies of the template; medians of
``--repeat`` runs, wall (``perf_counter``) and CPU (``process_time``) both.

    python tests/bench/bench_import.py [--lines 100000] [--lan 50000] [--repeat 5]

Memory (issue 17): ``--memory-mb 200`` instead generates a valid attlog file of that size
(and ``--bad`` one of bad lines only) and imports it into a new database in a fresh
process, printing its peak RSS (``VmHWM``), time, counts and the database's size
(``tests/helpers/resources.py``).

    python tests/bench/bench_import.py --memory-mb 200 [--bad]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "integration"))

PUNCH_SQL = ("INSERT INTO punch (project_id, device, device_user_id, punched_at, verify_mode,"
             " in_out_state, work_code, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def make_attlog(path: Path, lines: int) -> None:
    base = dt.datetime(2026, 1, 5, 8, 0, 0)
    with path.open("w", encoding="ascii", newline="") as fh:
        for i in range(lines):
            t = base + dt.timedelta(seconds=37 * i)
            fh.write(f"{1000 + i % 300:>9}\t{t:%Y-%m-%d %H:%M:%S}\t1\t{i % 2}\t1\t0\r\n")


def make_template(folder: Path) -> Path:
    """A database brought to head by the real migrations, with the project row."""
    from app.services import Services
    from app.services.project import ensure_project

    services = Services.open(folder / "template" / "onsitedesk.db", daily_backup=False)
    with services.db.transaction() as s:
        ensure_project(s)
    path = services.db_path
    services.close()  # the last connection checkpoints the WAL into the file
    return path


def fresh_copy(template: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


def floor(attlog: Path, db: Path) -> tuple[float, float, int]:
    """The floor (see the module text): wall s, CPU s, rows stored."""
    start, cpu = time.perf_counter(), time.process_time()
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    fromiso = dt.datetime.fromisoformat
    parsed = []
    for line in attlog.read_text(encoding="ascii").splitlines():
        uid, when, _device, state, verify, work = line.split("\t")
        parsed.append((uid.strip(), fromiso(when).isoformat(" ", "microseconds"),
                       int(verify), int(state), work))
    con.execute("BEGIN IMMEDIATE")
    batch_id = con.execute(
        "INSERT INTO import_batch (project_id, kind, source, device, started_at, read_count,"
        " new_count, duplicate_count, rejected_count, problems) VALUES"
        " (1, 'usb', ?, '', ?, 0, 0, 0, 0, '[]')",
        (str(attlog), dt.datetime.now().isoformat(" ", "microseconds"))).lastrowid
    con.executemany(PUNCH_SQL, [(1, "", u, w, v, st, wc, batch_id)
                                for u, w, v, st, wc in parsed])
    con.execute("COMMIT")
    con.close()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM punch").fetchone()[0]
    con.close()
    return wall, cpu, stored


def memory(size_mb: int, bad: bool) -> int:
    from tests.helpers.resources import measure_import, write_attlog

    with tempfile.TemporaryDirectory() as tmp:
        attlog = Path(tmp) / "1_attlog.dat"
        lines = write_attlog(attlog, size_mb * 2**20, bad=bad)
        figures = measure_import(Path(tmp) / "data" / "onsitedesk.db", attlog)
    print(json.dumps({"lines": lines, "bad": bad, **figures}))
    return 0


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--lan", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=5, help="alternating runs, medians reported")
    ap.add_argument("--memory-mb", type=int, default=0,
                    help="measure the peak RSS of importing a file of this many MB instead")
    ap.add_argument("--bad", action="store_true", help="with --memory-mb: bad lines only")
    args = ap.parse_args()
    if args.memory_mb:
        return memory(args.memory_mb, args.bad)
    from app.services import Services

    out: dict[str, object] = {"usb_lines": args.lines, "lan_records": args.lan}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        attlog = folder / "1_attlog.dat"
        make_attlog(attlog, args.lines)
        template = make_template(folder)
        t: dict[str, list[float]] = {k: [] for k in (
            "floor", "floor_cpu", "usb", "usb_cpu", "again", "again_cpu")}
        for i in range(args.repeat):  # alternate, so machine load hits both alike
            wall, cpu, stored = floor(attlog, fresh_copy(template, folder / f"floor{i}.db"))
            t["floor"].append(wall)
            t["floor_cpu"].append(cpu)
            services = Services.open(fresh_copy(template, folder / f"app{i}" / "onsitedesk.db"),
                                     daily_backup=False)
            start, cpu = time.perf_counter(), time.process_time()
            first, _ = services.imports.import_usb(attlog)
            t["usb_cpu"].append(time.process_time() - cpu)
            t["usb"].append(time.perf_counter() - start)
            start, cpu = time.perf_counter(), time.process_time()
            again, _ = services.imports.import_usb(attlog)
            t["again_cpu"].append(time.process_time() - cpu)
            t["again"].append(time.perf_counter() - start)
            if first.batch.new != stored or again.batch.duplicate != stored:
                raise SystemExit(f"import stored {first.batch.new}, floor {stored}")
            if i < args.repeat - 1:
                services.close()
        out["floor_s"], out["floor_cpu_s"] = _median(t["floor"]), _median(t["floor_cpu"])
        out["usb_import_s"], out["usb_import_cpu_s"] = _median(t["usb"]), _median(t["usb_cpu"])
        out["usb_ratio_to_floor"] = round(statistics.median(t["usb"])
                                          / statistics.median(t["floor"]), 2)
        out["usb_cpu_ratio_to_floor"] = round(statistics.median(t["usb_cpu"])
                                              / statistics.median(t["floor_cpu"]), 2)
        out["usb_reimport_s"] = _median(t["again"])
        out["usb_reimport_cpu_s"] = _median(t["again_cpu"])
        out["usb_new"], out["usb_duplicate_on_reimport"] = first.batch.new, again.batch.duplicate
        if args.lan:
            from zk_simulator import SimRecord, SimUser, ZkSimulator

            from app.devices.clock_lan import ClockConfig

            base = dt.datetime(2025, 1, 1, 8, 0, 0)
            records = [SimRecord(str(2000 + i % 300), base + dt.timedelta(seconds=97 * i),
                                 verify=1, state=i % 2) for i in range(args.lan)]
            users = [SimUser(i + 1, str(2000 + i), f"U{i}") for i in range(300)]
            with ZkSimulator(users=users, records=records, record_format=40,
                             user_format=72) as sim:
                cfg = ClockConfig("127.0.0.1", sim.port, timeout=30)
                start = time.perf_counter()
                lan, _ = services.imports.sync_config(cfg, "BENCH")
                out["lan_import_s"] = round(time.perf_counter() - start, 3)
                out["lan_new"] = lan.batch.new
        services.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
