"""A sales return: tick the pieces that come back (Space), give a reason, Enter issues the
credit note. The pieces go back into stock; the invoice itself is never changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop.services.invoice_views import InvoiceDetail
from desktop.services.invoices import IssuedCreditNote
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.invoices import InvoicesViewModel
from desktop.ui.widgets.dialog import FormDialog


class SalesReturnDialog(FormDialog):
    def __init__(
        self, model: InvoicesViewModel, detail: InvoiceDetail, parent: QWidget | None = None
    ) -> None:
        number = detail.summary.number
        super().__init__(
            f"Sales return against {number}", parent, accept_text="Issue credit note (Enter)"
        )
        self.setObjectName("salesReturnDialog")
        self.model = model
        self.number = number
        self.issued: IssuedCreditNote | None = None
        hint = QLabel("Space ticks a piece; all ticked pieces come back into stock.")
        hint.setProperty("role", "muted")
        self.form.addRow(hint)
        self.pieces = QListWidget()
        self.pieces.setObjectName("returnPieces")
        for line in detail.lines:
            if line.tag_code is None:
                continue
            parts = (line.tag_code, line.description, line.net.format(), line.taxable.format())
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, line.tag_code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.pieces.addItem(item)
        self.pieces.setCurrentRow(0)
        self.errors.add_row("Pieces", "tag_codes", self.pieces)
        self.reason = QLineEdit("sales return")
        self.reason.setObjectName("reason")
        self.errors.add_row("Reason", "reason", self.reason)
        self.show_errors_of(model)
        self.pieces.setFocus()

    def ticked(self) -> list[str]:
        codes = []
        for row in range(self.pieces.count()):
            item = self.pieces.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return codes

    def submit(self) -> bool:
        codes = self.ticked()
        if self.pieces.count() and not codes:
            self.show_error(UserMessage("Tick at least one piece to return.", "tag_codes"))
            return False
        self.issued = self.model.sales_return(self.number, codes or None, self.reason.text())
        return self.issued is not None
