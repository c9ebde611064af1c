"""Import pieces from a CSV file: preview every row, list every error with its line and column,
and import all rows or none.

The import itself runs in the background with a progress dialog, so a file of thousands of
pieces never freezes the window.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.services.stock import PieceInput
from desktop.services.stock_import import RowError
from desktop.ui.keys import on_enter
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.stock import StockViewModel
from desktop.ui.widgets.background import BackgroundTask
from desktop.ui.widgets.dialog import FormDialog
from desktop.ui.widgets.table import Column, RecordTable


class CsvImportDialog(FormDialog):
    def __init__(self, model: StockViewModel, parent: QWidget | None = None) -> None:
        super().__init__("Import pieces from CSV", parent, accept_text="Import all (Enter)")
        self.setObjectName("csvImportDialog")
        self.setMinimumSize(900, 620)
        self.model = model
        self.imported_count: int | None = None
        self.task: BackgroundTask[int] | None = None
        self.path = QLineEdit()
        self.path.setObjectName("csvPath")
        self.path.setPlaceholderText("path of the .csv file, then Enter to preview")
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path, 1)
        row_layout.addWidget(browse)
        self.errors.add_row("File", "file", row)
        self.summary = QLabel("No file opened yet.")
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.extra.addWidget(self.summary)
        self.error_table: RecordTable[RowError] = RecordTable(
            [
                Column("Line", lambda e: str(e.line), numeric=True),
                Column("Column", lambda e: e.column or ""),
                Column("Problem", lambda e: e.reason, stretch=True),
            ]
        )
        self.error_table.setObjectName("importErrors")
        self.error_table.wrap_text()
        self.error_table.setVisible(False)
        self.extra.addWidget(self.error_table, 1)
        self.rows: RecordTable[PieceInput] = RecordTable(
            [
                Column("Tag", lambda p: p.tag_code),
                Column("Item", lambda p: p.description, stretch=True),
                Column("Metal", lambda p: p.metal),
                Column("Purity", lambda p: p.purity),
                Column("Gross", lambda p: p.gross_weight.format(), numeric=True),
                Column("HUID", lambda p: p.huid or ""),
            ]
        )
        self.rows.setObjectName("importRows")
        self.extra.addWidget(self.rows, 2)
        self.ok_button.setEnabled(False)
        on_enter(self.path, self.load)
        self.show_errors_of(model)
        self.path.setFocus()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "CSV file", "", "CSV (*.csv)")
        if chosen:
            self.path.setText(chosen)
            self.load()

    def load(self) -> None:
        self.errors.clear()
        text = self.path.text().strip()
        if not text:
            self.show_error(UserMessage("Type the path of the CSV file.", "file"))
            return
        preview = self.model.load_csv(Path(text).expanduser())
        if preview is None:
            return
        self.rows.set_rows(preview.rows)
        self.error_table.set_rows(preview.errors)
        self.error_table.setVisible(bool(preview.errors))
        if preview.errors:
            self.summary.setText(
                f"{len(preview.errors)} error(s) in the file: nothing will be imported. "
                "Fix these lines and open the file again."
            )
            self.summary.setProperty("role", "error")
            self.ok_button.setEnabled(False)
            self.error_table.setFocus()
        else:
            self.summary.setText(f"{len(preview.rows)} piece(s) ready. Press Enter to import all.")
            self.summary.setProperty("role", "")
            self.ok_button.setEnabled(bool(preview.rows))
            self.ok_button.setFocus()
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def submit(self) -> bool:
        if self.task is not None and not self.task.done:
            return False
        work = self.model.attempt(self.model.import_work)
        if work is None:
            return False
        self.ok_button.setEnabled(False)
        self.task = BackgroundTask(self, "Importing pieces", work, self._imported, self._failed)
        return False

    def _imported(self, count: int) -> None:
        self.imported_count = count
        self.model.imported()
        # Past FormDialog.accept (which would submit again), and after the relay's signal has
        # returned: closing the dialog from inside that delivery ends the dialog's event loop
        # under the running slot.
        QTimer.singleShot(0, self, self._close_accepted)

    def _close_accepted(self) -> None:
        if shiboken6.isValid(self) and self.isVisible():
            QDialog.accept(self)

    def _failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        text = getattr(error, "reason", None) or str(error)
        self.show_error(UserMessage(text[:1].upper() + text[1:] + " Nothing was imported."))
