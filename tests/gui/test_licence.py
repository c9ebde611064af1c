"""The licence in the window: days left in the status bar, the grace warning on the billing
screen, the red panel with F12 off once invoices stop (other screens still work), and a renewal
brought by the background sync lifting it without a restart. Time is the seeded counter's own
fixed clock; licences are signed with the test run's key, which every counter trusts."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.services.licence import accept_licence
from desktop.ui.keys import ScreenId
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.billing import BillingScreen
from desktop.ui.screens.registry import screen_factories
from desktop.ui.widgets.banner import Level
from shared.licence import sign_licence
from shared.tables import Invoice
from sync.runner import RoundResult
from tests.desktop.licences import SUPPORT, amc_licence, install_test_licence, suite_key
from tests.gui.driver import key, keys, press, show_active
from tests.gui.seed import SHOP_NOON, SeededCounter

SCREENSHOT_DIR_ENV = "BOOLAGOLD_SCREENSHOT_DIR"
"""Set to a folder to keep the pictures there (docs/screenshots/counter-licence-*.png)."""


def shoot(widget: QWidget, tmp_path: Path, name: str) -> None:
    QApplication.processEvents()
    picture = widget.grab()
    assert picture.save(str(tmp_path / name))
    folder = os.environ.get(SCREENSHOT_DIR_ENV)
    if folder:
        assert picture.save(str(Path(folder) / name))


def open_window(qtbot: QtBot, counter: SeededCounter, **options: object) -> MainWindow:
    window = MainWindow(counter.ctx, counter.sales, screen_factories(), **options)  # type: ignore[arg-type]
    show_active(qtbot, window)
    return window


def billing_of(window: MainWindow) -> BillingScreen:
    screen = window.screen_for(ScreenId.BILLING)
    assert isinstance(screen, BillingScreen)
    return screen


def scan(qtbot: QtBot, screen: BillingScreen, code: str) -> None:
    keys(qtbot, screen.scan, code)
    press(qtbot, screen.scan, Qt.Key.Key_Return)


def banner_level(screen: BillingScreen) -> Level | None:
    """Read afresh each time (the banner changes between two looks)."""
    return screen.banner.level


def invoice_count(counter: SeededCounter) -> int:
    with counter.ctx.session() as session:
        return session.scalar(select(func.count()).select_from(Invoice)) or 0


def test_a_new_counter_shows_its_trial_days_left(qtbot: QtBot, counter: SeededCounter) -> None:
    window = open_window(qtbot, counter)
    assert window.licence_label.text() == "Licence: 30 days left (trial)"
    assert window.licence_label.property("level") == "notice"
    screen = billing_of(window)
    assert not screen.licence_panel.isVisibleTo(screen)
    assert not screen.licence_banner.isVisibleTo(screen)
    window.close()


def test_grace_warns_on_the_billing_screen_and_still_bills(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    # The AMC ended five days ago; fifteen days of grace.
    install_test_licence(counter.ctx, valid_until=dt.date(2025, 9, 10), grace_days=15)
    window = open_window(qtbot, counter)
    screen = billing_of(window)
    assert window.licence_label.text() == "Licence ended: 10 days of grace left, renew now"
    assert window.licence_label.property("level") == "warning"
    assert screen.licence_banner.level is Level.WARNING
    warning = screen.licence_banner.text()
    assert "ended on 10-09-2025" in warning
    assert "billing stops after 25-09-2025" in warning
    assert f"Call {SUPPORT}." in warning
    assert not screen.licence_panel.isVisibleTo(screen)
    assert all(shortcut.isEnabled() for shortcut in screen.issue_keys)
    scan(qtbot, screen, "G22-0001")
    assert screen.lines.records.rowCount() == 1
    shoot(window, tmp_path, "counter-licence-grace.png")
    window.close()


def test_lapsed_stops_invoices_with_a_clear_panel_while_the_rest_works(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    # The AMC ended on 1 August; its 15 days of grace ended on 16 August.
    install_test_licence(counter.ctx, valid_until=dt.date(2025, 8, 1), grace_days=15)
    window = open_window(qtbot, counter)
    screen = billing_of(window)
    assert window.licence_label.text() == "Licence lapsed: invoices stopped"
    assert window.licence_label.property("level") == "stopped"
    assert screen.licence_panel.isVisibleTo(screen)
    said = screen.licence_panel.text()
    assert "Invoices cannot be issued on this counter" in said
    assert "The AMC ended on 01-08-2025 and the grace period is over" in said
    assert f"Call {SUPPORT}" in said
    assert "next sync" in said
    assert not any(shortcut.isEnabled() for shortcut in screen.issue_keys)
    assert "F12 issue is off" in screen.help_line.text()

    # The clerk can still scan, take payment and make an estimate, but F12 issues nothing.
    scan(qtbot, screen, "G22-0001")
    scan(qtbot, screen, "G22-0003")
    assert screen.lines.records.rowCount() == 2
    screen.model.add_payment("upi", screen.model.balance().decimal_text())
    before = invoice_count(counter)
    key(qtbot, screen.scan, Qt.Key.Key_F12)
    key(qtbot, screen.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert invoice_count(counter) == before
    assert screen.last_issued is None
    key(qtbot, screen.scan, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert banner_level(screen) is Level.OK
    assert "Estimate" in screen.banner.text()
    assert window.height() <= 800, "the panel must leave the bill room on a 1280x800 screen"
    shoot(window, tmp_path, "counter-licence-lapsed.png")

    # Even called directly, issuing is refused by the service with the reason, nothing written.
    screen.issue()
    assert invoice_count(counter) == before
    assert banner_level(screen) is Level.ERROR
    assert "grace period is over" in screen.banner.text()

    # Other screens work as usual.
    shown: list[ScreenId | None] = []
    key(qtbot, screen.scan, Qt.Key.Key_F5)
    shown.append(window.current)
    key(qtbot, window.screen_for(ScreenId.INVOICES), Qt.Key.Key_F2)
    shown.append(window.current)
    assert shown == [ScreenId.INVOICES, ScreenId.STOCK]
    window.close()


class RenewingHub:
    """A sync round that, once the owner has paid, brings the renewed licence."""

    def __init__(self, counter: SeededCounter) -> None:
        self.counter = counter
        self.paid = threading.Event()
        self.rounds = 0

    def __call__(self) -> RoundResult:
        self.rounds += 1
        if self.paid.is_set():
            renewed = amc_licence(
                self.counter.ctx.shop_id,
                valid_until=dt.date(2026, 8, 31),
                issued_at=SHOP_NOON + dt.timedelta(minutes=5),
            )
            accept_licence(self.counter.ctx, sign_licence(renewed, suite_key()))
        return RoundResult(pending=0, conflicts=0)


def test_a_renewal_brought_by_the_sync_lifts_the_stop_without_a_restart(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    install_test_licence(counter.ctx, valid_until=dt.date(2025, 8, 1), grace_days=15)
    hub = RenewingHub(counter)
    window = open_window(qtbot, counter, sync_round=hub)
    screen = billing_of(window)
    qtbot.waitUntil(lambda: hub.rounds >= 1, timeout=5_000)
    assert screen.licence_panel.isVisibleTo(screen)

    hub.paid.set()
    window.sync.nudge()
    qtbot.waitUntil(lambda: not screen.licence_panel.isVisibleTo(screen), timeout=5_000)
    assert window.licence_label.text() == "Licence: AMC until 31-08-2026"
    assert all(shortcut.isEnabled() for shortcut in screen.issue_keys)
    assert not screen.licence_banner.isVisibleTo(screen)
    window.close()
