"""Where the hub's licence signing key comes from: the configuration, or a generated file.

Production reads LICENCE_SIGNING_KEY (``kid:`` + PKCS8 PEM) and refuses to start without it
(`HubSettings.validate`). A development or embedded hub with no key configured makes one once
into ``<data_dir>/licence-signing.key`` (readable by its user only) and logs the public text,
which is what a counter's BOOLAGOLD_LICENCE_TRUST needs to trust it.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import structlog

from hub.settings import HubEnvironment, HubSettings, SettingsError
from shared.licence import SigningKey, generate_signing_key, load_signing_key, signing_key_text

KEY_FILE_NAME: Final = "licence-signing.key"
_log = structlog.get_logger("hub.licence")


def key_file(settings: HubSettings) -> Path:
    return settings.data_dir / KEY_FILE_NAME


def load_or_create_signing_key(settings: HubSettings) -> SigningKey:
    """The key this hub signs with (see the module docstring for where it comes from)."""
    configured = settings.licence.signing_key
    if configured:
        try:
            return load_signing_key(configured)
        except ValueError as error:
            raise SettingsError(str(error), "LICENCE_SIGNING_KEY") from None
    if settings.environment is HubEnvironment.PRODUCTION:
        raise SettingsError(
            "LICENCE_SIGNING_KEY is not set: production never generates its own licence key",
            "LICENCE_SIGNING_KEY",
        )
    path = key_file(settings)
    if path.exists():
        try:
            key = load_signing_key(path.read_text(encoding="ascii"))
        except (ValueError, UnicodeDecodeError) as error:
            raise SettingsError(
                f"the licence key file {path} is not readable ({error}); move it away to make "
                "a new one (counters must then trust the new public key)",
                "LICENCE_SIGNING_KEY",
            ) from None
    else:
        key = _create(path)
    _log.info("licence signing key", source=str(path), public=key.public_text())
    return key


def _create(path: Path) -> SigningKey:
    """Write a new key where no other process sees it half-written (link is atomic and
    refuses to replace: when two instances race, both end up with the first one's key)."""
    key = generate_signing_key(f"dev-{datetime.now(UTC):%Y%m%d%H%M%S}")
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(signing_key_text(key))
    try:
        os.link(draft, path)
    except FileExistsError:
        return load_signing_key(path.read_text(encoding="ascii"))
    finally:
        draft.unlink()
    return key


def public_key_text(path: Path) -> str:
    """``kid=base64`` of the key in a key file (what a counter trusts), for the demo launcher."""
    return load_signing_key(path.read_text(encoding="ascii")).public_text()


__all__ = ["KEY_FILE_NAME", "key_file", "load_or_create_signing_key", "public_key_text"]
