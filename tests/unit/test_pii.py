"""app.security.pii (issue 18): AES-GCM of ID and phone numbers bound to row and field, the
masked form, the keyed exact-search index."""

from __future__ import annotations

import base64
import os

import pytest
from unit_helpers import valid_id

from app import strings
from app.dto.roster import FullNumbers
from app.security import pii
from app.security.keys import KeySet
from app.storage import audit

ID = valid_id("11010519491231002")
PHONE = "13812345678"


@pytest.fixture
def keys() -> KeySet:
    return KeySet(os.urandom(32))


def test_round_trip_both_fields(keys: KeySet) -> None:
    for field, value in ((pii.PHONE, PHONE), (pii.ID_CARD, ID)):
        token = pii.encrypt(keys, field, 7, value)
        assert token.startswith(pii.VERSION)
        assert value not in token
        assert pii.decrypt(keys, field, 7, token) == value


def test_empty_stays_empty(keys: KeySet) -> None:
    assert pii.encrypt(keys, pii.PHONE, 1, "") == ""
    assert pii.decrypt(keys, pii.PHONE, 1, "") == ""


def test_random_nonce_makes_every_ciphertext_different(keys: KeySet) -> None:
    tokens = {pii.encrypt(keys, pii.ID_CARD, 1, ID) for _ in range(20)}
    assert len(tokens) == 20
    nonces = {base64.urlsafe_b64decode(t[3:])[:pii.NONCE_BYTES] for t in tokens}
    assert len(nonces) == 20


def _flip(token: str, at: int) -> str:
    raw = bytearray(base64.urlsafe_b64decode(token[3:]))
    raw[at] ^= 0x01
    return pii.VERSION + base64.urlsafe_b64encode(bytes(raw)).decode("ascii")


@pytest.mark.parametrize("at", [0, 11, 12, 20, -1])  # nonce, ciphertext, tag
def test_a_flipped_bit_is_detected(keys: KeySet, at: int) -> None:
    token = pii.encrypt(keys, pii.ID_CARD, 3, ID)
    with pytest.raises(pii.PiiError) as err:
        pii.decrypt(keys, pii.ID_CARD, 3, _flip(token, at))
    assert err.value.message == strings.PII_DECRYPT_FAILED.format(id=3, field="身份证号")
    assert ID not in str(err.value) and ID[-4:] not in str(err.value)


def test_a_ciphertext_moved_to_another_row_or_field_is_detected(keys: KeySet) -> None:
    token = pii.encrypt(keys, pii.PHONE, 1, PHONE)
    with pytest.raises(pii.PiiError, match="编号 2"):
        pii.decrypt(keys, pii.PHONE, 2, token)  # another person
    with pytest.raises(pii.PiiError, match="身份证号"):
        pii.decrypt(keys, pii.ID_CARD, 1, token)  # the other field of the same person


def test_another_key_cannot_decrypt(keys: KeySet) -> None:
    token = pii.encrypt(keys, pii.PHONE, 1, PHONE)
    with pytest.raises(pii.PiiError):
        pii.decrypt(KeySet(os.urandom(32)), pii.PHONE, 1, token)


@pytest.mark.parametrize("token", ["13812345678", "v1:", "v1:%%%not-base64",
                                   "v1:" + base64.urlsafe_b64encode(b"short").decode(),
                                   "v2:" + "A" * 40, "v1:é"])
def test_garbage_is_a_message_not_a_traceback(keys: KeySet, token: str) -> None:
    with pytest.raises(pii.PiiError) as err:
        pii.decrypt(keys, pii.PHONE, 5, token)
    assert "电话" in err.value.message


def test_an_unknown_field_is_a_programming_error(keys: KeySet) -> None:
    with pytest.raises(ValueError):
        pii.encrypt(keys, "name", 1, "张三")


def test_masks_are_the_ones_lists_and_the_audit_trail_use() -> None:
    assert pii.mask(pii.PHONE, PHONE) == "138****5678"
    assert pii.mask(pii.ID_CARD, ID) == "110105********" + ID[-4:]
    assert pii.mask(pii.PHONE, "") == ""
    key = b"k" * 32
    for field, value in ((pii.PHONE, PHONE), (pii.ID_CARD, ID)):
        assert audit.protect(field, value, key).startswith(pii.mask(field, value) + "#h:")


def test_index_is_keyed_and_normalised(keys: KeySet) -> None:
    idx = pii.id_index(keys, ID)
    assert len(idx) == 64 and ID not in idx
    lower = ID[:-1] + ID[-1].lower()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ID)  # ０-９, Ｘ
    assert pii.id_index(keys, f" {lower} ") == idx
    assert pii.id_index(keys, full_width) == idx
    assert pii.id_index(keys, ID[:6] + " " + ID[6:]) == idx
    assert pii.id_index(KeySet(os.urandom(32)), ID) != idx  # no key, no lookup table
    assert pii.id_index(keys, valid_id("11010519491231003")) != idx
    assert pii.id_index(keys, "  ") == ""


def test_no_number_in_reprs(keys: KeySet) -> None:
    assert ID not in repr(FullNumbers(PHONE, ID)) and PHONE not in repr(FullNumbers(PHONE, ID))
    assert "secret" in repr(keys)
