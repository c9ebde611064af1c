"""Rates, customers, the day book and settings by keyboard, and the main window's F-keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services.customers import search_customers
from desktop.services.rates import current_rates
from desktop.ui.keys import SCREEN_KEYS, ScreenId
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.daybook import DayBookScreen
from desktop.ui.screens.rates import RatesScreen
from desktop.ui.screens.registry import screen_factories
from desktop.ui.screens.settings import SettingsScreen
from tests.gui.driver import DialogDriver, child, key, keys, press, show_active
from tests.gui.seed import SeededCounter, sell


def test_function_keys_switch_screens_and_focus_lands_in_the_field(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    window = MainWindow(counter.ctx, counter.sales, screen_factories())
    show_active(qtbot, window)
    assert window.current is ScreenId.BILLING
    for screen_key in SCREEN_KEYS:
        key(qtbot, window.focusWidget() or window, screen_key.key)
        assert window.current is screen_key.screen
        focused = window.focusWidget()
        assert focused is not None
        assert window.screens[screen_key.screen].isAncestorOf(focused)
    assert "Asha Rao" in window.user_label.text()
    assert "Today's rates set" in window.rates_label.text()


def test_rates_are_entered_by_keyboard_and_bad_text_is_refused(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    screen = RatesScreen(counter.ctx, counter.owner)
    show_active(qtbot, screen)
    screen.activate()
    assert screen.rate.hasFocus()
    keys(qtbot, screen.rate, "7,3x0")
    press(qtbot, screen.rate, Qt.Key.Key_Return)
    assert screen.entry_error.isVisibleTo(screen)
    screen.purity.setCurrentText("18K750")
    screen.rate.clear()
    keys(qtbot, screen.rate, "5,950.00")
    press(qtbot, screen.rate, Qt.Key.Key_Return)
    assert not screen.entry_error.isVisibleTo(screen)
    labels = {(r.label, r.kind): r.rate.value for r in current_rates(counter.ctx)}
    assert labels[("gold 18K750", "sale")] == 5_950_00
    assert any(r.label == "gold 18K750" for r in screen.history.records.rows)


def test_sales_cannot_set_rates(qtbot: QtBot, counter: SeededCounter) -> None:
    screen = RatesScreen(counter.ctx, counter.sales)
    show_active(qtbot, screen)
    screen.activate()
    keys(qtbot, screen.rate, "7000")
    press(qtbot, screen.rate, Qt.Key.Key_Return)
    assert screen.entry_error.isVisibleTo(screen)
    assert "owner" in screen.entry_error.text().lower()


def test_customers_are_created_and_found(qtbot: QtBot, counter: SeededCounter) -> None:
    window = MainWindow(counter.ctx, counter.owner, screen_factories())
    show_active(qtbot, window)
    window.show_screen(ScreenId.CUSTOMERS)
    screen = window.screens[ScreenId.CUSTOMERS]

    def create(dialog: QDialog) -> None:
        for name, text in (("phone", "9123456780"), ("name", "Kiran Patil"), ("pan", "abcpk1234q")):
            field = child(dialog, name)
            assert isinstance(field, QLineEdit)
            keys(qtbot, field, text)
        key(qtbot, child(dialog, "pan"), Qt.Key.Key_Return)

    driver = DialogDriver().then(create)
    key(qtbot, window.focusWidget() or screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    found = search_customers(counter.ctx, "Kiran")
    assert [c.pan for c in found] == ["ABCPK1234Q"]
    assert "Kiran Patil" in screen.banner.text()


def test_day_book_shows_the_day_and_exports_csv(
    qtbot: QtBot, counter: SeededCounter, tmp_path: Path
) -> None:
    number = sell(counter, "G22-0001", mode="card")
    screen = DayBookScreen(counter.ctx, counter.owner)
    show_active(qtbot, screen)
    screen.activate()
    assert [i.number for i in screen.invoices.records.rows] == [number]
    assert screen.figures["invoice_count"].text() == "1"
    assert (
        screen.figures["grand_total"].text() == screen.invoices.records.rows[0].grand_total.format()
    )
    assert "audit hash" in screen.audit.text()
    target = tmp_path / "day.csv"

    def export(dialog: QDialog) -> None:
        kind = child(dialog, "exportKind")
        kind.setCurrentIndex(kind.findData("csv"))  # type: ignore[attr-defined]
        path = child(dialog, "path")
        assert isinstance(path, QLineEdit)
        path.clear()
        keys(qtbot, path, str(target))
        key(qtbot, path, Qt.Key.Key_Return)

    driver = DialogDriver().then(export)
    press(qtbot, screen.day, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    driver.stop()
    assert number in target.read_text(encoding="utf-8")


def test_settings_hide_owner_sections_from_sales(qtbot: QtBot, counter: SeededCounter) -> None:
    owner_view = SettingsScreen(counter.ctx, counter.owner)
    sales_view = SettingsScreen(counter.ctx, counter.sales)
    for screen in (owner_view, sales_view):
        qtbot.addWidget(screen)
    owner_tabs = [owner_view.tabs.tabText(i) for i in range(owner_view.tabs.count())]
    sales_tabs = [sales_view.tabs.tabText(i) for i in range(sales_view.tabs.count())]
    assert "Shop" in owner_tabs
    assert "Staff" in owner_tabs
    assert "Shop" not in sales_tabs
    assert "Staff" not in sales_tabs


def test_backup_now_runs_in_the_background(qtbot: QtBot, counter: SeededCounter) -> None:
    screen = SettingsScreen(counter.ctx, counter.owner)
    show_active(qtbot, screen)
    screen.tabs.setCurrentIndex(screen.tabs.count() - 1)
    before = len(screen.model.backups())
    press(qtbot, screen.tabs.currentWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert screen.task is not None
    qtbot.waitUntil(lambda: screen.task is not None and screen.task.done, timeout=10_000)
    assert "Backup written" in screen.banner.text()
    assert len(screen.model.backups()) == before + 1
