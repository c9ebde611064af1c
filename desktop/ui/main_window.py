"""The main window: a row of function-key captions, the current screen, and the status bar.

F1–F7 switch screens from anywhere in the window (dialogs are modal, so a key pressed in a
dialog stays there). Screens other than billing are built the first time they are opened, which
keeps the cold start to the billing screen short.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.licensing.policy import LicenceStatus
from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.licence import observe_time
from desktop.services.rates import rates_missing_today
from desktop.services.setup import get_profile, get_terminal
from desktop.ui.keys import SCREEN_KEYS, ScreenId, shortcut
from desktop.ui.screens.base import Screen
from desktop.ui.widgets.licence_status import LicenceAware, LicenceStatusLabel
from desktop.ui.widgets.sync_status import SyncLink, SyncStatusLabel
from sync.runner import RoundResult

ScreenFactory = Callable[[CounterContext, Actor], Screen]


class MainWindow(QMainWindow):
    """Emits `sign_out_requested` (Ctrl+L) and `restart_requested` (after a restore)."""

    sign_out_requested = Signal()
    restart_requested = Signal()

    def __init__(
        self,
        ctx: CounterContext,
        actor: Actor,
        factories: dict[ScreenId, ScreenFactory],
        parent: QWidget | None = None,
        *,
        sync_round: Callable[[], RoundResult] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self._factories = factories
        self.screens: dict[ScreenId, Screen] = {}
        self.current: ScreenId | None = None
        self.setObjectName("mainWindow")
        profile = get_profile(ctx)
        terminal = get_terminal(ctx)
        self.setWindowTitle(f"BoolaGold — {profile.name}")
        self.resize(1280, 800)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        bar = QWidget()
        bar.setObjectName("screenBar")
        bar_row = QHBoxLayout(bar)
        bar_row.setContentsMargins(8, 4, 8, 4)
        self._captions: dict[ScreenId, QLabel] = {}
        for key in SCREEN_KEYS:
            caption = QLabel(f"{key.label}  {key.caption}")
            caption.setProperty("fkey", "true")
            bar_row.addWidget(caption)
            self._captions[key.screen] = caption
            shortcut(
                self,
                key.key,
                partial(self.show_screen, key.screen),
                context=Qt.ShortcutContext.WindowShortcut,
            )
        bar_row.addStretch(1)
        sign_out = QLabel("Ctrl+L  Sign out")
        sign_out.setProperty("fkey", "true")
        bar_row.addWidget(sign_out)
        shortcut(
            self, "Ctrl+L", self.sign_out_requested.emit, context=Qt.ShortcutContext.WindowShortcut
        )
        column.addWidget(bar)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.user_label = QLabel(f"{actor.display_name} ({actor.role.value})")
        self.shop_label = QLabel(profile.name)
        self.terminal_label = QLabel(f"{terminal.name} · series {terminal.invoice_series}")
        self.rates_label = QLabel()
        self.rates_label.setObjectName("ratesState")
        for label in (self.user_label, self.shop_label, self.terminal_label):
            status.addWidget(label)
        self.sync_label = SyncStatusLabel()
        status.addPermanentWidget(self.sync_label)
        status.addPermanentWidget(self.rates_label)
        # The licence: judged after every sync report (a renewal comes with a pull).
        observe_time(ctx)  # the counter's clock at start, for the never-back clock
        self.licence_label = LicenceStatusLabel(ctx)
        status.addPermanentWidget(self.licence_label)
        self.licence_label.changed.connect(self._licence_changed)
        self.sync_label.changed.connect(self.licence_label.after_sync)
        self.sync = SyncLink(ctx, self.sync_label, sync_round)
        self.refresh_status()
        self.show_screen(ScreenId.BILLING)

    def screen_for(self, screen_id: ScreenId) -> Screen:
        """The screen, built on first use."""
        if screen_id not in self.screens:
            built = self._factories[screen_id](self.ctx, self.actor)
            built.setObjectName(f"screen_{screen_id.value}")
            built.records_written.connect(self.sync.nudge)
            self.screens[screen_id] = built
            self.stack.addWidget(built)
        return self.screens[screen_id]

    def show_screen(self, screen_id: ScreenId) -> None:
        target = self.screen_for(screen_id)
        self.stack.setCurrentWidget(target)
        self.current = screen_id
        for key, caption in self._captions.items():
            caption.setProperty("fkey", "current" if key is screen_id else "true")
            caption.style().unpolish(caption)
            caption.style().polish(caption)
        target.activate()
        self.refresh_status()

    def _licence_changed(self, status: object) -> None:
        if not isinstance(status, LicenceStatus):
            return
        for screen in self.screens.values():
            if isinstance(screen, LicenceAware):
                screen.show_licence(status)

    def refresh_status(self) -> None:
        self.licence_label.refresh()
        missing = rates_missing_today(self.ctx)
        if missing:
            self.rates_label.setText("Rates missing today: " + ", ".join(missing))
            self.rates_label.setStyleSheet("color: #b42318; font-weight: bold;")
        else:
            self.rates_label.setText("Today's rates set")
            self.rates_label.setStyleSheet("color: #1a7f37;")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.sync.stop()
        for screen in self.screens.values():
            screen.close()
        super().closeEvent(event)
