"""Single-bit flips in the punch data of a database file: how many do ``db check`` and
``audit verify`` find? Each flip goes into its own copy (a byte in a stored punch time's
neighbourhood, one bit), then both commands run on it.

    PYTHONPATH=$PWD python -m app.cli --db /tmp/flips/demo.db demo
    PYTHONPATH=$PWD python tests/bench/bench_bit_flips.py /tmp/flips/demo.db 60
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from app.cli import main as cli


def main() -> int:
    source, count = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 18
    con = sqlite3.connect(source)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    original = source.read_bytes()
    hits = [m.start() for m in re.finditer(rb"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d", original)]
    found = {"check": 0, "verify": 0, "both": 0, "none": 0}
    work = Path(tempfile.mkdtemp())
    for seed in range(count):
        folder = work / str(seed)
        folder.mkdir()
        data = bytearray(original)
        where = hits[(seed * 7919) % len(hits)] + (seed % 19)
        data[where] ^= 1 << (seed % 8)
        path = folder / "onsitedesk.db"
        path.write_bytes(bytes(data))
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            checked = cli(["--db", str(path), "db", "check"]) != 0
            verified = cli(["--db", str(path), "audit", "verify"]) != 0
        key = ("both" if checked and verified else "check" if checked
               else "verify" if verified else "none")
        found[key] += 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"{count} flips: found by db check only {found['check']}, by audit verify only "
          f"{found['verify']}, by both {found['both']}, by neither {found['none']}")
    return 1 if found["none"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
