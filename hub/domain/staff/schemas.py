"""Wire types of staff management."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from shared.tables.vocabulary import Role


class StaffMember(msgspec.Struct):
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    is_active: bool
    created_at: datetime
    updated_at: datetime


class StaffCreate(msgspec.Struct, forbid_unknown_fields=True):
    username: str
    display_name: str
    role: Role
    password: str


class StaffUpdate(msgspec.Struct, forbid_unknown_fields=True):
    display_name: str | None = None
    role: Role | None = None
    is_active: bool | None = None


class PasswordReset(msgspec.Struct, forbid_unknown_fields=True):
    password: str
