"""Role names as a shop owner says them, and the choices the staff form offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from shared.tables.vocabulary import Role

ROLE_LABELS: Final = {
    Role.OWNER: "Owner",
    Role.ACCOUNTS: "Accounts",
    Role.SALES: "Sales",
}


@dataclass(frozen=True, slots=True)
class Choice:
    """One <option> of a <select>."""

    value: str
    label: str


ROLE_CHOICES: Final = tuple(
    Choice(role.value, ROLE_LABELS[role]) for role in (Role.SALES, Role.ACCOUNTS, Role.OWNER)
)


def role_label(role: Role | str) -> str:
    return ROLE_LABELS.get(Role(role), str(role))
