"""Connect to hub: the hub's address and the owner's one-time code, then the shop comes down.

Enter submits, Esc cancels. The enrolment talks to the network, so it runs off the window's
thread (`BackgroundTask`) while the form is locked and a progress line says what is happening;
Esc is ignored until the hub has answered, because walking away from a half-done enrolment would
leave the owner guessing whether the code was spent. A refusal is shown in the dialog under the
field to change, and nothing is stored; success shows the terminal's series and what was
downloaded, and warns when the secret had to go to a file because the PC has no keyring.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton, QWidget

from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.enrol import (
    CODE_EXAMPLE,
    CODE_FIELD,
    HUB_FIELD,
    EnrolResult,
    EnrolViewModel,
)
from desktop.ui.widgets.background import BackgroundTask
from desktop.ui.widgets.dialog import FormDialog

WARNING_STYLE = "color: #9a6700; font-weight: bold;"


class EnrolDialog(FormDialog):
    """Accepted once the counter is linked; `enrolled` then says to which terminal and series."""

    def __init__(self, model: EnrolViewModel, parent: QWidget | None = None) -> None:
        super().__init__("Connect to hub", parent, accept_text="Connect (Enter)")
        self.setObjectName("enrolDialog")
        self.setMinimumWidth(560)
        self.model = model
        self.enrolled: EnrolResult | None = None
        self.task: BackgroundTask[EnrolResult] | None = None
        self.show_errors_of(model)
        intro = QLabel(
            "The owner makes a one-time code on the hub's Terminals page. This counter then "
            "joins the shop and downloads its profile, staff, rates and stock."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.form.insertRow(0, intro)
        self.hub_url = QLineEdit()
        self.hub_url.setObjectName(HUB_FIELD)
        self.hub_url.setPlaceholderText("https://hub.example.in")
        self.errors.add_row("Hub address", HUB_FIELD, self.hub_url)
        self.code = QLineEdit()
        self.code.setObjectName(CODE_FIELD)
        self.code.setPlaceholderText(CODE_EXAMPLE)
        self.code.setMaxLength(40)
        self.errors.add_row("One-time code", CODE_FIELD, self.code)
        self.progress_line = QLabel()
        self.progress_line.setObjectName("enrolProgress")
        self.progress_line.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setObjectName("enrolOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel()
        self.warning.setObjectName("enrolWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        for extra in (self.progress_line, self.outcome, self.warning):
            extra.setVisible(False)
            self.extra.addWidget(extra)
        refusal = model.blocked()
        if refusal is not None:
            self._refuse_here(refusal)
        else:
            self.hub_url.setFocus()

    def show_error(self, message: UserMessage) -> None:
        """Under its field, with the dialog grown to show all of it (the words can be long)."""
        super().show_error(message)
        self._fit()

    def _fit(self) -> None:
        """Shrink or grow to what is shown now (rows were hidden, or a long message appeared)."""
        layout = self.layout()
        if layout is None:
            return
        layout.invalidate()
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width())  # wrapped labels: height for width
        self.resize(self.width(), wanted if wanted > 0 else self.sizeHint().height())

    def _refuse_here(self, refusal: UserMessage) -> None:
        """This folder cannot be enrolled: say why instead of the form, leave Esc to close."""
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, False)
        for widget in (self.hub_url, self.code, self.ok_button):
            widget.setEnabled(False)
        self.ok_button.setVisible(False)
        self.show_error(refusal)
        self.cancel_button().setText("Close (Esc)")
        self.cancel_button().setFocus()

    def cancel_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    @property
    def working(self) -> bool:
        return self.task is not None and not self.task.done

    def accept(self) -> None:
        if self.enrolled is not None:
            super().done(self.DialogCode.Accepted)
            return
        if self.working:
            return
        super().accept()

    def reject(self) -> None:
        if self.working:
            return
        super().reject()

    def submit(self) -> bool:
        """Check the form and start the enrolment; the dialog stays open until it answers."""
        form = self.model.prepare(self.hub_url.text(), self.code.text())
        if form is None:
            return False
        self._lock(True, f"Joining the shop on {form.hub_url} and downloading its data…")
        self.task = BackgroundTask(
            self, "Connecting to the hub", self.model.work(form), self._done, self._failed
        )
        return False

    def _lock(self, busy: bool, line: str = "") -> None:
        for widget in (self.hub_url, self.code, self.ok_button, self.cancel_button()):
            widget.setEnabled(not busy)
        self.progress_line.setText(line)
        self.progress_line.setVisible(busy)

    def _failed(self, error: Exception) -> None:
        self._lock(False)
        self.show_error(self.model.explain(error))

    def _done(self, result: EnrolResult) -> None:
        self._lock(False)
        self.enrolled = result
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, False)
        downloaded = (
            f"Downloaded from the hub: {result.changes_pulled} records of the shop's data."
            if result.changes_pulled is not None
            else "The first download did not finish "
            f"({result.pull_problem or 'the link broke off'}); the background sync completes it."
        )
        self.outcome.setText(
            f"This counter is now “{result.terminal_name}” of {result.shop_name}.\n\n"
            f"Invoice series: {result.invoice_series}   ·   credit notes: "
            f"{result.credit_note_series}   ·   old-gold vouchers: {result.voucher_series}\n"
            f"{downloaded}\n"
            f"Hub: {result.hub_url}\n\n"
            "The background sync runs while the counter's window is open; the status bar shows "
            "when it last synced."
        )
        self.outcome.setVisible(True)
        if result.secret_warning:
            self.warning.setText(
                f"Warning: {result.secret_warning[:1].upper()}{result.secret_warning[1:]}."
            )
            self.warning.setVisible(True)
        self.ok_button.setText("Done (Enter)")
        self.ok_button.setFocus()
        self.cancel_button().setVisible(False)
        self._fit()
