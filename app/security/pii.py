"""Full ID-card and phone numbers at rest (issue 18, SPEC Q3).

Once a database has accounts, a person's full numbers are stored only as AES-256-GCM
ciphertext under :attr:`KeySet.pii_key`, beside their masked form (what lists, search results,
viewers, printouts and the default export show) and, for the ID number, an exact-search index:
HMAC-SHA256 under :attr:`KeySet.index_key` of the normalised number, so "find by ID number"
works without decrypting anyone.

A ciphertext is ``v1:`` + base64url(96-bit random nonce ‖ ciphertext ‖ tag). Its associated
data names the table, the row and the field, so a ciphertext copied to another person or to the
other field (or altered by one bit) fails to decrypt: :class:`PiiError`, a Chinese message that
names the row and field, never the number.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app import strings
from app.domain.roster import mask_id_card, mask_phone
from app.errors import AppError
from app.security.keys import KeySet

PHONE = "phone"
ID_CARD = "id_card_no"
FIELDS = (PHONE, ID_CARD)
VERSION = "v1:"
NONCE_BYTES = 12
_TABLE = "person"


class PiiError(AppError):
    """A stored number that cannot be decrypted (tampered, moved, or the wrong key)."""


def _aad(field: str, row_id: int) -> bytes:
    if field not in FIELDS:
        raise ValueError(f"not a personal field: {field}")
    return f"onsitedesk/pii/v1|{_TABLE}|{int(row_id)}|{field}".encode("ascii")


def encrypt(keys: KeySet, field: str, row_id: int, value: str) -> str:
    """The stored form of ``value`` (``""`` stays ``""``: nothing to hide)."""
    if not value:
        return ""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(keys.pii_key).encrypt(nonce, value.encode("utf-8"), _aad(field, row_id))
    return VERSION + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt(keys: KeySet, field: str, row_id: int, token: str) -> str:
    """The full number back; :class:`PiiError` when the ciphertext is not this row's field's
    (altered, moved from another row or field) or the key is not the one it was sealed with."""
    if not token:
        return ""
    failed = PiiError(strings.PII_DECRYPT_FAILED.format(
        id=row_id, field=strings.PII_FIELD_LABELS.get(field, field)))
    if not token.startswith(VERSION):
        raise failed
    try:
        raw = base64.urlsafe_b64decode(token[len(VERSION):].encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise failed from None
    if len(raw) <= NONCE_BYTES:
        raise failed
    try:
        plain = AESGCM(keys.pii_key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                             _aad(field, row_id))
    except InvalidTag:
        raise failed from None
    return plain.decode("utf-8")


def mask(field: str, value: str) -> str:
    """The masked form the app shows everywhere (the audit trail's masking, too)."""
    if not value:
        return ""
    return mask_id_card(value) if field == ID_CARD else mask_phone(value)


def is_masked(value: str) -> bool:
    return "*" in value


def normalize_id(value: str) -> str:
    """An ID number as indexed: full-width folded, spaces dropped, the check letter upper."""
    folded = unicodedata.normalize("NFKC", value)
    return "".join(folded.split()).upper()


_FULL_ID = re.compile(r"\d{17}[\dX]")


def is_full_id(value: str) -> bool:
    """Whether ``value`` is a whole 18-character ID number (a search box's exact search)."""
    return bool(_FULL_ID.fullmatch(normalize_id(value)))


def id_index(keys: KeySet, value: str) -> str:
    """The exact-search index of an ID number (``""`` for none)."""
    norm = normalize_id(value)
    if not norm:
        return ""
    return hmac.new(keys.index_key, norm.encode("utf-8"), hashlib.sha256).hexdigest()
