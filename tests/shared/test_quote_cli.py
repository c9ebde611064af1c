"""`boolagold quote` as other tools run it: a real process, JSON on stdout, exit status 2 on bad
input with exactly one JSON error object and nothing else on stdout."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.shared.worked_support import KARNATAKA_BUYER, MAHARASHTRA_SHOP, quote

BOOLAGOLD = Path(sys.executable).parent / "boolagold"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

BASE: dict[str, Any] = {
    "invoice_date": "2025-06-02",
    "invoice_number": "A1/25-26/00042",
    "seller_gstin": MAHARASHTRA_SHOP,
    "buyer": {"name": "Asha Patil"},
    "lines": [
        {
            "description": "22K ring",
            "metal": "gold",
            "purity": "916",
            "huid": "AB12CD",
            "gross_weight": "4.560",
            "rate": "6450.00",
            "wastage_percent": "2",
            "making": {"mode": "per_gram", "value": "450.00"},
        }
    ],
    "payments": {"upi": "33014.00"},
}


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BOOLAGOLD), "quote", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def run_draft(draft: object) -> subprocess.CompletedProcess[str]:
    return run(["-"], stdin=json.dumps(draft))


def test_quote_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    done = run([str(path)])
    assert done.returncode == 0, done.stdout + done.stderr
    out = json.loads(done.stdout)
    assert out["grand_total"] == "33014.00"
    assert out["net_payable"] == "33014.00"
    assert out["invoice_number"] == "A1/25-26/00042"
    assert out == quote(BASE)


def test_quote_from_standard_input() -> None:
    done = run_draft(BASE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["taxable_value"] == "32052.24"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_documented_examples_run(name: str) -> None:
    done = run([str(EXAMPLES / name)])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "grand_total" in json.loads(done.stdout)


def test_walk_in_example_exists_for_the_demo() -> None:
    assert (EXAMPLES / "quote-walk-in.json").is_file()


def changed(path: list[str | int], value: Any) -> dict[str, Any]:
    """BASE with one value replaced (or removed when value is ...)."""
    draft = copy.deepcopy(BASE)
    target: Any = draft
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return draft


BAD_SELLER = MAHARASHTRA_SHOP[:-1] + ("A" if MAHARASHTRA_SHOP[-1] != "A" else "B")
BAD_BUYER = KARNATAKA_BUYER[:-1] + ("A" if KARNATAKA_BUYER[-1] != "A" else "B")


@pytest.mark.parametrize(
    ("draft", "field", "reason"),
    [
        (changed(["seller_gstin"], BAD_SELLER), "seller_gstin", "check character"),
        (changed(["buyer", "gstin"], BAD_BUYER), "buyer.gstin", "check character"),
        (changed(["lines", 0, "huid"], ...), "lines[0].huid", "HUID"),
        (changed(["lines", 0, "huid"], "AB-12C"), "lines[0].huid", "6 letters or digits"),
        (changed(["lines", 0, "gross_weight"], "0.000"), "lines[0].gross_weight", "more than zero"),
        (changed(["lines", 0, "net_weight"], "-1.000"), "lines[0].net_weight", "negative"),
        (changed(["lines", 0, "net_weight"], "0"), "lines[0].net_weight", "more than zero"),
        (changed(["lines", 0, "net_weight"], "4.561"), "lines[0].net_weight", "above the gross"),
        (changed(["lines", 0, "purity"], "961"), "lines[0].purity", "not a BIS grade"),
        (changed(["invoice_number"], "0A/1"), "invoice_number", "not a valid invoice number"),
        (changed(["invoice_number"], "A" * 17), "invoice_number", "at most 16"),
        (
            changed(["payments"], {"cash": "200000.00"}),
            "payments.cash",
            "269ST",
        ),
        (changed(["payments"], {"upi": "33013.00"}), "payments", "add up to 33013.00"),
        (changed(["payments"], {"cheque": "33014.00"}), "payments.cheque", "unknown field"),
        (changed(["lines", 0, "makng"], {}), "lines[0].makng", "unknown field"),
        (changed(["lines", 0, "rate"], 6450), "lines[0].rate", "write amounts as strings"),
        (
            changed(["lines", 0, "gross_weight"], 4.56),
            "lines[0].gross_weight",
            "weights as strings",
        ),
        (changed(["lines", 0, "rate"], "6450.001"), "lines[0].rate", "decimal places"),
        (changed(["lines", 0, "discount"], "40000.00"), "lines[0].discount", "more than the line"),
        (changed(["lines", 0, "hsn"], "7117"), "lines[0].gst_rate", "no GST rate is known"),
        (changed(["lines", 0, "gst_rate"], "4"), "lines[0].gst_rate", "not a GST rate"),
        (changed(["lines", 0, "making", "mode"], "weekly"), "lines[0].making.mode", "per_gram"),
        (changed(["lines"], []), "lines", "at least one line"),
        (changed(["invoice_date"], "02-06-2025"), "invoice_date", "YYYY-MM-DD"),
        (changed(["place_of_supply"], "25"), "place_of_supply", "not a GST state code"),
        (changed(["buyer", "pan"], "ABCDE1234F"), "buyer.pan", "4th character"),
        (
            changed(["old_gold"], [{"purity": "875", "net_weight": "1.000", "rate": "6000.00"}]),
            "old_gold[0].purity",
            "not a BIS grade",
        ),
        (changed(["seller_gstin"], ...), "seller_gstin", "required"),
    ],
)
def test_bad_input_exits_2_with_one_json_error(draft: Any, field: str, reason: str) -> None:
    done = run_draft(draft)
    assert done.returncode == 2, done.stdout + done.stderr
    error = json.loads(done.stdout)
    assert list(error) == ["error"]
    assert error["error"]["field"] == field
    assert reason in error["error"]["reason"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"invoice_date": "2025-06-02", "invoice_date": "2025-06-03"}', "appears twice"),
        ('{"lines": [{"rate": NaN}]}', "NaN"),
    ],
)
def test_malformed_json_is_refused(text: str, reason: str) -> None:
    done = run(["-"], stdin=text)
    assert done.returncode == 2
    error = json.loads(done.stdout)
    assert reason in error["error"]["reason"]


def test_missing_file_is_a_json_error(tmp_path: Path) -> None:
    done = run([str(tmp_path / "nope.json")])
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["field"] == "FILE"


def test_payments_when_the_shop_pays_the_customer() -> None:
    draft = changed(["payments"], {"cash": "0.00"})
    draft["old_gold"] = [{"purity": "916", "net_weight": "10.000", "rate": "6300.00"}]
    done = run_draft(draft)
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["net_payable"] == "-29986.00"  # 33014 - 63000
    draft["payments"] = {"cash": "29986.00"}
    refused = run_draft(draft)
    assert refused.returncode == 2
    assert json.loads(refused.stdout)["error"]["field"] == "payments"


def test_the_output_pasted_in_the_docs_is_current() -> None:
    doc = (EXAMPLES.parent / "quote.md").read_text(encoding="utf-8")
    pasted = doc.split("prints:\n\n```json\n", 1)[1].split("\n```", 1)[0]
    done = run([str(EXAMPLES / "quote-walk-in.json")])
    assert json.loads(pasted) == json.loads(done.stdout)
