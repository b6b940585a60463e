"""Where the per-machine credential of the unattended ``sync`` is kept (issue 18).

The secret (32 random bytes, issued by ``AccountService.issue_machine_credential``) sits in a
file beside the database, ``<db>.machine-<login>.key``:

- on Windows, protected with DPAPI (``CryptProtectData`` in the *user* scope: only the Windows
  account that ran ``users machine-credential`` can read it back, on this PC; copying the file
  elsewhere or reading it as another user yields nothing);
- elsewhere, as plain bytes in a file only its owner may read (mode 0600): weaker — anyone who
  can read the owner's files or a backup of the folder holds the credential.

The database keeps only a digest of the secret and a copy of the data key wrapped under it;
issuing a new credential or disabling the account revokes the old one.
"""

from __future__ import annotations

import base64
import ctypes
import os
import sys
from pathlib import Path
from typing import Any

from app.durable import write_atomic

_MARK_DPAPI = b"dpapi:"
_MARK_PLAIN = b"plain:"


def secret_path(db_path: Path, login: str) -> Path:
    return db_path.with_name(f"{db_path.name}.machine-{login}.key")


def uses_dpapi() -> bool:
    return sys.platform == "win32"


def save(db_path: Path, login: str, secret: bytes) -> Path:
    """Store ``secret`` for ``login``; returns the file. OSError on failure."""
    path = secret_path(db_path, login)
    body = (_MARK_DPAPI + base64.b64encode(_protect(secret)) if uses_dpapi()
            else _MARK_PLAIN + base64.b64encode(secret))
    write_atomic(path, body, 0o600)
    if not uses_dpapi():
        os.chmod(path, 0o600)
    return path


def load(db_path: Path, login: str) -> bytes | None:
    """The stored secret for ``login``, or ``None`` when there is no file. OSError when the
    file cannot be read or unprotected (another Windows user, another PC)."""
    path = secret_path(db_path, login)
    if not path.is_file():
        return None
    body = path.read_bytes().strip()
    if body.startswith(_MARK_DPAPI):
        return _unprotect(base64.b64decode(body[len(_MARK_DPAPI):]))
    if body.startswith(_MARK_PLAIN):
        return base64.b64decode(body[len(_MARK_PLAIN):])
    raise OSError("unknown credential file format")


# ---- Windows DPAPI (user scope: CRYPTPROTECT_LOCAL_MACHINE is not set) ------------------------
class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


_UI_FORBIDDEN = 0x1  # CRYPTPROTECT_UI_FORBIDDEN
_ENTROPY = b"onsitedesk/machine-credential"


def _blob(data: bytes) -> tuple[_Blob, Any]:
    buf = ctypes.create_string_buffer(data, len(data))
    return _Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char))), buf


def _call(name: str, data: bytes) -> bytes:  # pragma: no cover - Windows only
    windll: Any = getattr(ctypes, "windll")  # noqa: B009 - absent off Windows
    crypt32, kernel32 = windll.crypt32, windll.kernel32
    blob_in, keep_in = _blob(data)
    entropy, keep_entropy = _blob(_ENTROPY)
    blob_out = _Blob()
    # both calls: (in, description, entropy, reserved, prompt, flags, out)
    ok = getattr(crypt32, name)(ctypes.byref(blob_in), None, ctypes.byref(entropy), None,
                                None, _UI_FORBIDDEN, ctypes.byref(blob_out))
    del keep_in, keep_entropy
    if not ok:
        raise OSError(f"{name} failed (Windows error {ctypes.GetLastError()})")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(blob_out.pbData, blob_out.cbData)
    finally:
        kernel32.LocalFree(blob_out.pbData)


def _protect(data: bytes) -> bytes:
    return _call("CryptProtectData", data)


def _unprotect(data: bytes) -> bytes:
    return _call("CryptUnprotectData", data)
