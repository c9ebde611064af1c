"""Invoices by keyboard: find the invoice, reprint it, and take a sales return that issues a
credit note, prints it, and puts the piece back in stock."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services.stock import find_piece
from desktop.ui.screens.invoices import InvoicesScreen
from tests.gui.driver import DialogDriver, Step, child, key, keys, press, show_active
from tests.gui.seed import SeededCounter, sell


def save_to(qtbot: QtBot, target: Path) -> Step:
    """Answer the print dialog: save the PDF at `target`."""

    def output(dialog: QDialog) -> None:
        path = child(dialog, "path")
        assert isinstance(path, QLineEdit)
        path.clear()
        keys(qtbot, path, str(target))
        key(qtbot, path, Qt.Key.Key_Return)

    return output


def invoices_screen(qtbot: QtBot, counter: SeededCounter) -> InvoicesScreen:
    screen = InvoicesScreen(counter.ctx, counter.owner)
    show_active(qtbot, screen)
    screen.activate()
    return screen


def test_find_and_reprint(qtbot: QtBot, counter: SeededCounter, tmp_path: Path) -> None:
    number = sell(counter, "G22-0001")
    sell(counter, "G22-0002")
    screen = invoices_screen(qtbot, counter)
    assert screen.table.records.rowCount() == 2
    keys(qtbot, screen.search, number)
    press(qtbot, screen.search, Qt.Key.Key_Return)
    assert [i.number for i in screen.table.records.rows] == [number]
    assert screen.lines.records.rowCount() == 1
    press(qtbot, screen.search, Qt.Key.Key_Down)
    target = tmp_path / "reprint.pdf"
    driver = DialogDriver().then(save_to(qtbot, target))
    press(qtbot, screen.table, Qt.Key.Key_Return)
    driver.stop()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert number in text


def test_sales_return_issues_a_credit_note_and_restocks(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    number = sell(counter, "G22-0003")
    screen = invoices_screen(qtbot, counter)
    press(qtbot, screen.search, Qt.Key.Key_Down)
    target = tmp_path / "credit-note.pdf"

    def give_back(dialog: QDialog) -> None:
        assert dialog.objectName() == "salesReturnDialog"
        key(qtbot, child(dialog, "reason"), Qt.Key.Key_Return)

    driver = DialogDriver().then(give_back).then(save_to(qtbot, target))
    press(qtbot, screen.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    assert "Credit note" in screen.banner.text()
    piece = find_piece(counter.ctx, "G22-0003")
    assert piece is not None
    assert piece.status == "in_stock"
    row = screen.table.records.rows[0]
    assert row.number == number
    assert row.returned
    assert target.read_bytes().startswith(b"%PDF")
