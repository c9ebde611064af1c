"""Wire types of signing in."""

from __future__ import annotations

import uuid
from typing import Literal

import msgspec


class StaffLogin(msgspec.Struct, forbid_unknown_fields=True):
    shop: str
    """The shop's login code (shown to the owner on the shop page)."""
    username: str
    password: str


class OperatorLogin(msgspec.Struct, forbid_unknown_fields=True):
    email: str
    password: str


class Me(msgspec.Struct):
    kind: Literal["staff", "operator"]
    display_name: str
    user_id: uuid.UUID
    shop_id: uuid.UUID | None = None
    shop_name: str | None = None
    role: str | None = None
    username: str | None = None
    email: str | None = None
