"""The status bar's sync part: what the background sync reports, shown without blocking."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.screens.registry import screen_factories
from sync.http_transport import HubUnreachable
from sync.runner import RoundResult
from tests.gui.driver import show_active
from tests.gui.seed import SeededCounter


class FakeHub:
    """Stands in for a sync round: reports, or fails as an unreachable hub would."""

    def __init__(self) -> None:
        self.rounds = 0
        self.reachable = True
        self.called = threading.Event()

    def __call__(self) -> RoundResult:
        self.rounds += 1
        self.called.set()
        if not self.reachable:
            raise HubUnreachable("the hub could not be reached")
        return RoundResult(pending=2, conflicts=1)


def test_a_standalone_counter_says_it_is_not_linked(qtbot: QtBot, counter: SeededCounter) -> None:
    window = MainWindow(counter.ctx, counter.owner, screen_factories())
    show_active(qtbot, window)
    assert "Not linked to a hub" in window.sync_label.text()
    window.close()


def test_online_pending_and_conflicts_reach_the_status_bar(
    qtbot: QtBot, counter: SeededCounter
) -> None:
    hub = FakeHub()
    window = MainWindow(counter.ctx, counter.owner, screen_factories(), sync_round=hub)
    show_active(qtbot, window)
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Online"), timeout=5000)
    text = window.sync_label.text()
    assert "2 waiting" in text
    assert "1 conflict: see the hub" in text
    hub.reachable = False
    hub.called.clear()
    window.sync.nudge()  # as after an issued invoice
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Offline"), timeout=5000)
    assert hub.rounds >= 2
    window.close()
    assert window.sync.runner is None
