"""A scripted session of the Windows bundle, checked: run by Windows Python under Wine.

    python session.py --exe ...\\onsitedesk-cli.exe --gui-exe ...\\OnsiteDesk.exe --work DIR
                      [--samples ZK_SAMPLES_DIR]

What a user or Task Scheduler does with ``onsitedesk-cli.exe``, every output captured through
pipes (never a console) and decoded as strict UTF-8, whatever the ANSI code page Wine was given
(``LC_ALL=en_US.UTF-8`` -> 1252, ``zh_CN.UTF-8`` -> 936):

1. a user profile whose name has Chinese characters and a space (``APPDATA`` =
   ``C:\\users\\张 三\\AppData\\Roaming``), no ``--db``: the database must land in
   ``%APPDATA%\\OnsiteDesk\\database\\onsitedesk.db``;
2. ``roster import`` of a generated CSV sheet (Chinese headers and names, one with a space);
3. ``import usb`` of a real ZKTeco export (``repowahyuillahi_solution-cloud_attlog.dat`` from
   ``../shared/zk-samples``; a generated file in the same 5-column format when absent), then
   the same file again (all duplicates), then a generated month of 2026-11 punches;
4. ``month 2026-11 --json`` parsed and checked, the text sheet (Chinese on a pipe), a PDF
   (``--pdf``, starts with ``%PDF``), an expected error (exit 1, one Chinese line on stderr);
5. accounts (issue 18): the first admin, sign-ins and refusals, the machine credential
   stored with DPAPI and used by an unattended ``import usb``, ``audit verify`` under the key;
   with ``--read-only-check`` (the script passes it when not run as root: under Wine the
   read-only attribute is a permission bit, which root ignores), a database file with the
   read-only attribute: read-only mode, reads work, a write is refused in Chinese and the
   file is unchanged;
5b. the company (issue 19): ``project export`` of that site to a package under a Chinese file
   name, ``project import`` into a head-office database (twice: the second changes nothing),
   ``projects --json``, the site's month by ``--project`` identical to the site's own,
   ``overview --json``, the ``stats`` workbook, a package with one byte changed refused;
6. portable mode: ``portable.flag`` beside the exe puts the data in ``data`` beside it;
7. the windowed ``OnsiteDesk.exe`` started as Explorer does (no standard handles): ``--smoke``
   exits 0; a usage error is logged; a second start on the same database exits 0 while the
   first window runs; with ``--screenshots``, PNGs of the window at 100/125/150 % scaling.

Standard library only, the same checks run on Linux in tests/unit/test_wine_session.py (in
process, on the suite's fixed clock). Prints only ASCII (its own output is a pipe too).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

PROFILE_USER = "\u5f20 \u4e09"  # 张 三: Chinese characters and a space
REAL_SAMPLE = "repowahyuillahi_solution-cloud_attlog.dat"
MONTH = "2026-11"
NAMES = ("\u5f20\u4e09", "\u674e \u56db", "\u738b\u4e94")  # 张三, 李 四 (a space), 王五


class Result(NamedTuple):
    code: int
    out: bytes
    err: bytes


Runner = Callable[[list[str]], Result]


class CheckFailed(AssertionError):
    pass


def check(cond: object, what: str) -> None:
    if not cond:
        raise CheckFailed(what)


def text(data: bytes, what: str) -> str:
    """Piped output must be UTF-8, whatever the code page."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CheckFailed(f"{what}: output is not UTF-8 ({exc}): {data[:200]!r}") from exc


