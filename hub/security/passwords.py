"""Password hashing (argon2id) and the rules a new password must meet.

The same argon2 hashes replicate to counters so staff can sign in offline; argon2-cffi's
defaults are the RFC 9106 low-memory profile, which a counter PC verifies in well under a second.
"""

from __future__ import annotations

import secrets
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shared.errors import InvalidInput

MIN_PASSWORD_LENGTH: Final = 8
MAX_PASSWORD_LENGTH: Final = 128
_HASHER: Final = PasswordHasher()
# Without l, 1, O, 0: a first password is read aloud or copied from a screen.
_ALPHABET: Final = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# Verified against when the user does not exist, so a wrong username costs the same time as a
# wrong password and the response time does not reveal which usernames exist.
_DUMMY_HASH: Final = _HASHER.hash("no such user: constant-time placeholder")


def check_new_password(password: str, field: str = "password") -> None:
    """Refuse passwords too short or too long to be sensible (raises InvalidInput)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", field)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"a password may have at most {MAX_PASSWORD_LENGTH} characters", field)
    if password.strip() != password:
        raise InvalidInput("a password may not start or end with a space", field)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; a missing user still spends the time of one check."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def generate_password(length: int = 14) -> str:
    """A random first password for a new owner or a reset (shown once, never stored plain)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))
