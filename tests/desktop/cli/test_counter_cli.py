"""`boolagold counter ...` end to end on a temporary data folder, as a script would drive it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from desktop.cli.main import counter

ROOT = Path(__file__).resolve().parents[3]
GSTIN = "29AABCB1234C1ZA"


def run(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(counter, ["--data-dir", str(folder), *args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    result = run(
        data,
        "init",
        "--name",
        "Lakshmi Jewellers",
        "--address",
        "Avenue Road",
        "--state-code",
        "29",
        "--gstin",
        GSTIN,
        "--owner-username",
        "owner",
        "--owner-secret",
        "1234",
    )
    assert result.exit_code == 0, result.output
    assert run(data, "rates", "set", "gold", "916", "6450.00").exit_code == 0
    assert run(data, "rates", "set", "silver", "925", "90").exit_code == 0
    return data


def test_init_refuses_bad_input_with_status_2_and_writes_nothing(tmp_path: Path) -> None:
    result = run(
        tmp_path / "d",
        "init",
        "--name",
        "X",
        "--address",
        "Y",
        "--state-code",
        "29",
        "--gstin",
        "29AABCB1234C1Z7",
        "--owner-username",
        "o",
        "--owner-secret",
        "1234",
    )
    assert result.exit_code == 2
    assert "gstin: the GSTIN's check character is wrong" in result.output
    again = run(tmp_path / "d", "stock", "list", "--json")
    assert again.exit_code == 2
    assert "no shop yet" in again.output


def test_stock_import_and_sale(folder: Path, tmp_path: Path) -> None:
    csv = ROOT / "docs/examples/stock-import.csv"
    dry = run(folder, "stock", "import", str(csv), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.output) == {"dry_run": True, "would_import": 4}
    assert run(folder, "stock", "import", str(csv)).exit_code == 0
    listed = json.loads(run(folder, "stock", "list", "--json").output)
    assert [p["tag_code"] for p in listed] == ["G10001", "G10002", "G10003", "S20001"]
    draft = tmp_path / "sale.json"
    draft.write_text(
        json.dumps(
            {
                "buyer": {
                    "name": "K. Das",
                    "address": "Jayanagar",
                    "state": "29",
                    "pan": "ABCPD1234K",
                },
                "lines": [{"tag_code": "G10002"}, {"tag_code": "S20001", "discount": "100.00"}],
                "payments": {"upi": "1.00"},
            }
        )
    )
    estimate = json.loads(run(folder, "estimate", str(draft)).output)
    payable = estimate["net_payable"]
    bad = run(folder, "sell", str(draft))
    assert bad.exit_code == 2
    assert "payments" in bad.output
    assert json.loads(run(folder, "invoices", "list", "--json").output) == []
    draft.write_text(draft.read_text().replace('"1.00"', json.dumps(payable)))
    sold = run(folder, "sell", str(draft))
    assert sold.exit_code == 0, sold.output
    invoice = json.loads(sold.output)
    number = invoice["invoice_number"]
    assert number.startswith("A1/")
    assert number.endswith("/00001")
    assert invoice["grand_total"] == estimate["grand_total"]
    again = run(folder, "sell", str(draft))
    assert again.exit_code == 2
    assert "G10002 is sold" in again.output
    listed = json.loads(run(folder, "invoices", "list", "--json").output)
    assert [i["number"] for i in listed] == [number]
    returned = run(folder, "return", number, "--tag", "S20001")
    assert returned.exit_code == 0, returned.output
    assert json.loads(returned.output)["tags"] == ["S20001"]
    pdf = tmp_path / "invoice.pdf"
    printed = run(folder, "print", number, "--out", str(pdf), "--paper", "thermal")
    assert printed.exit_code == 0, printed.output
    assert pdf.read_bytes().startswith(b"%PDF")
    tags = tmp_path / "tags.pdf"
    assert run(folder, "tags", "G10001", "G10003", "--out", str(tags)).exit_code == 0
    assert tags.read_bytes().startswith(b"%PDF")
    missing = run(folder, "print", "A1/99-00/00001", "--out", str(tmp_path / "x.pdf"))
    assert missing.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()
    verified = run(folder, "audit", "verify")
    assert verified.exit_code == 0
    assert "intact" in verified.output


def test_a_bad_csv_row_imports_nothing(folder: Path, tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "tag_code,metal,purity,gross_weight,huid\nA1,gold,916,5,AA11AA\nA2,gold,916,5,\n"
    )
    result = run(folder, "stock", "import", str(csv))
    assert result.exit_code == 2
    assert "line 3, huid" in result.output
    assert json.loads(run(folder, "stock", "list", "--json").output) == []


def test_backup_and_restore(folder: Path, tmp_path: Path) -> None:
    made = run(folder, "backup", "--to", str(tmp_path / "bk"))
    assert made.exit_code == 0, made.output
    backup_file = Path(made.output.strip())
    assert run(folder, "customers", "add", "--name", "Asha", "--phone", "9845012345").exit_code == 0
    assert len(json.loads(run(folder, "customers", "list").output)) == 1
    restored = run(folder, "restore", str(backup_file))
    assert restored.exit_code == 0, restored.output
    assert json.loads(run(folder, "customers", "list").output) == []
    refused = run(folder, "restore", str(tmp_path / "nothing.db"))
    assert refused.exit_code == 2


def test_rates_list_and_bad_rate(folder: Path) -> None:
    listed = json.loads(run(folder, "rates", "list").output)
    assert {r["purity"] for r in listed["rates"]} == {"gold 22K916", "silver 925"}
    bad = run(folder, "rates", "set", "gold", "961", "6000")
    assert bad.exit_code == 2
    assert "961 is not a BIS grade" in bad.output


def test_demo_stock_tags_pieces_once_and_queues_them_for_the_hub(folder: Path) -> None:
    first = run(folder, "demo-stock", "--pieces", "12")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["pieces"] == 12
    listed = json.loads(run(folder, "stock", "list", "--json").output)
    assert len(listed) == 12
    with sqlite3.connect(folder / "counter.db") as db:
        (queued,) = db.execute(
            "SELECT count(*) FROM outbox WHERE entity = 'stock_piece'"
        ).fetchone()
    assert queued == 12
    again = run(folder, "demo-stock", "--pieces", "12")
    assert again.exit_code == 2
    assert "already has stock" in again.output
    assert len(json.loads(run(folder, "stock", "list", "--json").output)) == 12


def test_customers_edit_changes_only_the_given_fields(folder: Path) -> None:
    added = json.loads(
        run(folder, "customers", "add", "--name", "Meena", "--phone", "9900123456").output
    )
    edited = run(folder, "customers", "edit", added["id"], "--address", "Malleshwaram")
    assert edited.exit_code == 0, edited.output
    after = json.loads(edited.output)
    assert (after["name"], after["phone"], after["address"]) == (
        "Meena",
        "9900123456",
        "Malleshwaram",
    )
    bad = run(folder, "customers", "edit", "not-an-id", "--name", "X")
    assert bad.exit_code == 2
    assert "not a customer id" in bad.output
