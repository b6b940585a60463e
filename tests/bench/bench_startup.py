"""Start-up benchmark (issue 3): process start -> first shown main window.

Runs the packaged app (dist/OnsiteDesk, on a demo database) and the bare PySide6 window
built the same way (dist/bare-window), alternately, and reports the medians, their ratio and
the bundle sizes. Build both first:  python packaging/build.py --bare

    python tests/bench/bench_startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
EXE = ".exe" if sys.platform == "win32" else ""


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*")
               if p.is_file() and not p.is_symlink()) / 1e6


def time_to_window(cmd: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Seconds to the shown window, and to the window showing data (app only)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            cwd=cwd, text=True)
    assert proc.stdout is not None
    marks: dict[str, float] = {}
    for line in proc.stdout:
        marks[line.strip()] = time.perf_counter() - start
    if proc.wait(timeout=30) != 0 or "WINDOW_SHOWN" not in marks:
        raise SystemExit(f"no window from {cmd[0]} (exit {proc.returncode})")
    return marks["WINDOW_SHOWN"], marks.get("DATA_SHOWN", marks["WINDOW_SHOWN"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    app = DIST / "OnsiteDesk" / f"onsitedesk-cli{EXE}"
    bare = DIST / "bare-window" / f"bare-window{EXE}"
    for exe in (app, bare):
        if not exe.exists():
            raise SystemExit(f"{exe} missing: run python packaging/build.py --bare first")
    env: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, ONSITEDESK_STARTUP_PROBE="1", HOME=tmp, APPDATA=tmp)
        if sys.platform != "win32" and not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        db = Path(tmp) / "demo.db"
        subprocess.run([str(app), "--db", str(db), "demo"], check=True, env=env, cwd=tmp,
                       stdout=subprocess.DEVNULL)
        app_cmd = [str(app), "--db", str(db)]
        time_to_window(app_cmd, env, tmp)  # warm the file cache for both
        time_to_window([str(bare)], env, tmp)
        app_t, data_t, bare_t = [], [], []
        for _ in range(args.runs):
            shown, data = time_to_window(app_cmd, env, tmp)
            app_t.append(shown)
            data_t.append(data)
            bare_t.append(time_to_window([str(bare)], env, tmp)[0])
    result = {
        "runs": args.runs,
        "app_median_s": round(statistics.median(app_t), 3),
        "app_with_data_median_s": round(statistics.median(data_t), 3),
        "bare_median_s": round(statistics.median(bare_t), 3),
        "ratio": round(statistics.median(app_t) / statistics.median(bare_t), 2),
        "app_bundle_mb": round(folder_mb(DIST / "OnsiteDesk"), 1),
        "bare_bundle_mb": round(folder_mb(DIST / "bare-window"), 1),
        "platform": env.get("QT_QPA_PLATFORM") or "native",
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
