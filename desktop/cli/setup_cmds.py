"""`init`, `backup`, `restore`, `audit verify`, `demo-seed`: setting up and looking after the
counter's data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import click

from desktop.cli.common import counter, data_dir, emit_json, handles_bad_input, owner, read_text
from desktop.services import audit, backup, setup
from desktop.services.actor import Permission
from shared.errors import InvalidInput
from shared.quote.reader import Fields, load_json

_INIT_KEYS: Final = frozenset(
    {
        "name",
        "address",
        "state_code",
        "gstin",
        "phone",
        "legal_name",
        "pan",
        "pincode",
        "email",
        "logo_path",
        "invoice_terms",
        "terminal_name",
        "invoice_series",
        "credit_note_series",
        "voucher_series",
        "owner_username",
        "owner_name",
        "owner_secret",
    }
)


@click.command("init")
@click.option(
    "--from-json",
    "from_json",
    type=str,
    default=None,
    help="Read every field below from a JSON object in this file.",
)
@click.option("--name", default=None, help="Shop name as printed.")
@click.option("--address", default=None)
@click.option("--state-code", default=None, help="Two-digit GST state code, e.g. 29.")
@click.option("--gstin", default=None)
@click.option("--phone", default=None)
@click.option("--legal-name", default=None)
@click.option("--pan", default=None)
@click.option("--pincode", default=None)
@click.option("--email", default=None)
@click.option("--logo-path", default=None)
@click.option("--invoice-terms", default=None)
@click.option("--terminal-name", default=None)
@click.option("--invoice-series", default=None)
@click.option("--credit-note-series", default=None)
@click.option("--voucher-series", default=None)
@click.option("--owner-username", default=None)
@click.option("--owner-name", default=None)
@click.option("--owner-secret", default=None, help="The owner's PIN (4+ digits) or password.")
@click.pass_context
@handles_bad_input
def init(click_ctx: click.Context, /, from_json: str | None, **flags: str | None) -> None:
    """Set up the shop, this terminal and its owner (flags or --from-json FILE)."""
    values: dict[str, str] = {}
    if from_json is not None:
        data = load_json(read_text(from_json, "from_json"))
        fields = Fields(data, "", _INIT_KEYS)
        for key in _INIT_KEYS:
            text = fields.text(key)
            if text is not None:
                values[key] = text
    values.update({key: value for key, value in flags.items() if value is not None})
    for key in ("name", "address", "state_code", "owner_username", "owner_secret"):
        if not values.get(key):
            raise InvalidInput("is required", key)
    profile = setup.ShopProfile(
        name=values["name"],
        address=values["address"],
        state_code=values["state_code"],
        gstin=values.get("gstin"),
        phone=values.get("phone"),
        legal_name=values.get("legal_name"),
        pan=values.get("pan"),
        pincode=values.get("pincode"),
        email=values.get("email"),
        logo_path=values.get("logo_path"),
        invoice_terms=values.get("invoice_terms", ""),
    )
    terminal = setup.TerminalSetup(
        name=values.get("terminal_name", "Counter 1"),
        invoice_series=values.get("invoice_series", "A1"),
        credit_note_series=values.get("credit_note_series", "C1"),
        voucher_series=values.get("voucher_series", "V1"),
    )
    owner_setup = setup.OwnerSetup(
        values["owner_username"],
        values.get("owner_name", values["owner_username"]),
        values["owner_secret"],
    )
    with counter(click_ctx) as ctx:
        setup.initialise(ctx, profile, terminal, owner_setup)
        info = setup.get_terminal(ctx)
        emit_json(
            {
                "shop": profile.name,
                "shop_id": str(ctx.shop_id),
                "terminal": info.name,
                "invoice_series": info.invoice_series,
                "data_dir": str(ctx.data_dir),
            }
        )


@click.command("backup")
@click.option(
    "--to",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into (default: the folder chosen in Settings).",
)
@click.pass_context
@handles_bad_input
def backup_command(click_ctx: click.Context, folder: Path | None) -> None:
    """Copy the counter database now (SQLite online backup) and print the file written."""
    with counter(click_ctx) as ctx:
        owner(ctx).require(Permission.BACKUP)
        click.echo(str(backup.backup_now(ctx, folder)))


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@handles_bad_input
def restore_command(click_ctx: click.Context, file: Path) -> None:
    """Replace the counter database with a backup (the current one is backed up first)."""
    folder = data_dir(click_ctx)
    safety = backup.restore(folder, file)
    with counter(click_ctx) as ctx:  # migrates an older backup, and proves it opens
        emit_json(
            {
                "restored": str(file),
                "previous_database_saved_as": str(safety),
                "shop_id": str(ctx.shop_id) if ctx.is_initialised else None,
            }
        )


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail."""


@audit_group.command("verify")
@click.pass_context
@handles_bad_input
def audit_verify(click_ctx: click.Context) -> None:
    """Check every link of the audit chain; exit 1 naming the first broken one."""
    with counter(click_ctx) as ctx:
        report = audit.verify(ctx)
    click.echo(report.describe())
    if not report.ok:
        raise SystemExit(1)


@click.command("demo-seed")
@click.option("--pieces", default=300, show_default=True, help="How many stock pieces to tag.")
@click.pass_context
@handles_bad_input
def demo_seed(click_ctx: click.Context, pieces: int) -> None:
    """Fill an empty data folder with a demo shop, rates, stock, customers and invoices."""
    from desktop.demo import seed_demo  # noqa: PLC0415 - only this command needs it

    summary = seed_demo(data_dir(click_ctx), pieces=pieces)
    emit_json(summary)


@click.command("demo-stock")
@click.option("--pieces", default=300, show_default=True, help="How many stock pieces to tag.")
@click.pass_context
@handles_bad_input
def demo_stock(click_ctx: click.Context, pieces: int) -> None:
    """Tag demo stock and add demo customers in this counter's shop (e.g. after enrolling to
    the hub's demo shop); they sync to the hub like any other stock."""
    from desktop.demo import stock_up  # noqa: PLC0415 - only this command needs it

    emit_json(stock_up(data_dir(click_ctx), pieces=pieces))


COMMANDS: Final = (init, backup_command, restore_command, audit_group, demo_seed, demo_stock)
