"""The base of every form dialog: fields in a column, errors under them, Enter and Esc.

Enter accepts (the primary button is the default), Esc backs out (QDialog's own behaviour), and
`accept` runs the subclass's `submit`, which returns False to keep the dialog open after an error
so the clerk can correct the field that is now outlined in red.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.viewmodels.base import UserMessage, ViewModel
from desktop.ui.widgets.forms import FieldErrors, general_error_label


class FormDialog(QDialog):
    def __init__(
        self, title: str, parent: QWidget | None = None, *, accept_text: str = "OK"
    ) -> None:
        super().__init__(parent)
        self._models: list[ViewModel] = []
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        outer.addWidget(heading)
        self.general_error = general_error_label()
        outer.addWidget(self.general_error)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setVerticalSpacing(6)
        outer.addLayout(self.form)
        self.errors = FieldErrors(self.form, self.general_error)
        self.extra = QVBoxLayout()
        outer.addLayout(self.extra)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.ok_button
        ok.setText(accept_text)
        ok.setProperty("primary", True)
        ok.setAutoDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel (Esc)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        # Made default only now that it is inside the dialog: the dialog then remembers it as
        # its main default and gives the role back whenever another button lets go of it.
        # Set earlier, the first time the OK button lost the focus (a customer found by phone
        # focuses it; the clerk then corrects the address) Enter stopped doing anything.
        ok.setDefault(True)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def show_error(self, message: UserMessage) -> None:
        self.errors.show(message)

    def submit(self) -> bool:
        """Act on the form; False keeps the dialog open (an error is already shown)."""
        return True

    def show_errors_of(self, model: ViewModel) -> None:
        """Show `model`'s refusals in this form while it is open (disconnected on close)."""
        model.error.connect(self.show_error)
        self._models.append(model)

    def done(self, result: int) -> None:
        """Close, and give the keyboard back to the window underneath (a window manager does
        this by itself; the offscreen and some kiosk set-ups do not)."""
        for model in self._models:
            model.error.disconnect(self.show_error)
        self._models.clear()
        super().done(result)
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()

    def accept(self) -> None:
        self.errors.clear()
        if self.submit():
            super().accept()
