"""High-entropy one-time codes and device secrets, stored only as their SHA-256 digest.

A 128- or 256-bit random token cannot be guessed, so a fast digest is enough to keep a stolen
database useless; unlike a salted password hash it also lets the hub find the row by the digest.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Final

# Crockford-style: upper case, no I, L, O, U, so a code read over the phone is typed right.
_CODE_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def same_digest(token: str, expected_digest: str) -> bool:
    return hmac.compare_digest(digest(token), expected_digest)


def new_device_secret() -> str:
    """256 random bits, URL-safe (what a terminal keeps in its OS keyring)."""
    return secrets.token_urlsafe(32)


def new_enrolment_code() -> str:
    """16 characters from a 32-letter alphabet (80 bits), shown as XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise_enrolment_code(text: str) -> str:
    """What the owner typed, as it was issued: upper case, dashes where they belong."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
