"""Start-up benchmark (issues 3 and 16): process start -> window shown -> first data shown.

Runs the app on a demo database and the bare PySide6 window built the same way, alternately,
and reports the medians: "window shown" (the window painted, its busy bar up), "first data
shown" (the first tab with its rows painted; also given as the time after the window showed),
the ratio of the app's window-shown time to the bare window's, and the bundle sizes.

    python tests/bench/bench_startup.py [--runs 10]            # the bundle: dist/OnsiteDesk
    python tests/bench/bench_startup.py --source [--runs 10]   # the source tree, this Python

Build the bundles first: python packaging/build.py --bare (dist/OnsiteDesk, dist/bare-window).
From the source tree the app is ``python -m ui.entry`` and the bare window
``python packaging/bare_window.py`` (compiled .pyc files are written first, as a bundle has).
The machine's load average is printed with the figures: on a shared machine they vary.
"""

from __future__ import annotations

import argparse
import compileall
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
    if proc.wait(timeout=60) != 0 or "WINDOW_SHOWN" not in marks:
        raise SystemExit(f"no window from {cmd[0]} (exit {proc.returncode})")
    return marks["WINDOW_SHOWN"], marks.get("DATA_SHOWN", marks["WINDOW_SHOWN"])


def commands(source: bool, db: Path) -> tuple[list[str], list[str], list[str]]:
    """(make the demo database, start the app, start the bare window)."""
    if source:
        py = sys.executable
        app = [py, "-m", "ui.entry"]
        return [*app, "--db", str(db), "demo"], [*app, "--db", str(db)], \
            [py, str(ROOT / "packaging" / "bare_window.py")]
    app_exe = DIST / "OnsiteDesk" / f"onsitedesk-cli{EXE}"
    bare = DIST / "bare-window" / f"bare-window{EXE}"
    for exe in (app_exe, bare):
        if not exe.exists():
            raise SystemExit(f"{exe} missing: run python packaging/build.py --bare first")
    return [str(app_exe), "--db", str(db), "demo"], [str(app_exe), "--db", str(db)], \
        [str(bare)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--source", action="store_true", help="the source tree, not the bundle")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, ONSITEDESK_STARTUP_PROBE="1", HOME=tmp, APPDATA=tmp,
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        if sys.platform != "win32" and not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        if args.source:
            env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            for folder in ("app", "ui", "packaging"):
                compileall.compile_dir(ROOT / folder, quiet=1)
        db = Path(tmp) / "demo.db"
        make_demo, app_cmd, bare_cmd = commands(args.source, db)
        subprocess.run(make_demo, check=True, env=env, cwd=tmp, stdout=subprocess.DEVNULL)
        time_to_window(app_cmd, env, tmp)  # warm the file cache for both
        time_to_window(bare_cmd, env, tmp)
        app_t, data_t, bare_t = [], [], []
        for _ in range(args.runs):
            shown, data = time_to_window(app_cmd, env, tmp)
            app_t.append(shown)
            data_t.append(data)
            bare_t.append(time_to_window(bare_cmd, env, tmp)[0])
    after = [d - s for s, d in zip(app_t, data_t, strict=True)]
    result: dict[str, object] = {
        "from": "source" if args.source else "bundle",
        "runs": args.runs,
        "window_shown_median_s": round(statistics.median(app_t), 3),
        "first_data_shown_median_s": round(statistics.median(data_t), 3),
        "first_data_after_window_median_s": round(statistics.median(after), 3),
        "bare_window_shown_median_s": round(statistics.median(bare_t), 3),
        "ratio": round(statistics.median(app_t) / statistics.median(bare_t), 2),
        "platform": env.get("QT_QPA_PLATFORM") or "native",
    }
    if not args.source:
        result["app_bundle_mb"] = round(folder_mb(DIST / "OnsiteDesk"), 1)
        result["bare_bundle_mb"] = round(folder_mb(DIST / "bare-window"), 1)
    if hasattr(os, "getloadavg"):
        result["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
