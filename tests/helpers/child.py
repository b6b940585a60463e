"""Run the command line in a child process under a fault (issue 17 fault tests).

``python -m tests.helpers.child [--fsize BYTES] [--backup-first] -- ARGS…`` runs
``onsitedesk ARGS…`` with the file-size limit RLIMIT_FSIZE set to BYTES (a write beyond it
fails with EFBIG, as on a full disk; SIGXFSZ is ignored so the write fails instead of the
process dying). ``--backup-first`` opens the database once before the limit is set, so
today's daily backup exists and the limit hits the command itself.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


def can_drop_privileges() -> bool:
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


@functools.cache
def unprivileged_problem() -> str | None:
    """Why an unprivileged child cannot run this checkout (None when it can): as root the
    child runs as ``nobody``, who may not reach a checkout under a private folder."""
    if not can_drop_privileges():
        return "running as root without setpriv: file permissions cannot be tested"
    if os.geteuid() != 0:
        return None
    probe = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, "-c", "import sqlalchemy, app.storage.db, tests.helpers.child"],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"})
    if probe.returncode:
        return (f"user nobody cannot run this checkout ({ROOT}: a parent folder is private): "
                + (probe.stderr.strip().splitlines() or ["?"])[-1])
    return None


def run(args: list[str], *, fsize: int | None = None, backup_first: bool = False,
        unprivileged: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``onsitedesk ARGS`` in a child; ``unprivileged``: as user ``nobody`` when this runs
    as root (root ignores file permissions), else as the current user."""
    cmd = [sys.executable, "-m", "tests.helpers.child"]
    if fsize is not None:
        cmd += ["--fsize", str(fsize)]
    if backup_first:
        cmd.append("--backup-first")
    cmd += ["--", *args]
    home = tempfile.mkdtemp(prefix="onsitedesk-home-")
    os.chmod(home, 0o777)
    if unprivileged and os.geteuid() == 0:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1",
           "HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home,
           "ONSITEDESK_DB": ""}
    try:
        return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=timeout, check=False)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _main(argv: list[str]) -> int:
    sep = argv.index("--")
    opts, args = argv[:sep], argv[sep + 1:]
    if "--backup-first" in opts:
        from app import config
        from app.services import Services

        Services.open(config.resolve_db_path(args[args.index("--db") + 1])).close()
    if "--fsize" in opts:
        import resource

        limit = int(opts[opts.index("--fsize") + 1])
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from app import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
