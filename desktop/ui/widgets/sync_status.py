"""The status bar's sync part: online or offline, records waiting, last sync, conflicts.

The sync runs on its own thread (`sync.runner.SyncRunner`) so billing never waits for the
network; its reports cross to the GUI thread through a Qt signal (queued), never by touching a
widget from the sync thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop.services.clock import SHOP_TZ
from desktop.services.context import CounterContext
from desktop.sync.link import hub_url, sync_round, transport_for
from sync.client import SyncRefused
from sync.http_transport import HttpTransport
from sync.runner import RoundResult, SyncRunner, SyncStatus

ERROR_STYLE = "color: #b42318; font-weight: bold;"
OK_STYLE = "color: #1a7f37;"
IDLE_STYLE = "color: #57606a;"


def describe(status: SyncStatus) -> tuple[str, str]:
    """The status bar's words and colour for a sync status."""
    if status.refused:
        return f"Sync stopped: {status.message}", ERROR_STYLE
    conflicts = (
        f" · {status.conflicts} conflict{'s' if status.conflicts != 1 else ''}: see the hub"
        if status.conflicts
        else ""
    )
    last = (
        f"last sync {status.last_success.astimezone(SHOP_TZ):%d %b %H:%M}"
        if status.last_success
        else "not synced yet"
    )
    if status.online:
        style = ERROR_STYLE if status.conflicts else OK_STYLE
        return f"Online · {status.pending} waiting · {last}{conflicts}", style
    return f"Offline · {status.pending} waiting · {last}{conflicts}", (
        ERROR_STYLE if status.conflicts else IDLE_STYLE
    )


class SyncStatusLabel(QLabel):
    """Shows the runner's reports; `changed` carries them from the sync thread."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncState")
        self.changed.connect(self.show_status)

    def show_status(self, status: object) -> None:
        if isinstance(status, SyncStatus):
            text, style = describe(status)
            self.setText(text)
            self.setStyleSheet(style)


class SyncLink:
    """Starts the background sync for an enrolled counter; a standalone counter says so."""

    def __init__(
        self,
        ctx: CounterContext,
        label: SyncStatusLabel,
        round_once: Callable[[], RoundResult] | None = None,
        interval: float = 30.0,
    ) -> None:
        self.runner: SyncRunner | None = None
        self._transport: HttpTransport | None = None
        if round_once is None:
            if hub_url(ctx) is None:
                label.setText("Not linked to a hub")
                label.setToolTip("Enrol this counter: boolagold counter enroll --hub URL CODE")
                label.setStyleSheet(IDLE_STYLE)
                return
            try:
                transport = transport_for(ctx)
            except SyncRefused as refused:
                label.setText(f"Sync stopped: {refused}")
                label.setStyleSheet(ERROR_STYLE)
                return
            self._transport = transport
            round_once = lambda: sync_round(ctx, transport)  # noqa: E731
        label.setText("Connecting to the hub…")
        label.setStyleSheet(IDLE_STYLE)
        self.runner = SyncRunner(
            round_once, now=ctx.clock.now, interval=interval, on_status=label.changed.emit
        )
        self.runner.start()

    def nudge(self) -> None:
        """After a sale or a return: sync soon rather than at the next interval."""
        if self.runner is not None:
            self.runner.nudge()

    def stop(self) -> None:
        """Stop the thread, then close the hub connection (a kept-alive socket otherwise leaks)."""
        if self.runner is not None:
            self.runner.stop()
            self.runner = None
        if self._transport is not None:
            self._transport.close()
            self._transport = None
