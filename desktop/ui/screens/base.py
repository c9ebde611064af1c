"""What every screen has: a title row, a banner for messages, and `activate` to refresh it and
put the focus where the clerk will type first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.widgets.banner import Banner, Level


class Screen(QWidget):
    title = ""
    records_written = Signal()
    """A document was issued (invoice, credit note): the background sync should run soon."""

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(14, 10, 14, 10)
        self.header = QHBoxLayout()
        heading = QLabel(self.title)
        heading.setProperty("role", "title")
        self.header.addWidget(heading)
        self.header.addStretch(1)
        self.layout_.addLayout(self.header)
        self.banner = Banner()
        self.banner.setObjectName("screenBanner")
        self.layout_.addWidget(self.banner)

    def activate(self) -> None:
        """Called each time the screen is shown: refresh its data and place the focus."""
        self.refresh()
        target = self.focus_target()
        if target is not None:
            target.setFocus()

    def refocus(self, widget: QWidget | None = None) -> None:
        """Back from a dialog: make this window active again and put the focus in `widget`
        (or the screen's first field), so the next key goes where the clerk expects."""
        self.window().activateWindow()
        target = widget or self.focus_target()
        if target is not None:
            target.setFocus()

    def refresh(self) -> None:
        """Reload what the screen shows (subclasses)."""

    def focus_target(self) -> QWidget | None:
        return None

    def show_error(self, message: UserMessage) -> None:
        self.banner.show_message(message.text, Level.ERROR)

    def show_ok(self, text: str) -> None:
        self.banner.show_message(text, Level.OK)
