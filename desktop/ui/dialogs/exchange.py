"""An old-gold exchange line: purity, net weight, deduction %, and the buying rate.

Left empty, the rate is today's purchase rate for the purity (set on the Rates screen); the
voucher value is the kernel's (weight × rate × (1 − deduction %), rounded as DOMAIN.md says).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.ui.viewmodels.billing import BillingViewModel
from desktop.ui.widgets.dialog import FormDialog
from shared.purity import Metal, default_catalogue


class ExchangeDialog(FormDialog):
    def __init__(self, model: BillingViewModel, parent: QWidget | None = None) -> None:
        super().__init__("Old gold exchange", parent, accept_text="Add (Enter)")
        self.setObjectName("exchangeDialog")
        self.model = model
        self.purity = QComboBox()
        self.purity.setObjectName("purity")
        self.purity.setEditable(True)
        for grade in default_catalogue().for_metal(Metal.GOLD):
            self.purity.addItem(grade.label, grade.label)
        self.purity.setCurrentText("22K916")
        self.errors.add_row("Purity", "purity", self.purity)
        self.weight = QLineEdit()
        self.weight.setObjectName("netWeight")
        self.weight.setPlaceholderText("grams, e.g. 8.250")
        self.errors.add_row("Net weight (g)", "net_weight", self.weight)
        self.deduction = QLineEdit()
        self.deduction.setObjectName("deduction")
        self.deduction.setPlaceholderText("e.g. 2")
        self.errors.add_row("Deduction %", "deduction_percent", self.deduction)
        self.rate = QLineEdit()
        self.rate.setObjectName("rate")
        self.rate.setPlaceholderText("empty = today's purchase rate")
        self.errors.add_row("Rate ₹/g", "rate", self.rate)
        self.show_errors_of(self.model)
        self.weight.setFocus()

    def submit(self) -> bool:
        return self.model.add_exchange(
            self.purity.currentText(), self.weight.text(), self.deduction.text(), self.rate.text()
        )
