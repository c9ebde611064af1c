"""The "movement" table: opening, in, sold, returned, other and closing stock between two dates.

Each piece's movements are folded in order (`stock_history`); an event counts in a column only
when it changed whether the piece was held, so a repeated or conflicting event cannot count a
piece twice. By construction, per metal and purity, in pieces and in grams of net weight:

    opening + in - sold + returned + other = closing

"other" is the signed sum of what neither a receipt, a sale nor a sales return did: pieces
removed, adjusted, or an event that left a piece in an unexpected state.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from hub.reports.stock_dates import day_end, day_start
from hub.reports.stock_format import count_text, grade_order, metal_title, totals_row
from hub.reports.stock_history import History, held_before
from hub.reports.stock_reads import HELD_STATUSES, PieceFacts
from hub.reports.stock_value import grade_label
from hub.reports.tabular import Column, ColumnKind, ReportTable
from shared.money import Milligrams
from shared.tables.vocabulary import MovementKind

FLOWS: Final = ("opening", "in", "sold", "returned", "other", "closing")
_FLOW_TITLES: Final = {
    "opening": "Opening",
    "in": "In",
    "sold": "Sold",
    "returned": "Returned",
    "other": "Other",
    "closing": "Closing",
}
MOVEMENT_COLUMNS: Final = (
    Column("metal", "Metal"),
    Column("purity", "Purity"),
    *(
        column
        for flow in FLOWS
        for column in (
            Column(f"{flow}_pieces", f"{_FLOW_TITLES[flow]} pieces", ColumnKind.COUNT),
            Column(f"{flow}_weight", f"{_FLOW_TITLES[flow]} net (g)", ColumnKind.MILLIGRAMS),
        )
    ),
)
_COLUMN_BY_KIND: Final = {
    MovementKind.RECEIVED.value: ("in", 1),
    MovementKind.SOLD.value: ("sold", -1),
    MovementKind.RETURNED.value: ("returned", 1),
}
"""Which column an event's change goes to, and the direction that column counts."""


@dataclass(slots=True)
class Flows:
    """One grade's figures: pieces and net milligrams per flow (sold counted as a positive)."""

    pieces: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FLOWS, 0))
    grams: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FLOWS, 0))

    def add(self, flow: str, count: int, net: Milligrams) -> None:
        self.pieces[flow] += count
        self.grams[flow] += count * net.value

    @property
    def moved(self) -> bool:
        return any(self.pieces.values())


def _fold_piece(
    flows: Flows, piece: PieceFacts, history: History, start: dt.datetime, end: dt.datetime
) -> None:
    held = False
    for event in history:
        if event.occurred_at >= end:
            break
        after = event.status_after in HELD_STATUSES
        if event.occurred_at >= start and after != held:
            change = 1 if after else -1
            flow, direction = _COLUMN_BY_KIND.get(event.kind, ("other", 0))
            if change == direction:
                flows.add(flow, 1, piece.net)
            else:
                flows.add("other", change, piece.net)
        held = after
    # Opening and closing are states, read again so they never depend on the column rules.
    flows.add("opening", 1 if held_before(history, start) else 0, piece.net)
    flows.add("closing", 1 if held else 0, piece.net)


def movement_flows(
    pieces: Sequence[PieceFacts],
    piece_histories: Mapping[uuid.UUID, History],
    date_from: dt.date,
    date_to: dt.date,
) -> dict[tuple[str, int], Flows]:
    """Per (metal, fineness), the flows between the start of `date_from` and the end of
    `date_to` (shop days). Pieces with no movements at all have no history to read."""
    start, end = day_start(date_from), day_end(date_to)
    by_grade: dict[tuple[str, int], Flows] = {}
    for piece in pieces:
        history = piece_histories.get(piece.id)
        if not history:
            continue
        flows = by_grade.setdefault((piece.metal, piece.purity_fineness), Flows())
        _fold_piece(flows, piece, history, start, end)
    return {key: flows for key, flows in by_grade.items() if flows.moved}


def movement_table(
    pieces: Sequence[PieceFacts],
    piece_histories: Mapping[uuid.UUID, History],
    date_from: dt.date,
    date_to: dt.date,
) -> ReportTable:
    flows = movement_flows(pieces, piece_histories, date_from, date_to)
    rows = tuple(
        (
            metal_title(metal),
            grade_label(metal, fineness),
            *(
                cell
                for flow in FLOWS
                for cell in (grade.pieces[flow], Milligrams(grade.grams[flow]))
            ),
        )
        for (metal, fineness), grade in sorted(flows.items(), key=lambda item: grade_order(item[0]))
    )
    untracked = sum(1 for piece in pieces if piece.held and not piece_histories.get(piece.id))
    note = (
        f"From the start of {date_from:%d-%m-%Y} to the end of {date_to:%d-%m-%Y}, from the "
        "pieces' movement records: opening + in - sold + returned + other = closing. Other is "
        "pieces removed or adjusted (signed). Reserved pieces are still stock."
    )
    if untracked:
        note += f" Not counted, having no movement record: {count_text(untracked)} in stock now."
    return ReportTable(
        key="movement",
        title=f"Movement {date_from:%d-%m-%Y} to {date_to:%d-%m-%Y}",
        columns=MOVEMENT_COLUMNS,
        rows=rows,
        totals=totals_row(rows, MOVEMENT_COLUMNS),
        note=note,
    )
