"""`stock add`, `stock import`, `stock list`."""

from __future__ import annotations

from typing import Final

import click

from desktop.cli.common import counter, emit_json, handles_bad_input, owner, read_text
from desktop.services import stock, stock_import
from shared.money import parse_grams, parse_rupees


@click.group("stock")
def stock_group() -> None:
    """Tagged stock pieces."""


@stock_group.command("add")
@click.argument("tag_code")
@click.option("--metal", required=True, help="gold, silver or platinum")
@click.option("--purity", required=True, help="e.g. 916, 22K916, 925")
@click.option("--gross", required=True, help="Gross weight in grams, e.g. 12.450")
@click.option("--stone", default="0", help="Stone weight in grams.")
@click.option("--net", default=None, help="Net weight in grams (default gross - stone).")
@click.option("--description", default="")
@click.option("--barcode", default=None)
@click.option("--huid", default=None, help="BIS HUID (required for hallmarked gold).")
@click.option(
    "--making-mode",
    type=click.Choice(["per_gram", "percent", "flat"]),
    default="per_gram",
    show_default=True,
)
@click.option(
    "--making",
    "making_value",
    default="0",
    help="Rupees per gram, percent, or flat rupees (by --making-mode).",
)
@click.option("--wastage", default="0", help="Wastage percent.")
@click.option("--stone-value", default="0", help="Stones' value in rupees.")
@click.option("--hallmark-fee", default="0", help="Hallmarking charge in rupees.")
@click.pass_context
@handles_bad_input
def stock_add(  # noqa: PLR0917 - the published call shape
    click_ctx: click.Context,
    tag_code: str,
    metal: str,
    purity: str,
    gross: str,
    stone: str,
    net: str | None,
    description: str,
    barcode: str | None,
    huid: str | None,
    making_mode: str,
    making_value: str,
    wastage: str,
    stone_value: str,
    hallmark_fee: str,
) -> None:
    """Tag one piece and print it (JSON)."""
    piece = stock.PieceInput(
        tag_code=tag_code,
        metal=metal,
        purity=purity,
        gross_weight=parse_grams(gross),
        stone_weight=parse_grams(stone),
        net_weight=None if net is None else parse_grams(net),
        description=description,
        barcode=barcode,
        huid=huid,
        making_mode=making_mode,
        making_value=making_value,
        wastage_percent=wastage,
        stone_value=parse_rupees(stone_value),
        hallmark_fee=parse_rupees(hallmark_fee),
    )
    with counter(click_ctx) as ctx:
        view = stock.add_piece(ctx, owner(ctx), piece)
    emit_json(piece_json(view))


def piece_json(view: stock.PieceView) -> dict[str, object]:
    return {
        "tag_code": view.tag_code,
        "barcode": view.barcode,
        "huid": view.huid,
        "description": view.description,
        "metal": view.metal,
        "purity": view.purity_label,
        "gross_weight": view.gross.decimal_text(),
        "stone_weight": view.stone.decimal_text(),
        "net_weight": view.net.decimal_text(),
        "making": view.making_text,
        "wastage_percent": stock.bp_to_percent(view.wastage_bp),
        "stone_value": view.stone_value.decimal_text(),
        "hallmark_fee": view.hallmark_fee.decimal_text(),
        "hsn": view.hsn,
        "gst_rate": format(view.gst_rate.normalize(), "f"),
        "status": view.status,
    }


@stock_group.command("import")
@click.argument("file")
@click.option("--dry-run", is_flag=True, help="Check every row and report; import nothing.")
@click.pass_context
@handles_bad_input
def stock_import_command(click_ctx: click.Context, file: str, dry_run: bool) -> None:
    """Import pieces from a CSV file (docs/counter-csv.md): all rows or none."""
    text = read_text(file, "file")
    with counter(click_ctx) as ctx:
        preview = stock_import.preview_csv(ctx, text)
        if preview.errors:
            for error in preview.errors:
                click.echo(f"error: {error}", err=True)
            click.echo(f"nothing imported: {len(preview.errors)} error(s)", err=True)
            raise SystemExit(2)
        if dry_run:
            emit_json({"dry_run": True, "would_import": len(preview.rows)})
            return
        count = stock_import.import_csv(ctx, owner(ctx), text)
    emit_json({"imported": count})


@stock_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default is a table).")
@click.option("--search", default="", help="Tag, HUID, barcode or description.")
@click.option("--metal", default=None)
@click.option("--status", default=None, help="in_stock, sold, returned, reserved, removed")
@click.option("--limit", default=1000, show_default=True)
@click.pass_context
@handles_bad_input
def stock_list(  # noqa: PLR0917 - the published call shape
    click_ctx: click.Context,
    as_json: bool,
    search: str,
    metal: str | None,
    status: str | None,
    limit: int,
) -> None:
    """Pieces by tag code."""
    criteria = stock.PieceFilter(text=search, metal=metal, status=status)
    with counter(click_ctx) as ctx:
        views = stock.search_pieces(ctx, criteria, limit=limit)
    if as_json:
        emit_json([piece_json(view) for view in views])
        return
    for view in views:
        click.echo(
            f"{view.tag_code:<12} {view.purity_label:<8} {view.net.format():>12} "
            f"{view.status:<9} {view.description}"
        )


COMMANDS: Final = (stock_group,)
