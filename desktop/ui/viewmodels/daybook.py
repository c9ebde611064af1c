"""The day book: one shop day's invoices, exchanges, credit notes and payments, and its export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.reports import DayBook, build_day_book, day_book_csv, render_day_book_pdf
from desktop.services.context import CounterContext
from desktop.ui.viewmodels.base import ViewModel
from desktop.ui.viewmodels.printing import PrintOutcome, print_pdf, save_pdf
from shared.errors import InvalidInput


class DayBookViewModel(ViewModel):
    def __init__(self, ctx: CounterContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.book: DayBook | None = None

    def today(self) -> dt.date:
        return self._ctx.today()

    def load(self, day: dt.date) -> DayBook:
        with self._ctx.session() as session:
            self.book = build_day_book(session, self._ctx.shop_id, day)
        self.changed.emit(None)
        return self.book

    def _require(self) -> DayBook:
        if self.book is None:
            raise InvalidInput("open a day first")
        return self.book

    def export_pdf(self, target: Path) -> PrintOutcome | None:
        return self.attempt(lambda: save_pdf(render_day_book_pdf(self._require()), target))

    def export_csv(self, target: Path) -> Path | None:
        def act() -> Path:
            path = target if target.suffix.lower() == ".csv" else target.with_suffix(".csv")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("w", encoding="utf-8", newline="") as handle:
                    handle.write(day_book_csv(self._require()))
            except OSError as error:
                raise InvalidInput(f"could not save {path}: {error.strerror or error}") from None
            return path

        return self.attempt(act)

    def print(self, printer: str | None) -> PrintOutcome | None:
        def act() -> PrintOutcome:
            book = self._require()
            return print_pdf(render_day_book_pdf(book), f"day-book-{book.day}.pdf", printer)

        return self.attempt(act)
