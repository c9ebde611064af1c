"""`sell`, `estimate`, `return`, `print`, `tags` and `daybook`.

`print`, `tags` and `daybook` render through the printing package (reportlab, no Qt), which
is imported only when they run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from desktop.cli.common import (
    counter,
    emit_json,
    handles_bad_input,
    owner,
    read_text,
    write_bytes,
)
from desktop.services import invoices
from desktop.services.context import CounterContext
from desktop.services.draft_sale import bill_from_draft
from desktop.services.setup import get_profile
from shared.errors import InvalidInput
from shared.quote.reader import load_json
from shared.quote.render import JSONValue, render_invoice

if TYPE_CHECKING:
    from desktop.printing import PrintProfile


@click.command("sell")
@click.argument("draft")
@click.pass_context
@handles_bad_input
def sell(click_ctx: click.Context, draft: str) -> None:
    """Issue an invoice from a JSON draft (docs/counter-csv.md, `sell`); print its number and
    totals as JSON. Exits 5 when the licence stops invoices (docs/licence.md)."""
    data = load_json(read_text(draft, "DRAFT"))
    with counter(click_ctx) as ctx:
        issued = bill_from_draft(ctx, owner(ctx), data).issue()
    result: dict[str, JSONValue] = dict(render_invoice(issued.computation))
    result["invoice_number"] = issued.number
    emit_json(result)


@click.command("estimate")
@click.argument("draft")
@click.pass_context
@handles_bad_input
def estimate(click_ctx: click.Context, draft: str) -> None:
    """Compute a draft exactly as `sell` would, without issuing or storing anything."""
    data = load_json(read_text(draft, "DRAFT"))
    with counter(click_ctx) as ctx:
        computation = bill_from_draft(ctx, owner(ctx), data).estimate()
    result: dict[str, JSONValue] = dict(render_invoice(computation))
    result["estimate"] = True
    emit_json(result)


@click.command("return")
@click.argument("invoice_number")
@click.option("--tag", "tags", multiple=True, help="A returned piece (repeat); default all.")
@click.option("--reason", default="sales return", show_default=True)
@click.option("--refund", default=None, help="Refund mode (cash, card, upi, bank), if refunded.")
@click.pass_context
@handles_bad_input
def return_command(
    click_ctx: click.Context,
    invoice_number: str,
    tags: tuple[str, ...],
    reason: str,
    refund: str | None,
) -> None:
    """Take pieces back on INVOICE_NO: issue a credit note and put them back in stock."""
    with counter(click_ctx) as ctx:
        note = invoices.create_return(
            ctx, owner(ctx), invoice_number, list(tags) if tags else None, reason, refund
        )
    emit_json(
        {
            "credit_note_number": note.number,
            "invoice_number": note.invoice_number,
            "taxable_value": note.taxable.decimal_text(),
            "grand_total": note.total.decimal_text(),
            "tags": note.tag_codes,
        }
    )


@click.command("print")
@click.argument("number")
@click.option("--out", required=True, help="PDF file to write.")
@click.option("--paper", default="a4", show_default=True, help="a4, a5 or thermal")
@click.option("--credit-note", is_flag=True, help="NUMBER is a credit note.")
@click.pass_context
@handles_bad_input
def print_command(
    click_ctx: click.Context, number: str, out: str, paper: str, credit_note: bool
) -> None:
    """Write the invoice (or credit note) NUMBER as a PDF."""
    from desktop import printing  # noqa: PLC0415 - reportlab only for printing commands

    size = printing.Paper.parse(paper)
    with counter(click_ctx) as ctx:
        profile = _print_profile(ctx)
        with ctx.session() as session:
            if credit_note:
                note = printing.load_credit_note_document(
                    session, ctx.shop_id, number, profile=profile
                )
                pdf = printing.render_credit_note_pdf(note, size)
            else:
                doc = printing.load_invoice_document(session, ctx.shop_id, number, profile=profile)
                pdf = printing.render_invoice_pdf(doc, size)
    write_bytes(out, pdf)
    click.echo(out)


def _print_profile(ctx: CounterContext) -> PrintProfile:
    from desktop.printing import PrintProfile  # noqa: PLC0415

    shop = get_profile(ctx)
    terms = tuple(line.strip() for line in shop.invoice_terms.splitlines() if line.strip())
    logo = Path(shop.logo_path) if shop.logo_path else None
    return PrintProfile(logo_path=logo, terms=terms)


@click.command("tags")
@click.argument("tag_codes", nargs=-1, required=True)
@click.option("--out", required=True, help="PDF file to write.")
@click.option(
    "--stock",
    "tag_stock",
    default="dumbbell",
    show_default=True,
    help="dumbbell (95x12 mm) or label (50x25 mm)",
)
@click.option("--qr", is_flag=True, help="Add a QR code of the tag code.")
@click.pass_context
@handles_bad_input
def tags(
    click_ctx: click.Context, tag_codes: tuple[str, ...], out: str, tag_stock: str, qr: bool
) -> None:
    """Write tags for the given pieces as a PDF."""
    from desktop import printing  # noqa: PLC0415

    stock = printing.TagStock.parse(tag_stock)
    with counter(click_ctx) as ctx, ctx.session() as session:
        pieces = printing.load_tag_pieces(session, ctx.shop_id, list(tag_codes))
    write_bytes(out, printing.render_tags_pdf(pieces, stock, with_qr=qr))
    click.echo(out)


@click.command("daybook")
@click.option("--date", "date_text", default=None, help="Shop date YYYY-MM-DD (default today).")
@click.option("--out", default=None, help="FILE.pdf or FILE.csv; default: print totals JSON.")
@click.pass_context
@handles_bad_input
def daybook(click_ctx: click.Context, date_text: str | None, out: str | None) -> None:
    """The day's invoices, exchanges, credit notes and payments by mode."""
    from desktop import reports  # noqa: PLC0415

    with counter(click_ctx) as ctx:
        try:
            day = dt.date.fromisoformat(date_text) if date_text else ctx.today()
        except ValueError:
            raise InvalidInput(
                f"{date_text!r} is not a date written as YYYY-MM-DD", "date"
            ) from None
        with ctx.session() as session:
            book = reports.build_day_book(session, ctx.shop_id, day)
    if out is None:
        totals = book.totals
        emit_json(
            {
                "day": day.isoformat(),
                "invoices": totals.invoice_count,
                "grand_total": totals.grand_total.decimal_text(),
                "old_gold": totals.old_gold.decimal_text(),
                "credit_notes": totals.credit_note_total.decimal_text(),
                "received": totals.received.decimal_text(),
                "by_mode": {m.mode: m.net.decimal_text() for m in book.payments_by_mode},
                "last_audit_hash": book.last_audit_hash,
            }
        )
        return
    if out.lower().endswith(".csv"):
        write_bytes(out, reports.day_book_csv(book).encode("utf-8"))
    elif out.lower().endswith(".pdf"):
        write_bytes(out, reports.render_day_book_pdf(book))
    else:
        raise InvalidInput("write the day book to a .pdf or a .csv file", "out")
    click.echo(out)


COMMANDS: Final = (sell, estimate, return_command, print_command, tags, daybook)
