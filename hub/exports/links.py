"""Signed, expiring links to private files served by the hub itself (the local-folder store).

S3 signs its own links (presigned GETs); a local folder has nobody to do that, so the hub signs a
token naming the file, its download name and type, and when the link stops working. The token is
an HMAC with a key derived from the hub's session secret, so every instance can check a link any
other one made, and nobody can change the key, the name or the expiry without the check failing.
Only keys under the prefixes in `SIGNED_PREFIXES` may ever be named (exports, archived invoices):
a forged-but-valid token still could not reach another kind of file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

SIGNED_ROUTE: Final = "/files/signed"
SIGNED_PREFIXES: Final = ("exports/", "invoices/")
_PURPOSE: Final = b"boolagold-file-links"


class LinkRefused(Exception):
    """A link that must not be served; `status` is the HTTP answer, `reason` the sentence."""

    status = 403
    reason = "this link is not valid"


class LinkTampered(LinkRefused):
    status = 403
    reason = "this link is not valid: it was changed or is incomplete"


class LinkExpired(LinkRefused):
    status = 410
    reason = "this link has expired: make the export again"


@dataclass(frozen=True, slots=True)
class SignedFile:
    """What a valid link names."""

    key: str
    expires_at: int
    """Unix seconds."""
    download_name: str
    content_type: str


def link_key(secret: str) -> bytes:
    """The signing key for links, derived from the hub's session secret (never the secret
    itself, so a link's signature can never double as a session's)."""
    return hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(payload: str, key: bytes) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def signable(key: str) -> bool:
    return key.startswith(SIGNED_PREFIXES)


def sign(file: SignedFile, key: bytes) -> str:
    """The token for `file` (URL-safe: base64url payload, a dot, base64url HMAC-SHA256)."""
    if not signable(file.key):
        msg = f"{file.key!r} is not a file that may be shared by link"
        raise ValueError(msg)
    body = {
        "k": file.key,
        "e": file.expires_at,
        "n": file.download_name,
        "t": file.content_type,
    }
    payload = _b64(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    return f"{payload}.{_signature(payload, key)}"


def verify(token: str, key: bytes, now: float) -> SignedFile:
    """The file a token names, if it is untampered and unexpired at `now` (Unix seconds).

    Raises LinkTampered (403) or LinkExpired (410). The signature is checked first, so an
    expired link is only reported as expired when it is genuinely ours.
    """
    payload, dot, signature = token.partition(".")
    if (
        not dot
        or not payload
        or not hmac.compare_digest(
            signature.encode("ascii", "replace"), _signature(payload, key).encode("ascii")
        )
    ):
        raise LinkTampered
    try:
        body = json.loads(_unb64(payload))
        file = SignedFile(
            key=str(body["k"]),
            expires_at=int(body["e"]),
            download_name=str(body["n"]),
            content_type=str(body["t"]),
        )
    except (ValueError, KeyError, TypeError):
        raise LinkTampered from None
    if not signable(file.key):
        raise LinkTampered
    if now >= file.expires_at:
        raise LinkExpired
    return file


def content_disposition(download_name: str) -> str:
    """`attachment` with an ASCII fallback name and the exact name as RFC 5987 UTF-8."""
    fallback = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in download_name
    )
    exact = quote(download_name, safe="")
    return f"attachment; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{exact}"