# ---- inputs ------------------------------------------------------------------------------
def roster_csv(path: Path) -> Path:
    """The roster sheet: 工号, 姓名, 考勤号 (UTF-8 with BOM, as Excel saves CSV)."""
    rows = ["\u5de5\u53f7,\u59d3\u540d,\u8003\u52e4\u53f7",  # 工号,姓名,考勤号
            f"W001,{NAMES[0]},1", f"W002,{NAMES[1]},2", f"W003,{NAMES[2]},10021"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    return path


def month_attlog(path: Path) -> int:
    """Weekdays 2026-11-02..27, badges 1 and 2, four punches a day; badge 2 is 22 minutes
    late on 2026-11-10. Classic 6-column ZK format, CRLF. Returns the number of punches."""
    lines = []
    day = dt.date(2026, 11, 2)
    while day <= dt.date(2026, 11, 27):
        if day.weekday() < 5:
            for uid in (1, 2):
                first = "08:52:00" if (uid == 2 and day.day == 10) else "08:20:00"
                for t in (first, "12:01:00", "13:55:00", "17:35:00"):
                    lines.append(f"{uid:>9}\t{day} {t}\t1\t0\t1\t0")
        day += dt.timedelta(days=1)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    return len(lines)


def fallback_sample(path: Path) -> Path:
    """A small file in the real sample's 5-column format (id not padded, LF) when the
    shared samples are not there."""
    lines = [f"{uid}\t2026-04-{d:02d} {t}\t1\t0\t0"
             for d in (13, 14, 15) for uid in (10021, 24387) for t in ("08:01:10", "17:31:20")]
    path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
    return path


# ---- the session -------------------------------------------------------------------------
class Session:
    def __init__(self, run: Runner, db_args: list[str], log: Callable[[str], None]) -> None:
        self.run, self.db_args, self.log = run, db_args, log

    def cli(self, *argv: str, code: int = 0) -> tuple[str, str]:
        r = self.run([*self.db_args, *argv])
        what = " ".join(argv)
        out, err = text(r.out, what), text(r.err, what + " (stderr)")
        check(r.code == code, f"{what}: exit {r.code}, expected {code}; stderr: {err[-800:]}")
        self.log(f"ok  exit {r.code}: {what}".encode("ascii", "replace").decode())
        return out, err

    def json(self, *argv: str) -> dict:  # type: ignore[type-arg]
        out, _ = self.cli(*argv, "--json")
        try:
            doc = json.loads(out)
        except ValueError as exc:
            raise CheckFailed(f"{' '.join(argv)}: stdout is not JSON: {out[:300]!r}") from exc
        check(isinstance(doc, dict), f"{argv}: JSON object expected")
        return doc


def check_session(run: Runner, work: Path, samples: Path | None, db_args: list[str],
                  log: Callable[[str], None] = print) -> None:
    """The scripted session; raises CheckFailed on the first wrong result."""
    work.mkdir(parents=True, exist_ok=True)
    s = Session(run, db_args, log)

    out, _ = s.cli("--version")
    check(out.startswith("onsitedesk "), f"--version: {out!r}")

    doc = s.json("roster", "import", str(roster_csv(work / "\u82b1\u540d\u518c.csv")))
    check((doc["read"], doc["imported"], doc["rejected"]) == (3, 3, 0), f"roster: {doc}")
    check(doc["columns"].get("\u8003\u52e4\u53f7") == "device_user_id", f"columns: {doc}")

    real = samples / REAL_SAMPLE if samples else None
    if real is None or not real.is_file():
        log("note: shared ZK sample absent, using a generated file in its format")
        real = fallback_sample(work / "attlog.dat")
    punches = sum(1 for line in real.read_bytes().splitlines() if line.strip())
    doc = s.json("import", "usb", str(real))
    check((doc["read"], doc["new"], doc["rejected"]) == (punches, punches, 0),
          f"usb import of {real.name}: {punches} lines, got {doc}")
    check("10021" not in doc["unmapped_user_ids"] and doc["unmapped_user_ids"],
          f"badge 10021 is W003, the others unmapped: {doc['unmapped_user_ids']}")
    doc = s.json("import", "usb", str(real))
    check((doc["new"], doc["duplicate"]) == (0, punches), f"second import: {doc}")

    gen = work / "1_attlog.dat"
    n = month_attlog(gen)
    doc = s.json("import", "usb", str(gen))
    check((doc["new"], doc["rejected"], doc["unmapped_user_ids"]) == (n, 0, []),
          f"generated month: {doc}")

    doc = s.json("month", MONTH)
    check(doc["month"] == MONTH, f"month: {doc.get('month')}")
    people = {p["employee_no"]: p for p in doc["people"]}
    check([people[k]["name"] for k in ("W001", "W002", "W003")] == list(NAMES),
          f"names: {[(k, p['name']) for k, p in people.items()]}")
    w1, w2, w3 = people["W001"], people["W002"], people["W003"]
    check(w1["attended_days"] == 20 and w1["late_count"] == 0, f"W001: {w1}")
    check(w2["attended_days"] == 20 and w2["late_count"] == 1 and w2["late_minutes"] == 22,
          f"W002: {w2}")
    check(w2["days"]["2026-11-10"]["late_minutes"] == 22, f"W002 on 11-10: {w2['days']}")
    check(w3["attended_days"] == 0, f"W003 has no November punches: {w3}")

    out, _ = s.cli("month", MONTH)  # the text sheet: Chinese names on a pipe
    check(all(name in out for name in NAMES), f"month text lacks the names: {out[:400]!r}")

    pdf = work / "\u8003\u52e4 2026-11.pdf"  # 考勤 2026-11.pdf
    s.cli("month", MONTH, "--pdf", str(pdf))
    data = pdf.read_bytes() if pdf.is_file() else b""
    check(len(data) > 1000 and data.startswith(b"%PDF"), f"PDF {pdf}: {len(data)} bytes")

    _, err = s.cli("roster", "import", str(work / "\u6ca1\u6709.xlsx"), code=1)
    check(err.count("\n") == 1 and any("\u4e00" <= c <= "\u9fff" for c in err),
          f"expected error: one Chinese line on stderr, got {err!r}")
    check("Traceback" not in err, "no traceback for an expected error")


def check_company(run: Runner, work: Path, site_args: list[str],
                  log: Callable[[str], None] = print) -> None:
    """Issue 19 on this platform: the site of :func:`check_session` (``site_args``) exported as
    a signed package and imported at a head office (zip, Ed25519, paths with Chinese)."""
    work.mkdir(parents=True, exist_ok=True)
    site = Session(run, site_args, log)
    package = work / "\u73b0\u573a \u6570\u636e\u5305.odpkg"  # 现场 数据包.odpkg
    doc = site.json("project", "export", str(package))
    check((doc["seq"], doc["full"]) == (1, True), f"export: {doc}")
    ho = Session(run, ["--db", str(work / "\u603b\u90e8" / "onsitedesk.db")], log)  # 总部
    doc = ho.json("project", "import", str(package))
    check(doc["rows_inserted"] > 0 and not doc["unchanged"], f"import: {doc}")
    doc = ho.json("project", "import", str(package))
    check(doc["unchanged"] and doc["rows_inserted"] == 0, f"import again: {doc}")
    out, _ = ho.cli("projects", "--json")
    projects = json.loads(out)
    check([(p["origin"], p["people"]) for p in projects] == [("site", 3)], f"projects: {out}")
    code = projects[0]["code"]
    here = ho.json("--project", code, "month", MONTH)
    check(here == site.json("month", MONTH), "the month at head office differs from the site's")
    doc = ho.json("overview", "--month", MONTH)
    row = doc["projects"][0]
    check((row["code"], row["people"]) == (code, 3), f"overview: {doc}")
    book = work / "\u7edf\u8ba1.xlsx"  # 统计.xlsx
    ho.cli("stats", "--from", MONTH, "--to", MONTH, "--xlsx", str(book))
    check(book.is_file() and book.read_bytes()[:2] == b"PK", f"stats workbook {book}")
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = work / "bad.odpkg"
    bad.write_bytes(bytes(data))
    _, err = ho.cli("project", "import", str(bad), code=1)
    check(err.count("\n") == 1 and "Traceback" not in err, f"tampered package: {err!r}")
    log("ok  company: site package exported, imported twice, month identical, overview")


def check_read_only(run: Runner, work: Path, log: Callable[[str], None]) -> None:
    """A database file with the read-only attribute (a copy from a write-protected share, or
    set by hand): it opens read-only, reads work, a write is refused in Chinese, and nothing
    in the file changes (the Windows side of app/storage/faults.read_only_reason)."""
    folder = work / "readonly"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "onsitedesk.db"
    s = Session(run, ["--db", str(db)], log)
    s.json("roster", "import", str(roster_csv(work / "\u82b1\u540d\u518c.csv")))
    os.chmod(db, stat.S_IREAD)  # the read-only attribute
    before = db.read_bytes()
    try:
        doc = s.json("month", MONTH)
        check(doc["month"] == MONTH and len(doc["people"]) == 3, f"read-only month: {doc}")
        _, err = s.cli("roster", "import", str(work / "\u82b1\u540d\u518c.csv"), code=1)
        check("\u53ea\u8bfb" in err and "Traceback" not in err,  # 只读
              f"a write to a read-only file: {err!r}")
        check(db.read_bytes() == before, "the read-only file changed")
    finally:
        os.chmod(db, stat.S_IREAD | stat.S_IWRITE)
    log("ok  read-only database file: opened read-only, reads work, the write refused")


PASSWORD = "correct horse 8"
RECOVERY = re.compile(r"\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){5}\b")


def check_accounts(cmd: list[str], env: dict[str, str], work: Path,
                   log: Callable[[str], None]) -> None:
    """Issue 18 on this platform: the first admin (password from a pipe, the recovery code
    printed once), ``--user`` with ONSITEDESK_PASSWORD, a wrong password and a missing
    ``--user`` refused in Chinese, the machine credential (DPAPI on Windows: the file starts
    ``dpapi:``) letting ``import usb`` run unattended without a password, ``audit verify``
    clean under the key. ``cmd``: the console exe (or ``python -m app.cli`` in the tests)."""
    folder = work / "accounts"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "onsitedesk.db"

    def run(*argv: str, code: int = 0, password: str | None = None,
            stdin: bytes = b"") -> tuple[str, str]:
        e = {k: v for k, v in env.items() if k != "ONSITEDESK_PASSWORD"}
        if password is not None:
            e["ONSITEDESK_PASSWORD"] = password
        p = subprocess.run([*cmd, "--db", str(db), *argv], env=e, input=stdin,
                           capture_output=True, timeout=600)
        what = " ".join(argv)
        out, err = text(p.stdout, what), text(p.stderr, what + " (stderr)")
        check(p.returncode == code, f"{what}: exit {p.returncode}, expected {code}: {err[-600:]}")
        check("Traceback" not in err, f"{what}: traceback")
        log(f"ok  exit {p.returncode}: {what}".encode("ascii", "replace").decode())
        return out, err

    run("roster", "import", str(roster_csv(work / "\u82b1\u540d\u518c.csv")))
    out, _ = run("users", "add", "admin", "--role", "admin", "--display", NAMES[0],
                 stdin=(PASSWORD + "\n").encode())
    check(RECOVERY.search(out), f"no recovery code printed: {out!r}")
    _, err = run("month", MONTH, code=1)  # accounts exist: --user needed
    check("--user" in err, f"missing --user: {err!r}")
    run("--user", "admin", "month", MONTH, code=1, password="wrong password")
    run("--user", "admin", "users", "machine-credential", "admin", password=PASSWORD)
    stored = db.with_name(db.name + ".machine-admin.key").read_bytes()
    marker = b"dpapi:" if sys.platform == "win32" else b"plain:"
    check(stored.startswith(marker), f"machine credential stored as {stored[:8]!r}")
    n = month_attlog(folder / "1_attlog.dat")
    out, _ = run("--user", "admin", "import", "usb", str(folder / "1_attlog.dat"), "--json")
    # read whole (new, or held back as later than today when the clock is set back: the
    # suite also runs under faketime in 2025)
    check(json.loads(out)["read"] == n, f"unattended import: {out[:300]!r}")
    run("--user", "admin", "month", MONTH, "--json", password=PASSWORD)
    out, _ = run("--user", "admin", "audit", "verify", password=PASSWORD)
    log("ok  accounts: first admin, sign-in, refusals, machine credential"
        f" ({marker.decode()}), unattended import, audit verify")


# ---- under Wine: the real executables ----------------------------------------------------
def exe_runner(exe: Path, env: dict[str, str]) -> Runner:
    def run(argv: list[str]) -> Result:
        p = subprocess.run([str(exe), *argv], env=env, capture_output=True,
                           stdin=subprocess.DEVNULL, timeout=600)
        return Result(p.returncode, p.stdout, p.stderr)
    return run


def code_page() -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetACP())  # type: ignore[attr-defined]


