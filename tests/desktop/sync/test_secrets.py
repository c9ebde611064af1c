"""The terminal secret: keyring when there is one, a private file (with a warning) when not."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from desktop.sync.secrets import forget_secret, load_secret, store_secret
from shared.ids import new_id


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[service, username] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(previous)


def test_the_keyring_is_used_when_there_is_one(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    terminal = new_id()
    place = store_secret(tmp_path, terminal, "s3cret")
    assert place.warning is None
    assert load_secret(tmp_path, terminal) == "s3cret"
    assert not (tmp_path / "terminal-secret").exists()
    forget_secret(tmp_path, terminal)
    assert load_secret(tmp_path, terminal) is None


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_a_private_file_is_used_and_the_user_is_warned(tmp_path: Path) -> None:
    terminal = new_id()
    place = store_secret(tmp_path, terminal, "s3cret")
    assert place.warning is not None
    assert "only your user can read" in place.warning
    mode = stat.S_IMODE((tmp_path / "terminal-secret").stat().st_mode)
    assert mode == 0o600
    assert load_secret(tmp_path, terminal) == "s3cret"
    assert load_secret(tmp_path, new_id()) is None
