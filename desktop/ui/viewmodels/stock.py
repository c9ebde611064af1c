"""Stock: tag a new piece, import many from CSV, find pieces, and print their tags."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.stock import PieceFilter, PieceInput, PieceView, add_piece, search_pieces
from desktop.services.stock_import import ImportPreview, import_csv, preview_csv
from desktop.ui.viewmodels.base import ViewModel
from desktop.ui.viewmodels.documents import tags_pdf
from desktop.ui.viewmodels.printing import PrintOutcome, print_pdf, save_pdf
from shared.errors import InvalidInput
from shared.money import Milligrams, Paise, parse_grams, parse_rupees

STATUSES: tuple[tuple[str, str], ...] = (
    ("", "Any status"),
    ("in_stock", "In stock"),
    ("sold", "Sold"),
    ("returned", "Returned"),
    ("reserved", "Reserved"),
    ("removed", "Removed"),
)
MAKING_MODES: tuple[tuple[str, str], ...] = (
    ("per_gram", "₹ per gram"),
    ("percent", "% of metal"),
    ("flat", "Flat ₹"),
)


@dataclass(frozen=True, slots=True)
class PieceForm:
    """The add-piece form as typed; `to_input` turns it into the service's PieceInput."""

    tag_code: str = ""
    description: str = ""
    metal: str = "gold"
    purity: str = ""
    gross_weight: str = ""
    stone_weight: str = ""
    net_weight: str = ""
    barcode: str = ""
    huid: str = ""
    making_mode: str = "per_gram"
    making_value: str = ""
    wastage_percent: str = ""
    stone_value: str = ""
    hallmark_fee: str = ""

    def to_input(self) -> PieceInput:
        if not self.tag_code.strip():
            raise InvalidInput("type the tag code", "tag_code")
        if not self.purity.strip():
            raise InvalidInput("choose the purity", "purity")
        if not self.gross_weight.strip():
            raise InvalidInput("type the gross weight in grams", "gross_weight")
        return PieceInput(
            tag_code=self.tag_code.strip().upper(),
            metal=self.metal,
            purity=self.purity.strip(),
            gross_weight=_grams(self.gross_weight, "gross_weight"),
            description=self.description.strip(),
            stone_weight=_grams(self.stone_weight or "0", "stone_weight"),
            net_weight=_grams(self.net_weight, "net_weight") if self.net_weight.strip() else None,
            barcode=self.barcode.strip() or None,
            huid=self.huid.strip().upper() or None,
            making_mode=self.making_mode,
            making_value=self.making_value.strip() or "0",
            wastage_percent=self.wastage_percent.strip() or "0",
            stone_value=_rupees(self.stone_value or "0", "stone_value"),
            hallmark_fee=_rupees(self.hallmark_fee or "0", "hallmark_fee"),
        )


def _grams(text: str, field: str) -> Milligrams:
    try:
        return parse_grams(text)
    except InvalidInput as error:
        raise error.at(field) from None


def _rupees(text: str, field: str) -> Paise:
    try:
        return parse_rupees(text)
    except InvalidInput as error:
        raise error.at(field) from None


class StockViewModel(ViewModel):
    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor
        self.preview: ImportPreview | None = None
        self._preview_text = ""

    def search(
        self, text: str = "", metal: str = "", fineness: int | None = None, status: str = ""
    ) -> list[PieceView]:
        query = PieceFilter(
            text=text.strip(), metal=metal or None, fineness=fineness, status=status or None
        )
        return search_pieces(self._ctx, query)

    def add(self, form: PieceForm) -> PieceView | None:
        added = self.attempt(lambda: add_piece(self._ctx, self._actor, form.to_input()))
        if added is not None:
            self.changed.emit(None)
        return added

    # --- CSV import: read, preview, then all or nothing ------------------------------------

    def load_csv(self, path: Path) -> ImportPreview | None:
        def act() -> ImportPreview:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise InvalidInput(f"could not read {path.name}: {error}", "file") from None
            return self.preview_text(text)

        return self.attempt(act)

    def preview_text(self, text: str) -> ImportPreview:
        self.preview = preview_csv(self._ctx, text)
        self._preview_text = text
        return self.preview

    def import_work(self) -> Callable[[Callable[[int, int, str], None]], int]:
        """The import as a job for the background runner (it reports progress, then the count).

        Refused up front when the preview found errors: the service would refuse too, and
        nothing is imported either way."""
        if self.preview is None:
            raise InvalidInput("open a CSV file first", "file")
        if self.preview.errors:
            raise InvalidInput(
                f"the file has {len(self.preview.errors)} error(s); nothing was imported. "
                "Fix them in the file and open it again",
                "file",
            )
        text, rows = self._preview_text, len(self.preview.rows)

        def work(progress: Callable[[int, int, str], None]) -> int:
            progress(0, rows, f"Importing {rows} pieces…")
            count = import_csv(self._ctx, self._actor, text)
            progress(rows, rows, "Done")
            return count

        return work

    def imported(self) -> None:
        self.preview = None
        self._preview_text = ""
        self.changed.emit(None)

    # --- tags --------------------------------------------------------------------------------

    def save_tags(
        self, pieces: Sequence[PieceView], stock: str, target: Path, *, with_qr: bool = False
    ) -> PrintOutcome | None:
        def act() -> PrintOutcome:
            codes = _codes(pieces)
            return save_pdf(tags_pdf(self._ctx, codes, stock, with_qr=with_qr), target)

        return self.attempt(act)

    def print_tags(
        self, pieces: Sequence[PieceView], stock: str, printer: str | None, *, with_qr: bool = False
    ) -> PrintOutcome | None:
        def act() -> PrintOutcome:
            pdf = tags_pdf(self._ctx, _codes(pieces), stock, with_qr=with_qr)
            return print_pdf(pdf, "tags.pdf", printer)

        return self.attempt(act)


def _codes(pieces: Sequence[PieceView]) -> list[str]:
    if not pieces:
        raise InvalidInput("select the pieces whose tags to print")
    return [piece.tag_code for piece in pieces]
