"""Where a document goes: the paper (for invoices), and a PDF file or a printer.

Kept keyboard-only: the file name is a text field prefilled with a sensible path (the clerk can
just press Enter), "Browse…" is there for those who want the system's file dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from desktop.printing import Paper
from desktop.ui.viewmodels.documents import PAPERS
from desktop.ui.viewmodels.printing import printers
from desktop.ui.widgets.dialog import FormDialog


@dataclass(frozen=True, slots=True)
class OutputChoice:
    paper: Paper
    to_printer: bool
    path: Path
    printer: str | None


class OutputDialog(FormDialog):
    def __init__(
        self,
        title: str,
        default_path: Path,
        printers: list[str],
        *,
        paper: Paper | None = Paper.A4,
        default_printer: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent, accept_text="Save / Print (Enter)")
        self.setObjectName("outputDialog")
        self.choice: OutputChoice | None = None
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for value, label in PAPERS:
            self.paper.addItem(label, value.value)
        if paper is not None:
            self.paper.setCurrentIndex(max(self.paper.findData(paper.value), 0))
            self.errors.add_row("Paper", "paper", self.paper)
        else:
            self.paper.setVisible(False)
        self.to_file = QRadioButton("Save as PDF")
        self.to_file.setObjectName("toFile")
        self.to_printer = QRadioButton("Send to printer")
        self.to_printer.setObjectName("toPrinter")
        self.to_file.setChecked(True)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.to_file)
        row.addWidget(self.to_printer)
        row.addStretch(1)
        self.form.addRow("Output", where)
        self.path = QLineEdit(str(default_path))
        self.path.setObjectName("path")
        browse = QPushButton("Browse…")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.path, 1)
        file_layout.addWidget(browse)
        self.errors.add_row("PDF file", "path", file_row)
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.printer.setEditable(True)
        self.printer.addItem("(system default)", "")
        for name in printers:
            self.printer.addItem(name, name)
        if default_printer:
            self.printer.setCurrentIndex(max(self.printer.findData(default_printer), 0))
        self.errors.add_row("Printer", "printer", self.printer)
        self.path.setFocus()
        self.path.selectAll()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save PDF", self.path.text(), "PDF (*.pdf)")
        if chosen:
            self.path.setText(chosen)

    def submit(self) -> bool:
        printer_text = self.printer.currentText().strip()
        printer = None if printer_text in ("", "(system default)") else printer_text
        self.choice = OutputChoice(
            paper=Paper(self.paper.currentData()),
            to_printer=self.to_printer.isChecked(),
            path=Path(self.path.text().strip()).expanduser(),
            printer=printer,
        )
        return True


def ask_output(
    parent: QWidget, title: str, default_path: Path, paper: str, printer: str | None
) -> OutputChoice | None:
    """Show the dialog with the shop's paper and printer preselected; None when backed out."""
    dialog = OutputDialog(
        title,
        default_path,
        list_printers_safely(),
        paper=Paper.parse(paper),
        default_printer=printer,
        parent=parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice


def list_printers_safely() -> list[str]:
    """The system's printers; none when the print system cannot be asked."""
    try:
        return printers()
    except OSError:
        return []
