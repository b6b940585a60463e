"""Build the OnsiteDesk bundle from a clean virtual environment, on Linux or Windows.

    python packaging/build.py            # venv + PyInstaller onedir -> dist/OnsiteDesk
    python packaging/build.py --smoke    # ... then run the bundle's smoke test elsewhere
    python packaging/build.py --bare     # also the empty-window baseline for the benchmark

The venv holds only the runtime dependencies (``pip install .``) plus PyInstaller, so no
test or dev package can leak into the bundle.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYINSTALLER = "pyinstaller>=6.5,<7"
WIN = sys.platform == "win32"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if WIN else "bin/python")


def run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def version() -> str:
    ns: dict[str, str] = {}
    exec((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"), ns)
    return ns["__version__"]


def write_version_file(path: Path) -> None:
    """Windows VERSIONINFO resource (file properties dialog)."""
    parts = [int(x) for x in version().split(".")] + [0] * 4
    tup = tuple(parts[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'OnsiteDesk'),
      StringStruct('FileDescription', 'OnsiteDesk'),
      StringStruct('FileVersion', '{version()}'),
      StringStruct('InternalName', 'OnsiteDesk'),
      StringStruct('OriginalFilename', 'OnsiteDesk.exe'),
      StringStruct('ProductName', 'OnsiteDesk'),
      StringStruct('ProductVersion', '{version()}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    path.write_text(text, encoding="utf-8")


def build(spec: str, py: Path, dist: Path, work: Path, env: dict[str, str]) -> None:
    run([str(py), "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist),
         "--workpath", str(work), str(ROOT / "packaging" / spec)], cwd=ROOT, env=env)


def smoke(dist: Path) -> None:
    """Copy the bundle out of the source tree and run it there, so nothing is found by luck."""
    env = dict(os.environ)
    if not WIN and not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as elsewhere:
        bundle = Path(elsewhere) / "OnsiteDesk"
        shutil.copytree(dist / "OnsiteDesk", bundle, symlinks=True)
        exe = bundle / ("onsitedesk-cli.exe" if WIN else "onsitedesk-cli")
        env["HOME"] = elsewhere
        env["APPDATA"] = elsewhere
        run([str(exe), "--version"], cwd=elsewhere, env=env)
        run([str(exe), "--smoke"], cwd=elsewhere, env=env)


def project_copy(tmp: Path) -> Path:
    """What ``pip install`` needs of the project (pyproject, README, app/, ui/), copied: from
    the checkout itself setuptools walks every folder, and after the Wine script has run that
    includes build/wine's prefix, whose ``dosdevices/z:`` links back to ``/`` (minutes of
    walking the whole file system, seen as a pip process stuck at 100 % CPU)."""
    dest = tmp / "onsitedesk"
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("app", "ui"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--venv", default=str(ROOT / "build" / "venv"))
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    ap.add_argument("--bare", action="store_true", help="also build the baseline window")
    ap.add_argument("--smoke", action="store_true", help="run the bundle's smoke test")
    ap.add_argument("--reuse-venv", action="store_true", help="skip pip if the venv exists")
    ap.add_argument("--workpath", default=str(ROOT / "build" / "pyinstaller"),
                    help="PyInstaller's work folder")
    args = ap.parse_args()
    venv, dist = Path(args.venv), Path(args.dist)
    py = venv_python(venv)
    fresh = not py.exists()
    if fresh:
        run([sys.executable, "-m", "venv", str(venv)])
    if fresh or not args.reuse_venv:
        run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        with tempfile.TemporaryDirectory() as tmp:
            run([str(py), "-m", "pip", "install", "-q", str(project_copy(Path(tmp))),
                 PYINSTALLER])
    env = dict(os.environ)
    work = Path(args.workpath)
    if WIN:
        vf = ROOT / "build" / "version_info.txt"
        vf.parent.mkdir(parents=True, exist_ok=True)
        write_version_file(vf)
        env["ONSITEDESK_VERSION_FILE"] = str(vf)
    build("onsitedesk.spec", py, dist, work, env)
    size = folder_size(dist / "OnsiteDesk")
    print(f"bundle: {dist / 'OnsiteDesk'}  size: {size / 1e6:.1f} MB", flush=True)
    if args.bare:
        build("bare.spec", py, dist, work, env)
        print(f"bare: {folder_size(dist / 'bare-window') / 1e6:.1f} MB", flush=True)
    if args.smoke:
        smoke(dist)
    return 0


if __name__ == "__main__":
    sys.exit(main())
