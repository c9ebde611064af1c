"""`rates`, `customers` and `invoices`: the counter's records from the command line."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Final

import click

from desktop.cli.common import counter, emit_json, handles_bad_input, owner
from desktop.services import customers, invoices, rates
from desktop.services.clock import SHOP_TZ
from shared.errors import InvalidInput
from shared.money import parse_rupees


def _day(text: str | None, field: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date written as YYYY-MM-DD", field) from None


@click.group("rates")
def rates_group() -> None:
    """Metal rates per purity (rupees per gram)."""


@rates_group.command("set")
@click.argument("metal")
@click.argument("purity")
@click.argument("rate")
@click.option(
    "--date",
    "date_text",
    default=None,
    help="Effective from the start of this shop date (YYYY-MM-DD); default now.",
)
@click.option(
    "--kind",
    type=click.Choice(["sale", "purchase"]),
    default="sale",
    show_default=True,
    help="purchase = the rate for buying old metal.",
)
@click.pass_context
@handles_bad_input
def rates_set(  # noqa: PLR0917 - the published call shape
    click_ctx: click.Context, metal: str, purity: str, rate: str, date_text: str | None, kind: str
) -> None:
    """Set METAL PURITY's rate to RATE rupees per gram (e.g. gold 916 6450.00)."""
    amount = parse_rupees(rate) if rate else None
    assert amount is not None
    day = _day(date_text, "date")
    start = None if day is None else dt.datetime.combine(day, dt.time(), tzinfo=SHOP_TZ)
    with counter(click_ctx) as ctx:
        view = rates.set_rate(
            ctx, owner(ctx), metal, purity, amount, kind=kind, effective_from=start
        )
    emit_json(_rate_json(view))


def _rate_json(view: rates.RateView) -> dict[str, object]:
    return {
        "metal": view.metal,
        "purity": view.label,
        "fineness": view.fineness,
        "kind": view.kind,
        "rate": view.rate.decimal_text(),
        "effective_from": view.effective_from.isoformat(),
    }


@rates_group.command("list")
@click.option("--history", is_flag=True, help="Every rate, newest first.")
@click.pass_context
@handles_bad_input
def rates_list(click_ctx: click.Context, history: bool) -> None:
    """The rates in force now (JSON)."""
    with counter(click_ctx) as ctx:
        views = rates.rate_history(ctx) if history else rates.current_rates(ctx)
        missing = rates.rates_missing_today(ctx)
    emit_json({"rates": [_rate_json(v) for v in views], "missing_today": missing})


@click.group("customers")
def customers_group() -> None:
    """Customers."""


@customers_group.command("add")
@click.option("--name", required=True)
@click.option("--phone", default=None)
@click.option("--email", default=None)
@click.option("--gstin", default=None)
@click.option("--pan", default=None)
@click.option("--state-code", default=None)
@click.option("--address", default=None)
@click.option("--pincode", default=None)
@click.option("--birthday", default=None, help="Birth date, YYYY-MM-DD.")
@click.option("--anniversary", default=None, help="Wedding anniversary, YYYY-MM-DD.")
@click.pass_context
@handles_bad_input
def customers_add(click_ctx: click.Context, /, **fields: str | None) -> None:
    """Create a customer and print it (JSON)."""
    data = customers.CustomerInput(
        name=fields["name"] or "",
        phone=fields["phone"],
        email=fields["email"],
        gstin=fields["gstin"],
        pan=fields["pan"],
        state_code=fields["state_code"],
        address=fields["address"],
        pincode=fields["pincode"],
        birth_date=_day(fields["birthday"], "birthday"),
        anniversary=_day(fields["anniversary"], "anniversary"),
    )
    with counter(click_ctx) as ctx:
        view = customers.create_customer(ctx, owner(ctx), data)
    emit_json(_customer_json(view))


