"""First run on a new data folder: the shop's profile, this terminal's series, and the owner.

Shown instead of sign-in when the folder holds no shop; the same step as
`boolagold counter init`, validated by the same service. A shop that already runs on the hub
joins instead (Ctrl+J): the hub's one-time code brings the shop, its staff, rates and stock, and
this terminal's own series, so nothing is typed twice.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.services.context import CounterContext
from desktop.services.setup import OwnerSetup, ShopProfile, TerminalSetup, initialise
from desktop.ui.dialogs.enrol import EnrolDialog
from desktop.ui.keys import shortcut
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.enrol import EnrolViewModel
from desktop.ui.widgets.dialog import FormDialog
from shared.errors import InvalidInput
from shared.states import STATES


class FirstRunDialog(FormDialog):
    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__("Set up this counter", parent, accept_text="Create shop (Enter)")
        self.setObjectName("firstRunDialog")
        self.ctx = ctx
        self.edits: dict[str, QLineEdit] = {}
        self.defaults: dict[str, str] = {}
        self._line("name", "Shop name")
        self.address = QPlainTextEdit()
        self.address.setObjectName("address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.errors.add_row("Address", "address", self.address)
        self.state = QComboBox()
        self.state.setObjectName("state_code")
        for code, name in STATES.items():
            self.state.addItem(f"{code} {name}", code)
        self.state.setCurrentIndex(max(self.state.findData("29"), 0))
        self.errors.add_row("State", "state_code", self.state)
        self._line("gstin", "GSTIN", "15 characters (empty if not registered)")
        self._line("phone", "Phone")
        self._line("terminal_name", "This terminal", default="Counter 1")
        self._line("invoice_series", "Invoice series", default="A1")
        self._line("credit_note_series", "Credit-note series", default="C1")
        self._line("voucher_series", "Old-gold voucher series", default="V1")
        self._line("username", "Owner's user name", default="owner")
        self._line("display_name", "Owner's name")
        self._line("secret", "Owner's PIN / password", "PIN of 4+ digits")
        self.edits["secret"].setEchoMode(QLineEdit.EchoMode.Password)
        self.join_button = self.buttons.addButton(
            "Join a shop on the hub… (Ctrl+J)", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.join_button.setObjectName("joinHub")
        self.join_button.setAutoDefault(False)
        self.join_button.clicked.connect(self.join_hub)
        shortcut(self, "Ctrl+J", self.join_hub)
        self.edits["name"].setFocus()

    def join_hub(self) -> None:
        """Enrol this fresh folder with the hub; once linked, the set-up is done."""
        dialog = EnrolDialog(EnrolViewModel(self.ctx), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self.ctx.is_initialised:
            self.done(QDialog.DialogCode.Accepted)

    def _line(self, name: str, label: str, hint: str = "", *, default: str = "") -> None:
        """A field; with `default`, an empty field means that value (shown as the hint)."""
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(default or hint)
        if default:
            self.defaults[name] = default
        self.edits[name] = edit
        self.errors.add_row(label, name, edit)

    def _text(self, name: str) -> str:
        edit = self.edits[name]
        return edit.text().strip() or self.defaults.get(name, "")

    def submit(self) -> bool:
        try:
            profile = ShopProfile(
                name=self.edits["name"].text(),
                address=self.address.toPlainText(),
                state_code=str(self.state.currentData()),
                gstin=self.edits["gstin"].text().strip().upper() or None,
                phone=self.edits["phone"].text().strip() or None,
            )
            terminal = TerminalSetup(
                name=self._text("terminal_name"),
                invoice_series=self._text("invoice_series").upper(),
                credit_note_series=self._text("credit_note_series").upper(),
                voucher_series=self._text("voucher_series").upper(),
            )
            username = self._text("username")
            owner = OwnerSetup(
                username=username,
                display_name=self.edits["display_name"].text().strip() or username,
                secret=self.edits["secret"].text(),
            )
            initialise(self.ctx, profile, terminal, owner)
        except InvalidInput as refusal:
            self.show_error(UserMessage.from_error(refusal))
            return False
        return True
