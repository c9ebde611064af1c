"""The signed licence: what the hub promises a shop, in a form a counter can check offline.

The hub signs each shop's licence with Ed25519 (the private key comes from the hub's configuration,
never from the repo); counters verify it with public keys they ship with. A token names the key
that signed it (`kid`), so the platform can rotate keys: counters trust the old and the new key
for a while, the hub signs with the new one.

Token text: ``BGL1.<kid>.<payload>.<signature>`` where payload is base64url of canonical JSON and
the signature covers ``BGL1.<kid>.<payload>``. Anything else, or any byte changed, is refused,
and a refused licence is treated as absent.

`evaluate` turns a licence and a date into what the counter does: bill, bill with a warning, or
refuse to issue invoices. Both ends use it, so the owner's web page and the counter agree.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

TOKEN_PREFIX: Final = "BGL1"  # noqa: S105 - a format tag, not a secret
WARN_DAYS: Final = 30
"""The counter shows the days left from this many days before the licence ends."""
MAX_TOKEN_CHARS: Final = 4000


class LicenceKind(StrEnum):
    TRIAL = "trial"
    AMC = "amc"
    LIFETIME = "lifetime"


class Standing(StrEnum):
    """What the hub says of the shop, beyond the dates: a suspended shop stops at once."""

    GOOD = "good"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"


class LicenceState(StrEnum):
    """What a counter does with its licence today."""

    OK = "ok"
    EXPIRING = "expiring"  # bills; shows the days left
    GRACE = "grace"  # bills with a warning on every invoice screen
    LAPSED = "lapsed"  # refuses to issue invoices
    SUSPENDED = "suspended"  # refuses to issue invoices
    ABSENT = "absent"  # no licence, or one that failed verification: refuses


class LicenceRejected(ValueError):
    """A token that is malformed, tampered with, or signed by a key we do not trust."""


@dataclass(frozen=True, slots=True)
class Licence:
    shop_id: uuid.UUID
    plan_code: str
    plan_name: str
    kind: LicenceKind
    valid_until: date | None
    """The last day the counter may bill without a warning; None for a lifetime licence."""
    grace_days: int
    terminal_limit: int
    user_limit: int | None
    amc_until: date | None
    """Support and updates are paid until this day (reminders only; lifetime licences)."""
    standing: Standing
    issued_at: datetime
    support_contact: str
    """Whom to call, shown on the counter's lapsed screen."""

    def payload(self) -> dict[str, object]:
        return {
            "shop_id": str(self.shop_id),
            "plan_code": self.plan_code,
            "plan_name": self.plan_name,
            "kind": self.kind.value,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "grace_days": self.grace_days,
            "terminal_limit": self.terminal_limit,
            "user_limit": self.user_limit,
            "amc_until": self.amc_until.isoformat() if self.amc_until else None,
            "standing": self.standing.value,
            "issued_at": self.issued_at.astimezone(UTC).isoformat(),
            "support_contact": self.support_contact,
        }


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str
    private_key: Ed25519PrivateKey

    def public_text(self) -> str:
        """``kid=base64`` as counters are configured to trust it."""
        return f"{self.kid}={public_key_b64(self.private_key.public_key())}"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The counter's reading of its licence on a given day."""

    state: LicenceState
    may_issue: bool
    days_left: int | None
    """Days until the licence (or, in grace, the grace period) ends; None when it never ends."""
    message: str


# --- keys -------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise LicenceRejected("the licence is not readable") from exc


