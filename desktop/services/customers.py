"""Customers: search by name or phone, create, edit (GSTIN/PAN validated), purchase history.

A birthday and a wedding anniversary may be kept (whole dates, not in the future, not before
1900) so the owner's weekly occasions report can remind the shop to call.

Invoices keep their own copy of the buyer's details, so editing a customer never changes an
issued invoice; the history is read from the invoices linked to the customer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select

from desktop.services.actor import Actor, Permission
from desktop.services.context import CounterContext
from desktop.services.invoice_views import InvoiceSummary, summary
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.states import validate_state_code
from shared.tables import Customer, Invoice
from shared.validators import validate_gstin, validate_occasion_date, validate_pan

CustomerValue = str | dt.date | None


@dataclass(frozen=True, slots=True)
class CustomerInput:
    name: str
    phone: str | None = None
    email: str | None = None
    gstin: str | None = None
    pan: str | None = None
    state_code: str | None = None
    address: str | None = None
    pincode: str | None = None
    birth_date: dt.date | None = None
    anniversary: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CustomerView:
    id: uuid.UUID
    name: str
    phone: str | None
    email: str | None
    gstin: str | None
    pan: str | None
    state_code: str | None
    address: str | None
    pincode: str | None
    birth_date: dt.date | None = None
    anniversary: dt.date | None = None


def _opt(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    return cleaned or None


def normalise_phone(phone: str | None) -> str | None:
    """Digits only (with a leading '+' kept), 6 to 15 of them."""
    text = _opt(phone)
    if text is None:
        return None
    digits = "".join(c for c in text if c.isdigit())
    if not 6 <= len(digits) <= 15 or any(not (c.isdigit() or c in "+- ()") for c in text):
        raise InvalidInput("a phone number has 6 to 15 digits", "phone")
    return ("+" if text.startswith("+") else "") + digits


def _occasion(day: dt.date | None, today: dt.date, what: str, field: str) -> dt.date | None:
    if day is None:
        return None
    try:
        return validate_occasion_date(day, today, what)
    except InvalidInput as error:
        raise error.at(field) from None


def _for_audit(values: Mapping[str, CustomerValue]) -> dict[str, str | None]:
    """The audit chain stores JSON: dates as YYYY-MM-DD text."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


def _validated(data: CustomerInput, today: dt.date) -> dict[str, CustomerValue]:
    """The row's values from the form, or InvalidInput naming the field; `today` is the shop's
    date, after which no birthday or anniversary can be."""
    contact = _validated_contact(data)
    return {
        **contact,
        "birth_date": _occasion(data.birth_date, today, "birthday", "birth_date"),
        "anniversary": _occasion(data.anniversary, today, "anniversary", "anniversary"),
    }


def _validated_contact(data: CustomerInput) -> dict[str, str | None]:
    name = (data.name or "").strip()
    if not name or len(name) > 200:
        raise InvalidInput("give the customer's name (up to 200 characters)", "name")
    values: dict[str, str | None] = {
        "name": name,
        "phone": normalise_phone(data.phone),
        "email": _opt(data.email),
        "address": _opt(data.address),
        "pincode": _opt(data.pincode),
        "gstin": None,
        "pan": None,
        "state_code": None,
    }
    if values["email"] is not None and ("@" not in values["email"] or len(values["email"]) > 254):
        raise InvalidInput("that is not an e-mail address", "email")
    if values["pincode"] is not None and not (
        values["pincode"].isdigit() and len(values["pincode"]) == 6
    ):
        raise InvalidInput("a PIN code has 6 digits", "pincode")
    try:
        if _opt(data.state_code):
            values["state_code"] = validate_state_code(_opt(data.state_code))
    except InvalidInput as error:
        raise error.at("state_code") from None
    if _opt(data.gstin):
        try:
            gstin = validate_gstin(str(data.gstin))
        except InvalidInput as error:
            raise error.at("gstin") from None
        values["gstin"] = gstin
        if values["state_code"] is not None and values["state_code"] != gstin[:2]:
            raise InvalidInput(
                f"the GSTIN is registered in state {gstin[:2]}, not {values['state_code']}",
                "state_code",
            )
        values["state_code"] = gstin[:2]
    if _opt(data.pan):
        try:
            pan = validate_pan(str(data.pan))
        except InvalidInput as error:
            raise error.at("pan") from None
        if values["gstin"] is not None and values["gstin"][2:12] != pan:
            raise InvalidInput("the PAN does not match the one inside the GSTIN", "pan")
        values["pan"] = pan
    elif values["gstin"] is not None:
        values["pan"] = values["gstin"][2:12]
    return values


