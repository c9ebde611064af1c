"""The `boolagold counter` group. With no subcommand it opens the window; subcommands never
import Qt, so they run on a machine with no display (automation, support, tests)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop.cli import common
from desktop.cli.licence_cmd import COMMANDS as LICENCE_COMMANDS
from desktop.cli.records import COMMANDS as RECORD_COMMANDS
from desktop.cli.selling import COMMANDS as SELLING_COMMANDS
from desktop.cli.setup_cmds import COMMANDS as SETUP_COMMANDS
from desktop.cli.stock_cmds import COMMANDS as STOCK_COMMANDS
from desktop.cli.sync_cmds import COMMANDS as SYNC_COMMANDS


@click.group(invoke_without_command=True)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The counter's data folder (default: $BOOLAGOLD_DATA_DIR, else the user data folder).",
)
@click.pass_context
def counter(click_ctx: click.Context, data_dir: Path | None) -> None:
    """The jeweller's counter: billing, stock, rates and backups on this PC."""
    click_ctx.ensure_object(dict)["data_dir"] = data_dir
    if click_ctx.invoked_subcommand is None:
        sys.exit(_open_window(common.data_dir(click_ctx)))


def _open_window(folder: Path) -> int:
    try:
        from desktop.ui.app import run  # noqa: PLC0415 - Qt only when the window is wanted
    except ImportError as error:
        click.echo(
            f"error: the counter window cannot start on this installation ({error}); "
            "the subcommands still work: boolagold counter --help",
            err=True,
        )
        return 1
    return run(folder)


for group in (
    SETUP_COMMANDS,
    RECORD_COMMANDS,
    STOCK_COMMANDS,
    SELLING_COMMANDS,
    SYNC_COMMANDS,
    LICENCE_COMMANDS,
):
    for command in group:
        counter.add_command(command)