@customers_group.command("edit")
@click.argument("customer_id")
@click.option("--name", default=None)
@click.option("--phone", default=None)
@click.option("--email", default=None)
@click.option("--gstin", default=None)
@click.option("--pan", default=None)
@click.option("--state-code", default=None)
@click.option("--address", default=None)
@click.option("--pincode", default=None)
@click.option("--birthday", default=None, help="Birth date, YYYY-MM-DD.")
@click.option("--anniversary", default=None, help="Wedding anniversary, YYYY-MM-DD.")
@click.pass_context
@handles_bad_input
def customers_edit(click_ctx: click.Context, /, customer_id: str, **fields: str | None) -> None:
    """Change the given fields of CUSTOMER_ID (the others stay) and print it (JSON)."""
    try:
        key = uuid.UUID(customer_id)
    except ValueError:
        raise InvalidInput(f"'{customer_id}' is not a customer id", "customer_id") from None
    with counter(click_ctx) as ctx:
        current = customers.get_customer(ctx, key)
        changed = {name: value for name, value in fields.items() if value is not None}
        data = customers.CustomerInput(
            name=changed.get("name", current.name),
            phone=changed.get("phone", current.phone),
            email=changed.get("email", current.email),
            gstin=changed.get("gstin", current.gstin),
            pan=changed.get("pan", current.pan),
            state_code=changed.get("state_code", current.state_code),
            address=changed.get("address", current.address),
            pincode=changed.get("pincode", current.pincode),
            birth_date=_day(changed["birthday"], "birthday")
            if "birthday" in changed
            else current.birth_date,
            anniversary=_day(changed["anniversary"], "anniversary")
            if "anniversary" in changed
            else current.anniversary,
        )
        view = customers.update_customer(ctx, owner(ctx), key, data)
    emit_json(_customer_json(view))


def _customer_json(view: customers.CustomerView) -> dict[str, object]:
    return {
        "id": str(view.id),
        "name": view.name,
        "phone": view.phone,
        "gstin": view.gstin,
        "pan": view.pan,
        "state_code": view.state_code,
        "address": view.address,
        "birth_date": None if view.birth_date is None else view.birth_date.isoformat(),
        "anniversary": None if view.anniversary is None else view.anniversary.isoformat(),
    }


@customers_group.command("list")
@click.option("--search", default="", help="Name or phone to look for.")
@click.pass_context
@handles_bad_input
def customers_list(click_ctx: click.Context, search: str) -> None:
    """Customers (JSON)."""
    with counter(click_ctx) as ctx:
        views = customers.search_customers(ctx, search, limit=1000)
    emit_json([_customer_json(view) for view in views])


@click.group("invoices")
def invoices_group() -> None:
    """Issued invoices."""


@invoices_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default is a table).")
@click.option("--search", default="", help="Number or buyer name.")
@click.option("--from", "date_from", default=None, help="YYYY-MM-DD")
@click.option("--to", "date_to", default=None, help="YYYY-MM-DD")
@click.pass_context
@handles_bad_input
def invoices_list(
    click_ctx: click.Context, as_json: bool, search: str, date_from: str | None, date_to: str | None
) -> None:
    """Invoices, newest first."""
    query = invoices.InvoiceQuery(search, _day(date_from, "from"), _day(date_to, "to"))
    with counter(click_ctx) as ctx:
        found = invoices.list_invoices(ctx, query, limit=100_000)
    if as_json:
        emit_json(
            [
                {
                    "number": s.number,
                    "invoice_date": s.invoice_date.isoformat(),
                    "buyer_name": s.buyer_name,
                    "grand_total": s.grand_total.decimal_text(),
                    "net_payable": s.net_payable.decimal_text(),
                    "status": s.status,
                    "returned": s.returned,
                }
                for s in found
            ]
        )
        return
    for s in found:
        click.echo(f"{s.number:<16} {s.invoice_date} {s.grand_total.format():>16}  {s.buyer_name}")


COMMANDS: Final = (rates_group, customers_group, invoices_group)
