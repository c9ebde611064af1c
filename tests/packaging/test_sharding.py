"""Sharding readiness: every hub table can live on Vitess as packaging/vitess/vschema.json says.

Reads the three metadata objects the hub migrates (shared tables, the hub's own, the sync
protocol's) and the VSchema, and fails when
- a business table (anything but the few global platform tables) lacks `shop_id`, or its primary
  key does not start with it (a shop's rows must sort and move together);
- a unique key or constraint of a sharded table leaves `shop_id` out, unless a unique lookup
  vindex makes it unique across shards (otherwise each shard would enforce it only for its own
  shops, and a value could repeat platform-wide);
- the VSchema misses a table, names a table that does not exist, or routes a table by anything
  but the shop hash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest
from sqlalchemy import Index, MetaData, Table, UniqueConstraint, create_engine, inspect

from hub.storage.hub_tables import HubBase
from shared.tables import Base
from sync.server.tables import SyncBase

ROOT: Final = Path(__file__).resolve().parents[2]
VSCHEMA: Final = ROOT / "packaging" / "vitess" / "vschema.json"
LOOKUPS_SQL: Final = ROOT / "packaging" / "vitess" / "platform_lookups.sql"
METADATA: Final = (Base.metadata, HubBase.metadata, SyncBase.metadata)

PLATFORM_TABLES: Final = frozenset(
    {"shop", "plan", "platform_user", "receipt_counter", "alembic_version"}
)
"""The only global tables (DESIGN.md section 2). A new one is a decision: add it here on purpose."""
PLATFORM_KEYSPACE: Final = "platform"
SHOPS_KEYSPACE: Final = "shops"
HASH_VINDEX_TYPES: Final = frozenset({"xxhash", "hash", "binary_md5", "unicode_loose_xxhash"})
UNIQUE_LOOKUP_TYPES: Final = frozenset({"consistent_lookup_unique", "lookup_unique"})


def hub_tables(metadata: tuple[MetaData, ...] = METADATA) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for each in metadata:
        for name, table in each.tables.items():
            assert name not in tables, f"{name} is defined by two metadata objects"
            tables[name] = table
    return tables


def unique_keys(table: Table) -> Iterator[tuple[str, ...]]:
    """Every set of columns the database keeps unique, however it was declared."""
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            yield tuple(column.name for column in constraint.columns)
    for index in table.indexes:
        if isinstance(index, Index) and index.unique:
            yield tuple(column.name for column in index.columns)
    for column in table.columns:
        if column.unique:
            yield (column.name,)


def lookup_sql_tables(sql: str) -> dict[str, tuple[str, ...]]:
    """The tables platform_lookups.sql creates and their primary keys."""
    found = {}
    for name, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\) ENGINE", sql, flags=re.DOTALL):
        key = re.search(r"PRIMARY KEY \(([^)]*)\)", body)
        assert key is not None, f"{name} has no primary key"
        found[name] = tuple(part.strip() for part in key.group(1).split(","))
    return found


def sharding_problems(
    tables: dict[str, Table], vschema: dict[str, Any], lookup_tables: dict[str, tuple[str, ...]]
) -> list[str]:
    """Everything that keeps these tables from sharding by shop as the VSchema says."""
    problems: list[str] = []
    keyspaces = vschema["keyspaces"]
    platform = keyspaces[PLATFORM_KEYSPACE]
    shops = keyspaces[SHOPS_KEYSPACE]
    if platform.get("sharded", False) or not shops.get("sharded", False):
        problems.append("the platform keyspace must be unsharded and the shops keyspace sharded")
    vindexes: dict[str, Any] = shops.get("vindexes", {})
    existing = {*tables, "alembic_version"}

    for name, table in sorted(tables.items()):
        if name in PLATFORM_TABLES:
            if "shop_id" in table.c:
                problems.append(f"{name}: a platform table with shop_id belongs in a shard")
            continue
        if "shop_id" not in table.c:
            problems.append(f"{name}: a business table without shop_id")
            continue
        primary = [column.name for column in table.primary_key.columns]
        if primary[:1] != ["shop_id"]:
            problems.append(f"{name}: its primary key {primary} does not start with shop_id")
        spec = shops["tables"].get(name)  # None: reported below as missing from the VSchema
        column_vindexes = (spec or {}).get("column_vindexes", [])
        first = column_vindexes[0] if column_vindexes else {}
        kind = vindexes.get(first.get("name", ""), {}).get("type")
        if spec is not None and (first.get("column") != "shop_id" or kind not in HASH_VINDEX_TYPES):
            problems.append(f"{name}: its primary vindex must be a hash of shop_id, not {first}")
        looked_up: dict[tuple[str, ...], dict[str, Any]] = {
            (entry["column"],): vindexes.get(entry["name"], {})
            for entry in column_vindexes[1:]
            if "column" in entry
        }
        for key in unique_keys(table):
            if "shop_id" in key:
                continue
            vindex = looked_up.get(key)
            if vindex is None or vindex.get("type") not in UNIQUE_LOOKUP_TYPES:
                problems.append(
                    f"{name}: unique key {key} without shop_id and no unique lookup vindex"
                )
            elif vindex.get("owner") != name:
                problems.append(f"{name}: the lookup vindex for {key} is not owned by {name}")

    for vindex_name, vindex in sorted(vindexes.items()):
        if vindex.get("type") not in UNIQUE_LOOKUP_TYPES:
            continue
        params = vindex.get("params", {})
        keyspace, _, backing = params.get("table", "").partition(".")
        if keyspace != PLATFORM_KEYSPACE or backing not in platform.get("tables", {}):
            problems.append(f"vindex {vindex_name}: its lookup table is not in {PLATFORM_KEYSPACE}")
        elif lookup_tables.get(backing) != (params.get("from"),):
            problems.append(
                f"vindex {vindex_name}: platform_lookups.sql must create {backing} keyed by "
                f"{params.get('from')}"
            )
        if params.get("to") != "keyspace_id":
            problems.append(f"vindex {vindex_name}: 'to' must be keyspace_id")

    platform_named = set(platform.get("tables", {}))
    shops_named = set(shops.get("tables", {}))
    for name in sorted(platform_named & shops_named):
        problems.append(f"{name}: named in both keyspaces")
    for name in sorted(existing - platform_named - shops_named):
        problems.append(f"{name}: missing from the VSchema")
    for name in sorted((platform_named | shops_named) - existing - set(lookup_tables)):
        problems.append(f"{name}: the VSchema names a table that does not exist")
    for name in sorted(PLATFORM_TABLES - platform_named):
        problems.append(f"{name}: a platform table must be in the {PLATFORM_KEYSPACE} keyspace")
    for name in sorted(platform_named - PLATFORM_TABLES - set(lookup_tables)):
        problems.append(f"{name}: only platform and lookup tables are unsharded")
    return problems


@pytest.fixture(scope="module")
def vschema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(VSCHEMA.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def lookups() -> dict[str, tuple[str, ...]]:
    return lookup_sql_tables(LOOKUPS_SQL.read_text(encoding="utf-8"))


def test_every_hub_table_shards_by_shop_as_the_vschema_says(
    vschema: dict[str, Any], lookups: dict[str, tuple[str, ...]]
) -> None:
    assert sharding_problems(hub_tables(), vschema, lookups) == []


def test_the_shop_hash_is_the_one_primary_vindex(vschema: dict[str, Any]) -> None:
    shops = vschema["keyspaces"][SHOPS_KEYSPACE]
    primaries = {spec["column_vindexes"][0]["name"] for spec in shops["tables"].values()}
    assert primaries == {"shop_hash"}  # one vindex: a shop's rows share one keyspace id
    assert shops["vindexes"]["shop_hash"]["type"] == "xxhash"  # shop_id is CHAR(32) on MySQL
    # The feed counter moves with the shop: it is routed by the same vindex as the feed.
    assert shops["tables"]["shop_feed_counter"] == shops["tables"]["change_feed"]


def _table(metadata: MetaData, name: str, *extra: Any) -> Table:
    from sqlalchemy import Column, String, Uuid  # noqa: PLC0415

    return Table(
        name,
        metadata,
        Column("shop_id", Uuid, primary_key=True),
        Column("id", Uuid, primary_key=True),
        Column("code", String(20)),
        *extra,
    )


def test_the_check_catches_what_would_break_sharding(
    vschema: dict[str, Any], lookups: dict[str, tuple[str, ...]]
) -> None:
    """Each kind of mistake, added to copies of the real tables, is reported."""
    from sqlalchemy import Column, String, Uuid  # noqa: PLC0415

    scratch = MetaData()
    tables = {name: table.to_metadata(scratch) for name, table in hub_tables().items()}
    tables["gift_card"] = _table(scratch, "gift_card", UniqueConstraint("code"))
    tables["loyalty_note"] = Table(
        "loyalty_note", scratch, Column("id", Uuid, primary_key=True), Column("x", String(5))
    )
    tables["scheme"] = _table(scratch, "scheme", UniqueConstraint("shop_id", "code"))
    problems = sharding_problems(tables, vschema, lookups)
    assert "gift_card: unique key ('code',) without shop_id and no unique lookup vindex" in (
        problems
    )
    assert "loyalty_note: a business table without shop_id" in problems
    assert "scheme: missing from the VSchema" in problems

    edited = json.loads(json.dumps(vschema))
    del edited["keyspaces"][SHOPS_KEYSPACE]["tables"]["invoice"]
    edited["keyspaces"][SHOPS_KEYSPACE]["tables"]["estimate"] = {
        "column_vindexes": [{"column": "shop_id", "name": "shop_hash"}]
    }
    tenant = edited["keyspaces"][SHOPS_KEYSPACE]["tables"]["tenant"]
    tenant["column_vindexes"] = tenant["column_vindexes"][:1]
    problems = sharding_problems(hub_tables(), edited, lookups)
    assert "invoice: missing from the VSchema" in problems
    assert "estimate: the VSchema names a table that does not exist" in problems
    assert (
        "tenant: unique key ('login_code',) without shop_id and no unique lookup vindex" in problems
    )
    assert sharding_problems(hub_tables(), vschema, {}) != []  # lookup tables must be created


@pytest.mark.integration
def test_the_lookup_tables_are_valid_mariadb_and_keyed_by_their_value(
    mariadb_url: str, lookups: dict[str, tuple[str, ...]]
) -> None:
    engine = create_engine(mariadb_url)
    try:
        with engine.begin() as connection:
            lines = LOOKUPS_SQL.read_text(encoding="utf-8").splitlines()
            script = "\n".join(line for line in lines if not line.startswith("--"))
            for statement in script.split(";"):
                if statement.strip():
                    connection.exec_driver_sql(statement)
        inspector = inspect(engine)
        assert set(inspector.get_table_names()) == set(lookups)
        for name, key in lookups.items():
            assert tuple(inspector.get_pk_constraint(name)["constrained_columns"]) == key
    finally:
        engine.dispose()
