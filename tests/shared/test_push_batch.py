"""A push batch's records are checked in C; the answer is the value-by-value checks' answer,
batch for batch: the same records for a batch both accept, and the same refusal (and field)
for every other one."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.errors import InvalidInput
from shared.wire import (
    MAX_BATCH_RECORDS,
    PushedRecord,
    _checked_records,
    parse_push_batch,
)

_ids = st.uuids().flatmap(
    lambda u: st.sampled_from([str(u), str(u).upper(), u.hex, "{" + str(u) + "}", "not-an-id"])
)
_odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=2**64),
    st.floats(allow_nan=False),
    st.text(max_size=70),
    st.just([]),
    st.just({}),
)
_FIELDS = ("seq", "mutation_id", "entity", "entity_id", "op", "row")


@st.composite
def _records(draw: st.DrawFn) -> list[Any]:
    """Records as a counter sends them, some of them spoiled one field at a time."""
    first = draw(st.integers(min_value=1, max_value=2**63 - 10))
    records: list[Any] = []
    for index in range(draw(st.integers(min_value=0, max_value=5))):
        record: dict[str, Any] = {
            "seq": first + index,
            "mutation_id": draw(_ids),
            "entity": draw(st.sampled_from(["invoice", "stock_piece", "x" * 65, ""])),
            "entity_id": draw(_ids),
            "op": draw(st.sampled_from(["insert", "update", "delete", "upsert"])),
            "row": {"id": "a", "n": index},
        }
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            field = draw(st.sampled_from(_FIELDS))
            if draw(st.booleans()):
                del record[field]
            else:
                record[field] = draw(_odd_values)
        records.append(record if draw(st.integers(0, 20)) else draw(_odd_values))
    shuffled: bool = draw(st.booleans())
    if records and shuffled:
        records = list(draw(st.permutations(records)))
    return records


def _answer(parse: Any, records: list[Any]) -> tuple[PushedRecord, ...] | tuple[str, str]:
    try:
        return tuple(parse(records))
    except InvalidInput as refused:
        return (refused.reason, refused.field or "")


def _batch(records: list[Any]) -> dict[str, Any]:
    return {
        "protocol_version": 1,
        "app_version": "0.1.0",
        "terminal_id": str(uuid.uuid4()),
        "pending": 0,
        "records": records,
    }


@settings(max_examples=400, deadline=None)
@given(_records())
def test_the_fast_path_agrees_with_the_checks(records: list[Any]) -> None:
    def parse(items: list[Any]) -> tuple[PushedRecord, ...]:
        return parse_push_batch(_batch(items)).records

    assert _answer(parse, records) == _answer(_checked_records, records)


def test_a_refusal_names_the_record_and_field() -> None:
    good = {
        "seq": 1,
        "mutation_id": str(uuid.uuid4()),
        "entity": "invoice",
        "entity_id": str(uuid.uuid4()),
        "op": "insert",
        "row": {},
    }
    cases: list[tuple[dict[str, Any], str]] = [
        ({"seq": True}, "records[1].seq"),
        ({"seq": 0}, "records[1].seq"),
        ({"seq": 3}, "records[1].seq"),
        ({"op": "upsert"}, "records[1].op"),
        ({"op": []}, "records[1].op"),
        ({"entity_id": "nope"}, "records[1].entity_id"),
        ({"row": []}, "records[1].row"),
    ]
    for change, field in cases:
        second = {**good, "seq": 2, **change}
        with pytest.raises(InvalidInput) as refused:
            parse_push_batch(_batch([good, second]))
        assert refused.value.field == field, change


def test_a_batch_over_the_limit_is_refused_before_its_records_are_read() -> None:
    with pytest.raises(InvalidInput, match="at most 500") as refused:
        parse_push_batch(_batch([None] * (MAX_BATCH_RECORDS + 1)))
    assert refused.value.field == "records"
