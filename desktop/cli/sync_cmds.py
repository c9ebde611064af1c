"""`boolagold counter enroll` and `boolagold counter sync [--loop]`: the link to the hub.

Exit status: 0 done; 2 bad input (nothing written); 3 the hub could not be reached (try again,
nothing lost); 4 the hub refused this counter (revoked, not enrolled, update needed).
"""

from __future__ import annotations

import signal
import sys
import threading
from dataclasses import asdict
from types import FrameType
from typing import Final

import click

from desktop.cli import common
from desktop.services.licence import licence_status
from desktop.sync.link import enrol, sync_round, transport_for
from sync.client import SyncRefused
from sync.http_transport import HubUnreachable
from sync.runner import SyncRunner, SyncStatus

UNREACHABLE: Final = 3
REFUSED: Final = 4


def _unreachable(error: HubUnreachable) -> None:
    click.echo(f"error: {error} (nothing was lost; try again later)", err=True)
    sys.exit(UNREACHABLE)


def _refused(error: SyncRefused) -> None:
    click.echo(f"error: the hub refused this counter: {error}", err=True)
    sys.exit(REFUSED)


@click.command("enroll")
@click.option(
    "--hub", "hub_url", required=True, help="The hub's address, e.g. https://hub.example.in"
)
@click.argument("code")
@click.pass_context
@common.handles_bad_input
def enroll(click_ctx: click.Context, hub_url: str, code: str) -> None:
    """Join a shop on the hub with the owner's one-time CODE (an empty data folder only)."""
    with common.counter(click_ctx) as ctx:
        try:
            done = enrol(ctx, hub_url, code)
        except HubUnreachable as error:
            _unreachable(error)
            return
        except SyncRefused as error:
            _refused(error)
            return
        licence = licence_status(ctx).status_line()
    if done.secret_place.warning:
        click.echo(f"warning: {done.secret_place.warning}", err=True)
    common.emit_json(
        {
            "shop_id": str(done.shop_id),
            "terminal_id": str(done.terminal_id),
            "invoice_series": done.invoice_series,
            "secret_stored_in": done.secret_place.where,
            "changes_pulled": done.pulled.received,
            "licence": licence,
        }
    )


def _status_json(status: SyncStatus) -> dict[str, object]:
    data = asdict(status)
    data["last_success"] = status.last_success.isoformat() if status.last_success else None
    return data


@click.command("sync")
@click.option("--loop", is_flag=True, help="Keep syncing (every --interval seconds) until stopped.")
@click.option("--interval", default=30.0, show_default=True, help="Seconds between rounds.")
@click.pass_context
@common.handles_bad_input
def sync(click_ctx: click.Context, loop: bool, interval: float) -> None:
    """Push this counter's pending records to the hub and pull the shop's changes."""
    if interval < 1:
        raise click.BadParameter("the interval is at least 1 second", param_hint="--interval")
    with common.counter(click_ctx) as ctx:
        try:
            transport = transport_for(ctx)
        except SyncRefused as error:
            _refused(error)
            return
        runner = SyncRunner(
            lambda: sync_round(ctx, transport),
            now=ctx.clock.now,
            interval=interval,
            on_status=(lambda status: common.emit_json(_status_json(status))) if loop else None,
        )
        if not loop:
            runner.run_once()
            status = runner.status
            common.emit_json(_status_json(status))
            if status.refused:
                sys.exit(REFUSED)
            if not status.online:
                sys.exit(UNREACHABLE)
            return
        stopped = threading.Event()

        def stop(_signum: int, _frame: FrameType | None) -> None:
            stopped.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        runner.start()
        stopped.wait()
        runner.stop()
        transport.close()


COMMANDS: Final = (enroll, sync)