def check_portable(cli: Path, env: dict[str, str], log: Callable[[str], None]) -> None:
    """``portable.flag`` beside the exe: the database goes to ``data`` beside it."""
    flag, data = cli.parent / "portable.flag", cli.parent / "data"
    check(not data.exists(), f"{data} exists before the portable check")
    flag.write_text("", encoding="ascii")
    try:
        s = Session(exe_runner(cli, env), [], log)
        s.cli("demo")
        check((data / "database" / "onsitedesk.db").is_file(),
              f"portable mode: no database in {data}")
    finally:
        flag.unlink()
        shutil.rmtree(data, ignore_errors=True)


def double_click(gui: Path, env: dict[str, str], *argv: str, cwd: Path | None = None) -> int:
    """Start a windowed exe as Explorer does: no standard handles at all."""
    si = subprocess.STARTUPINFO(dwFlags=subprocess.STARTF_USESTDHANDLES,  # type: ignore
                                hStdInput=0, hStdOutput=0, hStdError=0)
    return subprocess.run([str(gui), *argv], env=env, startupinfo=si, timeout=120,
                          cwd=cwd).returncode


def check_windowed(gui: Path, env: dict[str, str], appdata: Path,
                   log: Callable[[str], None]) -> None:
    env = dict(env, ONSITEDESK_NO_DIALOG="1")  # the message box would wait for a click
    code = double_click(gui, env, "--smoke")
    check(code == 0, f"OnsiteDesk.exe --smoke: exit {code}")
    log("ok  exit 0: OnsiteDesk.exe --smoke (windowed)")
    code = double_click(gui, env, "--no-such-option")
    check(code == 2, f"OnsiteDesk.exe --no-such-option: exit {code}")
    log_file = appdata / "OnsiteDesk" / "logs" / "onsitedesk.log"
    logged = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
    check("--no-such-option" in logged, f"windowed usage error not in {log_file}")
    log("ok  exit 2: OnsiteDesk.exe --no-such-option, reported in the log")
    check_second_start(gui, env, appdata.parent / "second-start" / "onsitedesk.db", log)


