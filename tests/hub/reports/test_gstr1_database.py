"""The seeded month written into SQLite and MariaDB and read back through `queries.py` and the
service, on a read-only tenant session (the replica when one is configured)."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from hub.reports import Gstr1, gstr1_for_month
from hub.settings import sync_url
from shared.errors import InvalidInput
from tests.harness.fixtures import DATABASE_KINDS
from tests.hub.reports.database import (
    ReportResources,
    create_tables,
    run_with_sessions,
    write_month,
)
from tests.hub.reports.seed import july_2025
from tests.hub.reports.support import differences, expected


@pytest.fixture(params=DATABASE_KINDS)
def database(request: pytest.FixtureRequest) -> str:
    """An empty database of either kind, with the shared tables (sync URL)."""
    url = sync_url(request.getfixturevalue(f"{request.param}_url"))
    create_tables(url).dispose()
    return url


def _report(url: str, shop_id: uuid.UUID, writer: str | None = None) -> Gstr1:
    async def work(resources: ReportResources) -> Gstr1:
        return await gstr1_for_month(resources, shop_id, 2025, 7)

    return run_with_sessions(url, writer, work)


def test_the_month_read_back_gives_the_expected_json(database: str) -> None:
    shop_id = uuid.uuid4()
    engine = create_tables(database)
    try:
        write_month(engine, july_2025(shop_id))
        # Another shop's month in the same tables must not leak into this shop's return.
        write_month(engine, july_2025(uuid.uuid4()))
    finally:
        engine.dispose()
    report = _report(database, shop_id)
    actual = json.loads(report.to_json(), parse_float=Decimal)
    assert list(differences(actual, expected("gstr1-2025-07.json"))) == []
    assert report.reconciles


def test_reports_read_the_replica_when_one_is_configured(tmp_path: Path) -> None:
    # The writer holds nothing; only the replica has the month: the report must show it.
    shop_id = uuid.uuid4()
    replica = f"sqlite:///{tmp_path}/replica.db"
    writer = f"sqlite:///{tmp_path}/writer.db"
    engine = create_tables(replica)
    try:
        write_month(engine, july_2025(shop_id))
    finally:
        engine.dispose()
    create_tables(writer).dispose()
    report = _report(replica, shop_id, writer=writer)
    assert report.returned.b2b[0].gstin == "27AABCS1429B1ZU"
    assert report.register.taxable.value == 7_14_745_27


def test_a_shop_without_a_gstin_is_told_what_to_do(tmp_path: Path) -> None:
    shop_id = uuid.uuid4()
    url = f"sqlite:///{tmp_path}/hub.db"
    engine = create_tables(url)
    month = july_2025(shop_id)
    month.shop.gstin = None
    try:
        write_month(engine, month)
    finally:
        engine.dispose()
    with pytest.raises(InvalidInput, match="no GSTIN") as error:
        _report(url, shop_id)
    assert error.value.field == "gstin"
