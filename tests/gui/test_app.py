"""The app's life by keyboard: first run on an empty folder, sign-in, the billing screen, sign
out and back in as someone else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.services.setup import get_profile, get_terminal
from desktop.ui.app import CounterApp
from desktop.ui.keys import ScreenId
from tests.gui.driver import DialogDriver, Step, child, key, keys, shown_errors
from tests.gui.seed import OWNER_PIN, SALES_PIN, SeededCounter


def sign_in_step(qtbot: QtBot, username: str, pin: str) -> Step:
    """Answer the sign-in dialog as `username`."""

    def answer(dialog: QDialog) -> None:
        name = child(dialog, "username")
        assert isinstance(name, QComboBox)
        name.setCurrentText(username)
        keys(qtbot, child(dialog, "secret"), pin)
        key(qtbot, child(dialog, "secret"), Qt.Key.Key_Return)

    return answer


def test_first_run_creates_the_shop_then_the_owner_signs_in(qtbot: QtBot, tmp_path: Path) -> None:
    seen: dict[str, str] = {}

    def set_up(dialog: QDialog) -> None:
        assert dialog.objectName() == "firstRunDialog"
        key(qtbot, child(dialog, "name"), Qt.Key.Key_Return)  # nothing typed yet
        under_name = dialog.findChild(QLabel, "error_name")
        assert under_name is not None
        seen["refusal"] = under_name.text() if under_name.isVisible() else ""
        keys(qtbot, child(dialog, "name"), "Mehta Gold House")
        address = child(dialog, "address")
        assert isinstance(address, QPlainTextEdit)
        address.setPlainText("3 Zaveri Bazaar, Mumbai")
        state = child(dialog, "state_code")
        assert isinstance(state, QComboBox)
        state.setCurrentIndex(state.findData("27"))
        keys(qtbot, child(dialog, "gstin"), "27AAGPK4321M1ZM")
        keys(qtbot, child(dialog, "display_name"), "Kavita Mehta")
        keys(qtbot, child(dialog, "secret"), "2580")
        key(qtbot, child(dialog, "secret"), Qt.Key.Key_Return)

    driver = DialogDriver().then(set_up).then(sign_in_step(qtbot, "owner", "2580"))
    counter = CounterApp(tmp_path / "fresh")
    try:
        assert counter.start()
        driver.stop()
        assert seen["refusal"]  # said under the empty shop name
        window = counter.window
        assert window is not None
        assert window.current is ScreenId.BILLING
        assert counter.ctx is not None
        assert get_profile(counter.ctx).gstin == "27AAGPK4321M1ZM"
        terminal = get_terminal(counter.ctx)  # fields left empty take the defaults shown
        assert (terminal.name, terminal.invoice_series) == ("Counter 1", "A1")
        assert "Kavita Mehta" in window.user_label.text()
    finally:
        counter.close()


def test_a_wrong_pin_then_sign_out_and_in_as_someone_else(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    counter.ctx.close()
    app = CounterApp(counter.data_dir, counter.clock)

    def wrong_then_right(dialog: QDialog) -> None:
        name = child(dialog, "username")
        assert isinstance(name, QComboBox)
        name.setCurrentText("owner")
        secret = child(dialog, "secret")
        assert isinstance(secret, QLineEdit)
        keys(qtbot, secret, "9999")
        key(qtbot, secret, Qt.Key.Key_Return)
        assert "wrong" in shown_errors(dialog).lower()
        assert dialog.isVisible()
        keys(qtbot, secret, OWNER_PIN)
        key(qtbot, secret, Qt.Key.Key_Return)

    try:
        driver = DialogDriver().then(wrong_then_right)
        assert app.start()
        driver.stop()
        window = app.window
        assert window is not None
        assert window.current is ScreenId.BILLING
        assert "Ravi Kumar" in window.user_label.text()

        driver = DialogDriver().then(sign_in_step(qtbot, "asha", SALES_PIN))
        window.sign_out_requested.emit()
        driver.stop()
        assert app.window is not None
        assert app.window is not window
        assert "Asha Rao" in app.window.user_label.text()
    finally:
        app.close()
