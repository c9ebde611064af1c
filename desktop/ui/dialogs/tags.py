"""Print tags for the selected pieces: the tag stock, an optional QR, and file or printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QRadioButton, QWidget

from desktop.services.stock import PieceView
from desktop.ui.viewmodels.documents import TAG_STOCKS
from desktop.ui.viewmodels.printing import PrintOutcome
from desktop.ui.viewmodels.stock import StockViewModel
from desktop.ui.widgets.dialog import FormDialog


class TagsDialog(FormDialog):
    def __init__(
        self,
        model: StockViewModel,
        pieces: list[PieceView],
        default_path: Path,
        printers: list[str],
        *,
        stock: str = "dumbbell_95x12",
        printer: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Print tags", parent, accept_text="Print tags (Enter)")
        self.setObjectName("tagsDialog")
        self.model = model
        self.pieces = pieces
        self.outcome: PrintOutcome | None = None
        codes = ", ".join(piece.tag_code for piece in pieces[:8])
        more = f" and {len(pieces) - 8} more" if len(pieces) > 8 else ""
        about = QLabel(f"{len(pieces)} tag(s): {codes}{more}")
        about.setWordWrap(True)
        self.form.addRow(about)
        self.stock = QComboBox()
        self.stock.setObjectName("tagStock")
        for value, label in TAG_STOCKS:
            self.stock.addItem(label, value)
        self.stock.setCurrentIndex(max(self.stock.findData(stock), 0))
        self.errors.add_row("Tag stock", "stock", self.stock)
        self.qr = QCheckBox("Add a QR code")
        self.qr.setObjectName("withQr")
        self.form.addRow("", self.qr)
        self.to_printer = QRadioButton("Send to printer")
        self.to_printer.setObjectName("toPrinter")
        self.to_file = QRadioButton("Save as PDF")
        self.to_file.setChecked(True)
        self.form.addRow("Output", self.to_file)
        self.form.addRow("", self.to_printer)
        self.path = QLineEdit(str(default_path))
        self.path.setObjectName("path")
        self.errors.add_row("PDF file", "path", self.path)
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItem("(system default)", "")
        for name in printers:
            self.printer.addItem(name, name)
        if printer:
            self.printer.setCurrentIndex(max(self.printer.findData(printer), 0))
        self.errors.add_row("Printer", "printer", self.printer)
        self.show_errors_of(model)
        self.path.setFocus()

    def submit(self) -> bool:
        stock = str(self.stock.currentData())
        with_qr = self.qr.isChecked()
        if self.to_printer.isChecked():
            name = self.printer.currentText().strip()
            printer = None if name in ("", "(system default)") else name
            self.outcome = self.model.print_tags(self.pieces, stock, printer, with_qr=with_qr)
        else:
            target = Path(self.path.text().strip()).expanduser()
            self.outcome = self.model.save_tags(self.pieces, stock, target, with_qr=with_qr)
        return self.outcome is not None
