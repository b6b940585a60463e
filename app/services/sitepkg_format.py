"""The site package's file format (issue 19): what ``project export`` writes and ``project
import`` reads, independent of any database.

A package is a zip of three members:

- ``manifest.json``: ``{"format": 1, "kind", "project": {code, uid, name}, "seq", "base_seq",
  "full", "created", "app_version", "tables": {table: {"upsert": n, "delete": m}},
  "audit_rows", "payload": {"name", "sha256", "size"}, "public_key", "fingerprint"}``;
- ``manifest.sig``: the Ed25519 signature (hex) over the exact bytes of ``manifest.json``,
  made with the site's key; the public key travels in the manifest, head office trusts the
  first one it sees for a project uid;
- ``payload.jsonl.gz``: one JSON object a line: ``{"t": table, "id": site id, "row": {...}}``
  (a row inserted or changed), ``{"t": table, "id": site id, "del": true}`` (a row deleted),
  ``{"t": "audit_log", "row": {...}}`` (the site's audit chain). The manifest holds its SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app import strings
from app.errors import AppError

FORMAT = 1
KIND = "onsitedesk-site-package"
MANIFEST, SIGNATURE, PAYLOAD = "manifest.json", "manifest.sig", "payload.jsonl.gz"
AUDIT_TABLE = "audit_log"
SUFFIX = ".odpkg"


class PackageRefused(AppError):
    """A package that is not applied: unreadable, tampered, out of order, from another key.
    Nothing was written."""


def fingerprint(public_hex: str) -> str:
    """The key's short, human-comparable fingerprint: SHA-256 of the raw key, 4-hex groups."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def new_key() -> tuple[str, str]:
    """A new Ed25519 key: (private seed hex, public key hex)."""
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return seed.hex(), public_of(seed.hex())


def public_of(private_hex: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign(private_hex: str, data: bytes) -> str:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(data).hex()


def gzip_lines(lines: Iterator[dict[str, Any]]) -> bytes:
    """The payload: JSON lines, gzip with no timestamp (same rows, same bytes)."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=6) as gz:
        for line in lines:
            gz.write(json.dumps(line, ensure_ascii=False, separators=(",", ":"),
                                sort_keys=True).encode("utf-8"))
            gz.write(b"\n")
    return buf.getvalue()


def build(manifest: dict[str, Any], payload: bytes, private_hex: str) -> bytes:
    """The package's bytes: the manifest (with the payload's digest) signed."""
    manifest = {**manifest, "payload": {"name": PAYLOAD, "size": len(payload),
                                        "sha256": hashlib.sha256(payload).hexdigest()}}
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(MANIFEST, body, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(SIGNATURE, sign(private_hex, body))
        zf.writestr(PAYLOAD, payload, compress_type=zipfile.ZIP_STORED)  # already gzip
    return out.getvalue()


@dataclass(frozen=True)
class Package:
    """A package read and verified: its signature holds and its payload is the one signed."""

    path: Path
    manifest: dict[str, Any]
    payload: bytes

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def base_seq(self) -> int:
        return int(self.manifest["base_seq"])

    @property
    def full(self) -> bool:
        return bool(self.manifest["full"])

    @property
    def code(self) -> str:
        return str(self.manifest["project"]["code"])

    @property
    def uid(self) -> str:
        return str(self.manifest["project"]["uid"])

    @property
    def public_key(self) -> str:
        return str(self.manifest["public_key"])

    @property
    def digest(self) -> str:
        return str(self.manifest["payload"]["sha256"])

    def lines(self) -> Iterator[dict[str, Any]]:
        """The payload's lines; an unreadable one is refused (the digest held, so only a
        package written wrongly gets here)."""
        try:
            text = gzip.decompress(self.payload).decode("utf-8")
            for raw in text.splitlines():
                if raw:
                    line = json.loads(raw)
                    if not isinstance(line, dict) or "t" not in line:
                        raise ValueError("line")
                    yield line
        except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
            raise PackageRefused(strings.SP_BAD_PAYLOAD.format(
                file=self.path.name, why=type(exc).__name__)) from None


def read(path: Path) -> Package:
    """Read ``path`` and verify it: the signature over the manifest under the public key it
    carries, the payload's SHA-256 against the manifest. (Whether that key is the one head
    office trusts for the project is the importer's check.)"""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            members = set(zf.namelist())
            for member in (MANIFEST, SIGNATURE, PAYLOAD):
                if member not in members:
                    raise PackageRefused(strings.SP_BAD_FILE.format(
                        file=name, why=strings.SP_WHY_MISSING.format(member=member)))
            body, sig, payload = (zf.read(MANIFEST), zf.read(SIGNATURE), zf.read(PAYLOAD))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) \
                and not path.is_file():
            raise
        raise PackageRefused(strings.SP_BAD_FILE.format(file=name,
                                                        why=strings.SP_WHY_NOT_ZIP)) from None
    try:
        manifest = json.loads(body.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("manifest")
    except (UnicodeDecodeError, ValueError):
        raise PackageRefused(strings.SP_BAD_FILE.format(file=name, why=strings.SP_WHY_MANIFEST)
                             ) from None
    if manifest.get("format") != FORMAT or manifest.get("kind") != KIND:
        raise PackageRefused(strings.SP_BAD_FORMAT.format(file=name, format=manifest.get(
            "format"), supported=FORMAT))
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(str(manifest["public_key"])))
        key.verify(bytes.fromhex(sig.decode("ascii").strip()), body)
    except (InvalidSignature, KeyError, ValueError, UnicodeDecodeError):
        raise PackageRefused(strings.SP_BAD_SIGNATURE.format(file=name)) from None
    try:
        expected = str(manifest["payload"]["sha256"])
        _ = (manifest["seq"], manifest["base_seq"], manifest["full"],
             manifest["project"]["code"], manifest["project"]["uid"])
    except (KeyError, TypeError):
        raise PackageRefused(strings.SP_BAD_FILE.format(file=name, why=strings.SP_WHY_MANIFEST)
                             ) from None
    if hashlib.sha256(payload).hexdigest() != expected:
        raise PackageRefused(strings.SP_BAD_DIGEST.format(file=name))
    return Package(path, manifest, payload)
