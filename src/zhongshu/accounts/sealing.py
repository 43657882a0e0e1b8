"""Secrets kept in the database sealed with SM4-GCM (国密), e.g. the TOTP seed: a copy
of the database alone does not give away anyone's second factor.

The key comes from ``ZHONGSHU_FIELD_KEY`` (32 hex digits) or, when it is not set, is
derived from the secret key with HKDF-SM3; changing either makes sealed values
unreadable (users then enrol their second factor again). Values written before sealing
existed have no prefix and are read as they are.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "sm4gcm:"


class UnsealError(ValueError):
    """The value was sealed with another key, or altered."""


def _key(purpose: str) -> bytes:
    configured = getattr(settings, "FIELD_KEY", "")
    if configured:
        return bytes.fromhex(configured)
    return HKDF(
        algorithm=hashes.SM3(), length=16, salt=None, info=f"zhongshu:{purpose}".encode()
    ).derive(settings.SECRET_KEY.encode())


def seal(value: str, *, purpose: str) -> str:
    if not value:
        return ""
    nonce = os.urandom(12)
    encryptor = Cipher(algorithms.SM4(_key(purpose)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(purpose.encode())
    body = encryptor.update(value.encode()) + encryptor.finalize()
    return PREFIX + base64.urlsafe_b64encode(nonce + body + encryptor.tag).decode()


def unseal(stored: str, *, purpose: str) -> str:
    if not stored or not stored.startswith(PREFIX):
        return stored
    raw = base64.urlsafe_b64decode(stored[len(PREFIX) :])
    nonce, body, tag = raw[:12], raw[12:-16], raw[-16:]
    decryptor = Cipher(algorithms.SM4(_key(purpose)), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(purpose.encode())
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as exc:
        raise UnsealError("sealed value cannot be opened with this key") from exc
