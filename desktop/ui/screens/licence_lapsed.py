"""The panel the billing screen shows when invoices stop: why, whom to call, what still works.

A full-width block above the bill rather than a dialog: nothing blocks the keyboard, the clerk
can still scan pieces for an estimate, and every other screen (F2-F7) works as usual.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.licensing.policy import LicenceStatus
from desktop.ui.theme import ERROR, ERROR_BG

STILL_WORKS: Final = (
    "Estimates (Ctrl+E), reprints and returns (F5), the day book and exports (F6) and sync "
    "keep working; every record stays readable."
)


class LicenceStopPanel(QFrame):
    """Hidden until `show_status` is given a status that stops invoices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licencePanel")
        self.setStyleSheet(
            f"QFrame#licencePanel {{ background: {ERROR_BG}; border: 2px solid {ERROR}; "
            "border-radius: 6px; }"
            f"QLabel {{ background: transparent; color: {ERROR}; }}"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(4)
        top = QHBoxLayout()
        self.title = QLabel("Invoices cannot be issued on this counter")
        self.title.setObjectName("licenceTitle")
        self.call = QLabel()
        self.call.setObjectName("licenceCall")
        for label, bigger in ((self.title, 5), (self.call, 3)):
            font = label.font()
            font.setPointSize(font.pointSize() + bigger)
            font.setBold(True)
            label.setFont(font)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.call)
        column.addLayout(top)
        self.reason = QLabel()
        self.reason.setObjectName("licenceReason")
        self.next_step = QLabel()
        self.next_step.setObjectName("licenceNextStep")
        for label in (self.reason, self.next_step):
            label.setWordWrap(True)
            column.addWidget(label)
        self.setVisible(False)

    def show_status(self, status: LicenceStatus) -> None:
        if status.may_issue:
            self.setVisible(False)
            return
        self.reason.setText(status.reason())
        self.call.setText(f"Call {status.contact}")
        self.next_step.setText(f"{status.next_step()} {STILL_WORKS}")
        self.setVisible(True)

    def text(self) -> str:
        """Everything the panel says (tests and screen readers)."""
        return "\n".join(
            label.text() for label in (self.title, self.call, self.reason, self.next_step)
        )
