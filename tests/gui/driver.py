"""Answering modal dialogs from a test, by keyboard.

A screen opens a dialog with `exec()`, which runs its own event loop and does not return until
the dialog closes. The test queues what to do in each dialog that will appear, in order; a timer
in that nested loop finds the new modal dialog and runs the next step on it (typing, Enter).
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

Step = Callable[[QDialog], None]
GRACE_MS = 15_000


class DialogDriver:
    def __init__(self) -> None:
        self._steps: deque[Step] = deque()
        self.handled: list[str] = []
        self.failures: list[BaseException] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def then(self, step: Step) -> DialogDriver:
        self._steps.append(step)
        return self

    @property
    def pending(self) -> int:
        return len(self._steps)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.property("driven") or not dialog.isVisible():
            return
        if not self._steps:
            return
        dialog.setProperty("driven", True)
        step = self._steps.popleft()
        self.handled.append(dialog.objectName())
        try:
            step(dialog)
        except BaseException as error:  # a failed check must not leave the dialog hanging
            traceback.print_exc()
            self.failures.append(error)
            dialog.reject()
            return
        # A step may leave its dialog open for work that closes it later (an import running
        # in the background); one still open after the grace period would hang the test.
        QTimer.singleShot(GRACE_MS, dialog, lambda: self._overdue(dialog))

    def _overdue(self, dialog: QDialog) -> None:
        if dialog.isVisible():
            self.failures.append(
                AssertionError(f"{dialog.objectName()} was still open after its step")
            )
            dialog.reject()

    def stop(self) -> None:
        self._timer.stop()
        if self.failures:
            raise self.failures[0]


def child(dialog: QWidget, name: str) -> QWidget:
    found = dialog.findChild(QWidget, name)
    assert found is not None, f"{dialog.objectName()} has no child named {name!r}"
    return found


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key that may open dialogs; afterwards wait until the window is active again (a window
    manager would reactivate it at once; offscreen Qt does so on the next event-loop turn)."""
    qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]
    window = widget.window()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def shown_errors(dialog: QWidget) -> str:
    """The text of every error line the dialog shows (under fields or on top)."""
    return " | ".join(
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.property("role") == "error" and label.isVisible() and label.text()
    )


def show_active(qtbot: QtBot, widget: QWidget, size: tuple[int, int] = (1280, 800)) -> None:
    """Show `widget` as the active window (keyboard shortcuts and focus need one)."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5_000)


def keys(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type `text` into `widget` key by key, as a person or a scanner would."""
    qtbot.keyClicks(widget, text)  # type: ignore[no-untyped-call]


def key(
    qtbot: QtBot,
    widget: QWidget,
    which: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press one key (with a modifier) in `widget`."""
    qtbot.keyClick(widget, which, modifier)  # type: ignore[no-untyped-call]