def public_key_b64(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _b64(raw)


def _check_kid(kid: str) -> str:
    kid = kid.strip()
    if not kid or len(kid) > 32 or not all(c.isalnum() or c in "-_" for c in kid):
        raise ValueError(f"a key id is 1-32 letters, digits, '-' or '_' (got {kid!r})")
    return kid


def generate_signing_key(kid: str) -> SigningKey:
    return SigningKey(_check_kid(kid), Ed25519PrivateKey.generate())


def signing_key_text(key: SigningKey) -> str:
    """``kid:`` followed by the PKCS8 PEM, the form the hub's configuration holds."""
    pem = key.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return f"{key.kid}:{pem}"


def load_signing_key(text: str) -> SigningKey:
    """Read ``kid:PEM`` (or ``kid:`` + base64url of the 32-byte raw private key)."""
    kid, sep, material = text.strip().partition(":")
    if not sep:
        raise ValueError("the licence signing key is 'kid:' followed by the private key")
    material = material.strip()
    try:
        if material.startswith("-----BEGIN"):
            private = serialization.load_pem_private_key(material.encode("ascii"), password=None)
        else:
            private = Ed25519PrivateKey.from_private_bytes(_unb64(material))
    except (ValueError, TypeError, LicenceRejected) as exc:
        raise ValueError("the licence signing key is not a readable Ed25519 key") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError("the licence signing key must be an Ed25519 key")
    return SigningKey(_check_kid(kid), private)


def load_trusted_keys(text: str) -> dict[str, Ed25519PublicKey]:
    """Read ``kid=base64url,kid2=...`` (commas, semicolons or new lines between entries)."""
    keys: dict[str, Ed25519PublicKey] = {}
    for entry in text.replace(";", ",").replace("\n", ",").split(","):
        if not entry.strip():
            continue
        kid, sep, material = entry.partition("=")
        if not sep:
            raise ValueError(f"a trusted licence key is 'kid=base64' (got {entry.strip()!r})")
        try:
            keys[_check_kid(kid)] = Ed25519PublicKey.from_public_bytes(_unb64(material.strip()))
        except (ValueError, LicenceRejected) as exc:
            raise ValueError(f"the trusted licence key {kid.strip()!r} is not readable") from exc
    return keys


# --- tokens -----------------------------------------------------------------------------------


def sign_licence(licence: Licence, key: SigningKey) -> str:
    body = json.dumps(licence.payload(), sort_keys=True, separators=(",", ":")).encode("utf-8")
    head = f"{TOKEN_PREFIX}.{key.kid}.{_b64(body)}"
    return f"{head}.{_b64(key.private_key.sign(head.encode('ascii')))}"


def token_key_id(token: str) -> str | None:
    parts = token.split(".")
    return parts[1] if len(parts) == 4 and parts[0] == TOKEN_PREFIX else None


def verify_licence(token: str, trusted: Mapping[str, Ed25519PublicKey]) -> Licence:
    """The licence in `token` if a trusted key signed exactly these bytes; else LicenceRejected."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        raise LicenceRejected("the licence is not readable")
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != TOKEN_PREFIX:
        raise LicenceRejected("the licence is not readable")
    _, kid, body, signature = parts
    key = trusted.get(kid)
    if key is None:
        raise LicenceRejected(f"the licence was signed by an unknown key ({kid[:32]})")
    try:
        key.verify(_unb64(signature), f"{TOKEN_PREFIX}.{kid}.{body}".encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError) as exc:
        raise LicenceRejected("the licence's signature does not match: it was altered") from exc
    try:
        return _licence_from(json.loads(_unb64(body)))
    except (ValueError, KeyError, TypeError) as exc:
        raise LicenceRejected("the licence is signed but its contents are not readable") from exc


def _licence_from(data: object) -> Licence:
    if not isinstance(data, dict):
        raise TypeError("payload")

    def day(value: object) -> date | None:
        return None if value is None else date.fromisoformat(str(value))

    def count(value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError("count")
        return value

    issued = datetime.fromisoformat(str(data["issued_at"]))
    if issued.tzinfo is None:
        raise ValueError("issued_at")
    user_limit = data.get("user_limit")
    return Licence(
        shop_id=uuid.UUID(str(data["shop_id"])),
        plan_code=str(data["plan_code"]),
        plan_name=str(data["plan_name"]),
        kind=LicenceKind(data["kind"]),
        valid_until=day(data["valid_until"]),
        grace_days=count(data["grace_days"]),
        terminal_limit=count(data["terminal_limit"]),
        user_limit=None if user_limit is None else count(user_limit),
        amc_until=day(data.get("amc_until")),
        standing=Standing(data["standing"]),
        issued_at=issued.astimezone(UTC),
        support_contact=str(data.get("support_contact", "")),
    )


# --- what it means today ----------------------------------------------------------------------


def evaluate(licence: Licence | None, today: date) -> Verdict:
    """Bill, bill with a warning, or refuse; `today` is the shop's date from a clock that
    never goes back (the counter keeps the latest time it has seen)."""
    if licence is None:
        return Verdict(
            LicenceState.ABSENT,
            False,
            None,
            "this counter has no valid licence: connect it to the hub, or call support",
        )
    call = f" Call {licence.support_contact}." if licence.support_contact else ""
    if licence.standing is Standing.SUSPENDED:
        return Verdict(
            LicenceState.SUSPENDED,
            False,
            None,
            f"the shop's licence is suspended: invoices cannot be issued.{call}",
        )
    what = "trial" if licence.kind is LicenceKind.TRIAL else "AMC"
    if licence.valid_until is None:
        if licence.standing is Standing.LAPSED:
            return Verdict(LicenceState.LAPSED, False, None, f"the licence has lapsed.{call}")
        return Verdict(LicenceState.OK, True, None, "lifetime licence")
    left = (licence.valid_until - today).days
    grace_end = licence.valid_until + timedelta(days=licence.grace_days)
    if licence.standing is Standing.LAPSED or today > grace_end:
        return Verdict(
            LicenceState.LAPSED,
            False,
            None,
            f"the {what} ended on {licence.valid_until:%d-%m-%Y} and the grace period is over: "
            f"invoices cannot be issued until it is renewed.{call}",
        )
    if left < 0:
        grace_left = (grace_end - today).days
        return Verdict(
            LicenceState.GRACE,
            True,
            grace_left,
            f"the {what} ended on {licence.valid_until:%d-%m-%Y}: billing stops after "
            f"{grace_end:%d-%m-%Y} ({grace_left} day{'s' if grace_left != 1 else ''} left). "
            f"Please renew.{call}",
        )
    if left <= WARN_DAYS:
        return Verdict(
            LicenceState.EXPIRING,
            True,
            left,
            f"the {what} ends on {licence.valid_until:%d-%m-%Y} "
            f"({left} day{'s' if left != 1 else ''} left)",
        )
    return Verdict(
        LicenceState.OK, True, left, f"{what} valid until {licence.valid_until:%d-%m-%Y}"
    )
