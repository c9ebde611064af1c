"""The public keys this counter trusts to sign its shop's licence.

The production key ships in the code, so a licence signed by anyone else is refused. Development,
tests and the demo add their own hub's key through the environment (``BOOLAGOLD_LICENCE_TRUST``,
``kid=base64,kid2=base64``), the same text a hub logs when it generates a key. Rotation: the
platform ships the next key beside the current one before its hub signs with it, and a counter
trusting both accepts either.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Final

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from shared.licence import load_trusted_keys

PRODUCTION_TRUST: Final = "bg-2026-1=s931-ok2U_Bc8kkIZNj8eiQ1vKIX73B-DiCJdWQk9Eg"
"""The platform's production signing key (public half), as ``kid=base64url``."""
TRUST_ENV: Final = "BOOLAGOLD_LICENCE_TRUST"

log = logging.getLogger(__name__)


def trusted_keys(environ: Mapping[str, str] | None = None) -> Mapping[str, Ed25519PublicKey]:
    """The shipped keys plus any readable keys from `environ` (default: the process's)."""
    source = os.environ if environ is None else environ
    return _parse(source.get(TRUST_ENV, ""))


@lru_cache(maxsize=8)
def _parse(extra: str) -> Mapping[str, Ed25519PublicKey]:
    """Parsed once per distinct text: the trust is read at every licence check."""
    keys = dict(load_trusted_keys(PRODUCTION_TRUST))
    shipped = set(keys)
    for entry in extra.replace(";", ",").replace("\n", ",").split(","):
        if not entry.strip():
            continue
        try:
            loaded = load_trusted_keys(entry)
        except ValueError as error:
            # One bad entry must not stop the counter, nor drop the other keys.
            log.warning("%s: ignoring an entry: %s", TRUST_ENV, error)
            continue
        for kid, key in loaded.items():
            if kid in shipped:
                # A shipped key id always means the shipped key: the environment adds keys,
                # it never swaps the platform's own for another.
                log.warning("%s: key id %r is a shipped key; the entry is ignored", TRUST_ENV, kid)
                continue
            keys[kid] = key
    return MappingProxyType(keys)
