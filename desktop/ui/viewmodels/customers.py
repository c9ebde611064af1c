"""Customers: find by name or phone, create, edit, and what they bought."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.customers import (
    CustomerInput,
    CustomerView,
    create_customer,
    find_by_phone,
    purchase_history,
    search_customers,
    update_customer,
)
from desktop.services.invoice_views import InvoiceSummary
from desktop.ui.viewmodels.base import ViewModel
from shared.errors import InvalidInput
from shared.validators import parse_day_month_year

DATE_FORMAT = "%d-%m-%Y"
"""How the form shows a stored date, the way the clerk types it (DD-MM-YYYY)."""


def _date_text(day: dt.date | None) -> str:
    return "" if day is None else day.strftime(DATE_FORMAT)


def _typed_date(text: str, field: str) -> dt.date | None:
    """Empty text is "not given"; anything else must be a real DD-MM-YYYY date."""
    if not text.strip():
        return None
    try:
        return parse_day_month_year(text)
    except InvalidInput as error:
        raise error.at(field) from None


@dataclass(frozen=True, slots=True)
class CustomerForm:
    """The customer form's text, as typed (empty text means "not given")."""

    name: str = ""
    phone: str = ""
    email: str = ""
    gstin: str = ""
    pan: str = ""
    state_code: str = ""
    address: str = ""
    pincode: str = ""
    birth_date: str = ""
    """DD-MM-YYYY, or empty."""
    anniversary: str = ""
    """DD-MM-YYYY, or empty."""

    @classmethod
    def of(cls, view: CustomerView) -> CustomerForm:
        return cls(
            name=view.name,
            phone=view.phone or "",
            email=view.email or "",
            gstin=view.gstin or "",
            pan=view.pan or "",
            state_code=view.state_code or "",
            address=view.address or "",
            pincode=view.pincode or "",
            birth_date=_date_text(view.birth_date),
            anniversary=_date_text(view.anniversary),
        )

    def to_input(self) -> CustomerInput:
        if not self.name.strip():
            raise InvalidInput("type the customer's name", "name")

        def opt(text: str) -> str | None:
            return text.strip() or None

        return CustomerInput(
            name=self.name.strip(),
            phone=opt(self.phone),
            email=opt(self.email),
            gstin=opt(self.gstin.upper()),
            pan=opt(self.pan.upper()),
            state_code=opt(self.state_code),
            address=opt(self.address),
            pincode=opt(self.pincode),
            birth_date=_typed_date(self.birth_date, "birth_date"),
            anniversary=_typed_date(self.anniversary, "anniversary"),
        )


class CustomersViewModel(ViewModel):
    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor

    def search(self, text: str) -> list[CustomerView]:
        return search_customers(self._ctx, text.strip())

    def by_phone(self, phone: str) -> CustomerView | None:
        return self.attempt(lambda: find_by_phone(self._ctx, phone.strip()))

    def save(self, form: CustomerForm, customer_id: uuid.UUID | None = None) -> CustomerView | None:
        """Create (no id) or update the customer; None and an error message when refused."""

        def act() -> CustomerView:
            data = form.to_input()
            if customer_id is None:
                return create_customer(self._ctx, self._actor, data)
            return update_customer(self._ctx, self._actor, customer_id, data)

        saved = self.attempt(act)
        if saved is not None:
            self.changed.emit(None)
        return saved

    def history(self, customer_id: uuid.UUID) -> list[InvoiceSummary]:
        return purchase_history(self._ctx, customer_id)
