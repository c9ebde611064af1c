"""The customers report read back from SQLite and MariaDB through a read-only tenant session:
figures equal the seeded invoices to the paisa, totals equal their rows, the terminal filter
narrows purchases but not occasions, and another shop's customers never appear."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest

from hub.reports.catalogue import report_catalogue
from hub.reports.customers_report import build_customers_report
from hub.reports.tabular import Report, ReportFilter, ReportTable
from hub.settings import sync_url
from shared.money import Paise
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.database import ReportResources, bulk_write, create_tables, run_with_sessions
from tests.hub.reports.seed_customers import SeededCustomers, seed_customers

JULY: tuple[dt.date, dt.date] = (dt.date(2025, 7, 1), dt.date(2025, 7, 31))


@dataclass
class TwoShops:
    url: str
    ours: SeededCustomers
    theirs: SeededCustomers
    shop_id: uuid.UUID


@pytest.fixture(params=DATABASE_KINDS)
def shops(request: pytest.FixtureRequest) -> TwoShops:
    url = sync_url(request.getfixturevalue(f"{request.param}_url"))
    shop_id, other = uuid.uuid4(), uuid.uuid4()
    ours, theirs = seed_customers(shop_id), seed_customers(other, prefix="Other shop's ")
    engine = create_tables(url)
    try:
        for seeded in (ours, theirs):
            bulk_write(engine, [seeded.month.shop, *seeded.rows()])
    finally:
        engine.dispose()
    return TwoShops(url, ours, theirs, shop_id)


def _build(
    shops: TwoShops,
    span: tuple[dt.date, dt.date] = JULY,
    terminals: frozenset[uuid.UUID] = frozenset(),
) -> Report:
    flt = ReportFilter(span[0], span[1], terminals)

    async def work(resources: ReportResources) -> Report:
        async with resources.sessions.tenant(shops.shop_id, read_only=True) as session:
            return await build_customers_report(session, flt)

    return run_with_sessions(shops.url, None, work)


def _column(table: ReportTable, key: str) -> list[object]:
    index = table.column_index(key)
    return [row[index] for row in table.rows]


def _assert_totals_are_row_sums(table: ReportTable, keys: tuple[str, ...]) -> None:
    assert table.totals is not None
    for key in keys:
        cells = _column(table, key)
        total = table.totals[table.column_index(key)]
        if isinstance(total, Paise):
            assert total == Paise(sum(cell.value for cell in cells if isinstance(cell, Paise)))
        else:
            assert total == sum(cell for cell in cells if isinstance(cell, int))


def _net(seeded: SeededCustomers, who: uuid.UUID, terminal: uuid.UUID | None = None) -> Paise:
    """Issued invoices less credit notes of July for `who`, from the seed rows themselves."""
    sold = sum(
        row.grand_total_paise
        for row in seeded.invoices_of(who)
        if JULY[0] <= row.invoice_date <= JULY[1]
        and row.status == "issued"
        and terminal in (None, row.terminal_id)
    )
    returned = sum(
        row.grand_total_paise
        for row in seeded.notes_of(who)
        if JULY[0] <= row.note_date <= JULY[1] and terminal in (None, row.terminal_id)
    )
    return Paise(sold - returned)


def test_the_spec_is_in_the_catalogue() -> None:
    spec = report_catalogue().get("customers")
    assert spec.title == "Customers"
    assert spec.uses_terminals
    assert spec.build is build_customers_report


def test_top_customers_equal_the_invoices_less_credit_notes(shops: TwoShops) -> None:
    report = _build(shops)
    top = report.table("top_customers")
    seeded, people = shops.ours, shops.ours.customers
    by_name = {row[0]: row for row in top.rows}
    buyers = ("meena", "ravi", "anita", "kiran", "farah")
    assert set(by_name) == {people[key].name for key in buyers}
    for key in buyers:
        row = by_name[people[key].name]
        assert row[1] == people[key].phone
        assert row[3] == _net(seeded, people[key].id)
    assert by_name[people["meena"].name][2:] == (
        2,
        _net(seeded, people["meena"].id),
        dt.date(2025, 7, 12),
    )
    assert by_name[people["anita"].name][2] == 1  # the cancelled invoice does not count
    kiran = by_name[people["kiran"].name]
    assert (kiran[2], kiran[4]) == (0, None)
    assert kiran[3].value < 0  # type: ignore[union-attr]
    nets = [cell.value for cell in _column(top, "net_total") if isinstance(cell, Paise)]
    assert nets == sorted(nets, reverse=True)
    _assert_totals_are_row_sums(top, ("invoices", "net_total"))
    # Everything sold in July to named customers, less their returns, to the paisa.
    named = {c.id for c in people.values()}
    assert top.totals is not None
    assert top.totals[3] == Paise(sum(_net(seeded, who).value for who in named))


def test_walk_in_sales_are_a_figure_and_not_a_customer(shops: TwoShops) -> None:
    report = _build(shops)
    walk_in = next(
        row
        for row in shops.ours.month.invoices
        if row.customer_id is None and row.invoice_date.month == 7
    )
    facts = dict(report.facts)
    assert facts["Walk-in sales (no customer)"].startswith(
        Paise(walk_in.grand_total_paise).format()
    )
    assert "1 invoices" in facts["Walk-in sales (no customer)"]
    assert walk_in.buyer_name not in {row[0] for row in report.table("top_customers").rows}


def test_new_and_repeat_customers(shops: TwoShops) -> None:
    report = _build(shops)
    table = report.table("repeat_vs_new")
    people, seeded = shops.ours.customers, shops.ours
    rows = {row[0]: row for row in table.rows}
    new = (people["meena"].id, people["anita"].id, people["farah"].id)
    assert rows["New"][1:] == (
        3,
        4,
        Paise(sum(_net(seeded, who).value for who in new)),
    )
    # Ravi bought in June; Kiran only returned in July, so is in neither group.
    assert rows["Repeat"][1:] == (1, 1, _net(seeded, people["ravi"].id))
    _assert_totals_are_row_sums(table, ("customers", "invoices", "net_total"))
    assert dict(report.facts)["Customers who bought"] == "4"


def test_the_terminal_filter_narrows_purchases_but_not_occasions(shops: TwoShops) -> None:
    terminal_a = next(t.id for t in shops.ours.month.terminals if t.invoice_series == "A1")
    whole = _build(shops)
    report = _build(shops, terminals=frozenset({terminal_a}))
    people, seeded = shops.ours.customers, shops.ours
    top = {row[0]: row for row in report.table("top_customers").rows}
    meena = top[people["meena"].name]
    # Only A1's invoice and A1's note: the invoice is returned in full.
    assert (meena[2], meena[3]) == (1, Paise(0))
    assert meena[3] == _net(seeded, people["meena"].id, terminal_a)
    assert people["kiran"].name not in top  # the return was made at B1
    assert people["ravi"].name not in top  # bought at B1 in July
    _assert_totals_are_row_sums(report.table("top_customers"), ("invoices", "net_total"))
    assert report.table("occasions").rows == whole.table("occasions").rows


def test_occasions_in_the_week_of_the_end_date(shops: TwoShops) -> None:
    # 31-07-2025 is a Thursday: the week is Monday 28-07 to Sunday 03-08.
    table = _build(shops).table("occasions")
    people = shops.ours.customers
    assert table.rows == (
        (people["ravi"].name, people["ravi"].phone, "Anniversary", dt.date(2025, 7, 28), 25),
        (people["anita"].name, people["anita"].phone, "Birthday", dt.date(2025, 8, 2), 50),
    )
    assert "28-07-2025 to 03-08-2025" in table.title
    assert table.totals is None


def test_a_29_february_birthday_falls_on_the_28th_in_other_years(shops: TwoShops) -> None:
    table = _build(shops, (dt.date(2027, 2, 1), dt.date(2027, 2, 28))).table("occasions")
    meena = shops.ours.customers["meena"]
    assert table.rows == ((meena.name, meena.phone, "Birthday", dt.date(2027, 2, 28), 39),)
    leap = _build(shops, (dt.date(2028, 2, 1), dt.date(2028, 2, 29))).table("occasions")
    assert leap.rows == ((meena.name, meena.phone, "Birthday", dt.date(2028, 2, 29), 40),)


def test_a_week_across_new_year_looks_in_both_years(shops: TwoShops) -> None:
    # Wednesday 31-12-2025: the week runs from Monday 29-12-2025 to Sunday 04-01-2026.
    table = _build(shops, (dt.date(2025, 12, 1), dt.date(2025, 12, 31))).table("occasions")
    ravi, meena = shops.ours.customers["ravi"], shops.ours.customers["meena"]
    assert table.rows == (
        (ravi.name, ravi.phone, "Birthday", dt.date(2025, 12, 30), 35),
        (meena.name, meena.phone, "Anniversary", dt.date(2026, 1, 2), 14),
    )


def test_another_shops_customers_never_appear(shops: TwoShops) -> None:
    for span in (JULY, (dt.date(2025, 12, 1), dt.date(2025, 12, 31))):
        report = _build(shops, span)
        for table in report.tables:
            for row in table.rows:
                assert not str(row[0]).startswith("Other shop's"), (table.key, row)
    assert len(_build(shops).table("top_customers").rows) == 5
