"""Import benchmarks (issue 5): the whole USB and LAN imports into the database.

* USB: a 100,000-line attlog file through ``ImportService.import_usb`` (parse, dedupe,
  insert, batch record), against a baseline of plain line splitting plus one
  ``executemany`` of the same rows into a bare SQLite table (same pragmas, no indexes).
  Target: within 3x of the baseline. Also: the same file again (everything a duplicate).
* LAN: 50,000 records from the 127.0.0.1 clock simulator through ``ImportService.sync_config``
  (read, parse, store). Target: under 5 s.

    python tests/bench/bench_import.py [--lines 100000] [--lan 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "integration"))


def make_attlog(path: Path, lines: int) -> None:
    base = dt.datetime(2026, 1, 5, 8, 0, 0)
    with path.open("w", encoding="ascii", newline="") as fh:
        for i in range(lines):
            t = base + dt.timedelta(seconds=37 * i)
            fh.write(f"{1000 + i % 300:>9}\t{t:%Y-%m-%d %H:%M:%S}\t1\t{i % 2}\t1\t0\r\n")


def baseline(path: Path, db: Path) -> float:
    """Plain parsing into the same row values (id text, datetime, ints), no validation,
    then one executemany into a table with no index."""
    start = time.perf_counter()
    rows = []
    fromiso = dt.datetime.fromisoformat
    for line in path.read_text(encoding="ascii").splitlines():
        uid, when, _m, state, verify, work = line.split("\t")
        rows.append((uid.strip(), fromiso(when).isoformat(" "), int(verify), int(state),
                     work))
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE punch (device_user_id TEXT, punched_at TEXT, verify INT,"
                " state INT, work TEXT)")
    with con:
        con.executemany("INSERT INTO punch VALUES (?, ?, ?, ?, ?)", rows)
    con.close()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--lan", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=5, help="alternating runs, medians reported")
    args = ap.parse_args()
    from app.services import Services

    out: dict[str, object] = {"usb_lines": args.lines, "lan_records": args.lan}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        attlog = folder / "1_attlog.dat"
        make_attlog(attlog, args.lines)
        base_t, usb_t, re_t = [], [], []
        for i in range(args.repeat):  # alternate, so machine load hits both alike
            base_t.append(baseline(attlog, folder / f"bare{i}.db"))
            services = Services.open(folder / f"app{i}" / "onsitedesk.db")
            start = time.perf_counter()
            first, _ = services.imports.import_usb(attlog)
            usb_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            again, _ = services.imports.import_usb(attlog)
            re_t.append(time.perf_counter() - start)
            if i < args.repeat - 1:
                services.close()
        out["baseline_s"] = round(statistics.median(base_t), 3)
        out["usb_import_s"] = round(statistics.median(usb_t), 3)
        out["usb_reimport_s"] = round(statistics.median(re_t), 3)
        out["usb_new"], out["usb_duplicate_on_reimport"] = first.batch.new, again.batch.duplicate
        out["usb_ratio_to_baseline"] = round(float(out["usb_import_s"])  # type: ignore[arg-type]
                                             / float(out["baseline_s"]), 2)  # type: ignore[arg-type]
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
