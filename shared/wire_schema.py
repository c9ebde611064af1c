"""Which replicated columns each counter release knows, so the hub serves two releases at once.

The hub accepts the current counter and the previous one (DESIGN.md section 3). When a release
adds columns to a replicated table, a counter of the release before has no such columns: rows
pulled by it leave them out (its decoder refuses unknown columns, rightly), and rows pushed by it
cannot say anything about them, so the hub keeps its own values instead of emptying them.

Every message states the schema version its sender was built with (`schema_version` in push and
enrolment bodies, the `X-Sync-Schema` header on pulls). Counters released before messages said
so all had schema 2, so an unstated version is 2.

To add a column to a replicated table: make it nullable, bump `SCHEMA_VERSION`, and list the
column under the new version in `COLUMNS_ADDED` (tests/shared/test_wire_schema.py checks each
listed column exists and may be empty).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Final

from shared.tables.base import FIELD_STAMPS_COLUMN
from shared.wire import (
    JsonRow,
    dump_field_stamps,
    field_stamps,
    merged_fields,
    parse_field_stamps,
)

SCHEMA_VERSION: Final = 2
"""The replicated tables' shape this code reads and writes."""

UNSTATED_SCHEMA: Final = 2
"""What a message that states no schema version was built with (releases before the field)."""

COLUMNS_ADDED: Final[Mapping[int, Mapping[str, tuple[str, ...]]]] = {
    2: {"customer": ("birth_date", "anniversary")},
}
"""Per schema version, the columns it added to each replicated table."""

SCHEMA_HEADER: Final = "X-Sync-Schema"


def stated(version: int | None) -> int:
    """The schema a message was built with: its own word, or that of the releases before the
    field existed."""
    return UNSTATED_SCHEMA if version is None else version


def is_supported(version: int) -> bool:
    """This release and the one before are served; older counters are asked to update."""
    return version in (SCHEMA_VERSION, SCHEMA_VERSION - 1)


@functools.cache
def unknown_to(version: int, entity: str) -> tuple[str, ...]:
    """The columns of `entity` that a counter of schema `version` does not have."""
    return tuple(
        column
        for added_in, tables in sorted(COLUMNS_ADDED.items())
        if added_in > version
        for column in tables.get(entity, ())
    )


def for_counter(entity: str, row: JsonRow, version: int) -> JsonRow:
    """`row` as a counter of schema `version` reads it: newer columns (and their field stamps)
    left out."""
    newer = unknown_to(version, entity)
    if not newer:
        return row
    shown = {name: value for name, value in row.items() if name not in newer}
    if row.get(FIELD_STAMPS_COLUMN) is not None:
        stamps = parse_field_stamps(entity, row[FIELD_STAMPS_COLUMN])
        shown[FIELD_STAMPS_COLUMN] = dump_field_stamps(
            {name: stamp for name, stamp in stamps.items() if name not in newer}
        )
    return shown


def keep_hub_values(
    entity: str, incoming: Mapping[str, Any], existing: Mapping[str, Any] | None, version: int
) -> dict[str, Any]:
    """An older counter's decoded row with the columns it cannot know taken from the hub's row
    (a new row leaves them empty). For a table merged field by field, those fields also carry
    the hub's stamps, so the merge keeps the hub's values whatever the row's own stamp."""
    values = dict(incoming)
    newer = unknown_to(version, entity)
    if not newer:
        return values
    for name in newer:
        values[name] = None if existing is None else existing.get(name)
    if existing is not None and merged_fields(entity):
        ours = field_stamps(entity, existing)
        theirs = parse_field_stamps(entity, values.get(FIELD_STAMPS_COLUMN))
        theirs.update({name: ours[name] for name in newer if name in ours})
        values[FIELD_STAMPS_COLUMN] = dump_field_stamps(theirs)
    return values


__all__ = [
    "COLUMNS_ADDED",
    "SCHEMA_HEADER",
    "SCHEMA_VERSION",
    "UNSTATED_SCHEMA",
    "for_counter",
    "is_supported",
    "keep_hub_values",
    "stated",
    "unknown_to",
]
