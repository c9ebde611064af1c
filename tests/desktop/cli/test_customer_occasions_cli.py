"""`counter customers add/edit --birthday/--anniversary`: dates kept across edits of other
fields, and an impossible date refused with status 2 and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from desktop.cli.main import counter


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(counter, ["--data-dir", str(folder), *args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    result = run(
        data,
        *("init", "--name", "Lakshmi Jewellers", "--address", "Avenue Road"),
        *("--state-code", "29", "--gstin", "29AABCB1234C1ZA"),
        *("--owner-username", "owner", "--owner-secret", "1234"),
    )
    assert result.exit_code == 0, result.output
    return data


def test_dates_are_added_kept_by_other_edits_and_checked(folder: Path) -> None:
    added = run(
        folder,
        *("customers", "add", "--name", "Meena", "--phone", "9900123456"),
        *("--birthday", "1988-02-29", "--anniversary", "2012-01-02"),
    )
    assert added.exit_code == 0, added.output
    customer = json.loads(added.output)
    assert (customer["birth_date"], customer["anniversary"]) == ("1988-02-29", "2012-01-02")
    edited = run(folder, "customers", "edit", customer["id"], "--address", "Malleshwaram")
    assert edited.exit_code == 0, edited.output
    after = json.loads(edited.output)
    assert (after["birth_date"], after["anniversary"]) == ("1988-02-29", "2012-01-02")
    refused = run(folder, "customers", "edit", customer["id"], "--anniversary", "2999-01-01")
    assert refused.exit_code == 2
    assert "is in the future" in refused.output
    again = run(folder, "customers", "edit", customer["id"], "--name", "Meena Iyer")
    assert json.loads(again.output)["anniversary"] == "2012-01-02"
