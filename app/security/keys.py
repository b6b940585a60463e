"""The database's secrets (issue 18).

One random 32-byte data key per database, stored only wrapped (AES-GCM under each admin's
password-derived key, under the recovery code, under the machine credential); an unlocked
session holds a :class:`KeySet`. Every purpose gets its own key derived from the data key, so
no key is used for two things.

``Database.keys`` is ``None`` while nothing is unlocked (no accounts yet, or a viewer)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

DATA_KEY_BYTES = 32


@dataclass(frozen=True, repr=False)
class KeySet:
    data_key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.data_key) != DATA_KEY_BYTES:
            raise ValueError("data key must be 32 bytes")

    def derive(self, purpose: str) -> bytes:
        """The key for one purpose: HMAC-SHA256(data key, "onsitedesk/" + purpose)."""
        return hmac.new(self.data_key, b"onsitedesk/" + purpose.encode("ascii"),
                        hashlib.sha256).digest()

    @property
    def pii_key(self) -> bytes:
        """AES-256-GCM key for full ID-card and phone numbers at rest."""
        return self.derive("pii-aes-gcm")

    @property
    def index_key(self) -> bytes:
        """HMAC key of the exact-search index over full ID-card numbers."""
        return self.derive("pii-index")

    @property
    def audit_key(self) -> bytes:
        """HMAC key of the audit chain."""
        return self.derive("audit-chain")

    def __repr__(self) -> str:  # never print the key
        return "KeySet(<secret>)"
