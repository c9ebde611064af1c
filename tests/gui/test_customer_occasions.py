"""The customer dialog's Birthday and Anniversary fields, typed DD-MM-YYYY by keyboard.

The shop's date here is 15 September 2025 (tests/gui/seed.py). A screenshot of the filled form
is written to $BOOLAGOLD_SCREENSHOTS (default: the system temp folder) for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.services.customers import find_by_phone, search_customers
from desktop.ui.dialogs.customer import CustomerDialog
from desktop.ui.viewmodels.customers import CustomersViewModel
from tests.gui.driver import key, keys, show_active, shown_errors
from tests.gui.seed import SeededCounter


def _screenshot_folder() -> Path:
    return Path(os.environ.get("BOOLAGOLD_SCREENSHOTS", tempfile.gettempdir()))


def _dialog(qtbot: QtBot, counter: SeededCounter) -> CustomerDialog:
    model = CustomersViewModel(counter.ctx, counter.owner)
    dialog = CustomerDialog(model, title="New customer", accept_text="Save (Enter)")
    show_active(qtbot, dialog, (520, 560))
    return dialog


def test_birthday_and_anniversary_are_typed_saved_and_shown_on_edit(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    dialog = _dialog(qtbot, counter)
    keys(qtbot, dialog.phone, "9123456780")
    key(qtbot, dialog.phone, Qt.Key.Key_Return)  # look-up: unknown, focus moves to the name
    assert dialog.name.hasFocus()
    keys(qtbot, dialog.name, "Kiran Patil")
    keys(qtbot, dialog.birth_date, "07-03-1988")
    keys(qtbot, dialog.anniversary, "14/02/2012")
    shot = _screenshot_folder() / "customer-dialog-occasions.png"
    assert dialog.grab().save(str(shot))
    key(qtbot, dialog.anniversary, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, shown_errors(dialog)
    saved = find_by_phone(counter.ctx, "9123456780")
    assert saved is not None
    assert (saved.birth_date, saved.anniversary) == (dt.date(1988, 3, 7), dt.date(2012, 2, 14))

    model = CustomersViewModel(counter.ctx, counter.owner)
    edit = CustomerDialog(model, existing=saved, title="Edit customer")
    show_active(qtbot, edit, (520, 560))
    assert (edit.birth_date.text(), edit.anniversary.text()) == ("07-03-1988", "14-02-2012")
    edit.birth_date.clear()
    key(qtbot, edit.anniversary, Qt.Key.Key_Return)
    assert edit.result() == QDialog.DialogCode.Accepted, shown_errors(edit)
    cleared = find_by_phone(counter.ctx, "9123456780")
    assert cleared is not None
    assert (cleared.birth_date, cleared.anniversary) == (None, dt.date(2012, 2, 14))


def test_a_bad_or_future_date_is_shown_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    dialog = _dialog(qtbot, counter)
    keys(qtbot, dialog.phone, "9123456781")
    keys(qtbot, dialog.name, "Ravi Kumar")
    keys(qtbot, dialog.birth_date, "31-02-1990")
    key(qtbot, dialog.birth_date, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "31-02-1990 is not a date on the calendar" in shown_errors(dialog)

    dialog.birth_date.clear()
    keys(qtbot, dialog.anniversary, "01-01-2026")
    key(qtbot, dialog.anniversary, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "anniversary 01-01-2026 is in the future" in shown_errors(dialog)
    shot = _screenshot_folder() / "customer-dialog-future-anniversary.png"
    assert dialog.grab().save(str(shot))
    assert search_customers(counter.ctx, "Ravi") == []
