"""`boolagold counter licence` and `sell` refusing when the licence stops invoices (exit 5).

The command line runs on the PC's real clock, so the licences here are dated far from any
plausible today: one ended in 2021, its renewal runs to 2099.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from desktop.cli.common import LICENCE_STOPPED
from desktop.cli.main import counter
from desktop.services.context import open_counter
from desktop.services.licence import Outcome, accept_licence
from shared.licence import sign_licence
from tests.desktop.licences import SUPPORT, amc_licence, suite_key

ROOT = Path(__file__).resolve().parents[2]


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(counter, ["--data-dir", str(folder), *args])


def deliver(folder: Path, valid_until: dt.date, issued_at: dt.datetime) -> None:
    """The hub's licence arriving as a sync would store it."""
    ctx = open_counter(folder)
    try:
        licence = amc_licence(ctx.shop_id, valid_until=valid_until, issued_at=issued_at)
        assert accept_licence(ctx, sign_licence(licence, suite_key())).outcome is Outcome.STORED
    finally:
        ctx.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    made = run(
        data,
        "init",
        "--name",
        "Lakshmi Jewellers",
        "--address",
        "Avenue Road",
        "--state-code",
        "29",
        "--gstin",
        "29AABCB1234C1ZA",
        "--owner-username",
        "owner",
        "--owner-secret",
        "1234",
    )
    assert made.exit_code == 0, made.output
    assert run(data, "rates", "set", "gold", "916", "6450.00").exit_code == 0
    assert run(data, "rates", "set", "silver", "925", "90").exit_code == 0
    imported = run(data, "stock", "import", str(ROOT / "docs/examples/stock-import.csv"))
    assert imported.exit_code == 0, imported.output
    return data


def sale_draft(folder: Path, tmp_path: Path) -> Path:
    draft = tmp_path / "sale.json"
    body: dict[str, object] = {
        "buyer": {"name": "K. Das", "address": "Jayanagar", "state": "29", "pan": "ABCPD1234K"},
        "lines": [{"tag_code": "G10002"}],
    }
    draft.write_text(json.dumps(body))
    estimate = json.loads(run(folder, "estimate", str(draft)).output)
    body["payments"] = {"upi": estimate["net_payable"]}
    draft.write_text(json.dumps(body))
    return draft


def test_licence_shows_the_local_trial(folder: Path) -> None:
    shown = run(folder, "licence")
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["state"] == "expiring"
    assert data["source"] == "local_trial"
    assert data["may_issue"] is True
    assert data["days_left"] in (29, 30)  # 30 on the day of set-up (29 if midnight just passed)
    assert data["status"].startswith("Licence: ")


def test_sell_exits_5_when_lapsed_and_works_again_after_renewal(
    folder: Path, tmp_path: Path
) -> None:
    draft = sale_draft(folder, tmp_path)
    deliver(folder, dt.date(2021, 1, 31), dt.datetime(2021, 1, 1, tzinfo=dt.UTC))

    shown = json.loads(run(folder, "licence").output)
    assert shown["state"] == "lapsed"
    assert shown["may_issue"] is False
    assert shown["plan"] == "Standard AMC"
    assert shown["valid_until"] == "2021-01-31"
    assert shown["grace_until"] == "2021-02-15"
    assert shown["contact"] == SUPPORT
    assert shown["status"] == "Licence lapsed: invoices stopped"

    refused = run(folder, "sell", str(draft))
    assert refused.exit_code == LICENCE_STOPPED == 5
    assert "The AMC ended on 31-01-2021" in refused.output
    assert f"Call {SUPPORT}." in refused.output
    assert json.loads(run(folder, "invoices", "list", "--json").output) == []
    # Estimates and the day book keep working.
    assert run(folder, "estimate", str(draft)).exit_code == 0
    assert run(folder, "daybook").exit_code == 0

    deliver(folder, dt.date(2099, 3, 31), dt.datetime(2021, 2, 20, tzinfo=dt.UTC))
    renewed = json.loads(run(folder, "licence").output)
    assert (renewed["state"], renewed["valid_until"]) == ("ok", "2099-03-31")
    sold = run(folder, "sell", str(draft))
    assert sold.exit_code == 0, sold.output
    assert json.loads(sold.output)["invoice_number"].endswith("/00001")
