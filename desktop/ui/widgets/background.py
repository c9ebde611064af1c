"""Long work (a CSV import, a backup) off the window's thread, with a progress dialog.

The window must never freeze for long: a frozen counter looks crashed, and a clerk who kills it
mid-backup does real harm. The work runs in Qt's thread pool; its progress and its result come
back to the window's thread through queued signals (the Electrum pattern), so widgets are only
ever touched from the thread that owns them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

R = TypeVar("R")
Progress = Callable[[int, int, str], None]
"""Called by the work as it goes: (done, total, what) — total 0 means "unknown"."""


class _Relay(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable, Generic[R]):
    def __init__(self, work: Callable[[Progress], R], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work(self._relay.progress.emit)
        except Exception as error:
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class BackgroundTask(QObject, Generic[R]):
    """One piece of work in flight; `done` is True once its result or error was delivered.

    The relay that carries results back is owned by Python, not by the window: if the window
    is closed while the work runs, the result arrives at a relay that still exists and is
    dropped, instead of at a destroyed widget."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[Progress], R],
        on_done: Callable[[R], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(parent)
        self.done = False
        self._on_done = on_done
        self._on_error = on_error
        self._relay = _Relay()
        self._dialog = QProgressDialog(title, "", 0, 0, parent)
        self._dialog.setWindowTitle(title)
        self._dialog.setCancelButton(None)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(400)
        self._dialog.setAutoClose(False)
        self._relay.progress.connect(self._show_progress)
        self._relay.succeeded.connect(self._succeed)
        self._relay.failed.connect(self._fail)
        QThreadPool.globalInstance().start(_Job(work, self._relay))

    def _alive(self) -> bool:
        return shiboken6.isValid(self) and shiboken6.isValid(self._dialog)

    def _show_progress(self, done: int, total: int, what: str) -> None:
        if not self._alive():
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total else 0)
        if what:
            self._dialog.setLabelText(what)

    def _finish(self) -> bool:
        self.done = True
        if not self._alive():
            return False
        self._dialog.reset()
        self._dialog.close()
        return True

    def _succeed(self, result: R) -> None:
        if self._finish():
            self._on_done(result)

    def _fail(self, error: Exception) -> None:
        if self._finish():
            self._on_error(error)
