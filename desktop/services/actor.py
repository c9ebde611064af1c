"""Who is acting, and what each role may do.

Decisions (the shop can read them in the staff screen's help):
- owner: everything, with no limit on discounts or making-charge overrides.
- sales: bills and estimates, stock and customers; a discount or a making-charge cut on a line
  is allowed up to the shop's `max_sales_discount_percent` of that line's value (settings);
  beyond it the owner must do it. Sales do not issue credit notes (a return moves money back,
  which the shop wants a second person to handle), set rates, or change settings.
- accounts: credit notes (returns), customers, backups and reports; accounts do not bill,
  because a person who keeps the books should not also make the sales they check.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from desktop.services.errors import NotAllowed
from shared.tables.vocabulary import Role


class Permission(StrEnum):
    BILL = "bill"
    RETURN = "return"
    SET_RATES = "set_rates"
    MANAGE_STOCK = "manage_stock"
    MANAGE_CUSTOMERS = "manage_customers"
    MANAGE_STAFF = "manage_staff"
    SETTINGS = "settings"
    BACKUP = "backup"
    RESTORE = "restore"
    VIEW_REPORTS = "view_reports"
    UNLIMITED_DISCOUNT = "unlimited_discount"


_GRANTS: Final[dict[Role, frozenset[Permission]]] = {
    Role.OWNER: frozenset(Permission),
    Role.SALES: frozenset(
        {
            Permission.BILL,
            Permission.MANAGE_STOCK,
            Permission.MANAGE_CUSTOMERS,
            Permission.VIEW_REPORTS,
        }
    ),
    Role.ACCOUNTS: frozenset(
        {
            Permission.RETURN,
            Permission.MANAGE_CUSTOMERS,
            Permission.BACKUP,
            Permission.VIEW_REPORTS,
        }
    ),
}

_WHAT: Final = {
    Permission.BILL: "issue invoices",
    Permission.RETURN: "take returns (credit notes)",
    Permission.SET_RATES: "set the metal rates",
    Permission.MANAGE_STOCK: "change the stock",
    Permission.MANAGE_CUSTOMERS: "change customers",
    Permission.MANAGE_STAFF: "manage staff",
    Permission.SETTINGS: "change the settings",
    Permission.BACKUP: "make backups",
    Permission.RESTORE: "restore a backup",
    Permission.VIEW_REPORTS: "see reports",
    Permission.UNLIMITED_DISCOUNT: "give discounts beyond the limit",
}


@dataclass(frozen=True, slots=True)
class Actor:
    """A signed-in person (or the command line acting as the owner)."""

    user_id: uuid.UUID | None
    username: str
    display_name: str
    role: Role
    via_cli: bool = False

    @property
    def label(self) -> str:
        """How the audit trail names them."""
        return f"cli: {self.display_name}" if self.via_cli else self.display_name

    def can(self, permission: Permission) -> bool:
        return permission in _GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        """Raise NotAllowed, in words, when the role lacks `permission`."""
        if not self.can(permission):
            raise NotAllowed(
                f"{self.display_name} ({self.role.value}) may not {_WHAT[permission]}; "
                "ask the owner"
            )
