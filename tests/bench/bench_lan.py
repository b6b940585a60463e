"""LAN import benchmark (issue 5): read 50,000 punches from the 127.0.0.1 clock simulator
with ``read_clock`` (connect, info, users, buffered transfer, our parser, unlock, exit).
Target for the whole LAN import: < 5 s. Loopback only, so this measures the software; a
real clock on a real LAN transfers more slowly (linearly).

    python tests/bench/bench_lan.py [--records 50000] [--format 40] [--udp] [--repeat 3]
                                    [--pyzk]

Prints JSON. ``--pyzk`` also times pyzk's own get_attendance() on the same clock, whose
parse is quadratic (ZK-PROTOCOL.md §1.12).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "integration"))


def _records(n: int) -> list[object]:
    from zk_simulator import SimRecord

    base = dt.datetime(2024, 1, 1, 8, 0, 0)
    return [SimRecord(str(1000 + i % 300), base + dt.timedelta(seconds=97 * i),
                      verify=1 if i % 5 else 15, state=i % 2) for i in range(n)]


def _users() -> list[object]:
    from zk_simulator import SimUser

    return [SimUser(i + 1, str(1000 + i), f"U{i}") for i in range(300)]


def _time_pyzk(port: int, udp: bool) -> tuple[float, int]:
    from zk import ZK

    client = ZK("127.0.0.1", port=port, timeout=60, force_udp=udp, ommit_ping=True,
                encoding="gbk")
    client._ZK__sock.close()  # pyzk's constructor leaks a socket
    start = time.perf_counter()
    client.connect()
    try:
        n = len(client.get_attendance())
    finally:
        client.disconnect()
    return time.perf_counter() - start, n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--format", type=int, choices=(8, 16, 40), default=40)
    ap.add_argument("--udp", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pyzk", action="store_true", help="also time pyzk's get_attendance()")
    args = ap.parse_args()

    from zk_simulator import ZkSimulator

    from app.clock import SYSTEM_CLOCK
    from app.devices.clock_lan import ClockConfig, parse_attendance_table, read_clock

    sim = ZkSimulator(users=_users(), records=_records(args.records),
                      record_format=args.format, user_format=72 if args.format == 40 else 28)
    with sim:
        cfg = ClockConfig("127.0.0.1", sim.port, udp=args.udp, timeout=30)
        runs = []
        count = problems = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            result, users, _info = read_clock(cfg, clock=SYSTEM_CLOCK)
            runs.append(time.perf_counter() - start)
            count, problems = len(result.records), len(result.problems)
        table = sim.attendance_table()
        ids = {u.uid: u.user_id for u in users}
        start = time.perf_counter()
        parse_attendance_table(table, args.records, user_ids_by_uid=ids,
                               not_after=SYSTEM_CLOCK.now() + dt.timedelta(days=1))
        parse_s = time.perf_counter() - start
        pyzk = _time_pyzk(sim.port, args.udp) if args.pyzk else None

    best = min(runs)
    out: dict[str, object] = {
        "records": args.records, "record_format": args.format,
        "transport": "udp" if args.udp else "tcp", "table_bytes": len(table),
        "read_clock_seconds": round(best, 3),
        "read_clock_median_seconds": round(statistics.median(runs), 3),
        "records_per_second": round(count / best),
        "parse_only_seconds": round(parse_s, 3),
        "records_read": count, "problems": problems,
        "target_seconds": 5.0, "within_target": best < 5.0,
    }
    if pyzk is not None:
        out["pyzk_get_attendance_seconds"] = round(pyzk[0], 3)
        out["pyzk_records"] = pyzk[1]
    print(json.dumps(out, indent=2))
    return 0 if count == args.records and best < 5.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
