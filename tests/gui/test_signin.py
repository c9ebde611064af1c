"""Sign-in by keyboard: a wrong PIN is refused under the PIN field, the right one signs in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop.services.actor import Actor
from desktop.ui.dialogs.signin import SignInDialog
from desktop.ui.viewmodels.signin import SignInViewModel
from tests.gui.driver import key, keys
from tests.gui.seed import OWNER_PIN, SeededCounter


def signed_in(dialog: SignInDialog) -> Actor | None:
    """Read afresh (a plain attribute read would stay narrowed to None for the type checker)."""
    return dialog.actor


def test_a_wrong_pin_is_refused_and_the_right_one_signs_in(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    dialog = SignInDialog(SignInViewModel(counter.ctx), "Lakshmi Jewellers")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setCurrentText("")
    keys(qtbot, dialog.username, "owner")
    key(qtbot, dialog.username, Qt.Key.Key_Tab)
    keys(qtbot, dialog.secret, "0000")
    key(qtbot, dialog.secret, Qt.Key.Key_Return)

    error = dialog.findChild(QLabel, "error_secret")
    assert error is not None
    assert error.isVisible()
    assert "wrong" in error.text().lower()
    assert dialog.secret.text() == ""  # cleared for the next try
    assert dialog.isVisible()
    assert dialog.actor is None

    keys(qtbot, dialog.secret, OWNER_PIN)
    key(qtbot, dialog.secret, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    actor = signed_in(dialog)
    assert actor is not None
    assert actor.username == "owner"


def test_an_empty_user_name_is_asked_for(qtbot: QtBot, counter: SeededCounter) -> None:
    dialog = SignInDialog(SignInViewModel(counter.ctx), "Lakshmi Jewellers")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setCurrentText("")
    keys(qtbot, dialog.secret, OWNER_PIN)
    key(qtbot, dialog.secret, Qt.Key.Key_Return)
    error = dialog.findChild(QLabel, "error_username")
    assert error is not None
    assert error.isVisible()
    assert dialog.actor is None
