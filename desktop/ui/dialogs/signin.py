"""The sign-in dialog: user name and PIN or password, Enter to sign in, Esc to quit.

A wrong PIN clears the PIN field and says so under it; the failure is audited by the service.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.services.actor import Actor
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.signin import SignInViewModel
from desktop.ui.widgets.dialog import FormDialog


class SignInDialog(FormDialog):
    def __init__(
        self, model: SignInViewModel, shop_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("Sign in", parent, accept_text="Sign in (Enter)")
        self.setObjectName("signInDialog")
        self.model = model
        self.actor: Actor | None = None
        shop = QLabel(shop_name)
        shop.setProperty("role", "muted")
        self.form.addRow(shop)
        self.username = QComboBox()
        self.username.setObjectName("username")
        self.username.setEditable(True)
        self.username.addItems(model.usernames())
        self.errors.add_row("User", "username", self.username)
        self.secret = QLineEdit()
        self.secret.setObjectName("secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText("PIN or password")
        self.errors.add_row("PIN / password", "secret", self.secret)
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("Quit (Esc)")
        model.error.connect(self._refused)
        self.secret.setFocus()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        (self.secret if self.username.currentText() else self.username).setFocus()

    def _refused(self, message: UserMessage) -> None:
        self.secret.clear()
        self.show_error(message)
        if message.field != "username":
            self.secret.setFocus()

    def submit(self) -> bool:
        self.actor = self.model.sign_in(self.username.currentText(), self.secret.text())
        return self.actor is not None
