"""Where the terminal's secret lives: the OS keyring, or a private file when there is none.

A counter on a headless or minimal machine has no keyring backend (keyring's `fail.Keyring`
raises on every call). We do not install keyrings.alt, which would silently win and keep secrets
in plain text: instead the secret goes into a file in the data folder readable only by the user,
and the caller is told so that the counter can show a warning.
"""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE: Final = "BoolaGold POS terminal"
FALLBACK_NAME: Final = "terminal-secret"


@dataclass(frozen=True, slots=True)
class SecretPlace:
    """Where a secret was stored; `warning` is shown to the user when it is not the keyring."""

    where: str
    warning: str | None = None


def _keyring_usable() -> bool:
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def _fallback(data_dir: Path) -> Path:
    return data_dir / FALLBACK_NAME


def store_secret(data_dir: Path, terminal_id: uuid.UUID, secret: str) -> SecretPlace:
    """Keep `secret` for `terminal_id`; the keyring when there is one."""
    if _keyring_usable():
        try:
            keyring.set_password(SERVICE, str(terminal_id), secret)
        except keyring.errors.KeyringError:
            pass
        else:
            _fallback(data_dir).unlink(missing_ok=True)
            return SecretPlace(where=f"the system keyring ({keyring.get_keyring().name})")
    path = _fallback(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    descriptor = os.open(path, flags, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"{terminal_id}\n{secret}\n")
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    return SecretPlace(
        where=str(path),
        warning=(
            "no system keyring is available: the terminal secret is kept in a file only your "
            f"user can read ({path})"
        ),
    )


def load_secret(data_dir: Path, terminal_id: uuid.UUID) -> str | None:
    """The stored secret, or None when this terminal has none (not enrolled)."""
    if _keyring_usable():
        try:
            found = keyring.get_password(SERVICE, str(terminal_id))
        except keyring.errors.KeyringError:
            found = None
        if found:
            return found
    path = _fallback(data_dir)
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) >= 2 and lines[0] == str(terminal_id):
        return lines[1]
    return None


def forget_secret(data_dir: Path, terminal_id: uuid.UUID) -> None:
    """Remove the secret (a restored or re-enrolled terminal gets a new one)."""
    if _keyring_usable():
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, str(terminal_id))
    _fallback(data_dir).unlink(missing_ok=True)
