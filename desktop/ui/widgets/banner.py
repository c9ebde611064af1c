"""A full-width message strip: red when something stops the sale, amber to warn, green when done.

A status-bar message is too easy to miss at a busy counter; the banner sits above the work and
stays until the state it reports changes.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QLabel, QWidget


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OK = "ok"


class Banner(QLabel):
    """Hidden until `show_message`; `clear_message` hides it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setContentsMargins(10, 6, 10, 6)
        self.setVisible(False)

    def show_message(self, text: str, level: Level = Level.ERROR) -> None:
        self.setProperty("banner", level.value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setVisible(True)

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)

    @property
    def level(self) -> Level | None:
        value = self.property("banner")
        return Level(value) if not self.isHidden() and value else None
