"""What issue 17's no-silent-loss work costs a writer: 200 single roster writes (each a
commit, each moving the head sidecar: one fsync'ed file write) and one 100,000-punch batch
(its digest and the backup after it). Run it on this branch and on the previous main:

    PYTHONPATH=$PWD python tests/bench/bench_write_cost.py [FOLDER]
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from app.domain.roster import PersonFields
from app.services import Services
from app.services.punches import PunchRow


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    shutil.rmtree(root, ignore_errors=True)
    services = Services.open(root / "onsitedesk.db", daily_backup=False)
    try:
        start = time.perf_counter()
        for i in range(200):
            services.roster.add(PersonFields(employee_no=f"E{i}", name="甲"))
        single = time.perf_counter() - start
        rows = [PunchRow(str(i % 300), dt.datetime(2026, 1, 1) + dt.timedelta(minutes=i),
                         verify_mode=1) for i in range(100_000)]
        start = time.perf_counter()
        services.punches.record_batch("usb", "a.dat", "C1", rows)
        batch = time.perf_counter() - start
    finally:
        services.close()
    print(f"200 single writes: {single:.2f} s ({single / 200 * 1000:.1f} ms each); "
          f"100,000-punch batch: {batch:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
