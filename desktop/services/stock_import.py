"""Stock import from CSV: parse, preview with row-level errors, then all-or-nothing commit.

The columns are documented in docs/counter-csv.md. Every row is validated exactly as the stock
form validates a piece (`stock.normalise`), plus duplicates within the file and against the shop;
an error names the file's line number and the column. `import_csv` writes every piece in one
transaction or, if any row is wrong, nothing at all.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select

from desktop.services.actor import Actor, Permission
from desktop.services.context import CounterContext
from desktop.services.stock import PieceInput, insert_piece, normalise
from shared.errors import InvalidInput
from shared.money import Milligrams, Paise, parse_grams, parse_rupees
from shared.tables import StockPiece

CSV_COLUMNS: Final = (
    "tag_code",
    "metal",
    "purity",
    "gross_weight",
    "stone_weight",
    "net_weight",
    "description",
    "barcode",
    "huid",
    "making_mode",
    "making_value",
    "wastage_percent",
    "stone_value",
    "stone_carats",
    "hallmark_fee",
    "hsn",
    "gst_rate",
)
REQUIRED: Final = frozenset({"tag_code", "metal", "purity", "gross_weight"})
MAX_ROWS: Final = 50_000


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportPreview:
    rows: list[PieceInput] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _row_input(record: dict[str, str]) -> PieceInput:
    def text(name: str) -> str:
        return (record.get(name) or "").strip()

    def grams(name: str) -> Milligrams | None:
        value = text(name)
        if not value:
            return None
        try:
            return parse_grams(value)
        except InvalidInput as error:
            raise InvalidInput(error.reason, name) from None

    def rupees(name: str) -> Paise:
        value = text(name)
        if not value:
            return Paise(0)
        try:
            return parse_rupees(value)
        except InvalidInput as error:
            raise InvalidInput(error.reason, name) from None

    for name in sorted(REQUIRED):
        if not text(name):
            raise InvalidInput("is required", name)
    gross = grams("gross_weight")
    assert gross is not None
    return PieceInput(
        tag_code=text("tag_code"),
        metal=text("metal"),
        purity=text("purity"),
        gross_weight=gross,
        description=text("description"),
        stone_weight=grams("stone_weight") or Milligrams(0),
        net_weight=grams("net_weight"),
        barcode=text("barcode") or None,
        huid=text("huid") or None,
        making_mode=text("making_mode") or "per_gram",
        making_value=text("making_value") or "0",
        wastage_percent=text("wastage_percent") or "0",
        stone_value=rupees("stone_value"),
        stone_carats=text("stone_carats") or "0",
        hallmark_fee=rupees("hallmark_fee"),
        hsn=text("hsn") or None,
        gst_rate=text("gst_rate") or None,
    )


def preview_csv(ctx: CounterContext, text: str) -> ImportPreview:
    """Every row checked; nothing written."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    errors: list[RowError] = []
    if not header:
        return ImportPreview(errors=[RowError(1, "header", "the file is empty")])
    unknown = [name for name in header if name not in CSV_COLUMNS]
    missing = sorted(REQUIRED - set(header))
    if unknown:
        errors.append(RowError(1, unknown[0], f"unknown column (known: {', '.join(CSV_COLUMNS)})"))
    if missing:
        errors.append(RowError(1, missing[0], "this column is required"))
    if errors:
        return ImportPreview(errors=errors)
    reader.fieldnames = header
    rows: list[PieceInput] = []
    lines: list[int] = []
    seen: dict[str, dict[str, int]] = {"tag_code": {}, "barcode": {}, "huid": {}}
    for record in reader:
        line = reader.line_num
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, "file", f"at most {MAX_ROWS} rows per import"))
            break
        if None in record:
            errors.append(RowError(line, "row", "more values than columns"))
            continue
        if not any((value or "").strip() for value in record.values()):
            continue
        try:
            piece = _row_input(record)
            normalised = normalise(piece)
        except InvalidInput as error:
            errors.append(RowError(line, (error.field or "row").split(".")[0], error.reason))
            continue
        duplicate = False
        for name, first_lines in seen.items():
            value = getattr(normalised, name)
            if value is None:
                continue
            if value in first_lines:
                errors.append(RowError(line, name, f"{value} is also on line {first_lines[value]}"))
                duplicate = True
            else:
                first_lines[value] = line
        if not duplicate:
            rows.append(piece)
            lines.append(line)
    errors.extend(_clashes(ctx, seen))
    if not rows and not errors:
        errors.append(RowError(2, "row", "the file has no pieces"))
    return ImportPreview(rows, lines, sorted(errors, key=lambda e: (e.line, e.column)))


def _clashes(ctx: CounterContext, seen: dict[str, dict[str, int]]) -> list[RowError]:
    """Codes already used by pieces in the shop (checked in chunks through the unique indexes)."""
    found: list[RowError] = []
    with ctx.session() as session:
        for name, values in seen.items():
            column = getattr(StockPiece, name)
            keys = list(values)
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                for (value,) in session.execute(
                    select(column).where(StockPiece.shop_id == ctx.shop_id, column.in_(chunk))
                ):
                    found.append(RowError(values[value], name, f"{value} is already in stock"))
    return found


def import_csv(ctx: CounterContext, actor: Actor, text: str) -> int:
    """Import every row or none; returns how many pieces were added."""
    actor.require(Permission.MANAGE_STOCK)
    result = preview_csv(ctx, text)
    if result.errors:
        shown = "; ".join(str(error) for error in result.errors[:5])
        more = f" (and {len(result.errors) - 5} more)" if len(result.errors) > 5 else ""
        raise InvalidInput(f"nothing was imported: {shown}{more}", "file")
    with ctx.write() as work:
        for piece in result.rows:
            insert_piece(work, actor, normalise(piece))
    return len(result.rows)
