"""The status bar's licence part: days left from 30 days before the end, a warning in grace,
red once invoices stop.

It judges the licence again after every sync report (a renewal arrives with a pull), each time
a screen is shown, and once a minute (the date changes while the window is open). Judging only
reads the counter's settings, so it is cheap enough to do that often. Screens that care (billing)
get the new status through `changed`.
"""

from __future__ import annotations

from typing import Final, Protocol, runtime_checkable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from desktop.licensing.policy import Level, LicenceStatus
from desktop.services.context import CounterContext
from desktop.services.licence import licence_status
from desktop.ui.theme import ERROR, MUTED, WARNING, WARNING_BG

RECHECK_MS: Final = 60_000

STYLES: Final = {
    Level.QUIET: f"color: {MUTED};",
    Level.NOTICE: f"color: {WARNING}; font-weight: bold;",
    Level.WARNING: (
        f"color: {WARNING}; background: {WARNING_BG}; border: 1px solid #e0b44a; "
        "border-radius: 3px; padding: 1px 6px; font-weight: bold;"
    ),
    Level.STOPPED: (
        f"color: white; background: {ERROR}; border-radius: 3px; padding: 1px 6px; "
        "font-weight: bold;"
    ),
}


@runtime_checkable
class LicenceAware(Protocol):
    """A screen that changes with the licence (the billing screen)."""

    def show_licence(self, status: LicenceStatus) -> None: ...


class LicenceStatusLabel(QLabel):
    """Shows the licence in the status bar; emits `changed` with each fresh judgement."""

    changed = Signal(object)

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licenceState")
        self._ctx = ctx
        self.status: LicenceStatus | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Judge the licence now and show it."""
        self.show_status(licence_status(self._ctx))

    @Slot(object)
    def after_sync(self, _report: object) -> None:
        """Connected to the sync label's report signal: the round may have brought a licence.
        A slot of this (GUI-thread) object, so Qt queues the call from the sync thread."""
        self.refresh()

    def show_status(self, status: LicenceStatus) -> None:
        self.status = status
        self.setText(status.status_line())
        self.setToolTip(status.explain())
        self.setProperty("level", status.level.value)
        self.setStyleSheet(STYLES[status.level])
        self.changed.emit(status)
