"""F6 Day book: one shop day's invoices, old-gold vouchers, credit notes and money by mode, with
the totals the shop closes against and the day's last audit hash; print or export it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.reports import DayBook, DayBookCreditNote, DayBookExchange, DayBookInvoice, ModeTotal
from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.ui.dialogs.output import list_printers_safely
from desktop.ui.keys import on_enter, shortcut
from desktop.ui.screens.base import Screen
from desktop.ui.screens.billing import print_folder
from desktop.ui.viewmodels.daybook import DayBookViewModel
from desktop.ui.widgets.dialog import FormDialog
from desktop.ui.widgets.table import Column, RecordTable

TOTALS = (
    ("invoice_count", "Invoices"),
    ("taxable", "Taxable value"),
    ("cgst", "CGST"),
    ("sgst", "SGST"),
    ("igst", "IGST"),
    ("round_off", "Round-off"),
    ("grand_total", "Sales (grand total)"),
    ("old_gold", "Old gold bought"),
    ("net_payable", "Net payable"),
    ("credit_note_total", "Credit notes"),
    ("received", "Money received"),
    ("refunded", "Money refunded"),
)
EXPORTS = (("pdf", "Save PDF"), ("csv", "Save CSV (spreadsheet)"), ("print", "Send PDF to printer"))


class ExportDialog(FormDialog):
    """How to take the day book away: a PDF, a CSV, or the printer."""

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__("Print or export the day book", parent, accept_text="Go (Enter)")
        self.setObjectName("dayBookExport")
        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        for value, label in EXPORTS:
            self.kind.addItem(label, value)
        self.errors.add_row("Output", "kind", self.kind)
        self.path = QLineEdit(str(default_path))
        self.path.setObjectName("path")
        self.errors.add_row("File", "path", self.path)
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItem("(system default)", "")
        for name in list_printers_safely():
            self.printer.addItem(name, name)
        self.errors.add_row("Printer", "printer", self.printer)
        self.kind.setFocus()


class DayBookScreen(Screen):
    title = "Day book"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = DayBookViewModel(ctx)
        row = QHBoxLayout()
        caption = QLabel("Day")
        caption.setProperty("role", "muted")
        self.day = QDateEdit()
        self.day.setObjectName("dayBookDate")
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setCalendarPopup(True)
        today = ctx.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        row.addWidget(caption)
        row.addWidget(self.day)
        row.addStretch(1)
        self.layout_.addLayout(row)

        grid = QGridLayout()
        self.invoices: RecordTable[DayBookInvoice] = RecordTable(
            [
                Column("Invoice", lambda i: i.number),
                Column("Time", lambda i: f"{i.issued_at_local:%H:%M}"),
                Column("Buyer", lambda i: i.buyer_name, stretch=True),
                Column("Taxable", lambda i: i.taxable.format(), numeric=True),
                Column("Tax", lambda i: (i.cgst + i.sgst + i.igst).format(), numeric=True),
                Column("Total", lambda i: i.grand_total.format(), numeric=True),
                Column("Status", lambda i: i.status),
            ]
        )
        self.invoices.setObjectName("dayInvoices")
        self.exchanges: RecordTable[DayBookExchange] = RecordTable(
            [
                Column("Voucher", lambda e: e.voucher_number),
                Column("Seller", lambda e: e.seller_name, stretch=True),
                Column("Net", lambda e: e.net.format(), numeric=True),
                Column("Value", lambda e: e.value.format(), numeric=True),
            ]
        )
        self.credit_notes: RecordTable[DayBookCreditNote] = RecordTable(
            [
                Column("Credit note", lambda c: c.number),
                Column("Against", lambda c: c.invoice_number),
                Column("Buyer", lambda c: c.buyer_name, stretch=True),
                Column("Total", lambda c: c.grand_total.format(), numeric=True),
            ]
        )
        self.modes: RecordTable[ModeTotal] = RecordTable(
            [
                Column("Mode", lambda m: m.label, stretch=True),
                Column("Received", lambda m: m.received.format(), numeric=True),
                Column("Refunded", lambda m: m.refunded.format(), numeric=True),
                Column("Net", lambda m: m.net.format(), numeric=True),
            ]
        )
        self.modes.setObjectName("dayModes")
        boxes: tuple[tuple[str, QWidget], ...] = (
            ("Invoices", self.invoices),
            ("Money by mode", self.modes),
            ("Old gold vouchers", self.exchanges),
            ("Credit notes", self.credit_notes),
        )
        for position, (title, table) in enumerate(boxes):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            grid.addWidget(box, position // 2, position % 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.layout_.addLayout(grid, 1)
        self.totals = QGroupBox("Day totals")
        self.totals.setObjectName("dayTotals")
        figures = QGridLayout(self.totals)
        self.figures: dict[str, QLabel] = {}
        for index, (name, words) in enumerate(TOTALS):
            heading = QLabel(words)
            heading.setProperty("role", "muted")
            figure = QLabel("—")
            figure.setObjectName(f"day_{name}")
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name in ("grand_total", "received"):
                figure.setProperty("role", "total")
            grid_row, grid_column = divmod(index, 4)
            figures.addWidget(heading, grid_row, grid_column * 2)
            figures.addWidget(figure, grid_row, grid_column * 2 + 1)
            self.figures[name] = figure
        self.layout_.addWidget(self.totals)
        self.audit = QLabel()
        self.audit.setObjectName("dayAudit")
        self.audit.setProperty("role", "muted")
        self.audit.setWordWrap(True)
        self.layout_.addWidget(self.audit)
        help_line = QLabel("Type a date then Enter · Ctrl+P print or export (PDF / CSV)")
        help_line.setProperty("role", "muted")
        self.layout_.addWidget(help_line)
        on_enter(self.day, self.refresh)
        self.day.dateChanged.connect(lambda _: self.refresh())
        shortcut(self, "Ctrl+P", self.export)
        self.model.error.connect(self.show_error)

    def focus_target(self) -> QWidget:
        return self.day

    def chosen_day(self) -> dt.date:
        picked = self.day.date()
        return dt.date(picked.year(), picked.month(), picked.day())

    def refresh(self) -> None:
        book = self.model.load(self.chosen_day())
        self._show(book)

    def _show(self, book: DayBook) -> None:
        self.invoices.set_rows(book.invoices)
        self.exchanges.set_rows(book.exchanges)
        self.credit_notes.set_rows(book.credit_notes)
        self.modes.set_rows(book.payments_by_mode)
        totals = book.totals
        shown = {
            "invoice_count": str(totals.invoice_count),
            "taxable": totals.taxable.format(),
            "cgst": totals.cgst.format(),
            "sgst": totals.sgst.format(),
            "igst": totals.igst.format(),
            "round_off": totals.round_off.format(),
            "grand_total": totals.grand_total.format(),
            "old_gold": totals.old_gold.format(),
            "net_payable": totals.net_payable.format(),
            "credit_note_total": totals.credit_note_total.format(),
            "received": totals.received.format(),
            "refunded": totals.refunded.format(),
        }
        for name, text in shown.items():
            self.figures[name].setText(text)
        last = book.last_audit_hash
        self.audit.setText(
            f"Day's last audit hash: {last}" if last else "No audit events this day."
        )

    def export(self) -> None:
        day = self.chosen_day()
        if self.model.book is None or self.model.book.day != day:
            self.refresh()
        dialog = ExportDialog(print_folder(self.ctx) / f"day-book-{day.isoformat()}.pdf", self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind = str(dialog.kind.currentData())
        target = Path(dialog.path.text().strip()).expanduser()
        if kind == "csv":
            saved = self.model.export_csv(target)
            if saved is not None:
                self.show_ok(f"Saved {saved}")
            return
        if kind == "print":
            name = dialog.printer.currentText().strip()
            outcome = self.model.print(None if name in ("", "(system default)") else name)
        else:
            outcome = self.model.export_pdf(target)
        if outcome is not None:
            self.show_ok(outcome.describe())
