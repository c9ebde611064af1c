"""Wire types of the shop profile."""

from __future__ import annotations

import uuid

import msgspec


class ShopProfile(msgspec.Struct):
    id: uuid.UUID
    name: str
    legal_name: str
    gstin: str | None
    pan: str | None
    state_code: str
    state_name: str
    address: str
    pincode: str | None
    phone: str | None
    email: str | None
    status: str
    login_code: str | None
    logo_url: str | None


class ShopProfileUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Only the fields given are changed; empty text clears an optional field."""

    name: str | None = None
    legal_name: str | None = None
    gstin: str | None = None
    pan: str | None = None
    state_code: str | None = None
    address: str | None = None
    pincode: str | None = None
    phone: str | None = None
    email: str | None = None
