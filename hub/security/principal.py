"""The authenticated caller as handlers see it (`request.user`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from shared.tables.vocabulary import Role


@dataclass(frozen=True, slots=True)
class StaffPrincipal:
    """A shop's owner, accountant or salesperson, signed in on the web."""

    user_id: uuid.UUID
    shop_id: uuid.UUID
    role: Role
    username: str
    display_name: str
    kind: Literal["staff"] = "staff"

    @property
    def is_operator(self) -> bool:
        return False

    @property
    def audit_label(self) -> str:
        return self.display_name


@dataclass(frozen=True, slots=True)
class OperatorPrincipal:
    """One of the platform's own people (no shop)."""

    operator_id: uuid.UUID
    email: str
    display_name: str
    kind: Literal["operator"] = "operator"

    @property
    def is_operator(self) -> bool:
        return True

    @property
    def audit_label(self) -> str:
        return f"operator: {self.email}"


@dataclass(frozen=True, slots=True)
class TerminalPrincipal:
    """A counter PC authenticated by its device secret."""

    terminal_id: uuid.UUID
    shop_id: uuid.UUID
    name: str

    @property
    def audit_label(self) -> str:
        return f"terminal: {self.name}"


Principal = StaffPrincipal | OperatorPrincipal
