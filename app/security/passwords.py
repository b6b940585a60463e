"""Password hashing, key wrapping and recovery codes (issue 18).

Hashes: ``hashlib.scrypt`` with n=2**17, r=8, p=1 (128 MiB, maxmem 256 MiB), the parameters
stored with the hash as ``scrypt$17$8$1$<salt b64>$<hash b64>`` (17 = log2 n), compared in
constant time; :func:`needs_upgrade` tells a login to re-hash a password stored under weaker
parameters.

Key wrapping: a key-encryption key (KEK) derived from the password with scrypt under its own
salt (never the hash's) encrypts the 32-byte data key with AES-256-GCM. A wrap is stored as
``<kdf spec>`` plus ``<nonce b64>$<ciphertext b64>``; the associated data names what the wrap
is for (``b"onsitedesk/wrap/<purpose>"``), so a wrap cannot be moved to another purpose.

Recovery code: 30 random base32 characters in 6 groups of 5 (150 bits), typed back with or
without the dashes, case-insensitive; stored only as a hash and as a wrap of the data key.

Nothing here logs or puts a secret into an exception text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SCHEME = "scrypt"
SALT_BYTES = 16
HASH_BYTES = 32
MAXMEM = 256 * 1024 * 1024
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: no I, O, 0, 1
RECOVERY_GROUPS, RECOVERY_GROUP_LEN = 6, 5


@dataclass(frozen=True, order=True)
class ScryptParams:
    log2_n: int
    r: int
    p: int

    def weaker_than(self, other: ScryptParams) -> bool:
        return (self.log2_n < other.log2_n or self.r < other.r or self.p < other.p)


# What new hashes and wraps use. Tests may lower it for speed (a fixture); one test checks
# that these are the real parameters and that they are what is stored.
REQUIRED = ScryptParams(17, 8, 1)
CURRENT = REQUIRED


class WrongSecret(Exception):
    """A password, code or credential did not open a wrap (no detail, on purpose)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _scrypt(secret: str | bytes, salt: bytes, params: ScryptParams) -> bytes:
    raw = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hashlib.scrypt(raw, salt=salt, n=2 ** params.log2_n, r=params.r, p=params.p,
                          maxmem=MAXMEM, dklen=HASH_BYTES)


def _spec(params: ScryptParams, salt: bytes) -> str:
    return f"{SCHEME}${params.log2_n}${params.r}${params.p}${_b64(salt)}"


def _parse_spec(spec: str) -> tuple[ScryptParams, bytes]:
    parts = spec.split("$")
    if len(parts) != 5 or parts[0] != SCHEME:
        raise ValueError("not a scrypt specification")
    log2_n, r, p = (int(x) for x in parts[1:4])
    if not (1 <= log2_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
        raise ValueError("scrypt parameters out of range")
    return ScryptParams(log2_n, r, p), _unb64(parts[4])


# ---- password hashes ----------------------------------------------------------------------
def hash_password(password: str, params: ScryptParams | None = None) -> str:
    """``scrypt$<log2 n>$<r>$<p>$<salt>$<hash>`` for ``password``."""
    params = params or CURRENT
    salt = secrets.token_bytes(SALT_BYTES)
    return f"{_spec(params, salt)}${_b64(_scrypt(password, salt, params))}"


def params_of(stored: str) -> ScryptParams:
    """The parameters a stored hash was made with."""
    return kdf_params(stored.rsplit("$", 1)[0])


def kdf_params(spec: str) -> ScryptParams:
    """The parameters of a wrap's ``kdf`` (``scrypt$17$8$1$<salt>``)."""
    return _parse_spec(spec)[0]


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time comparison)."""
    try:
        spec, digest = stored.rsplit("$", 1)
        params, salt = _parse_spec(spec)
        expected = _unb64(digest)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(_scrypt(password, salt, params), expected)


def needs_upgrade(stored: str) -> bool:
    """Whether ``stored`` was made under weaker parameters than today's."""
    try:
        return params_of(stored).weaker_than(CURRENT)
    except (ValueError, TypeError):
        return True


