"""The keyboard map of the counter: which function key opens which screen, and the shortcuts
every screen shares. One table, so the header, the tests and the help all agree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


class ScreenId(StrEnum):
    BILLING = "billing"
    STOCK = "stock"
    RATES = "rates"
    CUSTOMERS = "customers"
    INVOICES = "invoices"
    DAY_BOOK = "day_book"
    SETTINGS = "settings"


@dataclass(frozen=True, slots=True)
class ScreenKey:
    screen: ScreenId
    key: Qt.Key
    label: str
    caption: str


SCREEN_KEYS: Final = (
    ScreenKey(ScreenId.BILLING, Qt.Key.Key_F1, "F1", "Billing"),
    ScreenKey(ScreenId.STOCK, Qt.Key.Key_F2, "F2", "Stock"),
    ScreenKey(ScreenId.RATES, Qt.Key.Key_F3, "F3", "Rates"),
    ScreenKey(ScreenId.CUSTOMERS, Qt.Key.Key_F4, "F4", "Customers"),
    ScreenKey(ScreenId.INVOICES, Qt.Key.Key_F5, "F5", "Invoices"),
    ScreenKey(ScreenId.DAY_BOOK, Qt.Key.Key_F6, "F6", "Day book"),
    ScreenKey(ScreenId.SETTINGS, Qt.Key.Key_F7, "F7", "Settings"),
)


def shortcut(
    parent: QWidget,
    keys: QKeySequence | QKeySequence.StandardKey | Qt.Key | str,
    action: Callable[[], object],
    *,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QShortcut:
    """A shortcut active while focus is inside `parent` (a screen), so two screens may use the
    same key for their own action without clashing."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    made = QShortcut(sequence, parent)
    made.setContext(context)
    made.activated.connect(action)
    return made


class _EnterFilter(QObject):
    def __init__(self, parent: QWidget, action: Callable[[], object]) -> None:
        super().__init__(parent)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._action()
            return True
        return False


def on_enter(widget: QWidget, action: Callable[[], object]) -> None:
    """Make Enter in `widget` run `action` instead of reaching the dialog's default button
    (a phone field that looks the number up, a date field that loads the day)."""
    widget.installEventFilter(_EnterFilter(widget, action))
