"""Change a bill line's making charge or discount, within what the clerk's role allows.

The limit is the service's to enforce; a refusal (e.g. a salesperson's discount beyond the
shop's limit) appears under the field and nothing on the bill changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.services.billing import BillLine
from desktop.ui.viewmodels.billing import BillingViewModel
from desktop.ui.viewmodels.stock import MAKING_MODES
from desktop.ui.widgets.dialog import FormDialog


class LineEditDialog(FormDialog):
    def __init__(
        self, model: BillingViewModel, index: int, line: BillLine, parent: QWidget | None = None
    ) -> None:
        piece = line.piece
        name = piece.tag_code if piece else line.draft.description
        super().__init__(f"Adjust {name}", parent, accept_text="Apply (Enter)")
        self.setObjectName("lineEditDialog")
        self.model = model
        self.index = index
        priced = line.priced
        purity = line.draft.purity.label if line.draft.purity else ""
        about = QLabel(
            f"{line.draft.description} · {purity} · net {line.draft.net_weight.format()}"
            f"\nMaking now {priced.making_value.format()} · value {priced.taxable_value.format()}"
        )
        about.setProperty("role", "muted")
        self.form.addRow(about)
        self.making_mode = QComboBox()
        self.making_mode.setObjectName("makingMode")
        for value, label in MAKING_MODES:
            self.making_mode.addItem(label, value)
        mode = piece.making_mode if piece else (line.draft.making.mode if line.draft.making else "")
        self.making_mode.setCurrentIndex(max(self.making_mode.findData(str(mode)), 0))
        self.errors.add_row("Making charged as", "making_mode", self.making_mode)
        self.making = QLineEdit()
        self.making.setObjectName("making")
        self.making.setPlaceholderText("leave empty to keep the tag's making")
        self.errors.add_row("Making", "making", self.making)
        self.discount = QLineEdit(priced.discount.decimal_text() if priced.discount else "")
        self.discount.setObjectName("discount")
        self.discount.setPlaceholderText("₹ off this line")
        self.errors.add_row("Discount ₹", "discount", self.discount)
        self.show_errors_of(self.model)
        self.making.setFocus()

    def submit(self) -> bool:
        if self.making.text().strip() and not self.model.set_making(
            self.index, str(self.making_mode.currentData()), self.making.text()
        ):
            return False
        return self.model.set_discount(self.index, self.discount.text())
