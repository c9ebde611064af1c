"""Row ids: UUIDv7, made where the row is born.

A terminal creates invoices, payments and stock pieces while offline for days, so ids cannot come
from a database sequence: two terminals would hand out the same number. A UUIDv7 is unique without
coordination and starts with a millisecond timestamp, so new rows land at the end of a B-tree
index instead of scattering across it (which matters for 200 000 pieces on a small counter PC and
for the hub's clustered primary keys).
"""

from __future__ import annotations

import uuid
from typing import Final

import uuid6

UUID_VERSION: Final = 7


def new_id() -> uuid.UUID:
    """A fresh UUIDv7 as a plain `uuid.UUID` (time-ordered; safe to make offline)."""
    # uuid6 returns its own subclass; a plain UUID compares, hashes and pickles like every other
    # id the ORM loads back, so callers never see two kinds of id.
    return uuid.UUID(int=uuid6.uuid7().int)


def is_uuid7(value: uuid.UUID) -> bool:
    """True when `value` is an RFC 9562 version 7 UUID (the only kind of id we mint)."""
    return value.version == UUID_VERSION and value.variant == uuid.RFC_4122