def dummy_verify(password: str) -> None:
    """Spend what a verification costs (an unknown login answers as slowly as a known one)."""
    _scrypt(password, b"\0" * SALT_BYTES, CURRENT)


# ---- key wrapping -------------------------------------------------------------------------
def _aad(purpose: str) -> bytes:
    return b"onsitedesk/wrap/" + purpose.encode("ascii")


def _seal(kek: bytes, data_key: bytes, purpose: str) -> str:
    nonce = secrets.token_bytes(12)
    return f"{_b64(nonce)}${_b64(AESGCM(kek).encrypt(nonce, data_key, _aad(purpose)))}"


def _open(kek: bytes, sealed: str, purpose: str) -> bytes:
    try:
        nonce_s, ct_s = sealed.split("$", 1)
        return AESGCM(kek).decrypt(_unb64(nonce_s), _unb64(ct_s), _aad(purpose))
    except (InvalidTag, ValueError, TypeError):
        raise WrongSecret() from None


@dataclass(frozen=True)
class Wrap:
    """A data key wrapped under a secret: how the KEK is derived (``kdf``) and the sealed
    key (``sealed``: nonce and AES-GCM ciphertext)."""

    kdf: str
    sealed: str


def wrap_with_password(data_key: bytes, password: str, purpose: str) -> Wrap:
    """The data key wrapped under a KEK scrypt-derived from ``password`` (own salt)."""
    salt = secrets.token_bytes(SALT_BYTES)
    kek = _scrypt(password, salt, CURRENT)
    return Wrap(_spec(CURRENT, salt), _seal(kek, data_key, purpose))


def unwrap_with_password(wrap: Wrap, password: str, purpose: str) -> bytes:
    try:
        params, salt = _parse_spec(wrap.kdf)
    except (ValueError, TypeError):
        raise WrongSecret() from None
    return _open(_scrypt(password, salt, params), wrap.sealed, purpose)


RAW_KDF = "hkdf-sha256"


def _raw_kek(secret: bytes) -> bytes:
    # a random 32-byte secret needs no stretching: one HMAC makes it a key of its own
    return hmac.new(secret, b"onsitedesk/machine-kek", hashlib.sha256).digest()


def wrap_with_secret(data_key: bytes, secret: bytes, purpose: str) -> Wrap:
    """The data key wrapped under a random machine secret (no stretching needed)."""
    return Wrap(RAW_KDF, _seal(_raw_kek(secret), data_key, purpose))


def unwrap_with_secret(wrap: Wrap, secret: bytes, purpose: str) -> bytes:
    if wrap.kdf != RAW_KDF:
        raise WrongSecret()
    return _open(_raw_kek(secret), wrap.sealed, purpose)


def secret_digest(secret: bytes) -> str:
    """How a random machine secret is recognised (SHA-256: it has 256 bits of entropy)."""
    return "sha256$" + hashlib.sha256(secret).hexdigest()


def secret_matches(secret: bytes, stored: str) -> bool:
    return hmac.compare_digest(secret_digest(secret), stored)


# ---- recovery codes -----------------------------------------------------------------------
def new_recovery_code() -> str:
    """``XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX``: 150 random bits a person can type."""
    groups = ("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LEN))
              for _ in range(RECOVERY_GROUPS))
    return "-".join(groups)


def normalize_recovery_code(text: str) -> str:
    """A typed code in its stored form: spaces and dashes dropped, upper case, regrouped by
    five (a wrong character is kept and simply does not match)."""
    body = "".join(ch for ch in text.upper() if ch not in " -\t")
    return "-".join(body[i:i + RECOVERY_GROUP_LEN]
                    for i in range(0, len(body), RECOVERY_GROUP_LEN))
