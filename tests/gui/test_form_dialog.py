"""Enter accepts a form dialog wherever the focus has been: the OK button stays the dialog's
default after it had the focus and lost it (a customer found by phone focuses it; the clerk
then corrects a field and presses Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.dialog import FormDialog


class _Form(FormDialog):
    def __init__(self) -> None:
        super().__init__("A form", accept_text="Save (Enter)")
        self.field = QLineEdit()
        self.form.addRow("Field", self.field)
        self.submitted = 0

    def submit(self) -> bool:
        self.submitted += 1
        return True


def test_enter_in_a_field_accepts_after_the_ok_button_had_the_focus(qtbot: QtBot) -> None:
    dialog = _Form()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.ok_button.setFocus()
    qtbot.waitUntil(dialog.ok_button.hasFocus)
    dialog.field.setFocus()
    qtbot.waitUntil(dialog.field.hasFocus)
    assert dialog.ok_button.isDefault()

    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert dialog.submitted == 1
    assert dialog.result() == FormDialog.DialogCode.Accepted