def check_second_start(gui: Path, env: dict[str, str], db: Path,
                       log: Callable[[str], None]) -> None:
    """A window runs on ``db``; a second double-click on the same database hands over to it
    and exits 0 (were it to open a window of its own, it would not exit at all)."""
    shutil.rmtree(db.parent, ignore_errors=True)  # its appearing says the first one is up
    si = subprocess.STARTUPINFO(dwFlags=subprocess.STARTF_USESTDHANDLES,  # type: ignore
                                hStdInput=0, hStdOutput=0, hStdError=0)
    first = subprocess.Popen([str(gui), "--db", str(db)], env=env, startupinfo=si)
    try:
        deadline = time.monotonic() + 120
        while not db.is_file() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)  # the database is opened after the window listens and shows
        check(first.poll() is None and db.is_file(), "the first window did not start")
        try:
            code = double_click(gui, env, "--db", str(db))
        except subprocess.TimeoutExpired:
            code = -1
        check(code == 0, f"second start on the same database: exit {code}")
        check(first.poll() is None, "the first window ended")
    finally:
        first.kill()
        first.wait()
    log("ok  exit 0: second OnsiteDesk.exe on the same database handed over to the first")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24] if path.is_file() else b""
    check(head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


SCREEN = (1366, 768)  # the usual office laptop: the tightest screen the window must fit
SCREEN_CONFIG = "screen-1366x768.json"  # Qt's offscreen screen (-platform offscreen:configfile)


def check_screenshots(gui: Path, env: dict[str, str], out: Path,
                      log: Callable[[str], None]) -> None:
    """The windowed exe on a demo database at 100 %, 125 % and 150 % on a 1366×768 screen:
    each saves its window with data as a PNG (ONSITEDESK_SCREENSHOT). At 100 % the window has
    its first-start size, 1180×720; at 125 % and 150 % (1093×614 and 910×512 logical pixels)
    it fits the screen with a margin instead of running off it (ui.main_window.first_size).
    The pictures are for a person to look at (README)."""
    out.mkdir(parents=True, exist_ok=True)
    # Qt splits platform options at ":", so the file is named relative to the working folder
    (out / SCREEN_CONFIG).write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    sizes = {}
    for scale in ("1", "1.25", "1.5"):
        shot = out / f"window-{int(float(scale) * 100)}.png"
        shot.unlink(missing_ok=True)
        code = double_click(gui, dict(env, QT_SCALE_FACTOR=scale, ONSITEDESK_SCREENSHOT=str(shot),
                                      QT_QPA_PLATFORM=f"offscreen:configfile={SCREEN_CONFIG}"),
                            "--demo", cwd=out)
        check(code == 0, f"screenshot at {scale}: exit {code}")
        sizes[scale] = png_size(shot)
        log(f"ok  window at scale {scale}: {shot.name} {sizes[scale][0]}x{sizes[scale][1]}")
    check(sizes["1"] == (1180, 720), f"first-start window at 100 %: {sizes['1']}")
    for scale in ("1.25", "1.5"):
        w, h = sizes[scale]
        check(1180 < w <= SCREEN[0] and 600 <= h <= SCREEN[1],
              f"window at {scale} does not fit the {SCREEN} screen well: {sizes[scale]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--exe", required=True, type=Path, help="onsitedesk-cli.exe")
    ap.add_argument("--gui-exe", type=Path, help="OnsiteDesk.exe")
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--samples", type=Path)
    ap.add_argument("--portable", action="store_true", help="also check portable mode")
    ap.add_argument("--read-only-check", action="store_true",
                    help="also a read-only database file (not as root: root ignores it)")
    ap.add_argument("--screenshots", type=Path, help="folder for the window screenshots")
    args = ap.parse_args()

    def log(line: str) -> None:
        print(line, flush=True)

    log(f"ANSI code page {code_page()}")
    profile = Path(os.environ.get("SYSTEMDRIVE", "C:") + "\\") / "users" / PROFILE_USER
    appdata = profile / "AppData" / "Roaming"
    shutil.rmtree(appdata / "OnsiteDesk", ignore_errors=True)
    shutil.rmtree(args.work, ignore_errors=True)
    appdata.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONSITEDESK_")}
    env.update(APPDATA=str(appdata), USERPROFILE=str(profile), QT_QPA_PLATFORM="offscreen")
    try:
        check_session(exe_runner(args.exe, env), args.work, args.samples, [], log)
        db = appdata / "OnsiteDesk" / "database" / "onsitedesk.db"
        check(db.is_file() and db.stat().st_size > 0, f"database not at {db}")
        log("ok  database in %APPDATA%\\OnsiteDesk under the profile 'C:\\users\\<zh> <zh>'")
        check_company(exe_runner(args.exe, env), args.work / "company", [], log)
        check_accounts([str(args.exe)], env, args.work, log)
        if args.read_only_check:
            check_read_only(exe_runner(args.exe, env), args.work, log)
        if args.portable:
            check_portable(args.exe, env, log)
            log("ok  portable mode: data beside the exe")
        if args.gui_exe:
            check_windowed(args.gui_exe, env, appdata, log)
        if args.gui_exe and args.screenshots:
            check_screenshots(args.gui_exe, env, args.screenshots, log)
    except CheckFailed as exc:
        log("SESSION FAILED: " + ascii(str(exc)))
        return 1
    log("SESSION OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
