"""`boolagold counter licence`: what this counter's licence allows today, as JSON.

Support reads it over the phone: the state, the plan, the last day, the days left, and the
latest time the counter has seen (the clock that never goes back). Exit status 0 whatever the
state; `sell` is the command that exits 5 when invoices are stopped.
"""

from __future__ import annotations

from typing import Final

import click

from desktop.cli.common import counter, emit_json, handles_bad_input
from desktop.licensing.policy import LicenceStatus
from desktop.services.licence import licence_status, observe_time


def licence_json(status: LicenceStatus) -> dict[str, object]:
    licence = status.licence
    grace_until = status.grace_until

    def day(value: object) -> object:
        return None if value is None else str(value)

    return {
        "state": status.state.value,
        "may_issue": status.may_issue,
        "source": status.source.value,
        "plan": None if licence is None else licence.plan_name,
        "plan_code": None if licence is None else licence.plan_code,
        "kind": None if licence is None else licence.kind.value,
        "valid_until": day(None if licence is None else licence.valid_until),
        "grace_until": day(grace_until),
        "days_left": status.verdict.days_left,
        "amc_until": day(None if licence is None else licence.amc_until),
        "terminal_limit": None if licence is None else licence.terminal_limit,
        "issued_at": None if licence is None else licence.issued_at.isoformat(),
        "today": status.today.isoformat(),
        "judged_at": status.checked_at.isoformat(),
        "status": status.status_line(),
        "message": status.explain(),
        "contact": status.contact,
        "problem": status.problem,
    }


@click.command("licence")
@click.pass_context
@handles_bad_input
def licence(click_ctx: click.Context) -> None:
    """Show the licence: state, plan, valid until, days left (and why invoices stop, if so)."""
    with counter(click_ctx) as ctx:
        observe_time(ctx)
        status = licence_status(ctx)
    emit_json(licence_json(status))


COMMANDS: Final = (licence,)
