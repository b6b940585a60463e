"""Resource measurements for the reliability tests and benchmarks (issue 17).

``python -m tests.helpers.resources import-usb DB FILE`` imports FILE into a new database at
DB in a fresh process and prints one JSON line: the peak resident set (``ru_maxrss``) and
the batch counts. A fresh process, so nothing the test runner holds counts against it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def write_attlog(path: Path, size_bytes: int, *, bad: bool = False) -> int:
    """A valid attlog file (or one of bad lines only) of about ``size_bytes``; returns the
    lines written. Times are one every 30 s from 2015, so a 200 MB file ends in 2020: all
    plausible on any import date after that."""
    base = dt.datetime(2015, 1, 5, 8, 0, 0)
    step = dt.timedelta(seconds=30)
    written = lines = 0
    with path.open("w", encoding="ascii", newline="") as fh:
        while written < size_bytes:
            device = "X" if bad else "1"  # a letter: every line a problem
            chunk = [f"{1000 + i % 300:>9}\t{base + step * i:%Y-%m-%d %H:%M:%S}\t{device}"
                     f"\t{i % 2}\t1\t0\r\n" for i in range(lines, lines + 20000)]
            text = "".join(chunk)
            fh.write(text)
            written += len(text)
            lines += len(chunk)
    return lines


def measure_import(db: Path, attlog: Path, timeout: float = 1800) -> dict[str, Any]:
    """Import ``attlog`` into a new database ``db`` in a child process; its figures."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "tests.helpers.resources", "import-usb",
                           str(db), str(attlog)], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"import failed ({proc.returncode}): {proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def peak_rss_mb() -> float:
    """This process's peak resident set in MB: ``VmHWM`` (Linux; reset by exec, unlike
    ``ru_maxrss``, which keeps the forking parent's peak), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 2**20 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def _import_usb(db: Path, attlog: Path) -> None:
    import time

    from app.services import Services

    services = Services.open(db, daily_backup=False)
    start = time.perf_counter()
    outcome, _ = services.imports.import_usb(attlog)
    seconds = time.perf_counter() - start
    services.close()
    b = outcome.batch
    print(json.dumps({
        "max_rss_mb": round(peak_rss_mb(), 1),
        "file_mb": round(attlog.stat().st_size / 2**20, 1), "seconds": round(seconds, 1),
        "read": b.read, "new": b.new, "duplicate": b.duplicate, "rejected": b.rejected,
        "problems_listed": len(outcome.problems), "problems_more": outcome.problems_more,
        "db_mb": round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20, 1),
    }))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "import-usb":
        _import_usb(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        raise SystemExit(__doc__)
