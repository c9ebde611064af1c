"""The entry point frozen into the counter's bundle (`boolagold-counter`, see counter.spec).

One executable does both jobs a shop needs:
- started with no arguments (the Start menu, the desktop launcher, a double click) it opens the
  counter's window, exactly as `boolagold counter` does in a development checkout;
- started with arguments it is the `boolagold` command line: `boolagold-counter --version`,
  `boolagold-counter counter sell draft.json`, `boolagold-counter quote ...`. The hub is not in
  the bundle, so `boolagold-counter hub` says so instead of failing with a traceback.

Before any of our code runs, the keyring backend is chosen here explicitly. keyring finds its
backends through package metadata and entry points, which a frozen application easily loses
(and then keyring quietly falls back to "no keyring", or worse, picks up whatever else was
bundled). The counter only ever wants the platform's own secret store: Windows Credential
Manager, the macOS Keychain, or the freedesktop Secret Service (GNOME Keyring, KWallet) on Linux.
When that store is not usable (a headless Linux box with no D-Bus session), the `fail` backend
is set, so `desktop.sync.secrets` falls back to its private 0600 file and says so.
"""

from __future__ import annotations

import os
import sys
from typing import Final

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail

KEYRING_ENV: Final = "PYTHON_KEYRING_BACKEND"
"""keyring's own override; when set (support, tests) it is honoured and nothing is chosen."""


def _platform_backend() -> type[KeyringBackend]:
    """The one backend class this platform's counter uses (imported explicitly, so the bundle
    carries it whatever PyInstaller's keyring hook does)."""
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring  # noqa: PLC0415 - per platform

        return WinVaultKeyring
    if sys.platform == "darwin":
        from keyring.backends.macOS import Keyring as MacOSKeyring  # noqa: PLC0415

        return MacOSKeyring
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring  # noqa: PLC0415

    return SecretServiceKeyring


def choose_keyring() -> str:
    """Set the keyring backend for this process and return its name (for `--version` output
    and support). A backend whose `priority` raises or is not positive is not usable here."""
    if os.environ.get(KEYRING_ENV, "").strip():
        return keyring.get_keyring().name
    backend = _platform_backend()
    try:
        usable = float(backend.priority) > 0
    except Exception:  # each backend reports "not usable here" with an exception of its own
        usable = False
    keyring.set_keyring(backend() if usable else fail.Keyring())  # type: ignore[no-untyped-call]
    return keyring.get_keyring().name


def arguments(argv: list[str]) -> list[str]:
    """The `boolagold` arguments for this start: none means the counter's window.

    macOS may add a `-psn_...` process serial number when a bundle is opened from the Finder;
    it is not ours and is dropped.
    """
    kept = [arg for arg in argv if not arg.startswith("-psn_")]
    return kept or ["counter"]


def main() -> None:
    choose_keyring()
    from shared.cli import main as boolagold  # noqa: PLC0415 - after the keyring is chosen

    boolagold.main(args=arguments(sys.argv[1:]), prog_name="boolagold-counter")


if __name__ == "__main__":
    main()
