"""F2 Stock: find pieces (tag, HUID, text; metal, purity, status), add one, import a CSV, and
print tags for the selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.settings import load_settings
from desktop.services.stock import PieceView
from desktop.ui.dialogs.csv_import import CsvImportDialog
from desktop.ui.dialogs.output import list_printers_safely
from desktop.ui.dialogs.piece import PieceDialog
from desktop.ui.dialogs.tags import TagsDialog
from desktop.ui.keys import shortcut
from desktop.ui.screens.base import Screen
from desktop.ui.screens.billing import print_folder
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.stock import STATUSES, StockViewModel
from desktop.ui.widgets.table import Column, RecordTable
from shared.purity import Metal, default_catalogue

PIECE_COLUMNS: list[Column[PieceView]] = [
    Column("Tag", lambda p: p.tag_code),
    Column("Item", lambda p: p.description, stretch=True),
    Column("Metal", lambda p: p.metal.title()),
    Column("Purity", lambda p: p.purity_label),
    Column("Gross", lambda p: p.gross.format(), numeric=True),
    Column("Stone", lambda p: p.stone.format(), numeric=True),
    Column("Net", lambda p: p.net.format(), numeric=True),
    Column("Making", lambda p: p.making_text, numeric=True),
    Column("HUID", lambda p: p.huid or ""),
    Column("Status", lambda p: p.status.replace("_", " ")),
]


class StockScreen(Screen):
    title = "Stock"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = StockViewModel(ctx, actor)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("stockSearch")
        self.search.setPlaceholderText("Tag, HUID, barcode or item name")
        self.metal = QComboBox()
        self.metal.setObjectName("metalFilter")
        self.metal.addItem("Any metal", "")
        for metal in Metal:
            self.metal.addItem(metal.value.title(), metal.value)
        self.purity = QComboBox()
        self.purity.setObjectName("purityFilter")
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        for value, label in STATUSES:
            self.status.addItem(label, value)
        for label, widget in (
            ("Find", self.search),
            ("Metal", self.metal),
            ("Purity", self.purity),
            ("Status", self.status),
        ):
            caption = QLabel(label)
            caption.setProperty("role", "muted")
            filters.addWidget(caption)
            filters.addWidget(widget, 3 if widget is self.search else 1)
        self.layout_.addLayout(filters)
        self.table: RecordTable[PieceView] = RecordTable(PIECE_COLUMNS)
        self.table.setObjectName("stockTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.layout_.addWidget(self.table, 1)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.layout_.addWidget(self.count)
        help_line = QLabel(
            "Enter search · ↓ to the list (Shift/Ctrl+arrows select) · Ctrl+N add piece · "
            "Ctrl+I import CSV · Ctrl+P print tags of the selection"
        )
        help_line.setProperty("role", "muted")
        self.layout_.addWidget(help_line)
        self._fill_purities()
        self.search.returnPressed.connect(self.refresh)
        self.metal.currentIndexChanged.connect(self._metal_changed)
        self.purity.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        shortcut(self.search, Qt.Key.Key_Down, self.table.setFocus)
        shortcut(self, "Ctrl+N", self.add_piece)
        shortcut(self, "Ctrl+I", self.import_csv)
        shortcut(self, "Ctrl+P", self.print_tags)
        self.model.error.connect(self.show_error)

    def focus_target(self) -> QWidget:
        return self.search

    def _metal_changed(self) -> None:
        self._fill_purities()
        self.refresh()

    def _fill_purities(self) -> None:
        self.purity.blockSignals(True)
        self.purity.clear()
        self.purity.addItem("Any purity", None)
        metal = str(self.metal.currentData() or "")
        grades = (
            default_catalogue().for_metal(metal)
            if metal
            else [grade for m in Metal for grade in default_catalogue().for_metal(m)]
        )
        for grade in grades:
            self.purity.addItem(str(grade), grade.fineness)
        self.purity.blockSignals(False)

    def refresh(self) -> None:
        fineness = self.purity.currentData()
        pieces = self.model.attempt(
            lambda: self.model.search(
                self.search.text(),
                str(self.metal.currentData() or ""),
                int(fineness) if fineness is not None else None,
                str(self.status.currentData() or ""),
            )
        )
        if pieces is None:
            return
        self.table.set_rows(pieces)
        self.count.setText(
            f"{len(pieces)} piece(s) shown" + (" (first 500)" if len(pieces) >= 500 else "")
        )

    def add_piece(self) -> None:
        dialog = PieceDialog(self.model, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            self.show_ok(f"Piece {dialog.added.tag_code} added to stock.")
            self.search.setText(dialog.added.tag_code)
            self.refresh()
        self.refocus(self.search)

    def import_csv(self) -> None:
        dialog = CsvImportDialog(self.model, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.imported_count is not None:
            self.show_ok(f"{dialog.imported_count} piece(s) imported.")
            self.refresh()
        self.refocus(self.search)

    def print_tags(self) -> None:
        pieces = self.table.selected_records()
        if not pieces:
            self.show_error(
                UserMessage("Select the pieces whose tags to print (↓ then Shift+arrows).")
            )
            return
        settings = load_settings(self.ctx)
        dialog = TagsDialog(
            self.model,
            pieces,
            print_folder(self.ctx) / "tags.pdf",
            list_printers_safely(),
            stock=settings.tag_stock,
            printer=settings.tag_printer,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.outcome is not None:
            self.show_ok(dialog.outcome.describe())
