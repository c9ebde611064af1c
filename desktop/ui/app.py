"""Start the counter's window: `boolagold counter` (no subcommand) calls `run`.

The order matters to a shop: the data folder is opened (and its schema migrated, with a backup
first), the daily backup is taken if today has none, and only then does anyone sign in. The
window never opens on a database it could not open; the reason is shown instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.paths import resolve_data_dir
from desktop.services.actor import Actor
from desktop.services.backup import daily_backup
from desktop.services.clock import Clock
from desktop.services.context import CounterContext, open_counter
from desktop.services.setup import get_profile
from desktop.ui.dialogs.first_run import FirstRunDialog
from desktop.ui.dialogs.signin import SignInDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.registry import screen_factories
from desktop.ui.theme import apply_theme
from desktop.ui.viewmodels.signin import SignInViewModel
from shared.errors import InvalidInput


class CounterApp(QObject):
    """The app's life: open the folder, sign in, the main window, sign out, close.

    `window_shown` fires with each main window as it appears (the cold-start benchmark and the
    tests wait for it)."""

    window_shown = Signal(object)

    def __init__(self, data_dir: Path, clock: Clock | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.clock = clock
        self.ctx: CounterContext | None = None
        self.window: MainWindow | None = None
        self.backup_warning: str | None = None

    def open(self) -> CounterContext:
        """Open the data folder (migrating it) and take today's backup if there is none."""
        self.ctx = open_counter(self.data_dir, self.clock)
        if self.ctx.is_initialised:
            self._daily_backup()
        return self.ctx

    def _daily_backup(self) -> None:
        assert self.ctx is not None
        try:
            daily_backup(self.ctx)
        except (OSError, InvalidInput) as error:
            # A failed backup must not stop the day's sales; it is said on the status bar.
            self.backup_warning = f"Today's backup failed: {getattr(error, 'reason', error)}"

    def first_run(self) -> bool:
        """Ask for the shop's details on a fresh folder; False when the person backs out."""
        assert self.ctx is not None
        if self.ctx.is_initialised:
            return True
        return FirstRunDialog(self.ctx).exec() == QDialog.DialogCode.Accepted

    def sign_in(self) -> Actor | None:
        """The sign-in dialog (Esc quits); the signed-in person, or None."""
        assert self.ctx is not None
        dialog = SignInDialog(SignInViewModel(self.ctx), get_profile(self.ctx).name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def show_main(self, actor: Actor) -> MainWindow:
        assert self.ctx is not None
        window = MainWindow(self.ctx, actor, screen_factories())
        window.sign_out_requested.connect(self._sign_out)
        window.restart_requested.connect(self._restart)
        if self.backup_warning:
            window.statusBar().showMessage(self.backup_warning)
        self.window = window
        window.show()
        self.window_shown.emit(window)
        return window

    def start(self) -> bool:
        """Open, set up if new, sign in and show the window; False when the person quits."""
        self.open()
        if not self.first_run():
            return False
        actor = self.sign_in()
        if actor is None:
            return False
        self.show_main(actor)
        return True

    def _sign_out(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        actor = self.sign_in()
        if actor is None:
            QApplication.quit()
            return
        self.show_main(actor)

    def _restart(self) -> None:
        """After a restore: the database was replaced, so reopen it and sign in again."""
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if not self.start():
            QApplication.quit()

    def close(self) -> None:
        """At exit: today's backup if still missing, then release the database."""
        if self.window is not None:
            self.window.close()
            self.window = None
        if self.ctx is not None:
            if self.ctx.is_initialised:
                self._daily_backup()
            self.ctx.close()
            self.ctx = None


def run(data_dir: Path | None = None) -> int:
    """The counter's window; the process exit status (0 after a normal close)."""
    app = QApplication.instance()
    qt_app = app if isinstance(app, QApplication) else QApplication(sys.argv)
    qt_app.setApplicationName("BoolaGold")
    qt_app.setOrganizationName("BoolaGold")
    apply_theme(qt_app)
    counter = CounterApp(resolve_data_dir(data_dir))
    try:
        started = counter.start()
    except InvalidInput as refusal:
        QMessageBox.critical(None, "BoolaGold", refusal.reason[:1].upper() + refusal.reason[1:])
        counter.close()
        return 2
    if not started:
        counter.close()
        return 0
    try:
        return qt_app.exec()
    finally:
        counter.close()
