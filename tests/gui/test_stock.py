"""The stock screen by keyboard: a CSV with errors imports nothing and lists every error; a
clean file imports in the background; a new piece is validated in its form; tags print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services.stock import PieceFilter, find_piece, search_pieces
from desktop.ui.dialogs.csv_import import CsvImportDialog
from desktop.ui.screens.stock import StockScreen
from tests.gui.driver import DialogDriver, child, key, keys, press, show_active
from tests.gui.seed import SeededCounter

HEADER = "tag_code,metal,purity,gross_weight,description,huid,making_mode,making_value\n"
GOOD = (
    HEADER
    + "IMP-0001,gold,22K916,10.500,Imported ring,IM01AB,per_gram,400\n"
    + "IMP-0002,silver,925,25.000,Silver anklet,,flat,300\n"
)
BAD = (
    HEADER
    + "IMP-0001,gold,22K916,10.500,Imported ring,IM01AB,per_gram,400\n"
    + "IMP-0002,gold,22K961,10.000,Bad purity,IM02AB,per_gram,400\n"
    + "IMP-0003,gold,22K916,abc,Bad weight,IM03AB,per_gram,400\n"
)


def stock_screen(qtbot: QtBot, counter: SeededCounter) -> StockScreen:
    screen = StockScreen(counter.ctx, counter.owner)
    show_active(qtbot, screen)
    screen.activate()
    return screen


def test_a_csv_with_errors_imports_nothing_and_lists_each_error(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    screen = stock_screen(qtbot, counter)
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    seen: dict[str, object] = {}

    def import_bad(dialog: QDialog) -> None:
        assert isinstance(dialog, CsvImportDialog)
        keys(qtbot, dialog.path, str(bad))
        key(qtbot, dialog.path, Qt.Key.Key_Return)
        seen["errors"] = [(e.line, e.column) for e in dialog.error_table.records.rows]
        seen["enabled"] = dialog.ok_button.isEnabled()
        seen["summary"] = dialog.summary.text()
        key(qtbot, dialog, Qt.Key.Key_Return)  # must not import
        seen["after_enter"] = dialog.isVisible()
        key(qtbot, dialog, Qt.Key.Key_Escape)

    driver = DialogDriver().then(import_bad)
    press(qtbot, screen.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    lines = [line for line, _ in seen["errors"]]  # type: ignore[attr-defined]
    assert 3 in lines
    assert 4 in lines
    assert seen["enabled"] is False
    assert "nothing will be imported" in str(seen["summary"])
    assert seen["after_enter"] is True
    assert find_piece(counter.ctx, "IMP-0001") is None


def test_a_clean_csv_imports_every_row_in_the_background(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    screen = stock_screen(qtbot, counter)
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")

    def import_good(dialog: QDialog) -> None:
        assert isinstance(dialog, CsvImportDialog)
        keys(qtbot, dialog.path, str(good))
        key(qtbot, dialog.path, Qt.Key.Key_Return)
        assert dialog.rows.records.rowCount() == 2
        assert dialog.ok_button.isEnabled()
        key(qtbot, dialog.ok_button, Qt.Key.Key_Return)

    driver = DialogDriver().then(import_good)
    press(qtbot, screen.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    assert "2 piece(s) imported" in screen.banner.text()
    assert find_piece(counter.ctx, "IMP-0002") is not None
    assert len(search_pieces(counter.ctx, PieceFilter(text="IMP-"))) == 2


def test_add_piece_shows_errors_under_the_field_then_adds(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    screen = stock_screen(qtbot, counter)

    def add(dialog: QDialog) -> None:
        fields = {name: child(dialog, name) for name in ("tag_code", "gross_weight", "huid")}
        keys(qtbot, fields["tag_code"], "G22-0001")  # taken already
        keys(qtbot, fields["gross_weight"], "7.5")
        keys(qtbot, fields["huid"], "NEW123")
        key(qtbot, fields["huid"], Qt.Key.Key_Return)
        error = dialog.findChild(QLabel, "error_tag_code")
        assert error is not None
        assert error.isVisible(), "a tag code already in stock must be refused"
        tag = fields["tag_code"]
        assert isinstance(tag, QLineEdit)
        tag.clear()
        keys(qtbot, tag, "G22-0100")
        key(qtbot, tag, Qt.Key.Key_Return)

    driver = DialogDriver().then(add)
    press(qtbot, screen.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    added = find_piece(counter.ctx, "G22-0100")
    assert added is not None
    assert added.huid == "NEW123"
    assert added.gross.value == 7500
    assert "G22-0100" in screen.banner.text()


def test_filters_and_tags_for_the_selection(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    screen = stock_screen(qtbot, counter)
    assert screen.table.records.rowCount() == 6
    keys(qtbot, screen.search, "HG90FD")
    press(qtbot, screen.search, Qt.Key.Key_Return)
    assert [p.tag_code for p in screen.table.records.rows] == ["G22-0005"]
    screen.search.clear()
    screen.status.setCurrentIndex(screen.status.findData("sold"))
    assert screen.table.records.rowCount() == 0
    screen.status.setCurrentIndex(screen.status.findData(""))
    screen.metal.setCurrentIndex(screen.metal.findData("gold"))
    assert screen.table.records.rowCount() == 6

    press(qtbot, screen.search, Qt.Key.Key_Down)
    assert screen.table.hasFocus()
    press(qtbot, screen.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    target = tmp_path / "tags.pdf"

    def tags(dialog: QDialog) -> None:
        path = child(dialog, "path")
        assert isinstance(path, QLineEdit)
        path.clear()
        keys(qtbot, path, str(target))
        key(qtbot, path, Qt.Key.Key_Return)

    driver = DialogDriver().then(tags)
    press(qtbot, screen.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    assert target.read_bytes().startswith(b"%PDF")
    assert "Saved" in screen.banner.text()
