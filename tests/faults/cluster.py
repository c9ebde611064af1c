"""The pieces of a fault scenario: a live hub, counters run as `boolagold counter` processes,
the owner on the web API, and the row-by-row comparison every scenario ends with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from desktop.storage.local_tables import Setting
from hub.app import CSRF_COOKIE, CSRF_HEADER
from shared.tables import Invoice, Payment, StockPiece
from tests.hub.fixtures import LiveHub

# No keyring on a test machine: the counter keeps its secret in a private file and says so.
COUNTER_ENV: Final = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
BOOLAGOLD: Final = str(Path(sys.executable).parent / "boolagold")


class Owner:
    """The shop's owner in a browser, through the JSON API (cookie session + CSRF)."""

    def __init__(self, hub: LiveHub) -> None:
        self.http = httpx.Client(base_url=hub.url, timeout=30)
        self.http.get("/api/auth/csrf")
        response = self.post(
            "/api/auth/login",
            {
                "shop": hub.demo.shop_code,
                "username": hub.demo.owner.username,
                "password": hub.demo.owner.password,
            },
        )
        assert response.status_code == 200, response.text

    def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        token = self.http.cookies.get(CSRF_COOKIE) or ""
        return self.http.post(path, json=body, headers={CSRF_HEADER: token})

    def enrolment_code(self, name: str) -> str:
        response = self.post("/api/enrolment-codes", {"terminal_name": name})
        assert response.status_code == 201, response.text
        code: str = response.json()["code"]
        return code


@dataclass
class Counter:
    """One counter PC: its data folder, driven only through its command line."""

    name: str
    data_dir: Path
    hub_url: str
    log: list[str] = field(default_factory=list)
    clock: str | None = None
    """A libfaketime offset such as "-1d": this PC's clock is wrong by that much."""

    def run(
        self,
        *args: str,
        check: bool = True,
        input_text: str | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        argv = [BOOLAGOLD, "counter", "--data-dir", str(self.data_dir), *args]
        if self.clock is not None:
            argv = ["faketime", "-f", self.clock, *argv]
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            input=input_text,
            env={**os.environ, **COUNTER_ENV, **(env or {})},
            timeout=120,
            check=False,
        )
        self.log.append(f"$ counter {' '.join(args)} -> {done.returncode}\n{done.stderr}")
        if check and done.returncode != 0:
            raise AssertionError(f"{self.name}: counter {' '.join(args)} failed:\n{done.stderr}")
        return done

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args).stdout)

    def enrol(self, code: str, hub_url: str | None = None) -> dict[str, Any]:
        return dict(self.json("enroll", "--hub", hub_url or self.hub_url, code))

    def sync(self, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("sync", check=check)

    @property
    def database(self) -> Path:
        return self.data_dir / "counter.db"

    def engine(self) -> Engine:
        return create_engine(f"sqlite:///{self.database}")


def sell_piece(counter: Counter, tag_code: str, folder: Path) -> dict[str, Any]:
    """Bill one piece for cash, exactly settling the estimate."""
    buyer = {"name": "R. Kumar", "state": "29", "address": "12 MG Road, Bengaluru"}
    draft: dict[str, Any] = {"buyer": buyer, "lines": [{"tag_code": tag_code}]}
    path = folder / f"draft-{tag_code}.json"
    path.write_text(json.dumps(draft))
    estimate = counter.json("estimate", str(path))
    draft["payments"] = {"cash": estimate["net_payable"]}
    path.write_text(json.dumps(draft))
    return dict(counter.json("sell", str(path)))


@dataclass(frozen=True)
class Snapshot:
    invoices: dict[uuid.UUID, tuple[Any, ...]]
    payments: dict[uuid.UUID, tuple[Any, ...]]
    pieces: dict[uuid.UUID, tuple[Any, ...]]


def _rows(session: Session, shop_id: uuid.UUID, terminals: set[uuid.UUID]) -> Snapshot:
    """The shop's rows born on `terminals` (the hub also holds its own seeded history)."""
    invoices = {
        row.id: (
            row.series,
            row.financial_year,
            row.number,
            row.grand_total_paise,
            row.taxable_paise,
            row.terminal_id,
        )
        for row in session.scalars(
            select(Invoice).where(Invoice.shop_id == shop_id, Invoice.terminal_id.in_(terminals))
        )
    }
    payments = {
        row.id: (row.invoice_id, row.mode, row.amount_paise)
        for row in session.scalars(select(Payment).where(Payment.shop_id == shop_id))
        if row.invoice_id in invoices
    }
    pieces = {
        row.id: (row.tag_code, row.status, row.gross_mg, row.net_mg)
        for row in session.scalars(
            select(StockPiece).where(
                StockPiece.shop_id == shop_id, StockPiece.origin_terminal_id.in_(terminals)
            )
        )
    }
    return Snapshot(invoices, payments, pieces)


def snapshot(engine: Engine, shop_id: uuid.UUID, terminals: set[uuid.UUID]) -> Snapshot:
    with Session(engine) as session:
        return _rows(session, shop_id, terminals)


def terminal_id(counter: Counter) -> uuid.UUID:
    engine = counter.engine()
    try:
        with Session(engine) as session:
            value = session.execute(
                select(Setting.value).where(Setting.key == "counter.terminal_id")
            ).scalar_one()
    finally:
        engine.dispose()
    return uuid.UUID(value)


def compare(hub_engine: Engine, counters: Sequence[Counter], shop_id: uuid.UUID) -> str:
    """Every counter holds exactly the hub's invoices, payments and pieces; each series is
    gapless with no number used twice. Returns the summary a scenario prints."""
    terminals = {terminal_id(counter) for counter in counters}
    hub = snapshot(hub_engine, shop_id, terminals)
    lines = [
        f"hub: {len(hub.invoices)} invoices, {len(hub.payments)} payments, {len(hub.pieces)} pieces"
    ]
    for counter in counters:
        engine = counter.engine()
        try:
            mine = snapshot(engine, shop_id, terminals)
        finally:
            engine.dispose()
        for kind in ("invoices", "payments", "pieces"):
            theirs, ours = getattr(hub, kind), getattr(mine, kind)
            missing = set(theirs) ^ set(ours)
            assert not missing, f"{counter.name} and the hub differ in {kind}: {missing}"
            differing = [key for key in theirs if theirs[key] != ours[key]]
            assert not differing, f"{counter.name}: {kind} rows differ: {differing[:3]}"
        lines.append(
            f"{counter.name}: {len(mine.invoices)} invoices, {len(mine.payments)} "
            f"payments, {len(mine.pieces)} pieces — identical to the hub, row by row"
        )
    lines.extend(check_series(hub.invoices.values()))
    return "\n".join(lines)


def check_series(invoices: Iterable[tuple[Any, ...]]) -> list[str]:
    by_series: dict[tuple[str, str], list[int]] = {}
    for series, year, number, *_ in invoices:
        by_series.setdefault((series, year), []).append(int(str(number).rsplit("/", 1)[-1]))
    report = []
    for (series, year), numbers in sorted(by_series.items()):
        numbers.sort()
        assert len(numbers) == len(set(numbers)), f"series {series} {year}: a number used twice"
        assert numbers == list(range(1, len(numbers) + 1)), f"series {series} {year} has a gap"
        report.append(f"series {series} {year}: {len(numbers)} invoices, 1..{numbers[-1]}, no gap")
    return report