def view(row: Customer) -> CustomerView:
    return CustomerView(
        row.id,
        row.name,
        row.phone,
        row.email,
        row.gstin,
        row.pan,
        row.state_code,
        row.address,
        row.pincode,
        row.birth_date,
        row.anniversary,
    )


def create_customer(ctx: CounterContext, actor: Actor, data: CustomerInput) -> CustomerView:
    actor.require(Permission.MANAGE_CUSTOMERS)
    values = _validated(data, ctx.today())
    with ctx.write() as work:
        row = Customer(
            id=new_id(),
            shop_id=ctx.shop_id,
            origin_terminal_id=ctx.terminal_id,
            created_at=work.now,
            updated_at=work.now,
            **values,
        )
        work.add(row)
        work.audit(actor, "customer.add", "customer", row.id, after=_for_audit(values))
        return view(row)


def update_customer(
    ctx: CounterContext, actor: Actor, customer_id: uuid.UUID, data: CustomerInput
) -> CustomerView:
    actor.require(Permission.MANAGE_CUSTOMERS)
    values = _validated(data, ctx.today())
    with ctx.write() as work:
        row = work.session.get(Customer, (ctx.shop_id, customer_id))
        if row is None:
            raise InvalidInput("no such customer", "customer_id")
        before = {key: getattr(row, key) for key in values}
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = work.now
        work.changed(row)
        work.audit(
            actor,
            "customer.edit",
            "customer",
            row.id,
            before=_for_audit(before),
            after=_for_audit(values),
        )
        return view(row)


def get_customer(ctx: CounterContext, customer_id: uuid.UUID) -> CustomerView:
    with ctx.session() as session:
        row = session.get(Customer, (ctx.shop_id, customer_id))
        if row is None:
            raise InvalidInput("no such customer", "customer_id")
        return view(row)


def find_by_phone(ctx: CounterContext, phone: str) -> CustomerView | None:
    number = normalise_phone(phone)
    if number is None:
        return None
    with ctx.session() as session:
        row = session.scalar(
            select(Customer)
            .where(Customer.shop_id == ctx.shop_id, Customer.phone == number)
            .order_by(Customer.updated_at.desc())
            .limit(1)
        )
        return None if row is None else view(row)


def search_customers(ctx: CounterContext, text: str = "", limit: int = 50) -> list[CustomerView]:
    """Name containing `text`, or phone starting with its digits; all customers if empty."""
    query = select(Customer).where(Customer.shop_id == ctx.shop_id)
    cleaned = (text or "").strip().replace("%", "").replace("_", "")
    if cleaned:
        digits = "".join(c for c in cleaned if c.isdigit())
        conditions = [Customer.name.ilike(f"%{cleaned}%")]
        if digits and len(digits) == len(cleaned.replace(" ", "").lstrip("+")):
            conditions.append(Customer.phone.like(f"{digits}%"))
            conditions.append(Customer.phone.like(f"+{digits}%"))
        query = query.where(or_(*conditions))
    with ctx.session() as session:
        rows = session.scalars(query.order_by(Customer.name).limit(limit))
        return [view(row) for row in rows]


def purchase_history(ctx: CounterContext, customer_id: uuid.UUID) -> list[InvoiceSummary]:
    with ctx.session() as session:
        rows = session.scalars(
            select(Invoice)
            .where(Invoice.shop_id == ctx.shop_id, Invoice.customer_id == customer_id)
            .order_by(Invoice.issued_at.desc())
        )
        return [summary(session, row) for row in rows]
